import { createHash } from "node:crypto";
/**
 * The library API: note in, one report out. No file system, no process state.
 */
import { ChartcheckError, errorMessage } from "./common/errors.js";
import type { ConfigFile } from "./config/schema.js";
import { formatZodIssues, resolveRules } from "./config/schema.js";
import type { Extractor } from "./extract/extractor.js";
import { LexiconExtractor } from "./extract/lexicon/index.js";
import { NoteFactsSchema, type NoteFacts, type Span } from "./facts/schema.js";
import type { IngestItem, NoteError, NoteInput } from "./ingest/types.js";
import { evaluateNote, type ResolvedRule } from "./rules/engine.js";
import { lumbosacralRadiculopathy } from "./rules/packs/lumbosacral-radiculopathy/index.js";
import type { RulePack, RuleResult } from "./rules/types.js";
import { sentenceAt, splitSentences } from "./text/sentences.js";
import { VERSION } from "./version.js";


export interface NoteReport {
  noteId: string;
  encounterDate: string | null;
  metadata?: Record<string, string>;
  facts: NoteFacts;
  results: RuleResult[];
  diagnostics?: Record<string, unknown>;
  run: RunInfo;
}

export type NoteOutcome = NoteReport | NoteError;

export function isNoteError(r: NoteOutcome): r is NoteError {
  return "error" in r;
}

/** What a published figure needs to be regenerated; recorded on every report line. */
export interface RunInfo {
  tool: "chartcheck";
  version: string;
  pack: string;
  packVersion: string;
  /** sha256 (first 16 hex) of the canonical JSON of the resolved rule settings. */
  configHash: string;
  extractor: string;
}

export interface Auditor {
  run: RunInfo;
  pack: RulePack;
  rules: ResolvedRule[];
  extractor: Extractor;
  /** Encounter date for every note (--date), overriding header dates but not record metadata. */
  date: string | null;
}

export interface AuditorOptions {
  config?: ConfigFile;
  extractor?: Extractor;
  pack?: RulePack;
  date?: string | null;
}

export function createAuditor(options: AuditorOptions = {}): Auditor {
  const pack = options.pack ?? lumbosacralRadiculopathy;
  const rules = resolveRules(pack, options.config?.rules);
  const extractor = options.extractor ?? new LexiconExtractor();
  return {
    run: {
      tool: "chartcheck",
      version: VERSION,
      pack: pack.id,
      packVersion: pack.version,
      configHash: configHash(rules),
      extractor: extractor.name,
    },
    pack,
    rules,
    extractor,
    date: options.date ?? null,
  };
}

/** Hash of the effective rule configuration (ids, severities, options), order-stable. */
export function configHash(rules: readonly ResolvedRule[]): string {
  const canonical = JSON.stringify(rules.map((r) => [r.rule.meta.id, r.severity, sortKeys(r.options)]));
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Widens a fact span to the sentence(s) it lies in. */
function sentenceWidener(text: string): (s: Span) => Span {
  let sentences: Span[] | null = null;
  return (s) => {
    sentences ??= splitSentences(text);
    const a = sentenceAt(sentences, s.start);
    const b = sentenceAt(sentences, Math.max(s.start, s.end - 1));
    return { start: Math.min(a.start, s.start), end: Math.max(b.end, s.end) };
  };
}

/** Audits one note. Throws ChartcheckError on extraction or rule failure. */
export async function auditNote(auditor: Auditor, note: NoteInput, signal?: AbortSignal): Promise<NoteReport> {
  const encounterDate = note.date
    ? { value: note.date, source: "metadata" as const }
    : auditor.date
      ? { value: auditor.date, source: "option" as const }
      : null;
  let extracted;
  try {
    extracted = await auditor.extractor.extract({ id: note.id, text: note.text, encounterDate }, signal);
  } catch (err) {
    throw new ChartcheckError("EXTRACTION_FAILED", `extraction failed: ${errorMessage(err)}`, { cause: err });
  }
  let facts: NoteFacts = extracted.facts;
  if (!auditor.extractor.schemaChecked) {
    const parsed = NoteFactsSchema.safeParse(extracted.facts);
    if (!parsed.success) {
      throw new ChartcheckError("EXTRACTION_FAILED", `extractor returned invalid facts: ${formatZodIssues(parsed.error).slice(0, 5).join("; ")}`);
    }
    facts = parsed.data;
  }
  let results: RuleResult[];
  try {
    results = evaluateNote(auditor.rules, facts, note.text, sentenceWidener(note.text));
  } catch (err) {
    throw new ChartcheckError("RULE_FAILED", errorMessage(err), { cause: err });
  }
  const report: NoteReport = {
    noteId: note.id,
    encounterDate: facts.encounterDate?.value ?? null,
    ...(note.metadata && Object.keys(note.metadata).length ? { metadata: note.metadata } : {}),
    facts,
    results,
    ...(extracted.diagnostics ? { diagnostics: extracted.diagnostics } : {}),
    run: auditor.run,
  };
  return report;
}

/** Audits one note and turns any failure into a per-note error result. */
export async function auditItem(auditor: Auditor, item: IngestItem, signal?: AbortSignal): Promise<NoteOutcome> {
  if (!item.ok) return item.failure;
  try {
    return await auditNote(auditor, item.note, signal);
  } catch (err) {
    const code = err instanceof ChartcheckError ? err.code : "RULE_FAILED";
    return {
      id: item.note.id,
      error: { code, message: `${item.note.id}: ${errorMessage(err)}` },
      ...(item.note.metadata ? { metadata: item.note.metadata } : {}),
    };
  }
}

/**
 * Audits a stream of notes with up to `concurrency` in flight, yielding
 * results in input order (deterministic output whatever the timing).
 */
export async function* auditStream(
  auditor: Auditor,
  items: AsyncIterable<IngestItem>,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): AsyncGenerator<NoteOutcome> {
  const limit = Math.max(1, options.concurrency ?? 1);
  const window: Array<Promise<NoteOutcome>> = [];
  for await (const item of items) {
    window.push(auditItem(auditor, item, options.signal));
    if (window.length >= limit) yield await window.shift()!;
  }
  while (window.length) yield await window.shift()!;
}

/** Convenience for one pasted note. */
export async function auditText(
  text: string,
  options: AuditorOptions & { id?: string } = {},
): Promise<NoteReport> {
  const auditor = createAuditor(options);
  return auditNote(auditor, { id: options.id ?? "note", text });
}
