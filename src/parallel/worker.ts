/**
 * Worker thread entry: rebuilds the auditor from plain data (config and
 * date; lexicon extractor, default pack) and audits batches of ingest items
 * in order. With a format, it also formats each note and replies with the
 * batch's text and the notes' tallies, so the main thread only writes
 * strings (no cloning of whole reports, no JSON.stringify there). Runs only
 * from compiled JS (dist/parallel/worker.js).
 */
import { parentPort, workerData } from "node:worker_threads";
import { auditItem, createAuditor, type NoteOutcome } from "../audit.js";
import { formatters } from "../report/index.js";
import { tallyOf, type NoteTally } from "../report/summary.js";
import type { FormatContext } from "../report/types.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./protocol.js";

const data = workerData as WorkerData;
const auditor = createAuditor({ ...(data.config ? { config: data.config } : {}), date: data.date });
const port = parentPort!;
const formatter = data.format ? formatters[data.format.name] : undefined;
if (data.format && !formatter) throw new Error(`unknown format ${data.format.name}`);
const ctx: FormatContext = {
  pack: auditor.pack,
  color: data.format?.color ?? false,
  run: auditor.run,
  metadataColumns: data.format?.metadataColumns ?? [],
};
port.postMessage({ type: "ready", run: auditor.run } satisfies WorkerReply);

let chain: Promise<void> = Promise.resolve();
port.on("message", (msg: WorkerRequest) => {
  // Batches are processed one after another, in arrival order.
  chain = chain.then(async () => {
    if (formatter) {
      let chunk = "";
      const tallies: NoteTally[] = [];
      for (let k = 0; k < msg.items.length; k++) {
        const item = msg.items[k]!;
        const outcome = await auditItem(auditor, item);
        chunk += formatter.note(outcome, msg.index + k, ctx, item.ok ? item.note.text : undefined);
        tallies.push(tallyOf(outcome));
      }
      port.postMessage({ type: "formatted", id: msg.id, chunk, tallies } satisfies WorkerReply);
      return;
    }
    const outcomes: NoteOutcome[] = [];
    for (const item of msg.items) outcomes.push(await auditItem(auditor, item));
    port.postMessage({ type: "done", id: msg.id, outcomes } satisfies WorkerReply);
  });
});
