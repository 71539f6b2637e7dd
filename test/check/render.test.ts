/**
 * The review renderer as a pure function, on hand-made reports (so these do
 * not depend on the extractor): order, context, markers, wrapping, colour.
 */
import { describe, expect, it } from "vitest";
import { createAuditor, type NoteReport } from "../../src/audit.js";
import { lumbosacralRadiculopathy as pack } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import type { RuleResult } from "../../src/rules/types.js";
import { MARK_CLOSE, MARK_OPEN, contextSnippet, lineOf, renderReview } from "../../src/review/render.js";

const TEXT = [
  "Date of service: 11/20/2026",
  "HPI: 62 yo with low back pain and left leg pain. Progressive weakness of the left foot over 3 days, now with a foot drop.",
  "Plan: Strict bed rest for 5 days. Ibuprofen. Bed rest is a very old-fashioned treatment and the patient should really be moving around as much as possible.",
  "",
].join("\n");

function span(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start === -1) throw new Error(`not in text: ${quote}`);
  return { start, end: start + quote.length, text: quote };
}

function report(results: Array<Partial<RuleResult> & { ruleId: string }>): NoteReport {
  const byId = new Map(results.map((r) => [r.ruleId, r]));
  return {
    noteId: "note-1",
    encounterDate: "2026-11-20",
    facts: {
      encounterDate: null,
      noteType: "evaluation",
      inScope: true,
      patientAge: null,
      newOnset: null,
      symptomDuration: null,
      facts: [],
      extractor: { name: "lexicon", version: "t", model: null, promptHash: null },
    },
    results: pack.rules.map((r) => {
      const given = byId.get(r.meta.id);
      return {
        ruleId: r.meta.id,
        outcome: given?.outcome ?? "not_applicable",
        severity: given?.severity ?? r.meta.defaultSeverity,
        message: given?.message ?? "Not applicable.",
        evidence: given?.evidence ?? [],
      };
    }),
    run: createAuditor().run,
  };
}

const REPORT = report([
  { ruleId: "no-bed-rest", outcome: "deviation", severity: "warning", message: "Bed rest is advised.", evidence: [span(TEXT, "Strict bed rest for 5 days.")] },
  {
    ruleId: "red-flag-urgent-workup",
    outcome: "deviation",
    severity: "error",
    message: "Red flag present without urgent MRI.",
    evidence: [span(TEXT, "Progressive weakness of the left foot over 3 days, now with a foot drop.")],
  },
  { ruleId: "conservative-care-first", outcome: "adherent", message: "Conservative care planned.", evidence: [span(TEXT, "Ibuprofen.")] },
  { ruleId: "red-flag-screening", outcome: "adherent", message: "Screened." },
  { ruleId: "esi-after-conservative-care", outcome: "insufficient_data", message: "Symptom duration not documented." },
]);

