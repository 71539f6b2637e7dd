/**
 * Worker thread entry: rebuilds the auditor from plain data (config and
 * date; lexicon extractor, default pack) and audits batches of ingest items
 * in order. Runs only from compiled JS (dist/parallel/worker.js).
 */
import { parentPort, workerData } from "node:worker_threads";
import { auditItem, createAuditor, type NoteOutcome } from "../audit.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./protocol.js";

const data = workerData as WorkerData;
const auditor = createAuditor({ ...(data.config ? { config: data.config } : {}), date: data.date });
const port = parentPort!;
port.postMessage({ type: "ready", run: auditor.run } satisfies WorkerReply);

let chain: Promise<void> = Promise.resolve();
port.on("message", (msg: WorkerRequest) => {
  // Batches are processed one after another, in arrival order.
  chain = chain.then(async () => {
    const outcomes: NoteOutcome[] = [];
    for (const item of msg.items) outcomes.push(await auditItem(auditor, item));
    port.postMessage({ type: "done", id: msg.id, outcomes } satisfies WorkerReply);
  });
});
