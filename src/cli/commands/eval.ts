/**
 * `chartcheck eval --gold GOLD.jsonl REPORT.jsonl`: scores a JSONL report
 * against gold outcomes (deviation P/R/F1 per rule with bootstrap intervals,
 * confusion matrices, accuracy). `--against OTHER.jsonl` instead compares
 * two reports or gold files (Cohen's kappa). Exit 0 on success, 2 on
 * unreadable or malformed files.
 */
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { ChartcheckError, EXIT } from "../../common/errors.js";
import { compareFiles, evaluateReport } from "../../eval/evaluate.js";
import { EVAL_FORMATS, renderAgainst, renderEval, type EvalFormat } from "../../eval/format.js";
import { describeRuns } from "../../eval/read.js";
import type { IntervalMethod } from "../../eval/score.js";
import { writeTextOutput, type CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export interface EvalCliOptions {
  gold?: string;
  against?: string;
  format: EvalFormat;
  errors?: boolean;
  ci: IntervalMethod;
  bootstrap: number;
  seed: number;
  output?: string;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a whole number >= 0");
  return n;
}

export const DEFAULT_BOOTSTRAP = 1000;
export const DEFAULT_SEED = 20261125;

export function registerEval(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("eval")
    .description("score a JSONL report against gold outcomes, or compare two reports / gold files (--against)")
    .argument("[report]", "report JSONL (audit --format jsonl)")
    .option("-g, --gold <file>", "gold annotations JSONL (docs/gold-format.md)")
    .option("--against <file>", "compare with another report or gold file: Cohen's kappa, agreement, disagreements")
    .addOption(new Option("-f, --format <format>", "output format").choices([...EVAL_FORMATS]).default("text"))
    .option("--errors", "list every disagreement (noteId, rule, gold, predicted, gold rationale)")
    .addOption(new Option("--ci <method>", "95% intervals: bootstrap (over notes, all figures) or wilson (precision, recall, accuracy)").choices(["bootstrap", "wilson"]).default("bootstrap"))
    .option("--bootstrap <n>", "bootstrap resamples for 95% intervals (0 = none)", nonNegativeInt, DEFAULT_BOOTSTRAP)
    .option("--seed <n>", "bootstrap seed (same seed, same intervals)", nonNegativeInt, DEFAULT_SEED)
    .option("-o, --output <file>", "write the result to a file instead of stdout")
    .addHelpText(
      "after",
      `
Notes are matched by noteId exactly, else by basename. Gold notes missing from
the report, or whose audit failed, count as wrong for every rule (predicted
"missing"). Report notes not in gold are ignored and listed.
The last line is the summary: deviation-F1 (micro, all note-rule pairs),
macro-F1 (mean per-rule deviation-F1 over rules with a gold or predicted
deviation) and 4-outcome accuracy.`,
    )
    .action(async (report: string | undefined, opts: EvalCliOptions) => {
      exit.code = await evalCommand(report, opts, io);
    });
}

export async function evalCommand(report: string | undefined, opts: EvalCliOptions, io: CliIO): Promise<number> {
  let out: string;
  if (opts.against !== undefined) {
    if (report !== undefined && opts.gold !== undefined) {
      throw new ChartcheckError("USAGE", "eval --against compares two files: give the first as REPORT or as --gold, not both");
    }
    const first = report ?? opts.gold;
    if (first === undefined) throw new ChartcheckError("USAGE", "eval --against OTHER needs a first file (REPORT or --gold FILE)");
    const x = await compareFiles(first, opts.against, io.cwd);
    for (const [label, f] of [["A", x.a], ["B", x.b]] as const) {
      const w = describeRuns(f.runs).warning;
      if (f.kind === "report" && w) io.stderr.write(`chartcheck eval: warning: ${label} (${f.file}): ${w}\n`);
    }
    out = renderAgainst(x, opts.format);
  } else {
    if (opts.gold === undefined) throw new ChartcheckError("USAGE", "eval needs --gold GOLD.jsonl (or --against OTHER.jsonl)");
    if (report === undefined) throw new ChartcheckError("USAGE", "eval needs a REPORT.jsonl to score");
    const r = await evaluateReport(opts.gold, report, io.cwd, { method: opts.ci, iterations: opts.bootstrap, seed: opts.seed });
    const w = describeRuns(r.runs).warning;
    if (w) io.stderr.write(`chartcheck eval: warning: ${report}: ${w}\n`);
    if (r.missing.length || r.errored.length || r.ambiguous.length) {
      io.stderr.write(
        `chartcheck eval: warning: ${r.missing.length + r.ambiguous.length} gold note(s) missing from the report and ${r.errored.length} with audit errors; scored as wrong\n`,
      );
    }
    out = renderEval(r, opts.format, { errors: Boolean(opts.errors) });
  }
  await writeTextOutput(io, opts.output, out);
  return EXIT.OK;
}