describe("renderReview", () => {
  const out = renderReview(REPORT, TEXT, pack, { color: false });

  it("orders the sections: deviations, adherent, could not be judged, then the not-applicable count", () => {
    const order = ["Deviations (2)", "Adherent (2)", "Could not be judged: a fact is not documented (1)", "11 rules do not apply to this note."].map((h) =>
      out.indexOf(h),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain("2 deviations · 2 adherent · 1 could not be judged · 11 not applicable");
  });

  it("lists deviations most severe first, each with severity, rule id, guideline quote and message", () => {
    const err = out.indexOf("✖ ERROR  red-flag-urgent-workup");
    const warn = out.indexOf("✖ WARNING  no-bed-rest");
    expect(err).toBeGreaterThan(-1);
    expect(warn).toBeGreaterThan(err);
    const quote = pack.rules.find((r) => r.meta.id === "red-flag-urgent-workup")!.meta.citation.quote;
    // The quote may wrap; compare without line breaks.
    expect(out.replace(/\n\s+/g, " ")).toContain(`Guideline: "${quote}"`);
    expect(out).toContain("Red flag present without urgent MRI.");
  });

  it("quotes the evidence in context with »« markers and the line number", () => {
    expect(out).toMatch(/note, line 3:\n {6}Plan: »Strict bed rest for 5 days\.« Ibuprofen\. Bed rest is a very old-fashioned\n {6}treatment and …\n/);
    expect(out).toContain("note, line 2:");
    // An adherent rule with evidence shows it; one without shows only its line.
    expect(out).toMatch(/✔ conservative-care-first: Conservative care planned\.\n {4}note, line 3:\n {6}Plan: Strict bed rest for 5 days\. »Ibuprofen\.« Bed rest is/);
    expect(out).toMatch(/✔ red-flag-screening: Screened\.\n(?! {4}note)/);
    expect(out).toContain("? esi-after-conservative-care: Symptom duration not documented.");
  });

  it("a deviation without evidence says that no sentence addresses it", () => {
    const r = renderReview(report([{ ruleId: "red-flag-screening", outcome: "deviation", severity: "info", message: "Cauda equina screening not documented." }]), TEXT, pack, { color: false });
    expect(r).toMatch(/Cauda equina screening not documented\.\n {4}\(no sentence of the note addresses this\)\n/);
    expect(out).not.toContain("(no sentence of the note addresses this)");
  });

  it("keeps every output line within the width", () => {
    for (const width of [60, 80, 100]) {
      const text = renderReview(REPORT, TEXT, pack, { color: false, width });
      for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });

  it("a wrapped evidence span gets one opening and one closing marker", () => {
    const text = renderReview(REPORT, TEXT, pack, { color: false, width: 60 });
    const block = text.slice(text.indexOf("red-flag-urgent-workup"), text.indexOf("no-bed-rest"));
    expect(block.split(MARK_OPEN)).toHaveLength(2);
    expect(block.split(MARK_CLOSE)).toHaveLength(2);
    expect(block.replace(/\n\s+/g, " ")).toContain("»Progressive weakness of the left foot over 3 days, now with a foot drop.«");
  });

  it("with colour: inverse bold on the evidence, and no markers", () => {
    const coloured = renderReview(REPORT, TEXT, pack, { color: true });
    expect(coloured).toContain("\x1b[7m\x1b[1mStrict bed rest for 5 days.\x1b[0m");
    expect(coloured).not.toContain(MARK_OPEN);
    // Stripping the escapes gives the same words as the plain rendering (minus markers).
    const plain = coloured.replace(/\x1b\[[0-9;]*m/g, "");
    const words = (x: string) => x.replaceAll(MARK_OPEN, "").replaceAll(MARK_CLOSE, "").split(/\s+/);
    expect(words(plain)).toEqual(words(out));
  });

  it("says so when there is no deviation", () => {
    const clean = renderReview(report([{ ruleId: "no-bed-rest", outcome: "adherent", message: "No bed rest advised." }]), TEXT, pack, { color: false });
    expect(clean).toContain("0 deviations · 1 adherent · 0 could not be judged · 15 not applicable");
    expect(clean).not.toContain("Deviations (");
  });
});

describe("contextSnippet", () => {
  const text = "line one\nAlpha beta gamma delta. Epsilon zeta eta theta. Iota kappa.\nline three";
  it("stays on the evidence's line and cuts at word boundaries", () => {
    const s = span(text, "Epsilon zeta eta theta.");
    const r = contextSnippet(text, s.start, s.end, 8);
    expect(r.parts).toEqual([
      { text: "delta. ", highlight: false },
      { text: "Epsilon zeta eta theta.", highlight: true },
      { text: " Iota", highlight: false },
    ]);
    expect(r.clippedBefore).toBe(true);
    expect(r.clippedAfter).toBe(true);
    const wide = contextSnippet(text, s.start, s.end, 500);
    expect(wide.parts.map((p) => p.text).join("")).toBe("Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa.");
    expect(wide.clippedBefore || wide.clippedAfter).toBe(false);
  });

  it("collapses line breaks inside a multi-line span", () => {
    const s = { start: text.indexOf("Iota"), end: text.indexOf("three") };
    const r = contextSnippet(text, s.start, s.end, 0);
    expect(r.parts.find((p) => p.highlight)!.text).toBe("Iota kappa. line");
  });

  it("lineOf counts from 1", () => {
    expect(lineOf(text, 0)).toBe(1);
    expect(lineOf(text, text.indexOf("Alpha"))).toBe(2);
    expect(lineOf(text, text.indexOf("three"))).toBe(3);
  });
});
