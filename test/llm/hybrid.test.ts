import { describe, expect, it } from "vitest";
import type { Fact, NoteFacts } from "../../src/facts/schema.js";
import { NoteFactsSchema } from "../../src/facts/schema.js";
import { mergeFacts } from "../../src/extract/hybrid.js";

const base = { section: null, assertion: "affirmed", temporality: "current", experiencer: "patient", cues: [] } as const;

function fact(source: "lexicon" | "llm", start: number, end: number, extra: Record<string, unknown>): Fact {
  return { ...base, source, span: { start, end }, quote: "x".repeat(end - start), ...extra } as unknown as Fact;
}

function notes(name: "lexicon" | "llm", facts: Fact[], over: Partial<NoteFacts> = {}): NoteFacts {
  return {
    encounterDate: null,
    noteType: "evaluation",
    inScope: true,
    patientAge: null,
    newOnset: null,
    symptomDuration: null,
    facts,
    extractor: { name, version: "1", model: null, promptHash: null },
    ...over,
  };
}

describe("hybrid merge", () => {
  it("keeps one copy of an agreeing fact, both copies of a differing one, and lists every disagreement", () => {
    const lex = notes("lexicon", [
      fact("lexicon", 0, 3, { kind: "imaging", modality: "mri", region: "lumbar", contrast: "without", status: "ordered" }),
      fact("lexicon", 10, 18, { kind: "red_flag", category: "infection", finding: "fever", assertion: "negated" }),
      fact("lexicon", 30, 35, { kind: "bed_rest" }),
    ]);
    const llm = notes("llm", [
      fact("llm", 0, 3, { kind: "imaging", modality: "mri", region: "lumbar", contrast: "without", status: "ordered", section: "plan" }),
      fact("llm", 9, 18, { kind: "red_flag", category: "infection", finding: "fever", assertion: "affirmed" }),
      fact("llm", 50, 60, { kind: "education", topic: "natural_history" }),
    ]);
    const m = mergeFacts(lex, llm, null);
    expect(m.agreed).toBe(1);
    expect(m.facts.facts.map((f) => `${f.kind}:${f.source}`)).toEqual([
      "imaging:lexicon",
      "red_flag:llm",
      "red_flag:lexicon",
      "bed_rest:lexicon",
      "education:llm",
    ]);
    expect(m.disagreements).toEqual([
      { type: "attributes", kind: "red_flag", lexicon: { start: 10, end: 18 }, llm: { start: 9, end: 18 }, fields: { assertion: { lexicon: "negated", llm: "affirmed" } } },
      { type: "lexicon_only", kind: "bed_rest", span: { start: 30, end: 35 }, quote: "xxxxx" },
      { type: "llm_only", kind: "education", span: { start: 50, end: 60 }, quote: "xxxxxxxxxx" },
    ]);
    expect(NoteFactsSchema.safeParse({ ...m.facts, extractor: { name: "hybrid", version: "1", model: "m", promptHash: "h" } }).success).toBe(true);
  });

  it("prefers a fully agreeing partner over the first overlapping one", () => {
    const lex = notes("lexicon", [fact("lexicon", 0, 10, { kind: "symptom", finding: "sciatica", side: "left" })]);
    const llm = notes("llm", [
      fact("llm", 0, 4, { kind: "symptom", finding: "leg_pain", side: "left" }),
      fact("llm", 2, 10, { kind: "symptom", finding: "sciatica", side: "left" }),
    ]);
    const m = mergeFacts(lex, llm, null);
    expect(m.agreed).toBe(1);
    expect(m.disagreements).toEqual([{ type: "llm_only", kind: "symptom", span: { start: 0, end: 4 }, quote: "xxxx" }]);
  });

  it("note-level fields: the LLM's value when it has one; two different values are listed; an external date wins", () => {
    const lex = notes("lexicon", [], { patientAge: 40, encounterDate: { value: "2026-01-01", source: "header", span: { start: 0, end: 10 } } });
    const llm = notes("llm", [], {
      patientAge: 41,
      newOnset: true,
      noteType: "procedure",
      encounterDate: { value: "2026-01-02", source: "header", span: { start: 20, end: 30 } },
    });
    const m = mergeFacts(lex, llm, null);
    expect(m.facts).toMatchObject({ patientAge: 41, newOnset: true, noteType: "procedure", encounterDate: { value: "2026-01-02" } });
    expect(m.disagreements.map((d) => (d.type === "note" ? d.field : d.type))).toEqual(["encounterDate", "noteType", "patientAge"]);
    const given = mergeFacts(lex, llm, { value: "2025-12-31", source: "option" });
    expect(given.facts.encounterDate).toEqual({ value: "2025-12-31", source: "option", span: null });
  });

  it("is deterministic", () => {
    const lex = notes("lexicon", [fact("lexicon", 5, 9, { kind: "bed_rest" })]);
    const llm = notes("llm", [fact("llm", 1, 3, { kind: "bed_rest" })]);
    expect(JSON.stringify(mergeFacts(lex, llm, null))).toBe(JSON.stringify(mergeFacts(lex, llm, null)));
  });
});
