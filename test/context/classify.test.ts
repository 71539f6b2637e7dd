import { describe, expect, it } from "vitest";
import { classifyMention, compileLexicon, parseContextLexicon } from "../../src/context/index.js";
import type { ClassifyOptions } from "../../src/context/index.js";

/** Classifies the first occurrence of `mention` in `text`. */
function at(text: string, mention: string, options: ClassifyOptions = {}) {
  const start = text.indexOf(mention);
  if (start < 0) throw new Error(`mention "${mention}" not in "${text}"`);
  const r = classifyMention(text, { start, end: start + mention.length }, options);
  for (const c of r.cues) expect(text.slice(c.start, c.end)).toBe(c.text);
  return r;
}

describe("negation", () => {
  it.each([
    ["Denies fever, chills, saddle anesthesia or B/B changes.", ["fever", "chills", "saddle anesthesia", "B/B changes"]],
    ["No fever, chills, or weight loss.", ["fever", "chills", "weight loss"]],
    ["No wt loss, no hx of cancer.", ["wt loss", "cancer"]],
    ["Negative for urinary retention.", ["urinary retention"]],
    ["Patient is without saddle numbness.", ["saddle numbness"]],
    ["There is no evidence of cauda equina syndrome.", ["cauda equina syndrome"]],
    ["Fever was denied.", ["Fever"]],
    ["Fracture ruled out.", ["Fracture"]],
    ["SLR is negative bilaterally.", ["SLR"]],
    ["Pain free today.", ["Pain"]],
    ["Never had cancer.", ["cancer"]],
    ["Denies B/B dysfunction; no fevers.", ["B/B dysfunction", "fevers"]],
  ])("%s", (text, mentions) => {
    for (const m of mentions) expect(at(text, m).assertion, m).toBe("negated");
  });

  it("a terminator ends the scope", () => {
    const t = "Denies incontinence, but reports new urinary retention.";
    expect(at(t, "incontinence").assertion).toBe("negated");
    const r = at(t, "urinary retention");
    expect(r.assertion).toBe("affirmed");
    expect(r.cues.map((c) => c.text)).toContain("but");
    expect(at("No fever; reports numbness in the groin.", "numbness").assertion).toBe("affirmed");
    expect(at("Denies fever, endorses weakness.", "weakness").assertion).toBe("affirmed");
    expect(at("No fever however has leg weakness.", "leg weakness").assertion).toBe("affirmed");
  });

  it.each([
    ["Bed rest is not recommended."],
    ["Advised against bed rest."],
    ["Avoid bed rest."],
    ["No bed rest."],
    ["Recommend against bed rest."],
    ["Bed rest discouraged."],
  ])("bed rest negated: %s", (text) => {
    const r = at(text, text.includes("Bed rest") ? "Bed rest" : "bed rest", { mentionType: "action" });
    expect(r.assertion).toBe("negated");
    expect(r.cues.some((c) => c.category === "negated")).toBe(true);
  });

  it("action-only triggers do not negate findings", () => {
    expect(at("Refused nitro for the chest pain.", "chest pain", { mentionType: "finding" }).assertion).toBe("affirmed");
    expect(at("Pt declined surgery.", "surgery", { mentionType: "action" }).assertion).toBe("negated");
    expect(at("Pt declined surgery.", "surgery").assertion).toBe("negated");
  });

  it.each([
    ["No change in pain.", "pain"],
    ["No increase in weakness.", "weakness"],
    ["Not only back pain but leg pain.", "back pain"],
    ["Gram negative rods.", "rods"],
    ["No relief with ibuprofen.", "ibuprofen"],
    ["Tried PT without relief of the sciatica.", "sciatica"],
  ])("pseudo-negation: %s", (text, m) => {
    const r = at(text, m);
    expect(r.assertion).toBe("affirmed");
  });

  it("possible", () => {
    expect(at("Probable L5-S1 HNP.", "HNP").assertion).toBe("possible");
    expect(at("MRI to r/o cauda equina.", "cauda equina").assertion).toBe("possible");
    expect(at("Concern for cauda equina syndrome.", "cauda equina syndrome").assertion).toBe("possible");
    expect(at("Fracture cannot be excluded.", "Fracture").assertion).toBe("possible");
    expect(at("Questionable foot drop.", "foot drop").assertion).toBe("possible");
  });
});

