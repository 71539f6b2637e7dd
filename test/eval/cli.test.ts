import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, goldLine, reportLine, tempDir, writeJsonl } from "./helpers.js";

/** The hand-made set of score.test.ts, as files: gold ids are basenames, report ids are paths. */
function handSet(): string {
  const dir = tempDir();
  writeJsonl(dir, "gold.jsonl", [
    goldLine("n1.txt", { "r-a": "deviation", "r-b": "adherent", "r-c": "not_applicable" }),
    goldLine("n2.txt", { "r-a": "deviation", "r-b": "not_applicable", "r-c": "not_applicable" }, { "r-a": "Bed rest for 3 days prescribed." }),
    goldLine("n3.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
    goldLine("n4.txt", { "r-a": "not_applicable", "r-b": "insufficient_data", "r-c": "not_applicable" }),
  ]);
  writeJsonl(dir, "report.jsonl", [
    reportLine("../notes/n1.txt", { "r-a": "deviation", "r-b": "deviation", "r-c": "not_applicable", "r-x": "adherent" }),
    reportLine("../notes/n2.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
    reportLine("../notes/n3.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
    reportLine("../notes/n9.txt", { "r-a": "deviation", "r-b": "deviation", "r-c": "deviation" }),
  ]);
  return dir;
}

const HAND_SUMMARY = "deviation-F1 0.571  macro-F1 0.583  accuracy 0.500  (4 notes, 12 note-rule pairs)";

describe("chartcheck eval", () => {
  it("scores a report against gold: basename matching, missing notes, summary line last", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(HAND_SUMMARY);
    expect(r.out).toContain("matched 3 of 4 gold notes (3 by basename); missing from report: 1");
    expect(r.out).toContain('missing from report (scored as wrong, predicted "missing"): n4.txt');
    expect(r.out).toContain("not in gold (ignored): ../notes/n9.txt");
    expect(r.out).toContain("rules in the report but not in gold (ignored): r-x");
    expect(r.out).toMatch(/run: {4}chartcheck 0\.1\.0, pack lumbosacral-radiculopathy 1\.0, config 0123456789abcdef, extractor lexicon 1\.0\.0/);
    expect(r.out).toMatch(/^r-a +1 +0 +1 +1\.000 .* 0\.500 .* 0\.667 .* 0\.500 \(2\/4\)$/m);
    expect(r.out).toMatch(/^r-b +1 +2 +0 +0\.333 .* 1\.000 .* 0\.500 .* 0\.250 \(1\/4\)$/m);
    expect(r.out).toMatch(/^r-c +0 +0 +0 +n\/a +n\/a +n\/a +0\.750 \(3\/4\)$/m);
    expect(r.out).toMatch(/macro-F1 0\.583 over 2 rules/);
    expect(r.err).toMatch(/1 gold note\(s\) missing from the report/);
  });

  it("is byte-identical across runs (seeded bootstrap)", async () => {
    const dir = handSet();
    const a = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "json");
    const b = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "json");
    expect(a.out).toBe(b.out);
    const c = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "json", "--seed", "99");
    expect(c.out).not.toBe(a.out);
  });

  it("--format json carries the figures, intervals, confusion matrices and matching", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "json", "--errors", "--bootstrap", "200");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      overall: Record<string, unknown> & { ci: Record<string, [number, number] | null> };
      rules: Array<Record<string, unknown>>;
      matching: Record<string, unknown>;
      disagreements: unknown[];
      summary: string;
      confidenceIntervals: Record<string, unknown>;
    };
    expect(j.summary).toBe(HAND_SUMMARY);
    expect(j.overall).toMatchObject({ notes: 4, pairs: 12, tp: 2, fp: 2, fn: 1, correct: 6, accuracy: 0.5, macroRules: 2 });
    expect(j.overall.deviationF1).toBeCloseTo(4 / 7, 12);
    expect(j.overall.ci.deviationF1).toHaveLength(2);
    expect(j.confidenceIntervals).toMatchObject({ iterations: 200, method: "bootstrap", unit: "note" });
    expect(j.matching).toMatchObject({ matchedByBasename: 3, missing: ["n4.txt"], notInGold: ["../notes/n9.txt"], ignoredRules: ["r-x"] });
    expect(j.rules[1]).toMatchObject({ ruleId: "r-b", confusion: { adherent: { deviation: 1 }, insufficient_data: { missing: 1 } } });
    expect(j.disagreements).toHaveLength(6);
  });

  it("--errors lists each disagreement with the gold rationale", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--errors", "--bootstrap", "0");
    expect(r.out).toContain("Disagreements (6)");
    expect(r.out).toMatch(/^n2\.txt +r-a +deviation +adherent +Bed rest for 3 days prescribed\.$/m);
    expect(r.out).toMatch(/^n4\.txt +r-b +insufficient_data +missing$/m);
    expect(r.out).toContain("no confidence intervals (--bootstrap 0)");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(HAND_SUMMARY);
  });

  it("--ci wilson says so and gives binomial intervals", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--ci", "wilson");
    expect(r.code).toBe(0);
    expect(r.out).toContain("95% CI: Wilson score intervals for precision, recall and accuracy");
    // r-a recall 1 of 2: Wilson [0.095, 0.905]
    expect(r.out).toMatch(/^r-a +1 +0 +1 +1\.000 +\[0\.207, 1\.000\] +0\.500 +\[0\.095, 0\.905\] +0\.667 +0\.500 \(2\/4\)$/m);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(HAND_SUMMARY);
  });

  it("explains zero-width bootstrap intervals at a perfect score", async () => {
    const dir = handSet();
    writeJsonl(dir, "perfect.jsonl", [
      reportLine("n1.txt", { "r-a": "deviation", "r-b": "adherent", "r-c": "not_applicable" }),
      reportLine("n2.txt", { "r-a": "deviation", "r-b": "not_applicable", "r-c": "not_applicable" }),
      reportLine("n3.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
      reportLine("n4.txt", { "r-a": "not_applicable", "r-b": "insufficient_data", "r-c": "not_applicable" }),
    ]);
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "perfect.jsonl", "--bootstrap", "100");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("deviation-F1 1.000  macro-F1 1.000  accuracy 1.000  (4 notes, 12 note-rule pairs)");
    expect(r.out).toContain("zero-width bootstrap interval means every resample gave the same value");
    const handed = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--bootstrap", "100");
    expect(handed.out).not.toContain("zero-width");
  });

  it("--format markdown has tables and ends with the summary line", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "markdown", "--bootstrap", "50");
    expect(r.out).toMatch(/^\| rule \| tp \| fp \| fn \|/m);
    expect(r.out).toContain("### r-b");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(HAND_SUMMARY);
  });

  it("counts an errored note as wrong for every rule", async () => {
    const dir = handSet();
    writeJsonl(dir, "report2.jsonl", [
      reportLine("../notes/n1.txt", { "r-a": "deviation", "r-b": "deviation", "r-c": "not_applicable" }),
      reportLine("../notes/n2.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
      reportLine("../notes/n3.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
      { noteId: "../notes/n4.txt", error: { code: "EMPTY_NOTE", message: "../notes/n4.txt: empty" } },
    ]);
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report2.jsonl", "--bootstrap", "0");
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(HAND_SUMMARY);
    expect(r.out).toContain('audit errors (scored as wrong, predicted "missing"): n4.txt [EMPTY_NOTE]');
  });

  it("warns when the report mixes runs", async () => {
    const dir = handSet();
    writeJsonl(dir, "mixed.jsonl", [
      reportLine("n1.txt", { "r-a": "deviation", "r-b": "deviation", "r-c": "not_applicable" }),
      reportLine("n2.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }, { configHash: "aaaa" }),
    ]);
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "mixed.jsonl", "--bootstrap", "0");
    expect(r.err).toMatch(/warning: mixed\.jsonl: the report mixes 2 different runs/);
    expect(r.out).toContain("config aaaa");
  });

  it("--output writes the result to a file", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "report.jsonl", "-o", "out.txt", "--bootstrap", "0");
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(readFileSync(join(dir, "out.txt"), "utf8").trimEnd().split("\n").at(-1)).toBe(HAND_SUMMARY);
  });

  it.each([
    [["eval", "--gold", "gold.jsonl", "nope.jsonl"], /nope\.jsonl: file not found/],
    [["eval", "--gold", "nope.jsonl", "report.jsonl"], /nope\.jsonl: file not found/],
    [["eval", "--gold", "bad-gold.jsonl", "report.jsonl"], /bad-gold\.jsonl:2: outcomes\.r-b: /],
    [["eval", "--gold", "gold.jsonl", "bad-report.jsonl"], /bad-report\.jsonl:1: not valid JSON/],
    [["eval", "--gold", "gold.jsonl", "dup.jsonl"], /dup\.jsonl:2: noteId n1\.txt already appears on line 1/],
    [["eval", "report.jsonl"], /needs --gold/],
    [["eval", "--gold", "gold.jsonl"], /needs a REPORT/],
    [["eval", "--gold", "gold.jsonl", "report.jsonl", "--bootstrap", "-3"], /expected a whole number/],
    [["eval", "--gold", "gold.jsonl", "report.jsonl", "--format", "xml"], /Allowed choices are text, json, markdown/],
    [["eval", "--gold", "gold.jsonl", "report.jsonl", "--against", "report.jsonl"], /not both/],
  ])("exits 2 with a clear error: %j", async (argv, message) => {
    const dir = handSet();
    writeJsonl(dir, "bad-gold.jsonl", [goldLine("a", { "r-a": "adherent", "r-b": "adherent" }), goldLine("b", { "r-a": "adherent", "r-b": "Adherent" })]);
    writeJsonl(dir, "bad-report.jsonl", ["{not json"]);
    writeJsonl(dir, "dup.jsonl", [reportLine("n1.txt", { "r-a": "adherent" }), reportLine("n1.txt", { "r-a": "adherent" })]);
    const r = await cli(dir, ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
  });
});

