import { createWriteStream, type WriteStream } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { auditStream, createAuditor, isNoteError } from "../../audit.js";
import { ChartcheckError, EXIT } from "../../common/errors.js";
import { loadConfig } from "../../config/load.js";
import { createExtractor, type ExtractorName } from "../../extract/index.js";
import { parseDate } from "../../text/time.js";
import { readInputs } from "../../ingest/index.js";
import { formatterNames, formatters } from "../../report/index.js";
import { SummaryBuilder, hasFailingDeviations } from "../../report/summary.js";
import { useColor, type CliIO, type OutStream } from "../io.js";
import type { ExitHolder } from "../run.js";

export interface AuditCliOptions {
  format: string;
  output?: string;
  date?: string;
  failOn?: "error" | "warning" | "info" | "none";
  config?: string;
  extractor?: ExtractorName;
  model?: string;
  concurrency?: number;
  cacheDir?: string;
  cache: boolean;
  quiet?: boolean;
}

export function isoDateArg(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : null;
  if (!iso) throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  return iso;
}

export function positiveIntArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

export function registerAudit(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("audit")
    .description("audit notes: files, folders (recursive *.txt), globs, or - for stdin")
    .argument("<inputs...>", "note files, folders, globs, or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(formatterNames()).default("stylish"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--date <YYYY-MM-DD>", "encounter date for every note (overrides dates found in the text)", isoDateArg)
    .addOption(new Option("--fail-on <severity>", "exit 1 when a deviation at or above this severity is found").choices(["error", "warning", "info", "none"]))
    .option("-c, --config <file>", "config file (default: chartcheck.config.json if present)")
    .addOption(new Option("--extractor <name>", "fact extractor").choices(["lexicon", "llm", "hybrid"]))
    .option("--model <model>", "LLM model name (llm/hybrid extractors)")
    .option("--concurrency <n>", "notes in flight at once (llm/hybrid)", positiveIntArg)
    .option("--cache-dir <dir>", "LLM response cache folder")
    .option("--no-cache", "do not read or write the LLM response cache")
    .option("-q, --quiet", "no progress output (errors are still printed)")
    .action(async (inputs: string[], opts: AuditCliOptions) => {
      exit.code = await auditCommand(inputs, opts, io);
    });
}

function openOutput(path: string | undefined, io: CliIO): { out: OutStream; close: () => Promise<void>; toTTY: boolean } {
  if (!path) return { out: io.stdout, close: async () => {}, toTTY: Boolean(io.stdout.isTTY) };
  const ws: WriteStream = createWriteStream(resolve(io.cwd, path));
  return {
    out: ws,
    toTTY: false,
    close: () =>
      new Promise<void>((res, rej) => {
        ws.on("error", rej);
        ws.end(() => res());
      }),
  };
}

export async function auditCommand(inputs: string[], opts: AuditCliOptions, io: CliIO): Promise<number> {
  const { config } = loadConfig(opts.config, io.cwd);
  const formatter = formatters[opts.format];
  if (!formatter) throw new ChartcheckError("USAGE", `unknown format ${opts.format}`);
  const extractorName = opts.extractor ?? config.extractor ?? "lexicon";
  const extractor = createExtractor({
    extractor: extractorName,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    cache: opts.cache,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    config,
    env: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const auditor = createAuditor({ config, extractor, date: opts.date ?? null });
  const failOn = opts.failOn ?? config.failOn ?? "error";
  const { out, close, toTTY } = openOutput(opts.output, io);
  const ctx = {
    pack: auditor.pack,
    color: toTTY && useColor(io.stdout, io.env),
    run: auditor.run,
  };
  const summary = new SummaryBuilder(auditor.rules.map((r) => r.rule.meta.id));
  const items = readInputs(inputs, { cwd: io.cwd, readStdin: () => io.readStdin() });
  out.write(formatter.header(ctx));
  let i = 0;
  const concurrency = opts.concurrency ?? config.llm?.concurrency ?? (extractorName === "lexicon" ? 1 : 4);
  try {
    for await (const r of auditStream(auditor, items, { concurrency })) {
      summary.add(r);
      if (isNoteError(r)) io.stderr.write(`chartcheck: ${r.error.message} [${r.error.code}]\n`);
      out.write(formatter.note(r, i++, ctx));
    }
  } finally {
    await extractor.close?.();
  }
  const s = summary.build();
  out.write(formatter.footer(s, ctx));
  await close();
  if (s.errors > 0) {
    io.stderr.write(`chartcheck: ${s.errors} note(s) could not be audited; ${s.notes} audited\n`);
    return EXIT.ERROR;
  }
  return hasFailingDeviations(s, failOn) ? EXIT.DEVIATIONS : EXIT.OK;
}
