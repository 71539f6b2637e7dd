// PLACEHOLDER: the 'serve' command is being written.
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export function registerServe(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("serve")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      io.stderr.write("chartcheck serve: not yet available\n");
      exit.code = 2;
    });
}
