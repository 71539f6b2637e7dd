/**
 * The rule engine: pure. Given facts, the resolved rule configuration and the
 * note text (only to copy evidence text), returns one result per enabled rule,
 * in the pack's fixed order.
 */
import type { NoteFacts, Span } from "../facts/schema.js";
import type {
  EvidenceLike,
  Outcome,
  OutcomeInit,
  OutcomeName,
  RuleContext,
  RuleModule,
  RulePack,
  RuleResult,
  Severity,
} from "./types.js";

export interface ResolvedRule {
  rule: RuleModule;
  severity: Severity;
  options: unknown;
}

export function interpolate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, key: string) =>
    key in data ? String(data[key]) : m,
  );
}

function toSpan(e: EvidenceLike): Span {
  return "span" in e ? e.span : e;
}

/** Sorted, de-duplicated, merged evidence spans. */
export function normaliseSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

function make(outcome: OutcomeName, messageId: string | null, init: OutcomeInit = {}, missing: string[] = []): Outcome {
  return {
    outcome,
    messageId,
    data: init.data ?? {},
    evidence: normaliseSpans((init.evidence ?? []).map(toSpan)),
    missing,
  };
}

export function createContext<Opts>(facts: NoteFacts, options: Opts): RuleContext<Opts> {
  return {
    facts,
    options,
    deviation: (id, init) => make("deviation", id, init),
    adherent: (id, init) => make("adherent", id ?? null, init),
    notApplicable: (id, init) => make("not_applicable", id ?? null, init),
    insufficientData: (id, init) => make("insufficient_data", id, init, init?.missing ?? []),
  };
}

const DEFAULT_MESSAGES: Record<OutcomeName, string> = {
  deviation: "Deviation from the recommendation.",
  adherent: "Care follows the recommendation.",
  not_applicable: "Not applicable to this note.",
  insufficient_data: "A fact the rule needs is not documented.",
};

export class RuleEvaluationError extends Error {
  constructor(
    readonly ruleId: string,
    cause: unknown,
  ) {
    super(`rule ${ruleId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "RuleEvaluationError";
  }
}

/** Runs one rule and checks that it returned a valid outcome. */
export function evaluateRule(resolved: ResolvedRule, facts: NoteFacts): Outcome {
  const { rule } = resolved;
  const types = rule.meta.noteTypes;
  if (!facts.inScope) return make("not_applicable", "outOfScope");
  if (types && !types.includes(facts.noteType)) return make("not_applicable", "noteType");
  let out: Outcome;
  try {
    out = rule.evaluate(createContext(facts, resolved.options));
  } catch (err) {
    throw new RuleEvaluationError(rule.meta.id, err);
  }
  if (!out || !["deviation", "adherent", "not_applicable", "insufficient_data"].includes(out.outcome)) {
    throw new RuleEvaluationError(rule.meta.id, new Error("evaluate did not return an outcome"));
  }
  return out;
}

export function renderMessage(rule: RuleModule, out: Outcome): string {
  if (out.messageId === "outOfScope") return "The note is outside the pack's scope (no low back or radicular pain).";
  if (out.messageId === "noteType") return "The rule does not apply to this note type.";
  const template = out.messageId ? rule.meta.messages[out.messageId] : undefined;
  if (out.messageId && template === undefined) {
    throw new RuleEvaluationError(rule.meta.id, new Error(`unknown messageId '${out.messageId}'`));
  }
  return interpolate(template ?? DEFAULT_MESSAGES[out.outcome], out.data);
}

/**
 * Evaluates the enabled rules of a pack on one note. `widen` turns a fact
 * span into the evidence span shown to users (the enclosing sentence).
 */
export function evaluateNote(
  rules: readonly ResolvedRule[],
  facts: NoteFacts,
  text: string,
  widen: (span: Span) => Span = (s) => s,
): RuleResult[] {
  return rules.map((resolved) => {
    const out = evaluateRule(resolved, facts);
    const evidence = normaliseSpans(out.evidence.map(widen)).map((s) => ({
      start: s.start,
      end: s.end,
      text: text.slice(s.start, s.end),
    }));
    return {
      ruleId: resolved.rule.meta.id,
      outcome: out.outcome,
      severity: resolved.severity,
      message: renderMessage(resolved.rule, out),
      evidence,
    };
  });
}

export type { RulePack };
