/** Messages between the audit pool and its worker threads (structured-clone data only). */
import type { NoteOutcome, RunInfo } from "../audit.js";
import type { ConfigFile } from "../config/schema.js";
import type { IngestItem } from "../ingest/types.js";

export interface WorkerData {
  config: ConfigFile | null;
  date: string | null;
}

export interface WorkerRequest {
  id: number;
  items: IngestItem[];
}

export type WorkerReply = { type: "ready"; run: RunInfo } | { type: "done"; id: number; outcomes: NoteOutcome[] };
