/**
 * Ingest: expands inputs (files, folders, globs, "-" for stdin) and yields
 * notes or per-note errors. It never parses clinical content.
 *
 * Formats: plain text (one note per file), JSONL/NDJSON and CSV exports
 * (one note per record, streamed), FHIR R4 JSON (DocumentReference or a
 * Bundle of them). `auto` picks by extension.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import fg from "fast-glob";
import { ChartcheckError, errorMessage } from "../common/errors.js";
import { readCsv } from "./csv.js";
import { decodeNote, MAX_NOTE_BYTES } from "./decode.js";
import { MAX_FHIR_FILE_BYTES, readFhirBytes } from "./fhir.js";
import { readJsonl } from "./jsonl.js";
import { DEFAULT_FIELDS, type RecordFields } from "./records.js";
import type { IngestItem, InputFormat } from "./types.js";

export type { IngestItem, InputFormat, NoteError, NoteInput } from "./types.js";
export { INPUT_FORMATS } from "./types.js";
export { DEFAULT_FIELDS, type RecordFields } from "./records.js";

export interface IngestOptions {
  cwd: string;
  /** Reads all of standard input, for "-". */
  readStdin?: () => Promise<Uint8Array>;
  /** Folder expansion pattern (default: by format; text and auto: **\/*.txt). */
  folderPattern?: string;
  /** How files are read (default auto: by extension). */
  format?: InputFormat;
  /** Record fields for JSONL/CSV (default id, text, date). */
  fields?: Partial<RecordFields>;
  /** Called with the number of input bytes consumed, for progress. */
  onBytes?: (n: number) => void;
}

const FOLDER_PATTERNS: Record<InputFormat, string> = {
  auto: "**/*.txt",
  text: "**/*.txt",
  jsonl: "**/*.{jsonl,ndjson}",
  csv: "**/*.csv",
  fhir: "**/*.json",
};

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** The format a file is read as. */
export function formatOf(path: string, format: InputFormat = "auto"): Exclude<InputFormat, "auto"> {
  if (format !== "auto") return format;
  const ext = extname(path).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "fhir";
  return "text";
}

/** Expands one input argument into file paths (as given, relative to cwd), sorted. */
export async function expandInput(input: string, cwd: string, folderPattern = "**/*.txt"): Promise<string[]> {
  const abs = resolve(cwd, input);
  const st = await stat(abs).catch(() => null);
  if (st?.isFile()) return [input];
  if (st?.isDirectory()) {
    const found = await fg(folderPattern, { cwd: abs, onlyFiles: true, dot: false });
    return found.sort().map((f) => toPosix(relative(cwd, resolve(abs, f))) || f);
  }
  if (fg.isDynamicPattern(input)) {
    const found = await fg(input, { cwd, onlyFiles: true, dot: false });
    return found.sort();
  }
  throw new ChartcheckError("INPUT_NOT_FOUND", `no such file, folder or matching glob: ${input}`);
}

/** What a run will read, counted cheaply (no file is read): for progress. */
export interface InputPlan {
  files: number;
  bytes: number;
  /** Number of notes when known without reading (only text files); null otherwise. */
  notes: number | null;
}

export async function planInputs(inputs: readonly string[], options: IngestOptions): Promise<InputPlan> {
  const plan: InputPlan = { files: 0, bytes: 0, notes: 0 };
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-") {
      plan.notes = null;
      continue;
    }
    const paths = await expandInput(input, options.cwd, folderPatternFor(options)).catch(() => []);
    for (const p of paths) {
      if (seen.has(p)) continue;
      seen.add(p);
      plan.files++;
      plan.bytes += (await stat(resolve(options.cwd, p)).catch(() => null))?.size ?? 0;
      if (formatOf(p, options.format) !== "text") plan.notes = null;
      else if (plan.notes !== null) plan.notes++;
    }
  }
  return plan;
}

function folderPatternFor(options: IngestOptions): string {
  return options.folderPattern ?? FOLDER_PATTERNS[options.format ?? "auto"];
}

/**
 * Reads a whole file of at most `limit` bytes; a larger one is refused from its
 * size alone (never read). Returns the bytes, or the per-note failure.
 */
