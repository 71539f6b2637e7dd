/**
 * Rule module contract. A rule is `{ meta, evaluate }`: meta describes it
 * (ESLint style), evaluate is a pure function from facts to exactly one outcome.
 * Rules import only from `facts/` and `rules/`; never raw text, never I/O.
 */
import type { z } from "zod";
import type { Fact, NoteFacts, Span } from "../facts/schema.js";

export const OUTCOMES = ["deviation", "adherent", "not_applicable", "insufficient_data"] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Ordered from most to least severe; used by --fail-on. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type NoteType = NoteFacts["noteType"];

export interface Citation {
  /** File name of the guideline source in the pack. */
  source: string;
  /** The sentence of the source the rule enforces, verbatim. */
  quote: string;
}

export interface RuleMeta<O extends z.ZodType = z.ZodType> {
  id: string;
  description: string;
  defaultSeverity: Severity;
  citation: Citation;
  /** Note types the rule applies to; others get not_applicable. Default: all. */
  noteTypes?: readonly NoteType[];
  /** Fact kinds the rule reads (docs, and naming what is missing). */
  reads: readonly Fact["kind"][];
  /** zod schema of the options object; defaults fill missing keys. */
  options: O;
  /** Message templates by id, with {{name}} placeholders. */
  messages: Record<string, string>;
}

/** What a rule returns: exactly one outcome. Built only through the ctx helpers. */
export interface Outcome {
  outcome: OutcomeName;
  messageId: string | null;
  data: Record<string, string | number>;
  evidence: Span[];
  /** For insufficient_data: what fact was not documented. */
  missing: string[];
}

export type EvidenceLike = Span | { span: Span };

export interface OutcomeInit {
  data?: Record<string, string | number>;
  evidence?: readonly EvidenceLike[];
}

export interface RuleContext<Opts> {
  facts: NoteFacts;
  options: Opts;
  deviation(messageId: string, init?: OutcomeInit): Outcome;
  adherent(messageId?: string, init?: OutcomeInit): Outcome;
  notApplicable(messageId?: string, init?: OutcomeInit): Outcome;
  insufficientData(messageId: string, init?: OutcomeInit & { missing?: string[] }): Outcome;
}

export interface RuleModule<O extends z.ZodType = z.ZodType> {
  meta: RuleMeta<O>;
  evaluate(ctx: RuleContext<z.output<O>>): Outcome;
}

/** Identity helper that keeps option types inferred. */
export function defineRule<O extends z.ZodType>(rule: RuleModule<O>): RuleModule<O> {
  return rule;
}

export interface RulePack {
  id: string;
  version: string;
  /** Guideline source the citations refer to. */
  source: string;
  rules: readonly RuleModule[];
}

/** One rule's result in a report. Keys are written in this order. */
export interface RuleResult {
  ruleId: string;
  outcome: OutcomeName;
  severity: Severity;
  message: string;
  evidence: Array<{ start: number; end: number; text: string }>;
}
