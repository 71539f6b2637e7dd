/**
 * CLI wiring (commander). `run` returns an exit code and never calls
 * process.exit: 0 clean, 1 deviations at or above --fail-on, 2 usage,
 * config or input errors.
 */
import { Command, CommanderError } from "commander";
import { ChartcheckError, EXIT, errorMessage } from "../common/errors.js";
import { VERSION } from "../version.js";
import { registerAudit } from "./commands/audit.js";
import { registerCheck } from "./commands/check.js";
import { registerEval } from "./commands/eval.js";
import { registerRules } from "./commands/rules.js";
import { registerServe } from "./commands/serve.js";
import { registerStats } from "./commands/stats.js";
import type { CliIO } from "./io.js";

/** Each command sets the exit code it wants through this holder. */
export interface ExitHolder {
  code: number;
}

export function buildProgram(io: CliIO, exit: ExitHolder): Command {
  const program = new Command()
    .name("chartcheck")
    .description("Audit clinical notes against clinical guidelines, with evidence from the note for every outcome.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run with --help for usage)");
  registerAudit(program, io, exit);
  registerRules(program, io, exit);
  registerEval(program, io, exit);
  registerStats(program, io, exit);
  registerCheck(program, io, exit);
  registerServe(program, io, exit);
  return program;
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const exit: ExitHolder = { code: EXIT.OK };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exitCode 0; parse errors were already printed.
      return err.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    if (err instanceof ChartcheckError) {
      io.stderr.write(`chartcheck: ${err.message}\n`);
      return EXIT.ERROR;
    }
    io.stderr.write(`chartcheck: unexpected error: ${errorMessage(err)}\n${err instanceof Error && err.stack ? `${err.stack}\n` : ""}`);
    return EXIT.ERROR;
  }
}