describe("temporality", () => {
  it.each([
    ["If no better in 6 wks, will consider MRI", "MRI"],
    ["Would consider an ESI depending on the MRI.", "ESI"],
    ["He is open to a TFESI depending on the MRI.", "TFESI"],
    ["f/u 3 wks, sooner w/ weakness, numbness in the groin, or bladder/bowel trouble", "weakness"],
    ["f/u 3 wks, sooner w/ weakness, numbness in the groin, or bladder/bowel trouble", "bladder/bowel trouble"],
    ["Return if fever or new weakness.", "fever"],
    ["Should he develop saddle numbness, go to the ED.", "saddle numbness"],
    ["In case of bladder trouble, call.", "bladder trouble"],
    ["MRI if pain persists.", "MRI"],
    ["ESI if needed.", "ESI"],
  ])("hypothetical: %s [%s]", (text, m) => {
    expect(at(text, m).temporality).toBe("hypothetical");
  });

  it("the condition inside an if-clause is current", () => {
    expect(at("MRI if pain persists.", "pain").temporality).toBe("current");
  });

  it.each([
    ["MRI in 2019 showed L4-5 protrusion.", "MRI"],
    ["History of breast cancer.", "breast cancer"],
    ["h/o L4-5 discectomy.", "discectomy"],
    ["Hx of IVDU.", "IVDU"],
    ["s/p L5-S1 microdiscectomy 2023.", "microdiscectomy"],
    ["Prior lumbar fusion.", "lumbar fusion"],
    ["Had a similar episode 3 years ago.", "episode"],
  ])("historical: %s [%s]", (text, m) => {
    expect(at(text, m).temporality).toBe("historical");
  });

  it("'now' ends a history scope; a n-week history of is current", () => {
    const t = "44M s/p L5-S1 microdiscectomy 2023, now w/ recurrent L leg pain x 10 wks.";
    expect(at(t, "leg pain").temporality).toBe("current");
    expect(at("A 6-week history of left leg pain.", "left leg pain").temporality).toBe("current");
  });
});

describe("experiencer", () => {
  it.each([
    ["Sister had breast ca.", "breast ca"],
    ["Mother with breast cancer.", "breast cancer"],
    ["Breast cancer in his mother.", "Breast cancer"],
    ["Family history of colon cancer.", "colon cancer"],
    ["FHx: father with prostate cancer.", "prostate cancer"],
  ])("family: %s", (text, m) => {
    expect(at(text, m).experiencer).toBe("family");
  });
  it("other people and informants", () => {
    expect(at("His wife has the flu.", "flu").experiencer).toBe("other");
    expect(at("Brought in by his wife for back pain.", "back pain").experiencer).toBe("patient");
    expect(at("Mother with breast cancer; patient denies cancer.", "cancer;").experiencer).toBe("family");
  });
});

describe("section defaults", () => {
  const note = [
    "HPI: 50 y/o with L leg pain.",
    "PMH: breast cancer, HTN",
    "Family History: colon cancer",
    "Return precautions: fever, weakness",
    "Plan: MRI lumbar spine",
  ].join("\n");
  it("detects the section when not given", () => {
    const pmh = at(note, "breast cancer");
    expect(pmh.temporality).toBe("historical");
    expect(pmh.cues.find((c) => c.category === "section")?.text).toBe("PMH:");
    expect(at(note, "colon cancer").experiencer).toBe("family");
    expect(at(note, "fever").temporality).toBe("hypothetical");
    expect(at(note, "MRI").temporality).toBe("current");
    expect(at(note, "L leg pain").temporality).toBe("current");
  });
  it("uses options.section; null turns defaults off", () => {
    expect(at("breast cancer", "breast cancer", { section: "past_medical_history" }).temporality).toBe("historical");
    expect(at("colon cancer", "colon cancer", { section: "family_history" }).experiencer).toBe("family");
    expect(at("fever", "fever", { section: "patient_instructions" }).temporality).toBe("hypothetical");
    expect(at(note, "breast cancer", { section: null }).temporality).toBe("current");
  });
  it("an explicit cue beats the section default", () => {
    expect(at("PMH: no cancer", "cancer").assertion).toBe("negated");
  });
});

