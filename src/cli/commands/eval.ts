// PLACEHOLDER: the 'eval' command is being written.
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export function registerEval(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("eval")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      io.stderr.write("chartcheck eval: not yet available\n");
      exit.code = 2;
    });
}
