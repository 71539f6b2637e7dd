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

describe("occurrence choice by section", () => {
  it("prefers the occurrence in the section the model named", async () => {
    const { groundReply } = await import("../../src/extract/llm/ground.js");
    const text = "Imaging: MRI lumbar spine 2024 normal.\nPlan: MRI lumbar spine.\n";
    const base = { assertion: "affirmed", temporality: "current", experiencer: "patient" } as const;
    const reply = {
      encounterDate: null,
      noteType: "evaluation" as const,
      inScope: true,
      patientAge: null,
      newOnset: null,
      symptomDuration: null,
      facts: [
        { kind: "imaging" as const, quote: "MRI lumbar spine", section: "plan" as const, ...base, modality: "mri" as const, region: "lumbar" as const, contrast: "unspecified" as const, status: "ordered" as const },
        { kind: "imaging" as const, quote: "MRI lumbar spine", section: null, ...base, modality: "mri" as const, region: "lumbar" as const, contrast: "unspecified" as const, status: "prior" as const },
      ],
    };
    const g = groundReply(reply, { id: "s", text, encounterDate: null });
    const ordered = g.facts.facts.find((f) => f.kind === "imaging" && f.status === "ordered")!;
    const prior = g.facts.facts.find((f) => f.kind === "imaging" && f.status === "prior")!;
    expect(ordered.span.start).toBe(text.indexOf("Plan: MRI") + 6);
    expect(prior.span.start).toBe(9);
    expect(prior.section).toBe("imaging"); // null from the model: filled from the sectionizer
  });
});
