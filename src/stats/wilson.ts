/**
 * Wilson score interval for a binomial proportion (Wilson 1927; the interval
 * recommended by Brown, Cai & DasGupta 2001 over the Wald interval, and well
 * behaved at 0 and n). Pure; no I/O.
 */

/** Two-sided 95% standard normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `successes` out of `n` trials.
 * Returns null when n = 0 (no denominator: the proportion is undefined).
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): [number, number] | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || n < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= successes <= n (got ${successes} of ${n})`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clamp away floating-point dust (e.g. -1e-17 at p = 0).
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}

/** A proportion with its interval; rate and ci are null when n = 0. */
export interface Proportion {
  successes: number;
  n: number;
  rate: number | null;
  ci: [number, number] | null;
}

export function proportion(successes: number, n: number, z: number = Z95): Proportion {
  return { successes, n, rate: n === 0 ? null : successes / n, ci: wilsonInterval(successes, n, z) };
}
