import { describe, expect, it } from "vitest";
import {
  combineSides,
  durationClass,
  esiPlanned,
  imagingOrderedNow,
  isSpecialist,
  opioidNotShortTermReasons,
  opioidPrescribed,
  redFlagCategoriesPresent,
  redFlagsPresent,
  rootsExplainedBy,
  softAgeFactor,
  specialistReferral,
} from "../../src/rules/packs/lumbosacral-radiculopathy/derived.js";
import { family, historical, hypothetical, mention, negated, noteFacts, possible } from "../helpers/facts.js";

describe("derived: duration", () => {
  it.each([
    [noteFacts({ weeks: 5.99 }), "early"],
    [noteFacts({ weeks: 6 }), "late"],
    [noteFacts({ weeks: 104 }), "late"],
    [noteFacts({ chronic: true }), "chronic"],
    [noteFacts(), "unknown"],
    [noteFacts({ symptomDuration: { weeks: null, chronic: false, span: null } }), "unknown"],
    [noteFacts({ symptomDuration: { weeks: 3, chronic: true, span: null } }), "early"],
  ] as const)("case %#: %s", (facts, want) => {
    expect(durationClass(facts)).toBe(want);
  });
});

describe("derived: red flags", () => {
  it("counts affirmed patient findings; history counts for cancer/immunosuppression/IVDU/trauma/osteoporosis/steroids only", () => {
    const facts = noteFacts({
      facts: [
        mention("red_flag", { finding: "cancer_history", ...historical }),
        mention("red_flag", { finding: "fever", ...historical }),
        mention("red_flag", { finding: "fever", ...negated }),
        mention("red_flag", { finding: "weight_loss", ...possible }),
        mention("red_flag", { finding: "cancer_history", ...family }),
        mention("red_flag", { finding: "urinary_retention", ...hypothetical }),
        mention("red_flag", { finding: "iv_drug_use", ...historical }),
      ],
    });
    expect(redFlagsPresent(facts).map((f) => f.finding)).toEqual(["cancer_history", "iv_drug_use"]);
    expect(redFlagCategoriesPresent(facts)).toEqual(["malignancy", "infection"]);
  });

  it("soft age factor: age > 50 (not 50), new onset known true, option on", () => {
    const on = { ageOver50IsRedFlag: true };
    expect(softAgeFactor(noteFacts({ patientAge: 51, newOnset: true }), on)).toBe(true);
    expect(softAgeFactor(noteFacts({ patientAge: 50, newOnset: true }), on)).toBe(false);
    expect(softAgeFactor(noteFacts({ patientAge: 70, newOnset: null }), on)).toBe(false);
    expect(softAgeFactor(noteFacts({ patientAge: 70, newOnset: true }), { ageOver50IsRedFlag: false })).toBe(false);
    expect(redFlagsPresent(noteFacts({ patientAge: 70, newOnset: true }))).toEqual([]);
  });
});

describe("derived: specialists and referral", () => {
  it.each([
    ["spine_surgery", true],
    ["neurosurgery", true],
    ["orthopedic_spine", true],
    ["orthopedics", true],
    ["pmr", true],
    ["pain_medicine", true],
    ["neurology", false],
    ["physical_therapy", false],
    ["primary_care", false],
    ["emergency", false],
    ["admission", false],
  ] as const)("%s specialist: %s", (s, want) => {
    expect(isSpecialist(s)).toBe(want);
  });

  it("ED transfer and admission count as urgent referral; the ED author does not", () => {
    expect(specialistReferral(noteFacts({ facts: [mention("referral", { specialty: "emergency", existing: false })] }))).toBe(true);
    expect(specialistReferral(noteFacts({ facts: [mention("referral", { specialty: "admission" })] }))).toBe(true);
    expect(specialistReferral(noteFacts({ facts: [mention("referral", { specialty: "emergency", existing: true })] }))).toBe(false);
  });

  it("existing specialist counts even when mentioned as history; a past non-existing referral does not", () => {
    expect(specialistReferral(noteFacts({ facts: [mention("referral", { specialty: "pmr", existing: true, ...historical })] }))).toBe(true);
    expect(specialistReferral(noteFacts({ facts: [mention("referral", { specialty: "pmr", existing: false, ...historical })] }))).toBe(false);
  });
});

describe("derived: orders and plans", () => {
  it("imaging ordered now excludes prior, conditional, guidance, x-ray, non-lumbar, negated", () => {
    const facts = noteFacts({
      facts: [
        mention("imaging", { status: "prior" }),
        mention("imaging", { status: "conditional" }),
        mention("imaging", { modality: "ct", status: "guidance" }),
        mention("imaging", { modality: "xray" }),
        mention("imaging", { region: "other" }),
        mention("imaging", negated),
        mention("imaging", { modality: "ct", status: "ordered" }),
      ],
    });
    expect(imagingOrderedNow(facts).map((f) => f.modality)).toEqual(["ct"]);
  });

  it("ESI planned: planned or performed, not conditional/prior/declined", () => {
    const facts = noteFacts({
      facts: (["planned", "performed", "conditional", "prior", "declined"] as const).map((status) => mention("esi", { status })),
    });
    expect(esiPlanned(facts).map((f) => f.status)).toEqual(["planned", "performed"]);
  });

  it("opioids: administered counts, anesthesia and list-only do not", () => {
    const opioid = { drugClass: "opioid", drug: "morphine" } as const;
    const facts = noteFacts({
      facts: [
        mention("medication", { ...opioid, administered: true }),
        mention("medication", { ...opioid, anesthesia: true, administered: true }),
        mention("medication", { ...opioid, listOnly: true }),
      ],
    });
    expect(opioidPrescribed(facts)).toHaveLength(1);
    expect(opioidNotShortTermReasons(mention("medication", { ...opioid, supplyDays: 7 }))).toEqual([]);
    expect(opioidNotShortTermReasons(mention("medication", { ...opioid, supplyDays: 7.5, refills: true }))).toEqual([
      "7.5 days supply (> 7)",
      "refills",
    ]);
  });
});

describe("derived: anatomy", () => {
  const disc = (level: "L3-4" | "L4-5" | "L5-S1", zone: "central" | "paracentral" | "foraminal" | "far_lateral" | "lateral_recess" | null) =>
    mention("imaging_finding", { level, zone });
  it.each([
    ["L5-S1", "paracentral", ["S1"]],
    ["L4-5", "paracentral", ["L5"]],
    ["L3-4", "paracentral", ["L4"]],
    ["L5-S1", "foraminal", ["L5"]],
    ["L4-5", "far_lateral", ["L4"]],
    ["L4-5", "lateral_recess", ["L5"]],
    ["L4-5", "central", ["L5"]],
    ["L5-S1", null, ["L5", "S1"]],
  ] as const)("%s %s -> %j", (level, zone, roots) => {
    expect(rootsExplainedBy(disc(level, zone))).toEqual(roots);
  });

  it("combines sides", () => {
    expect(combineSides(["left", "left", null])).toBe("left");
    expect(combineSides(["left", "right"])).toBe("bilateral");
    expect(combineSides(["bilateral"])).toBe("bilateral");
    expect(combineSides(["central", null])).toBe(null);
  });
});
