import { describe, expect, it } from "vitest";
import { bootstrap, mulberry32, quantileSorted } from "../../src/stats/bootstrap.js";

describe("mulberry32", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it("draws in [0, 1) with a roughly uniform spread", () => {
    const r = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      bins[Math.floor(x * 10)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });
});

describe("quantileSorted (type 7)", () => {
  it("interpolates between order statistics like R's default", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileSorted([10], 0.975)).toBe(10);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });
});

describe("bootstrap", () => {
  const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;

  it("gives the same interval for the same seed and a different one for another seed", () => {
    const units = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const run = (seed: number) => bootstrap(units, ["m"], (s) => ({ m: mean(s) }), { iterations: 500, seed });
    expect(run(1)).toEqual(run(1));
    expect(run(1).ci.m).not.toEqual(run(2).ci.m);
  });

  it("approximates the normal interval of a proportion (45 of 100)", () => {
    const units = Array.from({ length: 100 }, (_, i) => (i < 45 ? 1 : 0));
    const { ci, defined } = bootstrap(units, ["m"], (s) => ({ m: mean(s) }), { iterations: 2000, seed: 11 });
    // Wald: 0.45 ± 1.96·√(0.45·0.55/100) = [0.3525, 0.5475].
    expect(defined.m).toBe(2000);
    expect(ci.m![0]).toBeGreaterThan(0.33);
    expect(ci.m![0]).toBeLessThan(0.37);
    expect(ci.m![1]).toBeGreaterThan(0.53);
    expect(ci.m![1]).toBeLessThan(0.57);
  });

  it("collapses for a constant sample and skips resamples where a statistic is undefined", () => {
    const constant = bootstrap([3, 3, 3], ["m"], (s) => ({ m: mean(s) }), { iterations: 50, seed: 1 });
    expect(constant.ci.m).toEqual([3, 3]);
    // "ratio" is undefined when the resample has no 1s.
    const units = [1, 0, 0, 0, 0, 0];
    const r = bootstrap(units, ["ratio", "never"], (s) => ({ ratio: s.includes(1) ? mean(s) : null, never: null }), { iterations: 300, seed: 5 });
    expect(r.defined.ratio).toBeGreaterThan(0);
    expect(r.defined.ratio).toBeLessThan(300);
    expect(r.ci.never).toBeNull();
    expect(r.ci.ratio![0]).toBeGreaterThan(0);
  });

  it("has no interval for no units or no iterations", () => {
    expect(bootstrap([], ["m"], () => ({ m: 1 }), { iterations: 10, seed: 1 }).ci.m).toBeNull();
    expect(bootstrap([1], ["m"], () => ({ m: 1 }), { iterations: 0, seed: 1 }).ci.m).toBeNull();
  });
});
