import { ChartcheckError } from "../common/errors.js";

/** Largest note accepted, in bytes. Larger ones are reported, not audited. */
export const MAX_NOTE_BYTES = 5 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Turns a note's bytes into text, or throws a ChartcheckError whose message
 * names the problem (never the content).
 */
export function decodeNote(bytes: Uint8Array, maxBytes = MAX_NOTE_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new ChartcheckError("NOTE_TOO_LARGE", `note is ${bytes.length} bytes, above the ${maxBytes}-byte limit`);
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new ChartcheckError("BINARY_NOTE", "note looks binary (contains NUL bytes), not text");
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ChartcheckError("INVALID_UTF8", "note is not valid UTF-8");
  }
  return checkText(text);
}

/** Rejects empty or whitespace-only text. */
export function checkText(text: string): string {
  if (text.trim().length === 0) throw new ChartcheckError("EMPTY_NOTE", "note is empty");
  return text;
}
