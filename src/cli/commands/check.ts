/**
 * `chartcheck check`: one pasted note in (stdin or --file), a readable review
 * out: deviations with the guideline sentence and the note's own words in
 * context, then adherent rules, then what could not be judged and why.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { auditNote, createAuditor } from "../../audit.js";
import { ChartcheckError, EXIT, errorMessage } from "../../common/errors.js";
import { loadConfig } from "../../config/load.js";
import { createExtractor, type ExtractorName } from "../../extract/index.js";
import { decodeNote } from "../../ingest/decode.js";
import { renderReview } from "../../review/render.js";
import { SEVERITY_RANK, type Severity } from "../../rules/types.js";
import { useColor, type CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";
import { isoDateArg } from "./audit.js";

export interface CheckCliOptions {
  file?: string;
  date?: string;
  failOn?: Severity | "none";
  config?: string;
  extractor?: ExtractorName;
  model?: string;
}

export function registerCheck(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("check")
    .description("review one note (paste it on stdin, or --file): deviations first, with the guideline sentence and your words in context")
    .option("--file <file>", "read the note from this file instead of stdin")
    .option("--date <YYYY-MM-DD>", "visit (encounter) date, when the note has none", isoDateArg)
    .addOption(new Option("--fail-on <severity>", "exit 1 when a deviation at or above this severity is found (default: error)").choices(["error", "warning", "info", "none"]))
    .option("-c, --config <file>", "config file (default: chartcheck.config.json if present)")
    .addOption(new Option("--extractor <name>", "fact extractor (default: lexicon, offline)").choices(["lexicon", "llm", "hybrid"]))
    .option("--model <model>", "LLM model name (llm/hybrid extractors)")
    .action(async (opts: CheckCliOptions) => {
      exit.code = await checkCommand(opts, io);
    });
}

async function readNote(opts: CheckCliOptions, io: CliIO): Promise<{ id: string; bytes: Uint8Array }> {
  if (opts.file) {
    try {
      return { id: opts.file, bytes: await readFile(resolve(io.cwd, opts.file)) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new ChartcheckError("INPUT_NOT_FOUND", `${opts.file}: file not found`);
      throw new ChartcheckError("INPUT_UNREADABLE", `${opts.file}: cannot read (${code ?? errorMessage(err)})`);
    }
  }
  if (io.stdinIsTTY) io.stderr.write("Paste a note, then press Ctrl-D on a new line (or use --file NOTE.txt).\n");
  return { id: "stdin", bytes: await io.readStdin() };
}

export async function checkCommand(opts: CheckCliOptions, io: CliIO): Promise<number> {
  const { config } = loadConfig(opts.config, io.cwd);
  const extractor = createExtractor({
    extractor: opts.extractor ?? config.extractor ?? "lexicon",
    ...(opts.model ? { model: opts.model } : {}),
    config,
    env: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  try {
    const auditor = createAuditor({ config, extractor, date: opts.date ?? null });
    const { id, bytes } = await readNote(opts, io);
    let text: string;
    try {
      text = decodeNote(bytes);
    } catch (err) {
      if (err instanceof ChartcheckError) throw new ChartcheckError(err.code, `${id}: ${err.message}`);
      throw err;
    }
    let report;
    try {
      report = await auditNote(auditor, { id, text });
    } catch (err) {
      if (err instanceof ChartcheckError) throw new ChartcheckError(err.code, `${id}: ${err.message}`, { cause: err });
      throw err;
    }
    const columns = (io.stdout as { columns?: number }).columns;
    io.stdout.write(
      renderReview(report, text, auditor.pack, {
        color: useColor(io.stdout, io.env),
        ...(typeof columns === "number" && columns > 0 ? { width: columns } : {}),
      }),
    );
    const failOn = opts.failOn ?? config.failOn ?? "error";
    if (failOn === "none") return EXIT.OK;
    const failing = report.results.some((r) => r.outcome === "deviation" && SEVERITY_RANK[r.severity] >= SEVERITY_RANK[failOn]);
    return failing ? EXIT.DEVIATIONS : EXIT.OK;
  } finally {
    await extractor.close?.();
  }
}
