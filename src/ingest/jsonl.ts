/**
 * JSONL / NDJSON exports: one JSON object per line, read as a stream (the
 * file is never held in memory). A bad line becomes a per-record error named
 * `<file>:<line>` (or the record id when it could be read); the rest of the
 * file is still read.
 */
import { ChartcheckError } from "../common/errors.js";
import { MAX_NOTE_BYTES } from "./decode.js";
import { splitLines } from "./lines.js";
import { failure, recordToItem, type RecordFields } from "./records.js";
import type { IngestItem } from "./types.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Longest JSONL line read: the note limit plus room for JSON escaping and other fields. */
export function maxLineBytes(maxNoteBytes = MAX_NOTE_BYTES): number {
  return Math.ceil(maxNoteBytes * 1.25) + Math.min(256 * 1024, maxNoteBytes);
}

export async function* readJsonl(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  file: string,
  fields: RecordFields,
  options: { onBytes?: (n: number) => void; maxNoteBytes?: number } = {},
): AsyncGenerator<IngestItem> {
  const maxNote = options.maxNoteBytes ?? MAX_NOTE_BYTES;
  for await (const line of splitLines(source, maxLineBytes(maxNote), options.onBytes)) {
    const where = `${file}:${line.lineNo}`;
    if (line.tooLong !== undefined) {
      yield failure(where, new ChartcheckError("NOTE_TOO_LARGE", `record is over ${line.tooLong} bytes, above the ${maxNote}-byte note limit`));
      continue;
    }
    let bytes = line.bytes;
    if (bytes.length && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1); // CRLF
    if (line.lineNo === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (isBlank(bytes)) continue;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      yield failure(where, new ChartcheckError("INVALID_UTF8", "line is not valid UTF-8"));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // JSON.parse messages quote the input, which is note text: never pass them on.
      yield failure(where, new ChartcheckError("MALFORMED_RECORD", "line is not valid JSON"));
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      yield failure(where, new ChartcheckError("MALFORMED_RECORD", "line is not a JSON object"));
      continue;
    }
    yield recordToItem(value as Record<string, unknown>, fields, where, maxNote);
  }
}

function isBlank(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
