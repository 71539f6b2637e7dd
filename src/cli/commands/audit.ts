import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm, truncate } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { createAuditor, type NoteOutcome } from "../../audit.js";
import { ChartcheckError, EXIT } from "../../common/errors.js";
import { loadConfig } from "../../config/load.js";
import { createExtractor, type ExtractorName } from "../../extract/index.js";
import { INPUT_FORMATS, planInputs, readInputs, type IngestItem, type InputFormat } from "../../ingest/index.js";
import { readResumeState, type ResumeState } from "../../ingest/resume.js";
import { auditFormatted, defaultJobs } from "../../parallel/index.js";
import { formatterNames, formatters, RESUMABLE_FORMATS } from "../../report/index.js";
import { SummaryBuilder, hasFailingDeviations } from "../../report/summary.js";
import type { FormatContext } from "../../report/types.js";
import { parseDate } from "../../text/time.js";
import { useColor, type CliIO, type OutStream } from "../io.js";
import { Progress } from "../progress.js";
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
  inputFormat?: InputFormat;
  idField?: string;
  textField?: string;
  dateField?: string;
  jobs?: number;
  resume?: boolean;
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
    .description("audit notes: text files, folders, globs, - for stdin, JSONL/CSV exports, FHIR DocumentReference JSON")
    .argument("<inputs...>", "note files, folders, globs, exports (.jsonl/.ndjson/.csv/.json), or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(formatterNames()).default("stylish"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--date <YYYY-MM-DD>", "encounter date for every note (overrides dates found in the text)", isoDateArg)
    .addOption(new Option("--fail-on <severity>", "exit 1 when a deviation at or above this severity is found").choices(["error", "warning", "info", "none"]))
    .option("-c, --config <file>", "config file (default: chartcheck.config.json if present)")
    .addOption(
      new Option("--input-format <format>", "how inputs are read; auto: by extension (.jsonl/.ndjson, .csv, .json = FHIR, else text)")
        .choices([...INPUT_FORMATS])
        .default("auto"),
    )
    .option("--id-field <name>", "JSONL/CSV field holding the note id (default: id; else <file>:<line> / <file>:row<N>)")
    .option("--text-field <name>", "JSONL/CSV field holding the note text (default: text)")
    .option("--date-field <name>", "JSONL/CSV field holding the encounter date, YYYY-MM-DD or MM/DD/YYYY (default: date)")
    .option("-j, --jobs <n>", "worker threads for the lexicon extractor (default: CPUs, at most 4; 1 = in-process)", positiveIntArg)
    .option("--resume", "continue an interrupted run: skip notes already in --output (jsonl or csv) and append")
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

/** An output sink with backpressure and error capture. */
interface Sink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
  toTTY: boolean;
}

/**
 * File sink: small note chunks are coalesced into ~256 KB writes (one fs
 * write per few dozen notes instead of one per note), and each write waits
 * for 'drain' when the stream asks for it, so memory stays bounded.
 */
function streamSink(ws: WriteStream): Sink {
  let failure: Error | null = null;
  ws.on("error", (err) => {
    failure = err;
  });
  const check = () => {
    if (failure) throw new ChartcheckError("INPUT_UNREADABLE", `cannot write ${String(ws.path)}: ${(failure as NodeJS.ErrnoException).code ?? failure.message}`);
  };
  let pending = "";
  const flush = async () => {
    check();
    if (!pending) return;
    const chunk = pending;
    pending = "";
    if (!ws.write(chunk)) {
      await new Promise<void>((res) => {
        const done = () => {
          ws.off("drain", done);
          ws.off("error", done);
          res();
        };
        ws.on("drain", done);
        ws.on("error", done);
      });
    }
    check();
  };
  return {
    toTTY: false,
    async write(chunk) {
      pending += chunk;
      if (pending.length >= 256 * 1024) await flush();
    },
    close: async () => {
      await flush();
      await new Promise<void>((res, rej) => {
        if (failure) return rej(failure);
        ws.once("error", rej);
        ws.end(() => res());
      });
    },
  };
}

