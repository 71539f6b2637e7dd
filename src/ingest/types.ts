/** What ingest produces: notes, or per-record errors that never stop a batch. */
export interface NoteInput {
  /** The input path as given (relative), or the record id. */
  id: string;
  text: string;
  /** Encounter date from the input's metadata (YYYY-MM-DD), when known. */
  date?: string | null;
  /** Other columns / fields of the record, carried through to reports. */
  metadata?: Record<string, string>;
}

export interface NoteError {
  id: string;
  error: { code: string; message: string };
  metadata?: Record<string, string>;
}

export type IngestItem = { ok: true; note: NoteInput } | { ok: false; failure: NoteError };

/** How an input file is read. `auto` goes by extension (.jsonl/.ndjson, .csv, .json = FHIR, else text). */
export const INPUT_FORMATS = ["auto", "text", "jsonl", "csv", "fhir"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
