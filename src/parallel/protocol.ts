/** Messages between the audit pool and its worker threads (structured-clone data only). */
import type { NoteOutcome, RunInfo } from "../audit.js";
import type { ConfigFile } from "../config/schema.js";
import type { IngestItem } from "../ingest/types.js";
import type { SummaryCounts } from "../report/summary.js";

/**
 * A built-in formatter the workers run themselves (by registry name), with
 * the parts of the FormatContext that are plain data. The pack and run
 * information are the worker's own (the default pack; the run is checked
 * against the main thread's when the worker starts).
 */
export interface FormatSpec {
  name: string;
  color: boolean;
  metadataColumns: readonly string[];
}

export interface WorkerData {
  config: ConfigFile | null;
  date: string | null;
  /** null: reply with whole outcomes; else with formatted text, summary counts and error lines. */
  format: FormatSpec | null;
}

export interface WorkerRequest {
  id: number;
  items: IngestItem[];
  /** Run-wide index of the first item (formatters get each note's index). */
  index: number;
}

export type WorkerReply =
  | { type: "ready"; run: RunInfo }
  | { type: "done"; id: number; outcomes: NoteOutcome[] }
  | { type: "formatted"; id: number; chunk: string; count: number; errors: NoteErrorLine[]; counts: SummaryCounts };

/** A note that could not be audited, as its error line needs it. */
export interface NoteErrorLine {
  code: string;
  message: string;
}
