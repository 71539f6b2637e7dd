/**
 * Batch summary: per-rule outcome counts and adherence = adherent /
 * (adherent + deviation), with insufficient_data kept beside it.
 */
import type { NoteOutcome } from "../audit.js";
import { OUTCOMES, SEVERITY_RANK, type OutcomeName, type RuleResult, type Severity } from "../rules/types.js";

/**
 * What the summary (and the CLI's progress and error lines) need of one note:
 * its error, or each result's rule, outcome and severity. A NoteOutcome is
 * one; worker threads send this much instead of the whole report.
 */
export type NoteTally =
  | { error: { code: string; message: string } }
  | { error?: undefined; results: ReadonlyArray<Pick<RuleResult, "ruleId" | "outcome" | "severity">> };

/** The tally of a note outcome, as a small plain object (for posting between threads). */
export function tallyOf(r: NoteOutcome): NoteTally {
  if ("error" in r) return { error: { code: r.error.code, message: r.error.message } };
  return { results: r.results.map((x) => ({ ruleId: x.ruleId, outcome: x.outcome, severity: x.severity })) };
}

export interface RuleSummary {
  ruleId: string;
  counts: Record<OutcomeName, number>;
  /** null when there is no denominator. */
  adherence: number | null;
}

export interface Summary {
  notes: number;
  errors: number;
  deviationsBySeverity: Record<Severity, number>;
  rules: RuleSummary[];
}

export function emptyCounts(): Record<OutcomeName, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeName, number>;
}

export class SummaryBuilder {
  private readonly byRule = new Map<string, Record<OutcomeName, number>>();
  private notes = 0;
  private errors = 0;
  private readonly deviations: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  constructor(ruleIds: readonly string[]) {
    for (const id of ruleIds) this.byRule.set(id, emptyCounts());
  }

  add(r: NoteOutcome | NoteTally): void {
    if ("error" in r && r.error) {
      this.errors++;
      return;
    }
    this.notes++;
    for (const res of r.results) {
      let c = this.byRule.get(res.ruleId);
      if (!c) this.byRule.set(res.ruleId, (c = emptyCounts()));
      c[res.outcome]++;
      if (res.outcome === "deviation") this.deviations[res.severity]++;
    }
  }

  build(): Summary {
    return {
      notes: this.notes,
      errors: this.errors,
      deviationsBySeverity: { ...this.deviations },
      rules: [...this.byRule].map(([ruleId, counts]) => {
        const denom = counts.adherent + counts.deviation;
        return { ruleId, counts: { ...counts }, adherence: denom ? counts.adherent / denom : null };
      }),
    };
  }
}

/** True when a deviation at or above `failOn` occurred. */
export function hasFailingDeviations(summary: Summary, failOn: Severity | "none"): boolean {
  if (failOn === "none") return false;
  return (Object.keys(summary.deviationsBySeverity) as Severity[]).some(
    (s) => SEVERITY_RANK[s] >= SEVERITY_RANK[failOn] && summary.deviationsBySeverity[s] > 0,
  );
}
