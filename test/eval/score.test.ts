import { describe, expect, it } from "vitest";
import type { OutcomeName } from "../../src/rules/types.js";
import { prf, scoreEval, type EvalNote } from "../../src/eval/score.js";
import { wilsonInterval } from "../../src/stats/wilson.js";

const m = (o: Record<string, OutcomeName>) => new Map(Object.entries(o));

/**
 * Hand-made set: 4 gold notes x 3 rules; n4 is missing from the report.
 *
 *        r-a gold / pred          r-b gold / pred              r-c
 *   n1   deviation / deviation    adherent / deviation         n/a / n/a
 *   n2   deviation / adherent     not_applicable / deviation   n/a / n/a
 *   n3   adherent / adherent      deviation / deviation        n/a / n/a
 *   n4   not_applicable / -       insufficient_data / -        n/a / -
 *
 * r-a: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3; correct 2/4
 * r-b: tp 1, fp 2, fn 0 -> P 1/3, R 1, F1 0.5; correct 1/4
 * r-c: no deviation anywhere -> P/R/F1 undefined, not in macro; correct 3/4
 * micro: tp 2, fp 2, fn 1 -> F1 4/7 = 0.5714; macro (2/3 + 1/2)/2 = 0.5833
 * accuracy (2 + 1 + 3)/12 = 0.5
 */
