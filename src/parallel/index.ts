/**
 * Ordered auditing of a note stream, in-process or on worker threads.
 *
 * Output order is always input order, whatever the timing: results are
 * yielded batch by batch in the order the batches were read, so `--jobs 1`
 * and `--jobs N` give byte-identical reports.
 *
 * Workers are used only for the deterministic path (lexicon extractor,
 * built-in pack) and only when the compiled worker script sits next to this
 * module (dist/parallel/worker.js). Run from TypeScript source (vitest),
 * there is no worker.js: the pool says why through `onFallback` and audits
 * in-process, so results are the same, only slower.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { auditItem, type Auditor, type NoteOutcome } from "../audit.js";
import type { ConfigFile } from "../config/schema.js";
import type { IngestItem } from "../ingest/types.js";
import { formatters } from "../report/index.js";
import { SummaryBuilder, type SummaryCounts } from "../report/summary.js";
import type { FormatContext } from "../report/types.js";
import { lumbosacralRadiculopathy } from "../rules/packs/lumbosacral-radiculopathy/index.js";
import type { FormatSpec, NoteErrorLine, WorkerData, WorkerReply, WorkerRequest } from "./protocol.js";

export type { FormatSpec, NoteErrorLine } from "./protocol.js";

/** Formatted output of consecutive notes, in input order. */
export interface FormattedNotes {
  /** The formatter's note() chunks of these notes, concatenated. */
  chunk: string;
  /** How many notes. */
  count: number;
  /** The notes among them that could not be audited, in order. */
  errors: NoteErrorLine[];
  /** Their summary counts, to merge into the run's summary. */
  counts: SummaryCounts;
}

/** Formatted output of one audited note, counted. */
function formattedOne(chunk: string, outcome: NoteOutcome): FormattedNotes {
  const b = new SummaryBuilder([]);
  b.add(outcome);
  return { chunk, count: 1, errors: "error" in outcome ? [{ code: outcome.error.code, message: outcome.error.message }] : [], counts: b.counts() };
}

export interface AuditedItem {
  item: IngestItem;
  outcome: NoteOutcome;
}

export interface OrderedAuditOptions {
  /** Worker threads; 1 (default) audits in-process. */
  jobs?: number;
  /** Notes in flight at once in-process (LLM extractors). */
  concurrency?: number;
  /** What workers need to rebuild the same auditor. */
  config?: ConfigFile | null;
  /** Notes per message to a worker. */
  batchSize?: number;
  /** Told (once) why workers are not used although jobs > 1. */
  onFallback?: (reason: string) => void;
  signal?: AbortSignal;
}

/** Default --jobs: the machine's parallelism, at most 4. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export const WORKER_URL = new URL("./worker.js", import.meta.url);

/** Why workers cannot be used for this auditor, or null when they can. */
export function workerBlocker(auditor: Auditor): string | null {
  if (auditor.extractor.name !== "lexicon") return `the ${auditor.extractor.name} extractor runs in-process (use --concurrency)`;
  if (auditor.pack !== lumbosacralRadiculopathy) return "a custom rule pack cannot be sent to worker threads";
  if (!existsSync(fileURLToPath(WORKER_URL))) return "the worker script is not built (running from source: run `npm run build` to use worker threads)";
  return null;
}

export async function* auditOrdered(
  auditor: Auditor,
  items: AsyncIterable<IngestItem>,
  options: OrderedAuditOptions = {},
): AsyncGenerator<AuditedItem> {
  const jobs = Math.max(1, options.jobs ?? 1);
  if (jobs > 1) {
    const blocker = workerBlocker(auditor);
    if (!blocker) {
      const local = async (batch: IngestItem[]): Promise<AuditedItem[]> => {
        const out: AuditedItem[] = [];
        for (const item of batch) out.push({ item, outcome: await auditItem(auditor, item, options.signal) });
        return out;
      };
      const pool = auditOnWorkers(auditor, items, jobs, options, null, local, (batch, reply) =>
        reply.type === "done" ? batch.map((item, i) => ({ item, outcome: reply.outcomes[i]! })) : null,
      );
      for await (const batch of pool) yield* batch;
      return;
    }
    options.onFallback?.(blocker);
  }
  yield* auditInProcess(auditor, items, options);
}

/**
 * Audits and formats notes with a built-in formatter (`format.name`), in
 * input order. With workers, each worker formats its notes itself and sends
 * back text, summary counts and error lines; in-process, the same formatter runs here. Either
 * way the text is the same, byte for byte.
 */