/** Writes to an injected stream; waits for 'drain' when it is a real Node stream that asks for it. */
function outStreamSink(out: OutStream): Sink {
  const emitter = out as OutStream & { once?: unknown };
  return {
    toTTY: Boolean(out.isTTY),
    async write(chunk) {
      if (!chunk) return;
      const ok = out.write(chunk);
      if (ok === false && typeof emitter.once === "function") await once(out as unknown as NodeJS.EventEmitter, "drain");
    },
    close: async () => {},
  };
}

/** Collects metadata keys (first-seen order) from the first records, for CSV columns. */
async function peekMetadataColumns(
  items: AsyncIterable<IngestItem>,
  max = 100,
): Promise<{ columns: string[]; items: AsyncIterable<IngestItem> }> {
  const it = items[Symbol.asyncIterator]();
  const head: IngestItem[] = [];
  const keys = new Set<string>();
  let ended = false;
  while (head.length < max) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    head.push(n.value);
    const meta = n.value.ok ? n.value.note.metadata : n.value.failure.metadata;
    for (const k of Object.keys(meta ?? {})) keys.add(k);
  }
  async function* replay(): AsyncGenerator<IngestItem> {
    yield* head;
    if (ended) return;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  return { columns: [...keys], items: replay() };
}

async function* skipDone(items: AsyncIterable<IngestItem>, done: Set<string>, onSkip: () => void): AsyncGenerator<IngestItem> {
  for await (const item of items) {
    if (done.has(item.ok ? item.note.id : item.failure.id)) {
      onSkip();
      continue;
    }
    yield item;
  }
}

