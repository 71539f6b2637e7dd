import { describe, expect, it } from "vitest";
import { proportion, wilsonInterval, Z95 } from "../../src/stats/wilson.js";

/** The closed form, written out independently of the implementation. */
function byFormula(k: number, n: number): [number, number] {
  const p = k / n;
  const z = 1.959963984540054;
  const a = 2 * n * p + z * z;
  const b = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const c = 2 * (n + z * z);
  return [(a - b) / c, (a + b) / c];
}

describe("wilsonInterval", () => {
  it.each([
    // 0/10 and 10/10: by the formula, z²/(n+z²) = 3.8415/13.8415 = 0.2775.
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    // 45/100: centre (0.45 + 0.019207)/1.038415 = 0.45185, half-width 0.09570.
    // (The brief quoted [0.3553, 0.5482]; the formula gives [0.3561, 0.5476],
    // as does the Agresti-Coull-centred form and an independent Python check.)
    [45, 100, 0.3561, 0.5476],
    // Newcombe (1998), Stat Med 17:857, Table I, method 3 (score, no continuity correction).
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i -> [%f, %f]", (k, n, lo, hi) => {
    const ci = wilsonInterval(k, n)!;
    expect(ci[0]).toBeCloseTo(lo, 4);
    expect(ci[1]).toBeCloseTo(hi, 4);
  });

  it("agrees with the closed form and is symmetric in k <-> n-k", () => {
    for (const [k, n] of [[3, 7], [12, 40], [99, 100], [1, 1]] as const) {
      const ci = wilsonInterval(k, n)!;
      const f = byFormula(k, n);
      expect(ci[0]).toBeCloseTo(Math.max(0, f[0]), 12);
      expect(ci[1]).toBeCloseTo(Math.min(1, f[1]), 12);
      const mirror = wilsonInterval(n - k, n)!;
      expect(mirror[0]).toBeCloseTo(1 - ci[1], 12);
      expect(mirror[1]).toBeCloseTo(1 - ci[0], 12);
    }
  });

  it("is exactly 0 and 1 at the boundaries, and contains the estimate", () => {
    expect(wilsonInterval(0, 5)![0]).toBe(0);
    expect(wilsonInterval(5, 5)![1]).toBe(1);
    for (let k = 0; k <= 12; k++) {
      const [lo, hi] = wilsonInterval(k, 12)!;
      expect(lo).toBeLessThanOrEqual(k / 12);
      expect(hi).toBeGreaterThanOrEqual(k / 12);
    }
  });

  it("has no interval without a denominator", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ successes: 0, n: 0, rate: null, ci: null });
  });

  it("narrows with a smaller z", () => {
    const wide = wilsonInterval(30, 60, Z95)!;
    const narrow = wilsonInterval(30, 60, 1.0)!;
    expect(narrow[1] - narrow[0]).toBeLessThan(wide[1] - wide[0]);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});
