import { describe, expect, it } from "vitest";
import { QuoteLocator, normalise } from "../../src/extract/llm/anchor.js";

describe("quote grounding", () => {
  it("exact match gives the original offsets", () => {
    const text = "HPI: sciatica for 2 weeks.";
    expect(new QuoteLocator(text).locate("for 2 weeks")).toEqual({ start: 14, end: 25 });
  });

  it("whitespace runs and case are normalised, and mapped back to the original text", () => {
    const text = "Plan:\n  MRI   Lumbar\n spine ordered.";
    const span = new QuoteLocator(text).locate("mri lumbar spine")!;
    expect(text.slice(span.start, span.end)).toBe("MRI   Lumbar\n spine");
  });

  it("UTF-16 offsets stay right after astral characters (emoji) and typographic punctuation", () => {
    const text = "🙂🙂 Pt’s pain — worse\u00a0with sitting";
    const l = new QuoteLocator(text);
    const a = l.locate("pt's pain - worse with sitting")!;
    expect(text.slice(a.start, a.end)).toBe("Pt’s pain — worse\u00a0with sitting");
    expect(a.start).toBe(5);
  });

  it("repeated quotes of the same kind claim successive occurrences", () => {
    const text = "MRI reviewed. Plan: MRI.";
    const l = new QuoteLocator(text);
    expect(l.locate("MRI", "imaging")).toEqual({ start: 0, end: 3 });
    expect(l.locate("MRI", "imaging")).toEqual({ start: 20, end: 23 });
    expect(l.locate("MRI", "imaging")).toEqual({ start: 0, end: 3 }); // no third one: reuse the first
    expect(l.locate("MRI", "other")).toEqual({ start: 0, end: 3 });
  });

  it("a quote that is not in the note is not located", () => {
    const l = new QuoteLocator("No red flags.");
    expect(l.locate("cauda equina syndrome")).toBeNull();
    expect(l.locate("   ")).toBeNull();
    expect(l.locate("red flags and fever")).toBeNull();
  });

  it("normalise keeps a map for every unit", () => {
    const n = normalise("  A\t\tB ");
    expect(n.text).toBe("a b");
    expect(n.start).toEqual([2, 3, 5]);
    expect(n.end).toEqual([3, 5, 6]);
  });
});
