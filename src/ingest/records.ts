/**
 * Structured records (JSONL objects, CSV rows, FHIR resources) to notes.
 * Shared by the JSONL, CSV and FHIR readers so ids, dates, size limits and
 * metadata behave the same whatever the export format.
 */
import { ChartcheckError, errorMessage } from "../common/errors.js";
import { parseDate } from "../text/time.js";
import { checkText, MAX_NOTE_BYTES } from "./decode.js";
import type { IngestItem } from "./types.js";

/** Which record fields hold the id, the note text and the encounter date. */
export interface RecordFields {
  id: string;
  text: string;
  date: string;
}

export const DEFAULT_FIELDS: RecordFields = { id: "id", text: "text", date: "date" };

/** Turns a field value into a metadata string (objects as JSON, null as ""). */
export function metadataValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return JSON.stringify(v);
}

/** A record id: the id field when it is a non-empty string or number, else the fallback. */
export function recordId(v: unknown, fallback: string): string {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return fallback;
}

/**
 * Parses a record's date: ISO date (or date-time: its date part) or
 * MM/DD/YYYY. Empty means unknown (null); anything else is an error, because
 * auditing with a silently dropped date would change time-based outcomes.
 */
export function recordDate(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") throw new ChartcheckError("MALFORMED_RECORD", `date field "${field}" is not a string`);
  const raw = v.trim();
  if (raw === "") return null;
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(raw);
  const parsed = parseDate(dateTime ? dateTime[1]! : raw);
  if (!parsed) throw new ChartcheckError("MALFORMED_RECORD", `date field "${field}" is not a date (expected YYYY-MM-DD or MM/DD/YYYY)`);
  return parsed;
}

/** Checks a record's note text: present, a string, not empty, not binary, within the size limit. */
export function recordText(v: unknown, field: string, maxBytes = MAX_NOTE_BYTES): string {
  if (v === undefined || v === null) throw new ChartcheckError("MISSING_TEXT", `no "${field}" field`);
  if (typeof v !== "string") throw new ChartcheckError("MISSING_TEXT", `field "${field}" is not a string`);
  // Cheap upper bound first: UTF-8 is at most 3 bytes per UTF-16 unit.
  if (v.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(v, "utf8");
    if (bytes > maxBytes) throw new ChartcheckError("NOTE_TOO_LARGE", `note is ${bytes} bytes, above the ${maxBytes}-byte limit`);
  }
  if (v.includes("\u0000")) throw new ChartcheckError("BINARY_NOTE", "note looks binary (contains NUL characters), not text");
  if (v.includes("\uFFFD")) {
    throw new ChartcheckError("INVALID_UTF8", "note is not valid UTF-8 (contains U+FFFD replacement characters)");
  }
  return checkText(v);
}

/** Record-level failure as an ingest item; the message names the record, never its content. */
export function failure(id: string, err: unknown, metadata?: Record<string, string>): IngestItem {
  const code = err instanceof ChartcheckError ? err.code : "MALFORMED_RECORD";
  return {
    ok: false,
    failure: {
      id,
      error: { code, message: `${id}: ${errorMessage(err)}` },
      ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
    },
  };
}

/**
 * One flat record (JSON object or CSV row) to a note. Every field other than
 * id/text/date becomes metadata; a nested `metadata` object is flattened into
 * it (its keys after the top-level ones).
 */
export function recordToItem(record: Record<string, unknown>, fields: RecordFields, fallbackId: string, maxNoteBytes = MAX_NOTE_BYTES): IngestItem {
  const id = recordId(record[fields.id], fallbackId);
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === fields.id || k === fields.text || k === fields.date) continue;
    if (k === "metadata" && v && typeof v === "object" && !Array.isArray(v)) {
      for (const [mk, mv] of Object.entries(v as Record<string, unknown>)) metadata[mk] = metadataValue(mv);
      continue;
    }
    metadata[k] = metadataValue(v);
  }
  try {
    const text = recordText(record[fields.text], fields.text, maxNoteBytes);
    const date = recordDate(record[fields.date], fields.date);
    return {
      ok: true,
      note: { id, text, ...(date ? { date } : {}), ...(Object.keys(metadata).length ? { metadata } : {}) },
    };
  } catch (err) {
    return failure(id, err, metadata);
  }
}