export async function auditCommand(inputs: string[], opts: AuditCliOptions, io: CliIO): Promise<number> {
  const formatter = formatters[opts.format];
  if (!formatter) throw new ChartcheckError("USAGE", `unknown format ${opts.format}`);
  if (opts.resume) {
    if (!opts.output) throw new ChartcheckError("USAGE", "--resume needs --output <file>: it continues the run that was writing that file");
    if (!RESUMABLE_FORMATS.includes(opts.format)) {
      throw new ChartcheckError(
        "USAGE",
        `--resume works with --format jsonl or csv only: ${opts.format} output is one document whose summary covers the whole run, so it cannot be appended to. Resume a jsonl run instead, or run again without --resume`,
      );
    }
  }
  const { config } = loadConfig(opts.config, io.cwd);
  const extractorName = opts.extractor ?? config.extractor ?? "lexicon";
  const extractor = createExtractor({
    extractor: extractorName,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.cacheDir ? { cacheDir: resolve(io.cwd, opts.cacheDir) } : {}),
    cache: opts.cache,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    config,
    env: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const auditor = createAuditor({ config, extractor, date: opts.date ?? null });
  const failOn = opts.failOn ?? config.failOn ?? "error";
  const summary = new SummaryBuilder(auditor.rules.map((r) => r.rule.meta.id));
  const ingestOptions = {
    cwd: io.cwd,
    readStdin: () => io.readStdin(),
    format: opts.inputFormat ?? "auto",
    fields: {
      ...(opts.idField ? { id: opts.idField } : {}),
      ...(opts.textField ? { text: opts.textField } : {}),
      ...(opts.dateField ? { date: opts.dateField } : {}),
    },
  } as const;

  // --resume: what the interrupted run already wrote counts in the summary and is not redone.
  let resume: ResumeState | null = null;
  const outPath = opts.output ? resolve(io.cwd, opts.output) : null;
  if (opts.resume && outPath) {
    resume = await readResumeState(outPath, opts.format as "jsonl" | "csv", (prior) => summary.add(prior as unknown as NoteOutcome));
    if (resume.configHash && resume.configHash !== auditor.run.configHash) {
      throw new ChartcheckError(
        "USAGE",
        `${opts.output} was written with a different rule configuration (config hash ${resume.configHash}, now ${auditor.run.configHash}); resuming would mix results. Use the same config or write a new file`,
      );
    }
  }

  const progress =
    opts.quiet
      ? null
      : await planInputs(inputs, ingestOptions)
          .then((plan) => new Progress({ stream: io.stderr, tty: Boolean(io.stderr.isTTY), totalNotes: plan.notes, totalBytes: plan.bytes }))
          .catch(() => new Progress({ stream: io.stderr, tty: Boolean(io.stderr.isTTY) }));

  let items: AsyncIterable<IngestItem> = readInputs(inputs, progress ? { ...ingestOptions, onBytes: (n) => progress.addBytes(n) } : ingestOptions);
  let skipped = 0;
  if (resume?.done.size) {
    const done = resume.done;
    items = skipDone(items, done, () => {
      skipped++;
      progress?.tick();
    });
  }
  let metadataColumns: readonly string[] = [];
  if (formatter.name === "csv") {
    if (resume?.existed && resume.metadataColumns) metadataColumns = resume.metadataColumns;
    else ({ columns: metadataColumns as string[], items } = await peekMetadataColumns(items));
  }

  // Output: a file (truncated to the last complete note when resuming), or stdout.
  let sink: Sink;
  const appending = Boolean(resume?.existed);
  if (outPath) {
    if (appending) await truncate(outPath, resume!.keepBytes);
    sink = streamSink(createWriteStream(outPath, { flags: appending ? "a" : "w", highWaterMark: 1024 * 1024 }));
  } else {
    sink = outStreamSink(io.stdout);
  }
  const ctx: FormatContext = {
    pack: auditor.pack,
    color: sink.toTTY && useColor(io.stdout, io.env),
    run: auditor.run,
    metadataColumns,
  };

  // Formats with the summary first (HTML) spool note chunks to a temporary file.
  let spoolDir: string | null = null;
  let spool: Sink | null = null;
  let spoolPath = "";
  if (formatter.summaryFirst) {
    spoolDir = await mkdtemp(join(tmpdir(), "chartcheck-"));
    spoolPath = join(spoolDir, "notes.part");
    spool = streamSink(createWriteStream(spoolPath, { highWaterMark: 1024 * 1024 }));
  }
  const noteSink = spool ?? sink;

  const jobs = opts.jobs ?? (extractorName === "lexicon" ? defaultJobs() : 1);
  const concurrency = opts.concurrency ?? config.llm?.concurrency ?? (extractorName === "lexicon" ? 1 : 4);
  let i = 0;
  try {
    if (!appending && !spool) await sink.write(formatter.header(ctx));
    // The formatter runs where the note is audited (on the worker threads with --jobs > 1):
    // here only text is written and summary counts are added up.
    const format = { name: formatter.name, color: ctx.color, metadataColumns };
    for await (const { chunk, count, errors, counts } of auditFormatted(auditor, items, format, {
      jobs,
      concurrency,
      config,
      onFallback: (why) => {
        if (opts.jobs && opts.jobs > 1 && !opts.quiet) io.stderr.write(`chartcheck: --jobs ${opts.jobs}: ${why}; auditing in-process\n`);
      },
    })) {
      summary.merge(counts);
      for (const e of errors) io.stderr.write(`chartcheck: ${e.message} [${e.code}]\n`);
      for (let k = 0; k < count; k++) progress?.tick(k < errors.length);
      i += count;
      await noteSink.write(chunk);
    }
    const s = summary.build();
    if (spool && formatter.summaryFirst) {
      await spool.close();
      await sink.write(formatter.header(ctx) + formatter.summaryFirst(s, ctx));
      for await (const chunk of createReadStream(spoolPath, { encoding: "utf8", highWaterMark: 1024 * 1024 })) {
        await sink.write(chunk as string);
      }
    }
    await sink.write(formatter.footer(s, ctx));
    await sink.close();
  } finally {
    progress?.finish();
    await extractor.close?.();
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true }).catch(() => {});
  }
  const s = summary.build();
  if (resume && skipped && !opts.quiet) {
    io.stderr.write(`chartcheck: resumed ${opts.output}: ${skipped} note(s) already there were kept, ${i} audited now\n`);
  }
  if (s.errors > 0) {
    io.stderr.write(`chartcheck: ${s.errors} note(s) could not be audited; ${s.notes} audited\n`);
    return EXIT.ERROR;
  }
  return hasFailingDeviations(s, failOn) ? EXIT.DEVIATIONS : EXIT.OK;
}
