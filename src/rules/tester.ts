/**
 * RuleTester (ESLint / textlint-tester style) for chartcheck rules, on vitest.
 *
 *   runRuleTests(rule, {
 *     cases: [
 *       { name: "bed rest advised", facts: noteFacts({ facts: [mention("bed_rest")] }),
 *         expect: { outcome: "deviation", messageId: "advised", evidenceCount: 1 } },
 *     ],
 *   });
 *
 * Each case's facts are completed with neutral defaults and validated with
 * `NoteFactsSchema`, then evaluated through the real engine (`evaluateRule`:
 * scope and note types apply). Besides the expected outcome, every case checks
 * the contract: the messageId exists and renders without an unfilled
 * placeholder, insufficient_data names what is missing, a deviation carries
 * evidence (unless the case expects `evidenceCount: 0`), every evidence span
 * lies inside a span of the facts, and the rule is pure (facts deep-frozen,
 * same result twice). The rule's meta is checked once (id, description,
 * severity, citation, reads, note types, options schema strict and parsing {}),
 * and, by default, every message of the rule must be produced by some case.
 */
import { describe, expect, it } from "vitest";
import { FACT_KINDS, NoteFactsSchema, type NoteFacts, type Span } from "../facts/schema.js";
import { evaluateRule, renderMessage } from "./engine.js";
import { OUTCOMES, SEVERITIES, type Outcome, type OutcomeName, type RuleModule } from "./types.js";

export interface RuleTestExpectation {
  outcome: OutcomeName;
  /** Expected messageId; `null` for the default message. */
  messageId?: string | null;
  /** Number of evidence spans after merging (engine `normaliseSpans`). */
  evidenceCount?: number;
  /** Expected `missing` list (insufficient_data). */
  missing?: string[];
  /** Subset of the expected message data. */
  data?: Record<string, string | number>;
}

export interface RuleTestCase {
  name: string;
  /** Partial note facts: missing keys get neutral defaults (see `buildNoteFacts`). */
  facts: Partial<NoteFacts>;
  /** Rule options as a user would write them; parsed with the rule's options schema. */
  options?: Record<string, unknown>;
  expect: RuleTestExpectation;
  /** Focus on this case (vitest `it.only`). */
  only?: boolean;
}

export interface RuleTestSuite {
  cases: readonly RuleTestCase[];
  /** Require every message of `meta.messages` to be produced by at least one case (default true). */
  requireAllMessages?: boolean;
}

const NEUTRAL_FACTS: NoteFacts = {
  encounterDate: null,
  noteType: "evaluation",
  inScope: true,
  patientAge: null,
  newOnset: null,
  symptomDuration: null,
  facts: [],
  extractor: { name: "lexicon", version: "test", model: null, promptHash: null },
};

/** Completes partial note facts with neutral defaults and validates them. */
export function buildNoteFacts(partial: Partial<NoteFacts> = {}): NoteFacts {
  return NoteFactsSchema.parse({ ...NEUTRAL_FACTS, ...partial });
}