async function readWholeFile(abs: string, path: string, limit: number, what: string, onBytes?: (n: number) => void): Promise<Uint8Array | IngestItem> {
  try {
    const st = await stat(abs);
    if (st.size > limit) {
      onBytes?.(st.size);
      return { ok: false, failure: { id: path, error: { code: "NOTE_TOO_LARGE", message: `${path}: ${what} is ${st.size} bytes, above the ${limit}-byte limit` } } };
    }
    const bytes = await readFile(abs);
    onBytes?.(bytes.length);
    return bytes;
  } catch (err) {
    return unreadable(path, err);
  }
}

/** Yields every note of every input, in input order then path order then record order. */
export async function* readInputs(inputs: readonly string[], options: IngestOptions): AsyncGenerator<IngestItem> {
  const seen = new Set<string>();
  const fields: RecordFields = { ...DEFAULT_FIELDS, ...definedOnly(options.fields) };
  for (const input of inputs) {
    if (input === "-") {
      if (!options.readStdin) throw new ChartcheckError("USAGE", "reading from stdin is not available here");
      const bytes = await options.readStdin();
      options.onBytes?.(bytes.length);
      const format = options.format && options.format !== "auto" ? options.format : "text";
      if (format === "text") yield fromBytes("-", bytes);
      else yield* readRecords(format, Readable.from([Buffer.from(bytes)]), "-", fields, {}, bytes);
      continue;
    }
    let paths: string[];
    try {
      paths = await expandInput(input, options.cwd, folderPatternFor(options));
    } catch (err) {
      yield { ok: false, failure: { id: input, error: { code: codeOf(err), message: errorMessage(err) } } };
      continue;
    }
    if (paths.length === 0) {
      yield { ok: false, failure: { id: input, error: { code: "INPUT_NOT_FOUND", message: `no notes found in ${input}` } } };
    }
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      const abs = resolve(options.cwd, path);
      const format = formatOf(path, options.format);
      if (format === "text" || format === "fhir") {
        const read = await readWholeFile(abs, path, format === "text" ? MAX_NOTE_BYTES : MAX_FHIR_FILE_BYTES, format === "text" ? "note" : "FHIR file", options.onBytes);
        if (!(read instanceof Uint8Array)) yield read;
        else if (format === "text") yield fromBytes(path, read);
        else yield* readFhirBytes(read, path);
        continue;
      }
      const stream = createReadStream(abs, { highWaterMark: 256 * 1024 });
      try {
        yield* readRecords(format, stream, path, fields, options.onBytes ? { onBytes: options.onBytes } : {});
      } catch (err) {
        if (!(err as NodeJS.ErrnoException).code || err instanceof ChartcheckError) throw err;
        yield unreadable(path, err);
      } finally {
        stream.destroy();
      }
    }
  }
}

async function* readRecords(
  format: "jsonl" | "csv" | "fhir",
  source: AsyncIterable<Buffer>,
  file: string,
  fields: RecordFields,
  opts: { onBytes?: (n: number) => void },
  wholeBytes?: Uint8Array,
): AsyncGenerator<IngestItem> {
  if (format === "jsonl") yield* readJsonl(source, file, fields, opts);
  else if (format === "csv") yield* readCsv(source, file, fields, opts);
  else if (wholeBytes) yield* readFhirBytes(wholeBytes, file);
}

function definedOnly(f: Partial<RecordFields> | undefined): Partial<RecordFields> {
  const out: Partial<RecordFields> = {};
  for (const k of ["id", "text", "date"] as const) {
    const v = f?.[k];
    if (v) out[k] = v;
  }
  return out;
}

function unreadable(path: string, err: unknown): IngestItem {
  return { ok: false, failure: { id: path, error: { code: "INPUT_UNREADABLE", message: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}` } } };
}

export function fromBytes(id: string, bytes: Uint8Array): IngestItem {
  try {
    return { ok: true, note: { id, text: decodeNote(bytes) } };
  } catch (err) {
    return { ok: false, failure: { id, error: { code: codeOf(err), message: `${id}: ${errorMessage(err)}` } } };
  }
}

function codeOf(err: unknown): string {
  return err instanceof ChartcheckError ? err.code : "INPUT_UNREADABLE";
}