describe("offsets and options", () => {
  it("uses absolute offsets in a longer note and a given sentence window", () => {
    const note = "DOS: 02/02/2026\nS: sciatica x 10 days. Denies fever or saddle anesthesia.\nP: ibuprofen";
    const r = at(note, "saddle anesthesia");
    expect(r.assertion).toBe("negated");
    expect(r.cues[0]!.text).toBe("Denies");
    const start = note.indexOf("saddle");
    const r2 = classifyMention(note, { start, end: start + 6 }, { sentence: { start: start, end: note.indexOf(".", start) } });
    expect(r2.assertion).toBe("affirmed");
  });
  it("maxScope limits the scope", () => {
    expect(at("There is no evidence of pneumonia or chf.", "chf", { maxScope: 1 }).assertion).toBe("affirmed");
    expect(at("There is no evidence of pneumonia or chf.", "chf").assertion).toBe("negated");
  });
});

describe("NegEx-kit-style sentences (written for this test)", () => {
  it.each([
    ["The patient denies any CHEST PAIN or shortness of breath.", "CHEST PAIN", "negated", "current", "patient"],
    ["Lungs are clear without WHEEZES or rales.", "WHEEZES", "negated", "current", "patient"],
    ["CT of the head was negative for acute BLEED.", "BLEED", "negated", "current", "patient"],
    ["She has a history of ATRIAL FIBRILLATION.", "ATRIAL FIBRILLATION", "affirmed", "historical", "patient"],
    ["He should return for any worsening ABDOMINAL PAIN.", "ABDOMINAL PAIN", "affirmed", "hypothetical", "patient"],
    ["His father had a MYOCARDIAL INFARCTION at 50.", "MYOCARDIAL INFARCTION", "affirmed", "current", "family"],
    ["No significant change in the PLEURAL EFFUSION.", "PLEURAL EFFUSION", "affirmed", "current", "patient"],
    ["Pulmonary EMBOLISM has been ruled out.", "EMBOLISM", "negated", "current", "patient"],
    ["No acute distress, but she reports NAUSEA.", "NAUSEA", "affirmed", "current", "patient"],
    ["Extremities: no clubbing, cyanosis or EDEMA.", "EDEMA", "negated", "current", "patient"],
  ])("%s", (text, m, assertion, temporality, experiencer) => {
    const r = at(text, m, { mentionType: "finding", section: null });
    expect([r.assertion, r.temporality, r.experiencer]).toEqual([assertion, temporality, experiencer]);
  });
});

describe("lexicon validation", () => {
  it("rejects unknown keys and bad entries, naming the file and the entry", () => {
    const bad = { version: 1, defaults: { maxScope: null }, groups: [{ category: "negated", direction: "forward", phrases: ["no"], colour: 1 }] };
    expect(() => parseContextLexicon(bad, "ctx.json")).toThrow(/ctx\.json: groups\[0\]/);
    const badDir = { version: 1, defaults: { maxScope: null }, groups: [{ category: "pseudo", direction: "forward", phrases: ["no change"] }] };
    expect(() => parseContextLexicon(badDir, "ctx.json")).toThrow(/groups\[0\]\.direction/);
    const badPhrase = { version: 1, defaults: { maxScope: null }, groups: [{ category: "negated", direction: "forward", phrases: [" no"] }] };
    expect(() => parseContextLexicon(badPhrase, "ctx.json")).toThrow(/groups\[0\]\.phrases\[0\]/);
  });
  it("compiles a valid lexicon", () => {
    const lex = parseContextLexicon({ version: 1, defaults: { maxScope: 5 }, groups: [{ category: "negated", direction: "forward", phrases: ["no", "no <NUM> x"] }] });
    const c = compileLexicon(lex);
    expect(c.rules).toHaveLength(2);
    expect(c.rules[0]!.maxScope).toBe(5);
  });
});
