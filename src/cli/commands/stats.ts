// PLACEHOLDER: the 'stats' command is being written.
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export function registerStats(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("stats")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      io.stderr.write("chartcheck stats: not yet available\n");
      exit.code = 2;
    });
}
