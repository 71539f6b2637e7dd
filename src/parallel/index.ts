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
import { lumbosacralRadiculopathy } from "../rules/packs/lumbosacral-radiculopathy/index.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./protocol.js";

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
      yield* auditOnWorkers(auditor, items, jobs, options);
      return;
    }
    options.onFallback?.(blocker);
  }
  yield* auditInProcess(auditor, items, options);
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

interface Slot {
  worker: Worker;
  alive: boolean;
  inflight: number;
  waiting: Map<number, { items: IngestItem[]; resolve: (o: NoteOutcome[]) => void }>;
}

async function* auditOnWorkers(
  auditor: Auditor,
  items: AsyncIterable<IngestItem>,
  jobs: number,
  options: OrderedAuditOptions,
): AsyncGenerator<AuditedItem> {
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const maxInflight = jobs * 3;
  const expectedRun = JSON.stringify(auditor.run);
  const data: WorkerData = { config: options.config ?? null, date: auditor.date };
  let warned = false;

  const inProcess = async (batch: IngestItem[]): Promise<NoteOutcome[]> => {
    const out: NoteOutcome[] = [];
    for (const it of batch) out.push(await auditItem(auditor, it, options.signal));
    return out;
  };

  const fail = (slot: Slot, reason: string) => {
    if (!slot.alive) return;
    slot.alive = false;
    if (!warned) {
      warned = true;
      options.onFallback?.(reason);
    }
    void slot.worker.terminate();
    // Redo what the worker had in hand, in-process: every note is still audited.
    for (const w of slot.waiting.values()) void inProcess(w.items).then(w.resolve);
    slot.waiting.clear();
  };

  const slots: Slot[] = Array.from({ length: jobs }, () => {
    const worker = new Worker(WORKER_URL, { workerData: data });
    const slot: Slot = { worker, alive: true, inflight: 0, waiting: new Map() };
    worker.on("message", (msg: WorkerReply) => {
      if (msg.type === "ready") {
        if (JSON.stringify(msg.run) !== expectedRun) fail(slot, "worker threads built a different auditor (stale dist/?); auditing in-process");
        return;
      }
      const w = slot.waiting.get(msg.id);
      if (!w) return;
      slot.waiting.delete(msg.id);
      slot.inflight--;
      w.resolve(msg.outcomes);
    });
    worker.on("error", () => fail(slot, "a worker thread failed; its notes were audited in-process"));
    worker.on("exit", (code) => {
      if (slot.alive && slot.waiting.size) fail(slot, `a worker thread exited (code ${code}); its notes were audited in-process`);
      slot.alive = false;
    });
    return slot;
  });

  let nextId = 0;
  const dispatch = (batch: IngestItem[]): Promise<AuditedItem[]> => {
    const live = slots.filter((s) => s.alive);
    let p: Promise<NoteOutcome[]>;
    if (!live.length) {
      p = inProcess(batch);
    } else {
      const slot = live.reduce((a, b) => (b.inflight < a.inflight ? b : a));
      const id = nextId++;
      p = new Promise<NoteOutcome[]>((resolve) => slot.waiting.set(id, { items: batch, resolve }));
      slot.inflight++;
      slot.worker.postMessage({ id, items: batch } satisfies WorkerRequest);
    }
    return p.then((outcomes) => batch.map((item, i) => ({ item, outcome: outcomes[i]! })));
  };

  const queue: Array<Promise<AuditedItem[]>> = [];
  try {
    let batch: IngestItem[] = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length < batchSize) continue;
      queue.push(dispatch(batch));
      batch = [];
      while (queue.length >= maxInflight) yield* await queue.shift()!;
    }
    if (batch.length) queue.push(dispatch(batch));
    while (queue.length) yield* await queue.shift()!;
  } finally {
    for (const s of slots) {
      s.alive = false;
      await s.worker.terminate();
    }
  }
}
