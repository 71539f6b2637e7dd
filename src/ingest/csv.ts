/**
 * CSV exports, read as a stream with csv-parse: a header row names the
 * columns; BOM, CRLF and quoted multi-line fields are handled by the parser.
 * Rows are named by their id column, else `<file>:row<N>` (N counts data rows
 * from 1). A row the parser cannot read becomes a per-row error and reading
 * goes on; an unclosed quote swallows the rest of the file, which is
 * reported as one error.
 */
import { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { ChartcheckError } from "../common/errors.js";
import { MAX_NOTE_BYTES } from "./decode.js";
import { failure, recordToItem, type RecordFields } from "./records.js";
import type { IngestItem } from "./types.js";

interface Row {
  record: Record<string, string | undefined>;
  info: { lines: number; records: number };
}

export async function* readCsv(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  file: string,
  fields: RecordFields,
  options: { onBytes?: (n: number) => void; maxNoteBytes?: number } = {},
): AsyncGenerator<IngestItem> {
  const maxNote = options.maxNoteBytes ?? MAX_NOTE_BYTES;
  const skipped: IngestItem[] = [];
  let rowNo = 0;
  const counted = Readable.from(countBytes(source, options.onBytes), { objectMode: false });
  const parser = counted.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // csv-parse counts characters; a bit of room over the note limit for the other columns.
      max_record_size: Math.ceil(maxNote * 1.1) + 64 * 1024,
      on_skip: (err: CsvError | undefined) => {
        rowNo++;
        const where = `${file}:row${rowNo}`;
        const code = err?.code === "CSV_MAX_RECORD_SIZE" ? "NOTE_TOO_LARGE" : "MALFORMED_RECORD";
        const what =
          err?.code === "CSV_MAX_RECORD_SIZE"
            ? `row is above the ${maxNote}-byte note limit`
            : err?.code === "CSV_QUOTE_NOT_CLOSED"
              ? "a quoted field is never closed; the rest of the file could not be read"
              : `row could not be parsed (${err?.code ?? "unknown CSV error"})`;
        skipped.push(failure(where, new ChartcheckError(code, `${what} (line ${err?.lines ?? "?"})`)));
      },
    }),
  );
  let checkedHeader = false;
  try {
    for await (const row of parser as AsyncIterable<Row>) {
      while (skipped.length) yield skipped.shift()!;
      if (!checkedHeader) {
        checkedHeader = true;
        if (!(fields.text in row.record)) {
          const cols = Object.keys(row.record).join(", ");
          yield failure(file, new ChartcheckError("MISSING_TEXT", `no "${fields.text}" column (columns: ${cols}); use --text-field`));
          parser.destroy();
          return;
        }
      }
      rowNo++;
      yield recordToItem(row.record, fields, `${file}:row${rowNo}`, maxNote);
    }
  } catch (err) {
    while (skipped.length) yield skipped.shift()!;
    const e = err as CsvError;
    yield failure(`${file}:row${rowNo + 1}`, new ChartcheckError("MALFORMED_RECORD", `CSV could not be read further (${e.code ?? "error"}, line ${e.lines ?? "?"})`));
    return;
  }
  while (skipped.length) yield skipped.shift()!;
}

async function* countBytes(source: AsyncIterable<Buffer | Uint8Array | string>, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const c of source) {
    const b = typeof c === "string" ? Buffer.from(c) : Buffer.isBuffer(c) ? c : Buffer.from(c);
    onBytes?.(b.length);
    yield b;
  }
}
