/**
 * Streaming readers for report JSONL (as written by `audit --format jsonl`)
 * and gold JSONL. Lines are read one at a time with readline (CRLF and a
 * UTF-8 BOM are tolerated, blank lines skipped); a malformed line is a
 * ChartcheckError naming file:line and the field path. Messages never quote
 * line content: report lines carry note text in their evidence.
 */
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import { ChartcheckError, errorMessage, type ErrorCode } from "../common/errors.js";
import { formatZodIssues } from "../config/schema.js";
import type { OutcomeName } from "../rules/types.js";
import { GoldLineSchema, OutcomeSchema, type GoldLine } from "./gold.js";

export interface JsonLine {
  line: number;
  value: unknown;
}

/** Opens a file for reading, with errors that name it. */
async function openForReading(file: string, cwd: string) {
  const path = resolve(cwd, file);
  let fh;
  try {
    fh = await open(path, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ChartcheckError("INPUT_NOT_FOUND", `${file}: file not found`);
    throw new ChartcheckError("INPUT_UNREADABLE", `${file}: cannot open (${code ?? errorMessage(err)})`);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw new ChartcheckError("INPUT_UNREADABLE", `${file}: not a regular file`);
  }
  return fh;
}

/** Where JSON.parse failed, without echoing the text (V8 messages quote it). */
function jsonErrorWhere(err: unknown): string {
  const m = /position (\d+)/.exec(errorMessage(err));
  return m ? ` (at column ${Number(m[1]) + 1})` : "";
}

/**
 * Yields each non-blank line of a JSONL file parsed as JSON, with its
 * 1-based line number. Invalid JSON throws `code` naming file:line.
 */
export async function* readJsonLines(file: string, cwd: string, code: ErrorCode): AsyncGenerator<JsonLine> {
  const fh = await openForReading(file, cwd);
  const stream = fh.createReadStream({ encoding: "utf8" });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const raw of rl) {
      lineNo++;
      const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw).trim();
      if (text === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ChartcheckError(code, `${file}:${lineNo}: not valid JSON${jsonErrorWhere(err)}`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new ChartcheckError(code, `${file}:${lineNo}: expected a JSON object`);
      }
      yield { line: lineNo, value };
    }
  } catch (err) {
    if (err instanceof ChartcheckError) throw err;
    throw new ChartcheckError("INPUT_UNREADABLE", `${file}: read failed at line ${lineNo + 1} (${errorMessage(err)})`);
  } finally {
    rl.close();
    stream.destroy();
    await fh.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- reports

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const MetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const ReportRunSchema = z.looseObject({
  tool: z.string().optional(),
  version: z.string(),
  pack: z.string(),
  packVersion: z.string(),
  configHash: z.string(),
  extractor: z.string(),
});

export const ReportNoteLineSchema = z.looseObject({
  noteId: z.string().min(1),
  encounterDate: IsoDate.nullable().optional(),
  metadata: MetadataSchema.optional(),
  facts: z
    .looseObject({
      extractor: z
        .looseObject({
          name: z.string().optional(),
          version: z.string().optional(),
          model: z.string().nullable().optional(),
          promptHash: z.string().nullable().optional(),
        })
        .optional(),
    })
    .optional(),
  results: z.array(z.looseObject({ ruleId: z.string().min(1), outcome: OutcomeSchema })),
  run: ReportRunSchema.optional(),
});

export const ReportErrorLineSchema = z.looseObject({
  noteId: z.string().min(1),
  metadata: MetadataSchema.optional(),
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }),
});

/** The provenance of a report line: what a figure needs to be regenerated. */
export interface RunDescriptor {
  version: string | null;
  pack: string | null;
  packVersion: string | null;
  configHash: string | null;
  extractor: string | null;
  extractorVersion: string | null;
  model: string | null;
  promptHash: string | null;
}

export interface ReportNote {
  kind: "note";
  line: number;
  noteId: string;
  encounterDate: string | null;
  metadata: Record<string, string>;
  /** Rule id -> outcome, in the line's result order. */
  outcomes: Map<string, OutcomeName>;
  run: RunDescriptor | null;
}

export interface ReportError {
  kind: "error";
  line: number;
  noteId: string;
  code: string;
  metadata: Record<string, string>;
}

export type ReportRecord = ReportNote | ReportError;

function stringMetadata(m: z.infer<typeof MetadataSchema> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const [k, v] of Object.entries(m)) out[k] = v === null ? "" : String(v);
  return out;
}

function zodFail(code: ErrorCode, file: string, line: number, error: z.ZodError): never {
  const issues = formatZodIssues(error);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  throw new ChartcheckError(code, `${file}:${line}: ${issues.slice(0, 5).join("; ")}${more}`);
}

/** Classifies a parsed line: gold (`outcomes`), report (`results`) or report error (`error`). */
export function lineKind(value: object): "gold" | "report" | "error" | null {
  if ("outcomes" in value) return "gold";
  if ("results" in value) return "report";
  if ("error" in value) return "error";
  return null;
}

