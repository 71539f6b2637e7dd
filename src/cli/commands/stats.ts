/**
 * `chartcheck stats REPORT.jsonl [--by FIELD ...]`: adherence per rule (and
 * stratum) with 95% Wilson intervals, insufficient_data kept beside the rate.
 * Error lines in the report are counted and reported, not fatal.
 */
import type { Command } from "commander";
import { Option } from "commander";
import { ChartcheckError, EXIT } from "../../common/errors.js";
import { describeRuns, readReport, RunTally } from "../../eval/read.js";
import { AdherenceBuilder } from "../../stats/adherence.js";
import { renderStats, STATS_FORMATS, type StatsFormat } from "../../stats/format.js";
import { writeTextOutput, type CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export interface StatsCliOptions {
  by: string[];
  format: StatsFormat;
  output?: string;
}

function collectBy(value: string, previous: string[]): string[] {
  const fields = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!fields.length) return previous;
  return [...previous, ...fields.filter((f) => !previous.includes(f))];
}

export function registerStats(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("stats")
    .description("adherence rates per rule with 95% Wilson intervals, optionally stratified")
    .argument("<report>", "report JSONL (audit --format jsonl)")
    .option("--by <field>", "stratify by a metadata field, or month / quarter / year of the encounter date (repeatable, or comma-separated)", collectBy, [])
    .addOption(new Option("-f, --format <format>", "output format").choices([...STATS_FORMATS]).default("table"))
    .option("-o, --output <file>", "write the result to a file instead of stdout")
    .addHelpText(
      "after",
      `
rate = adherent / (adherent + deviation) with a 95% Wilson score interval;
insufficient_data is shown beside it, never folded in. Cells with fewer than
10 notes in the denominator are marked. A note with no encounter date, or
without the metadata field, is in stratum "unknown".`,
    )
    .action(async (report: string, opts: StatsCliOptions) => {
      exit.code = await statsCommand(report, opts, io);
    });
}

export async function statsCommand(report: string, opts: StatsCliOptions, io: CliIO): Promise<number> {
  const builder = new AdherenceBuilder(opts.by);
  const runs = new RunTally();
  const errorIds: string[] = [];
  const ids = new Map<string, number>();
  let duplicates = 0;
  for await (const rec of readReport(report, io.cwd)) {
    if (ids.has(rec.noteId)) duplicates++;
    else ids.set(rec.noteId, rec.line);
    if (rec.kind === "error") {
      errorIds.push(`${rec.noteId} [${rec.code}]`);
      builder.add({ encounterDate: null, metadata: rec.metadata, outcomes: null });
      continue;
    }
    runs.add(rec.run);
    builder.add({ encounterDate: rec.encounterDate, metadata: rec.metadata, outcomes: rec.outcomes });
  }
  const res = builder.build();
  const described = describeRuns(runs);
  const machine = opts.format === "json" || opts.format === "csv";
  // Machine formats keep stdout pure data; what the report said about itself goes to stderr.
  if (machine) for (const l of described.lines) io.stderr.write(`chartcheck stats: run: ${l}\n`);
  if (described.warning) io.stderr.write(`chartcheck stats: warning: ${described.warning}\n`);
  if (res.errors) io.stderr.write(`chartcheck stats: ${res.errors} error line(s) in the report (audit failed); counted in no rate\n`);
  if (duplicates) io.stderr.write(`chartcheck stats: warning: ${duplicates} noteId(s) appear more than once; each line is counted\n`);
  for (const f of res.absentFields) io.stderr.write(`chartcheck stats: warning: no line carries the field "${f}"\n`);
  if (res.notes === 0 && res.errors === 0) throw new ChartcheckError("REPORT_FORMAT", `${report}: no report lines`);
  const out = renderStats(res, opts.format, { file: report, runLines: described.lines, runWarning: described.warning, errorIds });
  await writeTextOutput(io, opts.output, out);
  return EXIT.OK;
}
