/**
 * Batch summary: per-rule outcome counts and adherence = adherent /
 * (adherent + deviation), with insufficient_data kept beside it.
 */
import type { NoteOutcome } from "../audit.js";
import { isNoteError } from "../audit.js";
import { OUTCOMES, SEVERITY_RANK, type OutcomeName, type Severity } from "../rules/types.js";

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

/**
 * Summary counts of some consecutive notes, to be merged into a run's
 * summary (worker threads count their batches and send this, not reports).
 */
export interface SummaryCounts {
  notes: number;
  errors: number;
  deviations: Record<Severity, number>;
  /** Rules in first-seen order. */
  rules: Array<{ ruleId: string; counts: Record<OutcomeName, number> }>;
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

  add(r: NoteOutcome): void {
    if (isNoteError(r)) {
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

  /** The counts so far, as plain data (for merge into another builder). */
  counts(): SummaryCounts {
    return {
      notes: this.notes,
      errors: this.errors,
      deviations: { ...this.deviations },
      rules: [...this.byRule].map(([ruleId, counts]) => ({ ruleId, counts: { ...counts } })),
    };
  }

  /** Adds counts of other notes (merged in input order, rules keep first-seen order). */
  merge(c: SummaryCounts): void {
    this.notes += c.notes;
    this.errors += c.errors;
    for (const sev of Object.keys(this.deviations) as Severity[]) this.deviations[sev] += c.deviations[sev];
    for (const r of c.rules) {
      let mine = this.byRule.get(r.ruleId);
      if (!mine) this.byRule.set(r.ruleId, (mine = emptyCounts()));
      for (const o of OUTCOMES) mine[o] += r.counts[o];
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