/** Problems with a rule's meta (empty when valid). */
export function checkRuleMeta(rule: RuleModule): string[] {
  const problems: string[] = [];
  const { meta } = rule;
  if (!meta.id || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(meta.id)) problems.push(`id '${meta.id}' must be kebab-case and non-empty`);
  if (!meta.description || /^todo$/i.test(meta.description.trim())) problems.push("description is missing");
  if (!SEVERITIES.includes(meta.defaultSeverity)) problems.push(`defaultSeverity '${meta.defaultSeverity}' is not one of ${SEVERITIES.join(", ")}`);
  if (!meta.citation.source) problems.push("citation.source is empty");
  if (!meta.citation.quote.trim() || /^todo$/i.test(meta.citation.quote.trim())) problems.push("citation.quote is empty or a placeholder");
  for (const kind of meta.reads) {
    if (!FACT_KINDS.includes(kind)) problems.push(`reads: unknown fact kind '${kind}'`);
  }
  if (meta.noteTypes) {
    for (const t of meta.noteTypes) {
      if (t !== "evaluation" && t !== "procedure") problems.push(`noteTypes: unknown note type '${String(t)}'`);
    }
  }
  const ids = Object.keys(meta.messages);
  if (ids.length === 0) problems.push("messages is empty");
  for (const id of ids) {
    if (id === "outOfScope" || id === "noteType") problems.push(`messageId '${id}' is reserved by the engine`);
    if (!meta.messages[id]?.trim()) problems.push(`message '${id}' is empty`);
  }
  const parsed = meta.options.safeParse({});
  if (!parsed.success) problems.push(`options schema does not accept {}: ${parsed.error.message}`);
  if (meta.options.safeParse({ __unknownOptionKey__: true }).success) problems.push("options schema is not strict (accepts unknown keys)");
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every span that evidence may point into: fact spans, the duration and date spans. */
function knownSpans(facts: NoteFacts): Span[] {
  const spans: Span[] = facts.facts.map((f) => f.span);
  if (facts.symptomDuration?.span) spans.push(facts.symptomDuration.span);
  if (facts.encounterDate?.span) spans.push(facts.encounterDate.span);
  return spans;
}

function evidenceInsideFacts(out: Outcome, facts: NoteFacts): Span[] {
  const spans = knownSpans(facts);
  // Evidence is merged by the engine; each merged span must be covered by the union of fact spans it came from.
  return out.evidence.filter((e) => {
    let pos = e.start;
    const sorted = spans.filter((s) => s.end > e.start && s.start < e.end).sort((a, b) => a.start - b.start);
    for (const s of sorted) {
      if (s.start > pos) return true;
      pos = Math.max(pos, s.end);
    }
    return pos < e.end;
  });
}

/** Evaluates one case; throws with a readable message on any contract failure. */
export function runRuleCase(rule: RuleModule, c: RuleTestCase): Outcome {
  const facts = deepFreeze(buildNoteFacts(c.facts));
  const parsedOptions = rule.meta.options.safeParse(c.options ?? {});
  if (!parsedOptions.success) throw new Error(`options ${JSON.stringify(c.options)} are invalid: ${parsedOptions.error.message}`);
  const resolved = { rule, severity: rule.meta.defaultSeverity, options: parsedOptions.data };
  const out = evaluateRule(resolved, facts);
  const again = evaluateRule(resolved, facts);
  expect(again, "rule is not deterministic (two runs differ)").toEqual(out);

  expect(OUTCOMES).toContain(out.outcome);
  if (out.messageId !== null && out.messageId !== "outOfScope" && out.messageId !== "noteType") {
    const known = Object.keys(rule.meta.messages);
    if (!known.includes(out.messageId)) {
      throw new Error(`Invalid messageId '${out.messageId}'. Expected one of ${known.map((k) => `'${k}'`).join(", ")}.`);
    }
  }
  const message = renderMessage(rule, out);
  expect(message, `message '${out.messageId}' has an unfilled placeholder`).not.toMatch(/\{\{\s*\w+\s*\}\}/);
  if (out.outcome === "insufficient_data") {
    expect(out.missing.length, "insufficient_data must name the missing fact (missing: [...])").toBeGreaterThan(0);
  }
  const outside = evidenceInsideFacts(out, facts);
  expect(outside, "evidence spans must lie inside spans of the facts").toEqual([]);

  const want = c.expect;
  expect(out.outcome, `outcome (message: ${message})`).toBe(want.outcome);
  if (want.messageId !== undefined) expect(out.messageId, `messageId (message: ${message})`).toBe(want.messageId);
  if (want.evidenceCount !== undefined) expect(out.evidence.length, "evidence span count").toBe(want.evidenceCount);
  else if (out.outcome === "deviation") {
    expect(out.evidence.length, "a deviation must carry evidence (or the case must expect evidenceCount: 0)").toBeGreaterThan(0);
  }
  if (want.missing !== undefined) expect(out.missing).toEqual(want.missing);
  if (want.data !== undefined) expect(out.data).toMatchObject(want.data);
  return out;
}

/** Declares a vitest suite for the rule: meta checks plus one test per case. */
export function runRuleTests(rule: RuleModule, suite: RuleTestSuite): void {
  const names = new Set<string>();
  for (const c of suite.cases) {
    if (names.has(c.name)) throw new Error(`detected duplicate test case '${c.name}' for rule ${rule.meta.id}`);
    names.add(c.name);
  }
  const produced = new Set<string>();
  const focused = suite.cases.some((c) => c.only);

  describe(rule.meta.id, () => {
    it("has valid meta", () => {
      expect(checkRuleMeta(rule)).toEqual([]);
    });
    for (const c of suite.cases) {
      const fn = () => {
        const out = runRuleCase(rule, c);
        if (out.messageId !== null) produced.add(out.messageId);
      };
      if (c.only) it.only(`${c.expect.outcome}: ${c.name}`, fn);
      else it(`${c.expect.outcome}: ${c.name}`, fn);
    }
    if ((suite.requireAllMessages ?? true) && !focused) {
      it("produces every message of meta.messages in some case", () => {
        const unused = Object.keys(rule.meta.messages).filter((id) => !produced.has(id));
        expect(unused, "messages never produced by a case").toEqual([]);
      });
    }
  });
}