export async function* auditFormatted(
  auditor: Auditor,
  items: AsyncIterable<IngestItem>,
  format: FormatSpec,
  options: OrderedAuditOptions = {},
): AsyncGenerator<FormattedNotes> {
  const formatter = formatters[format.name];
  if (!formatter) throw new Error(`unknown format ${format.name}`);
  const ctx: FormatContext = { pack: auditor.pack, color: format.color, run: auditor.run, metadataColumns: format.metadataColumns };
  const jobs = Math.max(1, options.jobs ?? 1);
  if (jobs > 1) {
    const blocker = workerBlocker(auditor);
    if (!blocker) {
      const local = async (batch: IngestItem[], index: number): Promise<FormattedNotes> => {
        let chunk = "";
        const counts = new SummaryBuilder([]);
        const errors: NoteErrorLine[] = [];
        for (let k = 0; k < batch.length; k++) {
          const item = batch[k]!;
          const outcome = await auditItem(auditor, item, options.signal);
          chunk += formatter.note(outcome, index + k, ctx, item.ok ? item.note.text : undefined);
          counts.add(outcome);
          if ("error" in outcome) errors.push({ code: outcome.error.code, message: outcome.error.message });
        }
        return { chunk, count: batch.length, errors, counts: counts.counts() };
      };
      yield* auditOnWorkers(auditor, items, jobs, options, format, local, (_batch, reply) =>
        reply.type === "formatted" ? { chunk: reply.chunk, count: reply.count, errors: reply.errors, counts: reply.counts } : null,
      );
      return;
    }
    options.onFallback?.(blocker);
  }
  let index = 0;
  for await (const { item, outcome } of auditInProcess(auditor, items, options)) {
    yield formattedOne(formatter.note(outcome, index++, ctx, item.ok ? item.note.text : undefined), outcome);
  }
}

async function* auditInProcess(auditor: Auditor, items: AsyncIterable<IngestItem>, options: OrderedAuditOptions): AsyncGenerator<AuditedItem> {
  const limit = Math.max(1, options.concurrency ?? 1);
  const window: Array<Promise<AuditedItem>> = [];
  for await (const item of items) {
    window.push(auditItem(auditor, item, options.signal).then((outcome) => ({ item, outcome })));
    if (window.length >= limit) yield await window.shift()!;
  }
  while (window.length) yield await window.shift()!;
}

type DoneReply = Exclude<WorkerReply, { type: "ready" }>;

interface Slot<R> {
  worker: Worker;
  alive: boolean;
  inflight: number;
  waiting: Map<number, { items: IngestItem[]; index: number; resolve: (r: R) => void }>;
}

/**
 * Batches of notes to worker threads, results yielded batch by batch in
 * input order. `local` audits a batch in-process (when a worker fails, its
 * batches are redone that way); `decode` turns a worker's reply into the
 * same result (null: a reply of the wrong kind, treated as a failed worker).
 */
async function* auditOnWorkers<R>(
  auditor: Auditor,
  items: AsyncIterable<IngestItem>,
  jobs: number,
  options: OrderedAuditOptions,
  format: FormatSpec | null,
  local: (batch: IngestItem[], index: number) => Promise<R>,
  decode: (batch: IngestItem[], reply: DoneReply) => R | null,
): AsyncGenerator<R> {
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const maxInflight = jobs * 3;
  const expectedRun = JSON.stringify(auditor.run);
  const data: WorkerData = { config: options.config ?? null, date: auditor.date, format };
  let warned = false;

  const fail = (slot: Slot<R>, reason: string) => {
    if (!slot.alive) return;
    slot.alive = false;
    if (!warned) {
      warned = true;
      options.onFallback?.(reason);
    }
    void slot.worker.terminate();
    // Redo what the worker had in hand, in-process: every note is still audited.
    for (const w of slot.waiting.values()) void local(w.items, w.index).then(w.resolve);
    slot.waiting.clear();
  };

  const slots: Array<Slot<R>> = Array.from({ length: jobs }, () => {
    const worker = new Worker(WORKER_URL, { workerData: data });
    const slot: Slot<R> = { worker, alive: true, inflight: 0, waiting: new Map() };
    worker.on("message", (msg: WorkerReply) => {
      if (msg.type === "ready") {
        if (JSON.stringify(msg.run) !== expectedRun) fail(slot, "worker threads built a different auditor (stale dist/?); auditing in-process");
        return;
      }
      const w = slot.waiting.get(msg.id);
      if (!w) return;
      const result = decode(w.items, msg);
      if (result === null) return fail(slot, "a worker thread sent an unexpected reply (stale dist/?); auditing in-process");
      slot.waiting.delete(msg.id);
      slot.inflight--;
      w.resolve(result);
    });
    worker.on("error", () => fail(slot, "a worker thread failed; its notes were audited in-process"));
    worker.on("exit", (code) => {
      if (slot.alive && slot.waiting.size) fail(slot, `a worker thread exited (code ${code}); its notes were audited in-process`);
      slot.alive = false;
    });
    return slot;
  });

  let nextId = 0;
  let nextIndex = 0;
  const dispatch = (batch: IngestItem[]): Promise<R> => {
    const index = nextIndex;
    nextIndex += batch.length;
    const live = slots.filter((s) => s.alive);
    if (!live.length) return local(batch, index);
    const slot = live.reduce((a, b) => (b.inflight < a.inflight ? b : a));
    const id = nextId++;
    const p = new Promise<R>((resolve) => slot.waiting.set(id, { items: batch, index, resolve }));
    slot.inflight++;
    slot.worker.postMessage({ id, items: batch, index } satisfies WorkerRequest);
    return p;
  };

  const queue: Array<Promise<R>> = [];
  try {
    let batch: IngestItem[] = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length < batchSize) continue;
      queue.push(dispatch(batch));
      batch = [];
      while (queue.length >= maxInflight) yield await queue.shift()!;
    }
    if (batch.length) queue.push(dispatch(batch));
    while (queue.length) yield await queue.shift()!;
  } finally {
    for (const s of slots) {
      s.alive = false;
      await s.worker.terminate();
    }
  }
}
