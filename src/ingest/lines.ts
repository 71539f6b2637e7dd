/**
 * Splits a byte stream into lines with bounded memory: a line longer than
 * `maxBytes` is not kept; it is reported as too long (with its byte size up
 * to the limit) and skipped up to the next newline.
 */
export type Line =
  | { lineNo: number; bytes: Buffer; tooLong?: undefined }
  | { lineNo: number; bytes?: undefined; tooLong: number };

export async function* splitLines(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  maxBytes: number,
  onBytes?: (n: number) => void,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let partLen = 0;
  let skipping = 0; // bytes of an over-long line seen so far (0: not skipping)
  let lineNo = 0;
  for await (const raw of source) {
    const chunk = typeof raw === "string" ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    onBytes?.(chunk.length);
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? chunk.length : nl;
      const len = end - pos;
      if (skipping) {
        skipping += len;
      } else if (partLen + len > maxBytes) {
        skipping = partLen + len;
        parts = [];
        partLen = 0;
      } else if (len > 0) {
        parts.push(chunk.subarray(pos, end));
        partLen += len;
      }
      if (nl === -1) break;
      lineNo++;
      if (skipping) {
        yield { lineNo, tooLong: skipping };
        skipping = 0;
      } else {
        yield { lineNo, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, partLen) };
      }
      parts = [];
      partLen = 0;
      pos = nl + 1;
    }
    // Keep a copy of a trailing partial line: the chunk buffer may be reused.
    if (parts.length && !skipping) {
      const last = parts[parts.length - 1]!;
      if (last.buffer === chunk.buffer) parts[parts.length - 1] = Buffer.from(last);
    }
  }
  if (skipping) yield { lineNo: lineNo + 1, tooLong: skipping };
  else if (partLen > 0) yield { lineNo: lineNo + 1, bytes: Buffer.concat(parts, partLen) };
}
