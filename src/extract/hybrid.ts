/**
 * The hybrid extractor: runs the LLM and the lexicon extractor on each note
 * and merges them. Grounded LLM facts plus lexicon facts; where both found
 * the same fact (same kind, overlapping spans, same attributes) the lexicon
 * copy is kept once; every disagreement is listed in the note's diagnostics:
 * a fact only one side found, the same mention read differently, or a
 * note-level field with two values.
 */
import type { Fact, NoteFacts } from "../facts/schema.js";
import type { ExtractInput, ExtractResult, Extractor } from "./extractor.js";
import type { LlmExtractor } from "./llm/extractor.js";

/** Fields that are about where a mention is, not what it says. */
const LOCATION_FIELDS = new Set(["span", "quote", "source", "cues", "section"]);

export type Disagreement =
  | { type: "lexicon_only" | "llm_only"; kind: string; span: { start: number; end: number }; quote: string }
  | {
      type: "attributes";
      kind: string;
      lexicon: { start: number; end: number };
      llm: { start: number; end: number };
      fields: Record<string, { lexicon: unknown; llm: unknown }>;
    }
  | { type: "note"; field: string; lexicon: unknown; llm: unknown };

function overlaps(a: Fact, b: Fact): boolean {
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

function attributeDiff(lex: Fact, llm: Fact): Record<string, { lexicon: unknown; llm: unknown }> {
  const diff: Record<string, { lexicon: unknown; llm: unknown }> = {};
  const keys = new Set([...Object.keys(lex), ...Object.keys(llm)]);
  for (const k of [...keys].sort()) {
    if (LOCATION_FIELDS.has(k)) continue;
    const a = (lex as Record<string, unknown>)[k];
    const b = (llm as Record<string, unknown>)[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[k] = { lexicon: a ?? null, llm: b ?? null };
  }
  return diff;
}

export interface MergeResult {
  facts: Omit<NoteFacts, "extractor">;
  disagreements: Disagreement[];
  agreed: number;
}

/** Deterministic merge: same inputs, same output. */
export function mergeFacts(lexicon: NoteFacts, llm: NoteFacts, given: ExtractInput["encounterDate"]): MergeResult {
  const disagreements: Disagreement[] = [];
  const usedLlm = new Set<number>();
  const merged: Array<{ fact: Fact; order: number }> = [];
  let agreed = 0;

  for (const lf of lexicon.facts) {
    // Prefer a partner that agrees fully; otherwise the first overlapping one of the same kind.
    let partner = -1;
    let partnerDiff: Record<string, { lexicon: unknown; llm: unknown }> | null = null;
    for (const [i, mf] of llm.facts.entries()) {
      if (usedLlm.has(i) || mf.kind !== lf.kind || !overlaps(lf, mf)) continue;
      const diff = attributeDiff(lf, mf);
      if (Object.keys(diff).length === 0) {
        partner = i;
        partnerDiff = diff;
        break;
      }
      if (partner < 0) {
        partner = i;
        partnerDiff = diff;
      }
    }
    merged.push({ fact: lf, order: 0 });
    if (partner < 0) {
      disagreements.push({ type: "lexicon_only", kind: lf.kind, span: lf.span, quote: lf.quote });
      continue;
    }
    usedLlm.add(partner);
    const mf = llm.facts[partner]!;
    if (partnerDiff && Object.keys(partnerDiff).length) {
      merged.push({ fact: mf, order: 1 });
      disagreements.push({ type: "attributes", kind: lf.kind, lexicon: lf.span, llm: mf.span, fields: partnerDiff });
    } else {
      agreed++;
    }
  }
  for (const [i, mf] of llm.facts.entries()) {
    if (usedLlm.has(i)) continue;
    merged.push({ fact: mf, order: 1 });
    disagreements.push({ type: "llm_only", kind: mf.kind, span: mf.span, quote: mf.quote });
  }
  merged.sort((a, b) => a.fact.span.start - b.fact.span.start || a.fact.span.end - b.fact.span.end || a.order - b.order);

  // Note-level fields: the LLM's value when it has one, else the lexicon's; two different values are listed.
  const pick = <K extends "encounterDate" | "noteType" | "inScope" | "patientAge" | "newOnset" | "symptomDuration">(
    field: K,
    same: (a: NonNullable<NoteFacts[K]>, b: NonNullable<NoteFacts[K]>) => boolean,
  ): NoteFacts[K] => {
    const a = lexicon[field];
    const b = llm[field];
    if (a !== null && b !== null && !same(a as NonNullable<NoteFacts[K]>, b as NonNullable<NoteFacts[K]>)) {
      disagreements.push({ type: "note", field, lexicon: a, llm: b });
    }
    return b ?? a;
  };
  const eq = <T>(a: T, b: T): boolean => a === b;
  const encounterDate = given ? { ...given, span: null } : pick("encounterDate", (a, b) => a.value === b.value);
  const symptomDuration = pick("symptomDuration", (a, b) => a.weeks === b.weeks && a.chronic === b.chronic);

  return {
    facts: {
      encounterDate,
      noteType: pick("noteType", eq),
      inScope: pick("inScope", eq),
      patientAge: pick("patientAge", eq),
      newOnset: pick("newOnset", eq),
      symptomDuration,
      facts: merged.map((m) => m.fact),
    },
    disagreements,
    agreed,
  };
}

export class HybridExtractor implements Extractor {
  readonly name = "hybrid" as const;

  constructor(
    readonly llm: LlmExtractor,
    readonly lexicon: Extractor,
  ) {}

  async extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractResult> {
    const [llm, lex] = await Promise.all([this.llm.extractLlm(input, signal), this.lexicon.extract(input, signal)]);
    if (!llm.ok) {
      this.llm.recordFallback(input.id, llm.reason);
      return { facts: lex.facts, diagnostics: { ...lex.diagnostics, fallback: true, reason: llm.reason } };
    }
    const m = mergeFacts(lex.facts, llm.facts, input.encounterDate);
    return {
      facts: { ...m.facts, extractor: this.llm.extractorInfo("hybrid") },
      diagnostics: {
        llm: { ungrounded: llm.ungrounded, ...(llm.ungrounded ? { ungroundedKinds: llm.ungroundedKinds } : {}) },
        agreed: m.agreed,
        disagreements: m.disagreements,
      },
    };
  }

  async close(): Promise<void> {
    await this.llm.close();
    await this.lexicon.close?.();
  }
}
