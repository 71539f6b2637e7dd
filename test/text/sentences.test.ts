import { describe, expect, it } from "vitest";
import { sentenceAt, splitSentences } from "../../src/text/sentences.js";

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe("splitSentences", () => {
  it.each([
    ["28 y/o M w/ R leg pain. Denies fever.", ["28 y/o M w/ R leg pain.", "Denies fever."]],
    ["Seen by Dr. Smith today. Plan per Dr. Lee.", ["Seen by Dr. Smith today.", "Plan per Dr. Lee."]],
    ["Naproxen 500 mg b.i.d. with food. Return in 2 wks.", ["Naproxen 500 mg b.i.d. with food.", "Return in 2 wks."]],
    ["T 36.7. Ambulates normally.", ["T 36.7.", "Ambulates normally."]],
    ["Take 0.5 mg nightly.", ["Take 0.5 mg nightly."]],
    ["MRI 02/02/2026 shows L4-5 protrusion. No stenosis.", ["MRI 02/02/2026 shows L4-5 protrusion.", "No stenosis."]],
    ["Red flags, e.g. fever, reviewed. HNP vs. strain.", ["Red flags, e.g. fever, reviewed.", "HNP vs. strain."]],
    ["Pain approx. two wks. Worse sitting!", ["Pain approx. two wks.", "Worse sitting!"]],
    ["Denies X; no Y.", ["Denies X; no Y."]],
    ["Is it radicular? Yes.", ["Is it radicular?", "Yes."]],
  ])("%s", (text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it("line structure: headers, list markers, continued lines", () => {
    const t = [
      "Date of service: 02/02/2026",
      "HPI: L leg pain x 10 days",
      "radiating to the foot.",
      "Plan:",
      "- Ibuprofen 600 mg TID",
      "- Bed rest is not recommended",
      "1. MRI if no better",
      "2) PT referral",
      "ASSESSMENT",
      "L5 radiculopathy",
    ].join("\n");
    expect(split(t)).toEqual([
      "Date of service:",
      "02/02/2026",
      "HPI:",
      "L leg pain x 10 days\nradiating to the foot.",
      "Plan:",
      "Ibuprofen 600 mg TID",
      "Bed rest is not recommended",
      "MRI if no better",
      "PT referral",
      "ASSESSMENT",
      "L5 radiculopathy",
    ]);
  });

  it("inline ALL-CAPS headers and enumerators start sentences", () => {
    expect(split("COMPLICATIONS: None POSTOPERATIVE DIAGNOSIS: 1) Polyp 2) Normal colon")).toEqual([
      "COMPLICATIONS:",
      "None",
      "POSTOPERATIVE DIAGNOSIS:",
      "1) Polyp",
      "2) Normal colon",
    ]);
  });

  it("spans are trimmed, ordered, inside the text; sentenceAt finds them", () => {
    const t = "  A/P: probable HNP.  Start PT.\n\n  ";
    const s = splitSentences(t);
    for (const x of s) expect(t.slice(x.start, x.end).trim()).toBe(t.slice(x.start, x.end));
    expect(sentenceAt(s, t.indexOf("PT"))).toEqual(s[s.length - 1]);
    expect(sentenceAt(s, 0)).toEqual({ start: 0, end: 0 });
  });
});