/** Validates one parsed report line. */
export function parseReportLine(value: object, file: string, line: number): ReportRecord {
  const kind = lineKind(value);
  if (kind === "error") {
    const r = ReportErrorLineSchema.safeParse(value);
    if (!r.success) zodFail("REPORT_FORMAT", file, line, r.error);
    return {
      kind: "error",
      line,
      noteId: r.data.noteId,
      code: r.data.error.code ?? "UNKNOWN",
      metadata: stringMetadata(r.data.metadata),
    };
  }
  if (kind !== "report") {
    const hint = kind === "gold" ? " (this looks like a gold line: pass gold files with --gold)" : "";
    throw new ChartcheckError("REPORT_FORMAT", `${file}:${line}: not a report line: expected "results" or "error"${hint}`);
  }
  const r = ReportNoteLineSchema.safeParse(value);
  if (!r.success) zodFail("REPORT_FORMAT", file, line, r.error);
  const d = r.data;
  const outcomes = new Map<string, OutcomeName>();
  for (const res of d.results) {
    if (outcomes.has(res.ruleId)) {
      throw new ChartcheckError("REPORT_FORMAT", `${file}:${line}: results: rule ${res.ruleId} appears twice`);
    }
    outcomes.set(res.ruleId, res.outcome);
  }
  const ex = d.facts?.extractor;
  const run: RunDescriptor | null =
    d.run || ex
      ? {
          version: d.run?.version ?? null,
          pack: d.run?.pack ?? null,
          packVersion: d.run?.packVersion ?? null,
          configHash: d.run?.configHash ?? null,
          extractor: d.run?.extractor ?? ex?.name ?? null,
          extractorVersion: ex?.version ?? null,
          model: ex?.model ?? null,
          promptHash: ex?.promptHash ?? null,
        }
      : null;
  return {
    kind: "note",
    line,
    noteId: d.noteId,
    encounterDate: d.encounterDate ?? null,
    metadata: stringMetadata(d.metadata),
    outcomes,
    run,
  };
}

/** Streams a report JSONL file, one validated record per line. */
export async function* readReport(file: string, cwd: string): AsyncGenerator<ReportRecord> {
  for await (const { line, value } of readJsonLines(file, cwd, "REPORT_FORMAT")) {
    yield parseReportLine(value as object, file, line);
  }
}

// ---------------------------------------------------------------- runs

/** Tallies the distinct runs found on report lines. */
export class RunTally {
  private readonly runs = new Map<string, { run: RunDescriptor; lines: number }>();
  private unknown = 0;

  add(run: RunDescriptor | null): void {
    if (!run) {
      this.unknown++;
      return;
    }
    const key = JSON.stringify(run);
    const e = this.runs.get(key);
    if (e) e.lines++;
    else this.runs.set(key, { run, lines: 1 });
  }

  /** Distinct runs, most lines first, ties in first-seen order. */
  list(): Array<{ run: RunDescriptor; lines: number }> {
    return [...this.runs.values()].map((v, i) => ({ ...v, i })).sort((a, b) => b.lines - a.lines || a.i - b.i).map(({ run, lines }) => ({ run, lines }));
  }

  /** Lines without any run information. */
  get withoutRun(): number {
    return this.unknown;
  }

  get mixed(): boolean {
    return this.runs.size > 1 || (this.runs.size === 1 && this.unknown > 0);
  }
}

export function describeRun(r: RunDescriptor): string {
  const parts = [
    `chartcheck ${r.version ?? "?"}`,
    `pack ${r.pack ?? "?"} ${r.packVersion ?? "?"}`,
    `config ${r.configHash ?? "?"}`,
    `extractor ${r.extractor ?? "?"}${r.extractorVersion ? ` ${r.extractorVersion}` : ""}`,
  ];
  if (r.model !== null || r.promptHash !== null) parts.push(`model ${r.model ?? "-"}`, `prompt ${r.promptHash ?? "-"}`);
  return parts.join(", ");
}

/** Human-readable run lines (and a warning when a report mixes runs). */
export function describeRuns(tally: RunTally): { lines: string[]; warning: string | null } {
  const list = tally.list();
  const lines = list.map((e) => `${describeRun(e.run)}${list.length > 1 || tally.withoutRun ? ` (${e.lines} line${e.lines === 1 ? "" : "s"})` : ""}`);
  if (tally.withoutRun) lines.push(`no run information (${tally.withoutRun} line${tally.withoutRun === 1 ? "" : "s"})`);
  const warning = tally.mixed
    ? `the report mixes ${list.length + (tally.withoutRun ? 1 : 0)} different runs; figures pool them`
    : null;
  return { lines, warning };
}

// ---------------------------------------------------------------- gold

export interface GoldNote {
  line: number;
  noteId: string;
  outcomes: Map<string, OutcomeName>;
  rationale: Record<string, string>;
  gold: GoldLine;
}

