import { describe, expect, it } from "vitest";
import { cohenKappa, kappaFromTable } from "../../src/stats/kappa.js";

function pairs<C extends string>(spec: Array<[C, C, number]>): Array<[C, C]> {
  return spec.flatMap(([a, b, n]) => Array.from({ length: n }, (): [C, C] => [a, b]));
}

describe("Cohen's kappa", () => {
  it("matches the textbook 2x2 example (50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)", () => {
    // po = 35/50 = 0.70; pe = 0.5·0.6 + 0.5·0.4 = 0.50; κ = (0.70 − 0.50)/(1 − 0.50) = 0.40.
    const k = cohenKappa(
      pairs([
        ["yes", "yes", 20],
        ["yes", "no", 5],
        ["no", "yes", 10],
        ["no", "no", 15],
      ]),
      ["yes", "no"],
    );
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.table).toEqual([
      [20, 5],
      [10, 15],
    ]);
  });

  it("matches a hand-computed 3x3 table", () => {
    // Rows A, columns B: [[25,2,3],[4,20,6],[1,3,36]], N = 100.
    // po = 81/100; row totals 30,30,40; column totals 30,25,45;
    // pe = 0.3·0.3 + 0.3·0.25 + 0.4·0.45 = 0.345; κ = (0.81 − 0.345)/0.655 = 0.709924.
    const k = kappaFromTable([
      [25, 2, 3],
      [4, 20, 6],
      [1, 3, 36],
    ]);
    expect(k.observed).toBeCloseTo(0.81, 12);
    expect(k.expected).toBeCloseTo(0.345, 12);
    expect(k.kappa).toBeCloseTo(0.465 / 0.655, 12);
  });

  it("is 1 for perfect agreement, 0 at chance, negative below chance", () => {
    expect(cohenKappa(pairs([["a", "a", 3], ["b", "b", 2]]), ["a", "b"]).kappa).toBeCloseTo(1, 12);
    // Independent marginals: po = pe = 0.5.
    expect(cohenKappa(pairs([["a", "a", 1], ["a", "b", 1], ["b", "a", 1], ["b", "b", 1]]), ["a", "b"]).kappa).toBeCloseTo(0, 12);
    expect(cohenKappa(pairs([["a", "b", 5], ["b", "a", 5]]), ["a", "b"]).kappa).toBeCloseTo(-1, 12);
  });

  it("is undefined (null) when both raters use one category throughout, and empty input has no agreement", () => {
    const k = cohenKappa(pairs([["a", "a", 7]]), ["a", "b"]);
    expect(k.observed).toBe(1);
    expect(k.kappa).toBeNull();
    expect(cohenKappa([], ["a", "b"])).toMatchObject({ n: 0, observed: null, kappa: null });
  });

  it("rejects unknown categories and non-square tables", () => {
    expect(() => cohenKappa([["a", "z"]] as Array<[string, string]>, ["a", "b"])).toThrow(/unknown category z/);
    expect(() => kappaFromTable([[1, 2], [3]])).toThrow(RangeError);
  });
});
