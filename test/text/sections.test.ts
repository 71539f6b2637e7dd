import { describe, expect, it } from "vitest";
import { detectSections, sectionAt } from "../../src/text/sections.js";

const cats = (t: string) => detectSections(t).map((s) => [s.category, s.title]);

describe("detectSections", () => {
  it("SOAP letters and inline headers at line start", () => {
    const t = "S: 28 y/o M\nO: T 36.7\nA: L5 radiculopathy\nP: meloxicam 15 mg\nA/P: HNP, start PT";
    expect(cats(t)).toEqual([
      ["hpi", "S"],
      ["exam", "O"],
      ["assessment", "A"],
      ["plan", "P"],
      ["assessment_plan", "A/P"],
    ]);
  });

  it.each([
    ["CC: back pain", "chief_complaint"],
    ["HPI: pain", "hpi"],
    ["History: pain x 2 wks", "hpi"],
    ["PMH: HTN", "past_medical_history"],
    ["PSH: appendectomy", "past_surgical_history"],
    ["FHx: sister breast ca", "family_history"],
    ["Family History: none", "family_history"],
    ["Social History: nonsmoker", "social_history"],
    ["ROS: negative", "review_of_systems"],
    ["PE: SLR +", "exam"],
    ["Physical Examination: normal", "exam"],
    ["Imaging: none", "imaging"],
    ["MRI 05/2026: L4-5 protrusion", "imaging"],
    ["Labs: CBC normal", "labs"],
    ["Impression: L5 radiculopathy", "assessment"],
    ["Dx: sciatica", "diagnosis"],
    ["Preop dx: HNP", "diagnosis"],
    ["Indications: radicular pain", "indications"],
    ["Procedure: L5-S1 TFESI", "procedure"],
    ["ED course: hydromorphone", "course"],
    ["Disposition: home", "plan"],
    ["Medications: ibuprofen", "medications"],
    ["Allergies: NKDA", "allergies"],
    ["Return precautions: fever", "patient_instructions"],
    ["DOS: 04/04/2026", "header"],
    ["PREOPERATIVE DIAGNOSIS: HNP", "diagnosis"],
    ["ESTIMATED BLOOD LOSS: minimal", "procedure"],
    ["FAMILY MEDICAL HX: none", "family_history"],
  ])("%s", (t, cat) => {
    expect(detectSections(t)[0]?.category).toBe(cat);
  });

  it("headers without a colon only as a whole known line", () => {
    expect(cats("PAST MEDICAL HISTORY\nHTN\nPlan\n- PT")).toEqual([
      ["past_medical_history", "PAST MEDICAL HISTORY"],
      ["plan", "Plan"],
    ]);
    expect(cats("Pain: 6/10\nPT: 5 wks\nEMERGENCY DEPARTMENT NOTE\nP")).toEqual([]);
  });

  it("organ-system sub-headers stay in the exam", () => {
    const t = "PHYSICAL EXAMINATION:\nNeck: supple\nBack: tender\nPLAN: PT";
    expect(cats(t)).toEqual([
      ["exam", "PHYSICAL EXAMINATION"],
      ["plan", "PLAN"],
    ]);
  });

  it("spans and sectionAt", () => {
    const t = "HPI: pain\nPlan: PT";
    const s = detectSections(t);
    expect(t.slice(s[0]!.header.start, s[0]!.header.end)).toBe("HPI:");
    expect(s[0]!.body).toEqual({ start: 4, end: t.indexOf("Plan") });
    expect(sectionAt(s, t.indexOf("PT"))?.category).toBe("plan");
    expect(sectionAt(s, t.indexOf("pain"))?.category).toBe("hpi");
    expect(sectionAt(detectSections("no headers"), 3)).toBeNull();
  });
});
