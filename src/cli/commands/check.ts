// PLACEHOLDER: the 'check' command is being written.
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export function registerCheck(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("check")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      io.stderr.write("chartcheck check: not yet available\n");
      exit.code = 2;
    });
}