describe("chartcheck eval --against", () => {
  it("compares a report with gold: kappa per rule and overall, agreement, disagreements", async () => {
    const dir = handSet();
    const r = await cli(dir, "eval", "report.jsonl", "--against", "gold.jsonl");
    expect(r.code).toBe(0);
    // Pooled over 9 pairs of the 3 matched notes (n4 only in B, n9 only in A):
    // A\B rows/cols (dev, adh, n/a, insuf): dev [2,1,1,0], adh [1,1,0,0], n/a [0,0,3,0]
    // po = 6/9; row totals 4,2,3,0; col totals 3,2,4,0; pe = (12+4+12)/81 = 28/81
    // κ = (6/9 − 28/81)/(1 − 28/81) = (54 − 28)/(81 − 28) = 26/53 = 0.491
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("kappa 0.491  agreement 0.667  (3 notes, 9 note-rule pairs)");
    expect(r.out).toContain("A: report.jsonl (report, 4 notes, 4 rules)");
    expect(r.out).toContain("B: gold.jsonl (gold, 4 notes, 3 rules)");
    expect(r.out).toContain("only in A (left out): ../notes/n9.txt");
    expect(r.out).toContain("only in B (left out): n4.txt");
    expect(r.out).toContain("rules only in A (left out): r-x");
    // r-c: both raters say not_applicable throughout -> kappa undefined.
    expect(r.out).toMatch(/^r-c +3 +1\.000 +1\.000 +n\/a$/m);
    expect(r.out).toContain("Disagreements (3)");
    expect(r.out).toMatch(/^\.\.\/notes\/n1\.txt \(n1\.txt\) +r-b +deviation +adherent$/m);
  });

  it("compares two gold files (inter-annotator agreement) as JSON", async () => {
    const dir = handSet();
    writeJsonl(dir, "gold2.jsonl", [
      goldLine("n1.txt", { "r-a": "deviation", "r-b": "adherent", "r-c": "not_applicable" }),
      goldLine("n2.txt", { "r-a": "adherent", "r-b": "not_applicable", "r-c": "not_applicable" }),
      goldLine("n3.txt", { "r-a": "adherent", "r-b": "deviation", "r-c": "not_applicable" }),
      goldLine("n4.txt", { "r-a": "not_applicable", "r-b": "insufficient_data", "r-c": "deviation" }),
    ]);
    const r = await cli(dir, "eval", "--gold", "gold.jsonl", "--against", "gold2.jsonl", "--format", "json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { a: { kind: string }; b: { kind: string }; overall: { n: number; agreement: number; kappa: number }; rules: Array<{ ruleId: string; kappa: number | null }>; disagreements: unknown[] };
    expect([j.a.kind, j.b.kind]).toEqual(["gold", "gold"]);
    expect(j.overall.n).toBe(12);
    expect(j.overall.agreement).toBeCloseTo(10 / 12, 12);
    // r-a: A (dev, dev, adh, n/a) vs B (dev, adh, adh, n/a): po 3/4; pe = (2·1 + 1·2 + 1·1)/16 = 5/16; κ = (12/16 − 5/16)/(11/16) = 7/11
    expect(j.rules[0]!.kappa).toBeCloseTo(7 / 11, 12);
    expect(j.disagreements).toEqual([
      { noteId: "n2.txt", otherNoteId: null, ruleId: "r-a", a: "deviation", b: "adherent" },
      { noteId: "n4.txt", otherNoteId: null, ruleId: "r-c", a: "not_applicable", b: "deviation" },
    ]);
  });
});
