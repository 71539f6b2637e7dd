/**
 * Cohen's kappa (Cohen 1960) for two raters assigning each item one nominal
 * category. Pure; no I/O.
 *
 *   po = observed agreement = Σ n_kk / N
 *   pe = chance agreement   = Σ (row_k / N)(col_k / N)
 *   κ  = (po − pe) / (1 − pe)
 *
 * κ is undefined when pe = 1 (both raters used one and the same category for
 * every item); it is then reported as null, with po still given.
 */

export interface KappaResult {
  /** Number of items rated by both. */
  n: number;
  /** Observed agreement po (null when n = 0). */
  observed: number | null;
  /** Expected chance agreement pe (null when n = 0). */
  expected: number | null;
  /** Cohen's kappa (null when n = 0 or pe = 1). */
  kappa: number | null;
  /** Contingency table, rows rater A, columns rater B, in `categories` order. */
  table: number[][];
}

/** Kappa from a square contingency table (rows rater A, columns rater B). */
export function kappaFromTable(table: readonly (readonly number[])[]): Omit<KappaResult, "table"> {
  const k = table.length;
  let n = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const row = table[i]!;
    if (row.length !== k) throw new RangeError("kappaFromTable: the table must be square");
    for (let j = 0; j < k; j++) {
      const c = row[j]!;
      n += c;
      rows[i]! += c;
      cols[j]! += c;
      if (i === j) agree += c;
    }
  }
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  const po = agree / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i]! / n) * (cols[i]! / n);
  // Compare with a tolerance: pe is a sum of products of ratios.
  const kappa = Math.abs(1 - pe) < 1e-12 ? null : (po - pe) / (1 - pe);
  return { n, observed: po, expected: pe, kappa };
}

/** Kappa from paired labels; labels outside `categories` are an error. */
export function cohenKappa<C extends string>(
  pairs: Iterable<readonly [C, C]>,
  categories: readonly C[],
): KappaResult {
  const index = new Map<C, number>(categories.map((c, i) => [c, i]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) {
      throw new RangeError(`cohenKappa: unknown category ${i === undefined ? a : b}`);
    }
    table[i]![j]!++;
  }
  return { ...kappaFromTable(table), table };
}