export const HAND_NOTES: EvalNote[] = [
  { noteId: "n1", gold: m({ "r-a": "deviation", "r-b": "adherent", "r-c": "not_applicable" }), predicted: m({ "r-a": "deviation", "r-b": "deviation", "r-c": "not_applicable" }) },
  { noteId: "n2", gold: m({ "r-a": "deviation", "r-b": "not_applicable", "r-c": "not_applicable" }), predicted: m({ "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }), rationale: { "r-a": "why a" } },
  { noteId: "n3", gold: m({ "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }), predicted: m({ "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }) },
  { noteId: "n4", gold: m({ "r-a": "not_applicable", "r-b": "insufficient_data", "r-c": "not_applicable" }), predicted: null },
];
const RULES = ["r-a", "r-b", "r-c"];

describe("prf", () => {
  it("computes precision, recall and F1, null without a denominator", () => {
    expect(prf(2, 2, 1)).toEqual({ tp: 2, fp: 2, fn: 1, precision: 0.5, recall: 2 / 3, f1: 4 / 7 });
    expect(prf(0, 0, 3)).toEqual({ tp: 0, fp: 0, fn: 3, precision: null, recall: 0, f1: 0 });
    expect(prf(0, 0, 0)).toMatchObject({ precision: null, recall: null, f1: null });
  });
});

describe("scoreEval on a hand-made set", () => {
  const s = scoreEval(HAND_NOTES, RULES, { iterations: 0, seed: 1 });

  it("gives the per-rule figures computed by hand", () => {
    const [a, b, c] = s.rules;
    expect(a).toMatchObject({ ruleId: "r-a", tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5, correct: 2, n: 4, accuracy: 0.5 });
    expect(a!.f1).toBeCloseTo(2 / 3, 12);
    expect(b).toMatchObject({ ruleId: "r-b", tp: 1, fp: 2, fn: 0, recall: 1, f1: 0.5, correct: 1, accuracy: 0.25 });
    expect(b!.precision).toBeCloseTo(1 / 3, 12);
    expect(c).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, correct: 3, accuracy: 0.75 });
  });

  it("gives micro-F1, macro-F1 (rules with a deviation only) and accuracy", () => {
    const o = s.overall;
    expect(o).toMatchObject({ notes: 4, pairs: 12, tp: 2, fp: 2, fn: 1, correct: 6, accuracy: 0.5, macroRules: 2 });
    expect(o.f1).toBeCloseTo(4 / 7, 12);
    expect(o.macroF1).toBeCloseTo(7 / 12, 12);
  });

  it("counts a missing note as predicted 'missing' in the confusion matrix", () => {
    expect(s.rules[0]!.confusion.not_applicable.missing).toBe(1);
    expect(s.rules[1]!.confusion.insufficient_data.missing).toBe(1);
    expect(s.rules[1]!.confusion.adherent.deviation).toBe(1);
    expect(s.rules[0]!.confusion.deviation).toEqual({ deviation: 1, adherent: 1, not_applicable: 0, insufficient_data: 0, missing: 0 });
    const total = s.rules.reduce((n, r) => n + Object.values(r.confusion).reduce((x, row) => x + Object.values(row).reduce((y, v) => y + v, 0), 0), 0);
    expect(total).toBe(12);
  });

  it("lists every disagreement in note then rule order, with the gold rationale", () => {
    expect(s.disagreements).toEqual([
      { noteId: "n1", ruleId: "r-b", gold: "adherent", predicted: "deviation", rationale: null },
      { noteId: "n2", ruleId: "r-a", gold: "deviation", predicted: "adherent", rationale: "why a" },
      { noteId: "n2", ruleId: "r-b", gold: "not_applicable", predicted: "deviation", rationale: null },
      { noteId: "n4", ruleId: "r-a", gold: "not_applicable", predicted: "missing", rationale: null },
      { noteId: "n4", ruleId: "r-b", gold: "insufficient_data", predicted: "missing", rationale: null },
      { noteId: "n4", ruleId: "r-c", gold: "not_applicable", predicted: "missing", rationale: null },
    ]);
    expect(s.disagreements.length).toBe(s.overall.pairs - s.overall.correct);
  });

  it("treats a rule absent from a report line as missing", () => {
    const notes: EvalNote[] = [{ noteId: "x", gold: m({ "r-a": "deviation" }), predicted: m({}) }];
    const r = scoreEval(notes, ["r-a"], { iterations: 0, seed: 1 });
    expect(r.rules[0]).toMatchObject({ fn: 1, correct: 0 });
    expect(r.rules[0]!.confusion.deviation.missing).toBe(1);
  });

  it("gives no intervals with 0 resamples", () => {
    expect(s.overall.ci).toEqual({ precision: null, recall: null, f1: null, macroF1: null, accuracy: null });
  });
});

describe("bootstrap intervals over notes", () => {
  // 40 notes: r gold deviation in 10 notes; the predictor finds 8 of them and raises 4 false alarms.
  const notes: EvalNote[] = Array.from({ length: 40 }, (_, i) => ({
    noteId: `n${i}`,
    gold: m({ r: i < 10 ? "deviation" : "adherent" }),
    predicted: m({ r: i < 8 || (i >= 10 && i < 14) ? "deviation" : "adherent" }),
  }));

  it("are deterministic for a seed and contain the point estimates", () => {
    const a = scoreEval(notes, ["r"], { iterations: 400, seed: 3 });
    const b = scoreEval(notes, ["r"], { iterations: 400, seed: 3 });
    expect(a).toEqual(b);
    const o = a.overall;
    expect(o.f1).toBeCloseTo(16 / 22, 12);
    for (const [point, ci] of [
      [o.f1, o.ci.f1],
      [o.precision, o.ci.precision],
      [o.recall, o.ci.recall],
      [o.accuracy, o.ci.accuracy],
      [o.macroF1, o.ci.macroF1],
    ] as const) {
      expect(ci![0]).toBeLessThanOrEqual(point!);
      expect(ci![1]).toBeGreaterThanOrEqual(point!);
      expect(ci![1] - ci![0]).toBeGreaterThan(0.05);
    }
    expect(a.rules[0]!.ci.f1).toEqual(o.ci.f1); // one rule: per-rule F1 = micro F1
    expect(a.intervals).toEqual({ method: "bootstrap", unit: "note", level: 0.95, iterations: 400, seed: 3 });
  });

  it("change with the seed", () => {
    const a = scoreEval(notes, ["r"], { iterations: 200, seed: 1 });
    const b = scoreEval(notes, ["r"], { iterations: 200, seed: 2 });
    expect(a.overall.ci.f1).not.toEqual(b.overall.ci.f1);
  });
});

describe("Wilson intervals", () => {
  it("give binomial intervals for precision, recall and accuracy, none for F1", () => {
    const s = scoreEval(HAND_NOTES, RULES, { method: "wilson", iterations: 1000, seed: 1 });
    const [a] = s.rules;
    expect(a!.ci.precision).toEqual(wilsonInterval(1, 1)); // tp 1 of tp+fp 1
    expect(a!.ci.recall).toEqual(wilsonInterval(1, 2)); // tp 1 of tp+fn 2
    expect(a!.ci.accuracy).toEqual(wilsonInterval(2, 4));
    expect(a!.ci.f1).toBeNull();
    expect(s.rules[2]!.ci.precision).toBeNull(); // no predicted deviation: no denominator
    expect(s.overall.ci).toEqual({ precision: wilsonInterval(2, 4), recall: wilsonInterval(2, 3), f1: null, macroF1: null, accuracy: wilsonInterval(6, 12) });
    expect(s.intervals).toEqual({ method: "wilson", unit: "note-rule pair", level: 0.95, iterations: null, seed: null });
  });

  it("keep their width at a perfect score, where the bootstrap collapses", () => {
    const perfect: EvalNote[] = Array.from({ length: 20 }, (_, i) => ({
      noteId: `p${i}`,
      gold: m({ r: i < 5 ? "deviation" : "adherent" }),
      predicted: m({ r: i < 5 ? "deviation" : "adherent" }),
    }));
    const boot = scoreEval(perfect, ["r"], { iterations: 200, seed: 1 });
    expect(boot.overall.ci.recall).toEqual([1, 1]);
    const wil = scoreEval(perfect, ["r"], { method: "wilson", iterations: 0, seed: 1 });
    expect(wil.overall.ci.recall![0]).toBeCloseTo(wilsonInterval(5, 5)![0], 12);
    expect(wil.overall.ci.recall![0]).toBeLessThan(0.6);
  });
});
