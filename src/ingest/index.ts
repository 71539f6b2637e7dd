/**
 * Ingest: expands inputs (files, folders, globs, "-" for stdin) and yields
 * notes or per-note errors. It never parses clinical content.
 */
import { readFile, stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import fg from "fast-glob";
import { ChartcheckError, errorMessage } from "../common/errors.js";
import { decodeNote } from "./decode.js";
import type { IngestItem } from "./types.js";

export type { IngestItem, NoteError, NoteInput } from "./types.js";

export interface IngestOptions {
  cwd: string;
  /** Reads all of standard input, for "-". */
  readStdin?: () => Promise<Uint8Array>;
  /** Folder expansion pattern (default: **\/*.txt). */
  folderPattern?: string;
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
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

/** Yields every note of every input, in input order then path order. */
export async function* readInputs(inputs: readonly string[], options: IngestOptions): AsyncGenerator<IngestItem> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-") {
      if (!options.readStdin) throw new ChartcheckError("USAGE", "reading from stdin is not available here");
      yield fromBytes("-", await options.readStdin());
      continue;
    }
    let paths: string[];
    try {
      paths = await expandInput(input, options.cwd, options.folderPattern);
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
      let bytes: Uint8Array;
      try {
        bytes = await readFile(resolve(options.cwd, path));
      } catch (err) {
        yield { ok: false, failure: { id: path, error: { code: "INPUT_UNREADABLE", message: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}` } } };
        continue;
      }
      yield fromBytes(path, bytes);
    }
  }
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
