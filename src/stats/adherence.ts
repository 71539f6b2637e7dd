/**
 * Adherence statistics: per rule (and stratum) the counts of each outcome,
 * the adherence rate adherent / (adherent + deviation) with a 95% Wilson
 * score interval, and the insufficient_data share kept beside it, never
 * folded into the rate. Pure: records in, rows out.
 */
import type { OutcomeName } from "../rules/types.js";
import { wilsonInterval } from "./wilson.js";

/** Cells with fewer notes than this in the denominator are marked. */
export const SMALL_CELL = 10;

/** Stratum value for a missing field or date. */
export const UNKNOWN = "unknown";

/** Fields derived from `encounterDate` rather than read from metadata. */
export const DATE_FIELDS = ["month", "quarter", "year"] as const;

export interface AdherenceRecord {
  encounterDate: string | null;
  metadata: Readonly<Record<string, string>>;
  /** Rule id -> outcome; null for an error line (audit failed). */
  outcomes: ReadonlyMap<string, OutcomeName> | null;
}

export interface AdherenceRow {
  ruleId: string;
  /** null = all notes (no stratification). */
  stratum: Record<string, string> | null;
  adherent: number;
  deviation: number;
  insufficient_data: number;
  not_applicable: number;
  /** adherent / (adherent + deviation); null when there is no denominator. */
  rate: number | null;
  /** 95% Wilson score interval; null when there is no denominator. */
  ci: [number, number] | null;
}

/** Denominator of the rate. */
export function denominator(r: Pick<AdherenceRow, "adherent" | "deviation">): number {
  return r.adherent + r.deviation;
}

/** insufficient_data / (adherent + deviation + insufficient_data): the notes where the rule may apply but could not be judged. */
export function insufficientShare(r: Pick<AdherenceRow, "adherent" | "deviation" | "insufficient_data">): number | null {
  const d = r.adherent + r.deviation + r.insufficient_data;
  return d ? r.insufficient_data / d : null;
}

export function isSmallCell(r: Pick<AdherenceRow, "adherent" | "deviation">): boolean {
  return denominator(r) < SMALL_CELL;
}

/** The stratum value of one record for a --by field. */
export function stratumValue(field: string, rec: Pick<AdherenceRecord, "encounterDate" | "metadata">): string {
  const d = rec.encounterDate && /^\d{4}-\d{2}-\d{2}$/.test(rec.encounterDate) ? rec.encounterDate : null;
  if (field === "month") return d ? d.slice(0, 7) : UNKNOWN;
  if (field === "year") return d ? d.slice(0, 4) : UNKNOWN;
  if (field === "quarter") return d ? `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}` : UNKNOWN;
  const key = field.startsWith("metadata.") ? field.slice("metadata.".length) : field;
  const v = Object.hasOwn(rec.metadata, key) ? rec.metadata[key] : undefined;
  return v === undefined || v.trim() === "" ? UNKNOWN : v;
}

/** Code-unit order (locale-independent, so output is the same everywhere), "unknown" last. */
export function compareStratumValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN) return 1;
  if (b === UNKNOWN) return -1;
  return a < b ? -1 : 1;
}

type Counts = Record<OutcomeName, number>;
const emptyCounts = (): Counts => ({ deviation: 0, adherent: 0, not_applicable: 0, insufficient_data: 0 });

export interface AdherenceResult {
  by: string[];
  rows: AdherenceRow[];
  notes: number;
  errors: number;
  /** Error lines per stratum key (JSON of the values), for --by. */
  errorsByStratum: Array<{ stratum: Record<string, string>; errors: number }>;
  /** --by metadata fields that no record carried. */
  absentFields: string[];
}

/** Accumulates records; `build()` gives rows in rule first-seen order, overall first, then sorted strata. */
export class AdherenceBuilder {
  private readonly rules = new Map<string, { all: Counts; strata: Map<string, Counts> }>();
  private readonly strataValues = new Map<string, string[]>();
  private readonly errorStrata = new Map<string, number>();
  private readonly seenFields = new Set<string>();
  private notes = 0;
  private errors = 0;

  constructor(private readonly by: readonly string[]) {}

  add(rec: AdherenceRecord): void {
    const values = this.by.map((f) => stratumValue(f, rec));
    for (const f of this.by) {
      const key = f.startsWith("metadata.") ? f.slice(9) : f;
      if ((DATE_FIELDS as readonly string[]).includes(f) || Object.hasOwn(rec.metadata, key)) this.seenFields.add(f);
    }
    const skey = JSON.stringify(values);
    if (this.by.length) this.strataValues.set(skey, values);
    if (!rec.outcomes) {
      this.errors++;
      if (this.by.length) this.errorStrata.set(skey, (this.errorStrata.get(skey) ?? 0) + 1);
      return;
    }
    this.notes++;
    for (const [ruleId, outcome] of rec.outcomes) {
      let r = this.rules.get(ruleId);
      if (!r) this.rules.set(ruleId, (r = { all: emptyCounts(), strata: new Map() }));
      r.all[outcome]++;
      if (this.by.length) {
        let c = r.strata.get(skey);
        if (!c) r.strata.set(skey, (c = emptyCounts()));
        c[outcome]++;
      }
    }
  }

  build(): AdherenceResult {
    const cmp = (a: string[], b: string[]) => {
      for (let i = 0; i < a.length; i++) {
        const c = compareStratumValues(a[i]!, b[i]!);
        if (c) return c;
      }
      return 0;
    };
    const strata = [...this.strataValues.entries()].sort((x, y) => cmp(x[1], y[1]));
    const toStratum = (values: string[]) => Object.fromEntries(this.by.map((f, i) => [f, values[i]!]));
    const rows: AdherenceRow[] = [];
    for (const [ruleId, r] of this.rules) {
      rows.push(makeRow(ruleId, null, r.all));
      for (const [skey, values] of strata) {
        // Every stratum seen in the report gets a row for every rule (zeros included), so tables line up.
        rows.push(makeRow(ruleId, toStratum(values), r.strata.get(skey) ?? emptyCounts()));
      }
    }
    return {
      by: [...this.by],
      rows,
      notes: this.notes,
      errors: this.errors,
      errorsByStratum: strata.filter(([k]) => this.errorStrata.has(k)).map(([k, v]) => ({ stratum: toStratum(v), errors: this.errorStrata.get(k)! })),
      absentFields: this.by.filter((f) => !this.seenFields.has(f)),
    };
  }
}

export function makeRow(ruleId: string, stratum: Record<string, string> | null, c: Counts): AdherenceRow {
  const n = c.adherent + c.deviation;
  return {
    ruleId,
    stratum,
    adherent: c.adherent,
    deviation: c.deviation,
    insufficient_data: c.insufficient_data,
    not_applicable: c.not_applicable,
    rate: n ? c.adherent / n : null,
    ci: wilsonInterval(c.adherent, n),
  };
}
