/**
 * Nonparametric bootstrap with a seeded PRNG, so that the same input and seed
 * always give the same interval (our reports are byte-identical across runs).
 * Pure; no I/O, no Math.random.
 */

/** mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Quantile of a sorted array, linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy).
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantileSorted: empty sample");
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

export interface BootstrapOptions {
  /** Number of resamples (e.g. 1000). */
  iterations: number;
  /** PRNG seed; the same seed gives the same resamples. */
  seed: number;
  /** Two-sided level, default 0.95. */
  level?: number;
}

export interface BootstrapResult<K extends string> {
  /** Percentile interval per statistic; null when the statistic was undefined in every resample. */
  ci: Record<K, [number, number] | null>;
  /** Resamples in which each statistic was defined (not null). */
  defined: Record<K, number>;
}

/**
 * Percentile bootstrap over `units` (e.g. notes): each resample draws
 * units.length units with replacement and computes every statistic on it.
 * A statistic that is undefined (null) on a resample is left out of that
 * statistic's distribution; `defined` says how many resamples remained.
 *
 * `statistics(sample)` receives the resampled units (indices into `units`
 * in draw order) and returns a value per statistic name.
 */
export function bootstrap<U, K extends string>(
  units: readonly U[],
  keys: readonly K[],
  statistics: (sample: readonly U[]) => Record<K, number | null>,
  options: BootstrapOptions,
): BootstrapResult<K> {
  const level = options.level ?? 0.95;
  const dist = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const n = units.length;
  if (n > 0 && options.iterations > 0) {
    const rand = mulberry32(options.seed);
    const sample = new Array<U>(n);
    for (let it = 0; it < options.iterations; it++) {
      for (let i = 0; i < n; i++) sample[i] = units[Math.floor(rand() * n)]!;
      const stats = statistics(sample);
      for (const k of keys) {
        const v = stats[k];
        if (v !== null && Number.isFinite(v)) dist[k].push(v);
      }
    }
  }
  const alpha = (1 - level) / 2;
  const ci = {} as Record<K, [number, number] | null>;
  const defined = {} as Record<K, number>;
  for (const k of keys) {
    const d = dist[k].sort((x, y) => x - y);
    defined[k] = d.length;
    ci[k] = d.length ? [quantileSorted(d, alpha), quantileSorted(d, 1 - alpha)] : null;
  }
  return { ci, defined };
}