/** Validates one parsed gold line. */
export function parseGoldLine(value: object, file: string, line: number): GoldNote {
  if (lineKind(value) === "report" || lineKind(value) === "error") {
    throw new ChartcheckError("GOLD_FORMAT", `${file}:${line}: this is a report line, not a gold line (expected "outcomes")`);
  }
  const r = GoldLineSchema.safeParse(value);
  if (!r.success) zodFail("GOLD_FORMAT", file, line, r.error);
  return {
    line,
    noteId: r.data.noteId,
    outcomes: new Map(Object.entries(r.data.outcomes)),
    rationale: r.data.rationale ?? {},
    gold: r.data,
  };
}

/** Checks a line's rule set against the first line's, and note ids for duplicates. */
export class ConsistencyChecker {
  private rules: string[] | null = null;
  private firstLine = 0;
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly code: ErrorCode,
  ) {}

  noteId(id: string, line: number): void {
    const prev = this.ids.get(id);
    if (prev !== undefined) throw new ChartcheckError(this.code, `${this.file}:${line}: noteId ${id} already appears on line ${prev}`);
    this.ids.set(id, line);
  }

  ruleSet(ids: readonly string[], line: number): void {
    if (!this.rules) {
      this.rules = [...ids];
      this.firstLine = line;
      return;
    }
    const have = new Set(ids);
    const want = new Set(this.rules);
    const missing = this.rules.filter((r) => !have.has(r));
    const extra = ids.filter((r) => !want.has(r));
    if (missing.length || extra.length) {
      const parts = [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `extra ${extra.join(", ")}` : ""].filter(Boolean);
      throw new ChartcheckError(this.code, `${this.file}:${line}: outcomes: rules differ from line ${this.firstLine} (${parts.join("; ")})`);
    }
  }

  get ruleIds(): string[] {
    return this.rules ? [...this.rules] : [];
  }
}

export interface GoldFile {
  file: string;
  notes: GoldNote[];
  /** Rule ids in the order of the first line. */
  ruleIds: string[];
}

/** Reads and validates a whole gold file (every line must carry the same rules; note ids unique). */
export async function readGold(file: string, cwd: string): Promise<GoldFile> {
  const notes: GoldNote[] = [];
  const check = new ConsistencyChecker(file, "GOLD_FORMAT");
  for await (const { line, value } of readJsonLines(file, cwd, "GOLD_FORMAT")) {
    const g = parseGoldLine(value as object, file, line);
    check.noteId(g.noteId, line);
    check.ruleSet([...g.outcomes.keys()], line);
    notes.push(g);
  }
  if (notes.length === 0) throw new ChartcheckError("GOLD_FORMAT", `${file}: no gold lines`);
  return { file, notes, ruleIds: check.ruleIds };
}

// ---------------------------------------------------------------- either

/** A set of labels from either a report or a gold file, for agreement. */
export interface LabelFile {
  file: string;
  kind: "gold" | "report";
  notes: Array<{ noteId: string; line: number; outcomes: Map<string, OutcomeName> | null; rationale: Record<string, string> }>;
  ruleIds: string[];
  runs: RunTally;
}

/** Reads a file that may be a report or a gold file (decided by its first line; no mixing). */
export async function readLabels(file: string, cwd: string): Promise<LabelFile> {
  let kind: "gold" | "report" | null = null;
  const notes: LabelFile["notes"] = [];
  const ruleIds: string[] = [];
  const seenRules = new Set<string>();
  const runs = new RunTally();
  const ids = new Map<string, number>();
  const goldCheck = new ConsistencyChecker(file, "GOLD_FORMAT");
  for await (const { line, value } of readJsonLines(file, cwd, "REPORT_FORMAT")) {
    const k = lineKind(value as object);
    const lk = k === "error" ? "report" : k;
    if (lk === null) {
      throw new ChartcheckError("REPORT_FORMAT", `${file}:${line}: neither a report line ("results" or "error") nor a gold line ("outcomes")`);
    }
    kind ??= lk;
    if (lk !== kind) {
      throw new ChartcheckError("REPORT_FORMAT", `${file}:${line}: a ${lk} line in a file whose first line is a ${kind} line`);
    }
    let entry: LabelFile["notes"][number];
    if (lk === "gold") {
      const g = parseGoldLine(value as object, file, line);
      goldCheck.ruleSet([...g.outcomes.keys()], line);
      entry = { noteId: g.noteId, line, outcomes: g.outcomes, rationale: g.rationale };
    } else {
      const r = parseReportLine(value as object, file, line);
      if (r.kind === "note") runs.add(r.run);
      entry = { noteId: r.noteId, line, outcomes: r.kind === "note" ? r.outcomes : null, rationale: {} };
    }
    const prev = ids.get(entry.noteId);
    if (prev !== undefined) {
      throw new ChartcheckError(lk === "gold" ? "GOLD_FORMAT" : "REPORT_FORMAT", `${file}:${line}: noteId ${entry.noteId} already appears on line ${prev}`);
    }
    ids.set(entry.noteId, line);
    for (const id of entry.outcomes?.keys() ?? []) {
      if (!seenRules.has(id)) {
        seenRules.add(id);
        ruleIds.push(id);
      }
    }
    notes.push(entry);
  }
  if (kind === null) throw new ChartcheckError("REPORT_FORMAT", `${file}: no lines`);
  return { file, kind, notes, ruleIds, runs };
}
