/**
 * --resume: reads back what an interrupted run already wrote to its JSONL or
 * CSV output, so the next run skips those notes and appends.
 *
 * JSONL: every complete line is a finished note; a last line without its
 * newline (or that does not parse) was cut off and is truncated away.
 * CSV: a note spans several rows (one per rule) and a cut can fall between
 * them, so the last note in the file is always truncated away and redone.
 * Outcomes already written are replayed into `onPrior`, so the summary and
 * exit code cover the whole file, not just the resumed part.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { parse } from "csv-parse";
import { ChartcheckError } from "../common/errors.js";
import { csvColumns, unescapeCell } from "../report/formatters/csv.js";
import { splitLines } from "./lines.js";

/** The parts of a report line the resume needs (a NoteReport or NoteError subset). */
export type PriorOutcome =
  | { noteId: string; results: Array<{ ruleId: string; outcome: string; severity: string }> }
  | { id: string; error: { code: string; message: string } };

export interface ResumeState {
  /** Whether the output file exists and holds a header / lines to keep. */
  existed: boolean;
  /** Note ids already complete in the file. */
  done: Set<string>;
  /** Byte length to truncate the file to before appending. */
  keepBytes: number;
  /** CSV only: metadata columns of the existing header. */
  metadataColumns?: string[];
  /** JSONL only: the config hash recorded on the first line. */
  configHash?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export async function readResumeState(path: string, format: "jsonl" | "csv", onPrior?: (p: PriorOutcome) => void): Promise<ResumeState> {
  const st = await stat(path).catch(() => null);
  if (!st) return { existed: false, done: new Set(), keepBytes: 0 };
  if (!st.isFile()) throw new ChartcheckError("USAGE", `--output ${path} is not a file`);
  return format === "jsonl" ? resumeJsonl(path, st.size, onPrior) : resumeCsv(path, onPrior);
}

async function resumeJsonl(path: string, size: number, onPrior?: (p: PriorOutcome) => void): Promise<ResumeState> {
  const state: ResumeState = { existed: size > 0, done: new Set(), keepBytes: 0 };
  let offset = 0;
  for await (const line of splitLines(createReadStream(path), 256 * 1024 * 1024)) {
    if (line.tooLong !== undefined) throw new ChartcheckError("REPORT_FORMAT", `${path}:${line.lineNo}: line too long to be a chartcheck report line`);
    const end = offset + line.bytes.length;
    const complete = end < size; // a newline follows
    let value: Record<string, unknown> | null = null;
    try {
      const v: unknown = JSON.parse(utf8.decode(line.bytes));
      if (v && typeof v === "object" && !Array.isArray(v)) value = v as Record<string, unknown>;
    } catch {
      value = null;
    }
    if (!complete || (!value && end + 1 >= size)) break; // cut-off last line: truncated away
    if (!value || typeof value.noteId !== "string") {
      if (line.bytes.length === 0) {
        offset = end + 1;
        state.keepBytes = offset;
        continue;
      }
      throw new ChartcheckError("REPORT_FORMAT", `${path}:${line.lineNo}: not a chartcheck JSONL report line; cannot resume into this file`);
    }
    const run = value.run as { configHash?: unknown } | undefined;
    if (state.configHash === undefined && typeof run?.configHash === "string") state.configHash = run.configHash;
    state.done.add(value.noteId);
    if (onPrior) {
      const err = value.error as { code: string; message: string } | undefined;
      onPrior(err ? { id: value.noteId, error: err } : { noteId: value.noteId, results: (value.results as Array<{ ruleId: string; outcome: string; severity: string }>) ?? [] });
    }
    offset = end + 1;
    state.keepBytes = offset;
  }
  return state;
}

async function resumeCsv(path: string, onPrior?: (p: PriorOutcome) => void): Promise<ResumeState> {
  const state: ResumeState = { existed: false, done: new Set(), keepBytes: 0 };
  const parser = createReadStream(path).pipe(parse({ bom: true, info: true, relax_column_count: true }));
  let header: string[] | null = null;
  let idx = { ruleId: -1, outcome: -1, severity: -1, message: -1 };
  let group: { id: string; start: number; rows: string[][] } | null = null;
  let lastEnd = 0;
  const flush = () => {
    if (!group) return;
    state.done.add(group.id);
    if (onPrior) {
      const first = group.rows[0]!;
      if (first[idx.outcome] === "error") {
        const msg = first[idx.message] ?? "";
        const code = /^([A-Z_]+):/.exec(msg)?.[1] ?? "ERROR";
        onPrior({ id: group.id, error: { code, message: msg } });
      } else {
        onPrior({ noteId: group.id, results: group.rows.map((r) => ({ ruleId: r[idx.ruleId] ?? "", outcome: r[idx.outcome] ?? "", severity: r[idx.severity] ?? "" })) });
      }
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      if (!header) {
        header = record;
        const other = header.indexOf("other_metadata");
        const meta = other > 2 ? header.slice(2, other) : [];
        if (header[0] !== "noteId" || JSON.stringify(csvColumns(meta)) !== JSON.stringify(header)) {
          throw new ChartcheckError("REPORT_FORMAT", `${path}: header is not a chartcheck CSV report header; cannot resume into this file`);
        }
        state.metadataColumns = meta;
        state.existed = true;
        idx = { ruleId: header.indexOf("ruleId"), outcome: header.indexOf("outcome"), severity: header.indexOf("severity"), message: header.indexOf("message") };
        state.keepBytes = info.bytes;
        lastEnd = info.bytes;
        continue;
      }
      const id = unescapeCell(record[0] ?? "");
      if (!group || group.id !== id) {
        flush();
        group = { id, start: lastEnd, rows: [] };
      }
      group.rows.push(record);
      lastEnd = info.bytes;
    }
  } catch (err) {
    if (err instanceof ChartcheckError) throw err;
    // A cut inside a quoted field: everything up to the last whole row is kept, minus the last note.
  }
  // The last note may be incomplete (rows are written note by note): redo it.
  if (group) state.keepBytes = group.start;
  return state;
}
