/**
 * Worker thread entry: rebuilds the auditor from plain data (config and
 * date; lexicon extractor, default pack) and audits batches of ingest items
 * in order. With a format, it also formats each note and replies with the
 * batch's text, its summary counts and its error lines, so the main thread
 * only writes strings and adds numbers (no cloning of whole reports, no
 * JSON.stringify there). Runs only
 * from compiled JS (dist/parallel/worker.js).
 */
import { parentPort, workerData } from "node:worker_threads";
import { auditItem, createAuditor, isNoteError, type NoteOutcome } from "../audit.js";
import { formatters } from "../report/index.js";
import { SummaryBuilder } from "../report/summary.js";
import type { FormatContext } from "../report/types.js";
import type { NoteErrorLine, WorkerData, WorkerReply, WorkerRequest } from "./protocol.js";

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
      const counts = new SummaryBuilder([]);
      const errors: NoteErrorLine[] = [];
      for (let k = 0; k < msg.items.length; k++) {
        const item = msg.items[k]!;
        const outcome = await auditItem(auditor, item);
        chunk += formatter.note(outcome, msg.index + k, ctx, item.ok ? item.note.text : undefined);
        counts.add(outcome);
        if (isNoteError(outcome)) errors.push({ code: outcome.error.code, message: outcome.error.message });
      }
      port.postMessage({ type: "formatted", id: msg.id, chunk, count: msg.items.length, errors, counts: counts.counts() } satisfies WorkerReply);
      return;
    }
    const outcomes: NoteOutcome[] = [];
    for (const item of msg.items) outcomes.push(await auditItem(auditor, item));
    port.postMessage({ type: "done", id: msg.id, outcomes } satisfies WorkerReply);
  });
});
