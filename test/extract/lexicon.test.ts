import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/extract/lexicon/extract.js";
import { NoteFactsSchema, type Fact, type FactOf, type NoteFacts } from "../../src/facts/schema.js";

function facts(text: string, date: string | null = "2026-05-01"): NoteFacts {
  const out = extractFacts(text, date ? { value: date, source: "option" } : null);
  // every extraction validates and keeps the span invariant
  NoteFactsSchema.parse(out);
  for (const f of out.facts) expect(text.slice(f.span.start, f.span.end)).toBe(f.quote);
  return out;
}

function ofKind<K extends Fact["kind"]>(n: NoteFacts, kind: K): FactOf<K>[] {
  return n.facts.filter((f): f is FactOf<K> => f.kind === kind);
}

describe("red flags: negated lists, terminators, family, hypothetical", () => {
  it.each([
    ["Denies fever, chills, saddle anesthesia or B/B changes.", ["fever", "saddle_anesthesia", "bladder_dysfunction"], "negated"],
    ["No bowel or bladder incontinence, no weight loss.", ["bladder_dysfunction", "weight_loss"], "negated"],
    ["He reports new urinary retention since yesterday.", ["urinary_retention"], "affirmed"],
    ["Afebrile.", ["fever"], "negated"],
  ])("%s", (text, findings, assertion) => {
    const rf = ofKind(facts(`HPI: ${text}`), "red_flag");
    for (const finding of findings) {
      const f = rf.find((x) => x.finding === finding);
      expect(f, finding).toBeDefined();
      expect(f!.assertion).toBe(assertion);
    }
  });

  it("'but' ends a negation: retention after 'denies incontinence, but' is affirmed", () => {
    const rf = ofKind(facts("HPI: Denies incontinence, but reports new urinary retention."), "red_flag");
    expect(rf.find((f) => f.finding === "urinary_incontinence")?.assertion).toBe("negated");
    expect(rf.find((f) => f.finding === "urinary_retention")?.assertion).toBe("affirmed");
  });

  it("family history of cancer is not the patient's", () => {
    const rf = ofKind(facts("HPI: 40 yo M with sciatica. Mother with breast cancer."), "red_flag");
    const ca = rf.find((f) => f.category === "malignancy");
    expect(ca?.experiencer).toBe("family");
  });

  it("return precautions are hypothetical", () => {
    const rf = ofKind(facts("Plan: f/u 3 wks, sooner w/ weakness, numbness in the groin, or bladder/bowel trouble"), "red_flag");
    expect(rf.length).toBeGreaterThan(0);
    for (const f of rf) expect(f.temporality).toBe("hypothetical");
  });

  it("a normal rectal tone is a negative screen, a decreased one is present", () => {
    expect(ofKind(facts("Exam: Rectal tone normal."), "red_flag")[0]?.assertion).toBe("negated");
    expect(ofKind(facts("Exam: Rectal tone diminished."), "red_flag")[0]?.assertion).toBe("affirmed");
  });

  it("'no injury' screens for trauma, but a minor injury is not a red flag", () => {
    expect(ofKind(facts("HPI: No injury."), "red_flag")[0]).toMatchObject({ category: "fracture", assertion: "negated" });
    expect(ofKind(facts("HPI: back injury while lifting a box."), "red_flag")).toHaveLength(0);
  });
});

describe("bed rest", () => {
  it.each([
    ["Bed rest is not recommended.", "negated"],
    ["Avoid bed rest - walking helps recovery.", "negated"],
    ["Advised against bed rest.", "negated"],
    ["Stay active rather than bed rest.", "negated"],
    ["Bed rest for 3 days, then return to activity.", "affirmed"],
    ["Strict bed rest x 2 days.", "affirmed"],
  ])("%s -> %s", (sentence, assertion) => {
    const br = ofKind(facts(`Plan: ${sentence}`), "bed_rest");
    expect(br).toHaveLength(1);
    expect(br[0]!.assertion).toBe(assertion);
  });

  it("a clause break stops a backward negation: care before '- bed rest is not recommended' stays affirmed", () => {
    const n = facts("P: Ibuprofen 400 mg TID prn, heat, continue normal activities - bed rest is not recommended.");
    const care = ofKind(n, "conservative_care");
    expect(care.map((c) => c.item).sort()).toEqual(["activity", "heat_cold", "nsaid"]);
    for (const c of care) expect(c.assertion).toBe("affirmed");
  });
});

describe("imaging: ordered now, prior, conditional", () => {
  it.each([
    ["Plan:\n- MRI lumbar spine w/o contrast", "ordered", "without"],
    ["Plan:\n4. MRI L-spine with and without contrast", "ordered", "with_and_without"],
    ["Plan:\n- If no better in 6 wks, will consider MRI", "conditional", "unspecified"],
    ["MRI 07/2026: L paracentral L4-5 protrusion contacting the L L5 root.\nPlan: PT", "prior", "unspecified"],
    ["HPI: MRI in 2019 showed a small bulge.\nPlan: PT", "prior", "unspecified"],
    ["HPI: MRI done in the ED 2 wks ago showed an extrusion.\nPlan: PT", "prior", "unspecified"],
    ["Plan: STAT MRI lumbar spine without contrast - ordered, pt going to scanner now", "ordered", "without"],
  ])("%j -> %s", (text, status, contrast) => {
    const img = ofKind(facts(text), "imaging").filter((f) => f.modality === "mri");
    expect(img[0]).toMatchObject({ status, contrast, region: "lumbar" });
  });

  it("an MRI of the brain is not lumbar", () => {
    expect(ofKind(facts("Plan: MRI brain with contrast."), "imaging")[0]?.region).toBe("other");
  });

  it("reads level, side, zone and root of a disc finding", () => {
    const f = ofKind(facts("MRI 07/2026: R paracentral L4-5 extrusion compressing the R L5 root.\nPlan: PT"), "imaging_finding")[0];
    expect(f).toMatchObject({ level: "L4-5", side: "right", zone: "paracentral", root: "L5", compression: true, assertion: "affirmed" });
  });

  it("a negated finding is negated", () => {
    const fs = ofKind(facts("MRI 07/2026: small L4-5 bulge; no disc herniation at L5-S1."), "imaging_finding");
    expect(fs.find((f) => f.level === "L5-S1")?.assertion).toBe("negated");
    expect(fs.find((f) => f.level === "L4-5")?.assertion).toBe("affirmed");
  });
});

describe("injections and surgery", () => {
  it("transforaminal ESI to be scheduled is planned and image-guided by approach", () => {
    const e = ofKind(facts("P:\n- L L4-5 TFESI (L L5), to be scheduled"), "esi")[0];
    expect(e).toMatchObject({ approach: "transforaminal", status: "planned", level: "L4-5", side: "left" });
  });

  it("a blind caudal injection in a procedure note is performed and blind", () => {
    const n = facts("Pain Clinic - Office Procedure\nProcedure: caudal ESI, performed blind (landmark technique, no fluoroscopy)\nTolerated well.");
    expect(n.noteType).toBe("procedure");
    expect(ofKind(n, "esi")[0]).toMatchObject({ approach: "caudal", guidance: "blind", status: "performed" });
  });

  it("an ESI that depends on the MRI is conditional", () => {
    const e = ofKind(facts("Plan:\n- He is open to a TFESI or revision discectomy depending on the MRI"), "esi")[0];
    expect(e?.status).toBe("conditional");
  });

  it("a referral for an epidural injection plans it", () => {
    const e = ofKind(facts("P: referral to pain clinic for epidural steroid injection."), "esi")[0];
    expect(e?.status).toBe("planned");
  });

  it("a past injection is prior", () => {
    const e = ofKind(facts("HPI: Failed PT (6 wks), NSAIDs, and one R L5 TFESI.\nA/P: continue HEP"), "esi")[0];
    expect(e?.status).toBe("prior");
  });

  it("recommended microdiscectomy and TLIF are planned; s/p discectomy is prior surgery", () => {
    const n = facts("A/P: Recommend R L4-5 microdiscectomy and L4-5 TLIF. Will schedule.");
    const s = ofKind(n, "surgery");
    expect(s.map((x) => [x.procedure, x.status])).toEqual(expect.arrayContaining([["discectomy", "planned"], ["fusion", "planned"]]));
    const p = facts("HPI: 44M s/p L L5-S1 microdiscectomy 2023, now with recurrent leg pain.\nPlan: PT");
    expect(ofKind(p, "prior_lumbar_surgery")).toHaveLength(1);
  });

  it("'No spondylolisthesis or instability' negates the fusion indications", () => {
    const fi = ofKind(facts("Indications: No spondylolisthesis or instability."), "fusion_indication");
    expect(fi.length).toBe(2);
    for (const f of fi) expect(f.assertion).toBe("negated");
  });
});

describe("medications, pain, function, education, referral", () => {
  it("opioid supply, refills and severity", () => {
    const n = facts("Plan:\n- Oxycodone 5 mg q6h prn severe pain, #8, no refills");
    const m = ofKind(n, "medication")[0];
    expect(m).toMatchObject({ drug: "oxycodone", supplyDays: 2, refills: false, longActing: false });
    expect(ofKind(n, "pain_severity").some((p) => p.severe)).toBe(true);
    const r = ofKind(facts("Plan: Oxycodone ER 10 mg BID, #60, 2 refills"), "medication")[0];
    expect(r).toMatchObject({ longActing: true, refills: true, supplyDays: 30 });
  });

  it("an ED dose is administered; an anesthesia dose is flagged", () => {
    expect(ofKind(facts("ED course: Hydromorphone 0.5 mg IV x1 for severe pain."), "medication")[0]?.administered).toBe(true);
    expect(ofKind(facts("Description: General endotracheal anesthesia; fentanyl 100 mcg IV at induction."), "medication")[0]?.anesthesia).toBe(true);
  });

  it("pain scores and 'severe stenosis' are told apart", () => {
    const n = facts("HPI: pain 9/10. MRI shows severe stenosis.");
    const ps = ofKind(n, "pain_severity");
    expect(ps.map((p) => p.score)).toEqual([9]);
  });

  it("disabling pain phrasings", () => {
    expect(ofKind(facts("HPI: Unable to work as a cashier."), "disabling_pain")).toHaveLength(1);
    expect(ofKind(facts("HPI: intractable pain at night."), "disabling_pain")).toHaveLength(1);
    expect(ofKind(facts("HPI: works full time, able to walk."), "disabling_pain")).toHaveLength(0);
  });

  it("education about natural history and imaging findings", () => {
    const n = facts("Plan:\n- Explained that disc herniations often shrink on their own and most people are much better within 6-12 wks\n- Reassured that MRI findings like this are common in people without pain");
    expect(ofKind(n, "education").map((e) => e.topic).sort()).toEqual(["imaging_findings", "natural_history"]);
  });

  it("referral to a specialist now, and a specialist author", () => {
    const r = ofKind(facts("Plan: Refer to neurosurgery."), "referral")[0];
    expect(r).toMatchObject({ specialty: "neurosurgery", existing: false, assertion: "affirmed" });
    const a = ofKind(facts("PHYSIATRY (PM&R) CONSULT\nDOS: 06/08/2026\n39 y/o M"), "referral")[0];
    expect(a).toMatchObject({ specialty: "pmr", existing: true });
  });

  it("candidacy: declines both, open to either", () => {
    expect(ofKind(facts("HPI: He states he is not interested in injections or surgery."), "candidacy")[0]).toMatchObject({ stance: "declines", intervention: "either" });
    expect(ofKind(facts("Plan: She is open to a TFESI."), "candidacy")[0]).toMatchObject({ stance: "considering", intervention: "esi" });
  });
});

describe("note-level facts", () => {
  it("encounter date from headers, or from the caller", () => {
    expect(facts("Date of service: 02/02/2026\nS: back pain", null).encounterDate).toMatchObject({ value: "2026-02-02", source: "header" });
    expect(facts("DOS 11/09/2026\nback pain", null).encounterDate?.value).toBe("2026-11-09");
    expect(facts("Visit date: 2026-03-11\nback pain", null).encounterDate?.value).toBe("2026-03-11");
    expect(facts("DOS: 04/04/2026\nback pain", "2026-01-01").encounterDate).toMatchObject({ value: "2026-01-01", source: "option" });
  });

  it.each([
    ["CC: L leg pain x 2 wks", 2],
    ["28 y/o M c/o R sided sciatica x 10 days after a long flight.", 1.43],
    ["49 y/o F with 14 months of L leg pain in an L5 distribution.", 60.87],
    ["29 y/o M w/ R sciatica since yesterday after moving a dresser.", 0.14],
  ])("duration: %s -> %d weeks", (text, weeks) => {
    const d = facts(`HPI: ${text}\nPlan: PT`).symptomDuration;
    expect(d?.weeks).toBeCloseTo(weeks, 1);
  });

  it("duration: a date since onset is counted to the encounter", () => {
    const d = facts("Date of service: 01/19/2026\n47F w/ L leg pain since 10/13/2025, lateral calf.\nA/P: PT", null).symptomDuration;
    expect(d?.weeks).toBeCloseTo(14, 0);
  });

  it("duration: treatment and follow-up durations are not the symptom's", () => {
    const d = facts("HPI: L leg pain. PT 5 wks, naproxen.\nPlan: f/u 3 wks. Ibuprofen x 10 days.").symptomDuration;
    expect(d).toBeNull();
  });

  it("duration: chronic without a number", () => {
    expect(facts("HPI: 42 y/o M w/ chronic L sciatica, here for routine f/u.\nA/P: stable").symptomDuration).toMatchObject({ weeks: null, chronic: true });
  });

  it("age, new onset, note type and scope", () => {
    const n = facts("67 yo F, first time ever w/ back or leg pain: R lateral leg to dorsum of foot x 3 wks.\nP: PT");
    expect(n.patientAge).toBe(67);
    expect(n.newOnset).toBe(true);
    expect(n.noteType).toBe("evaluation");
    expect(n.inScope).toBe(true);
    expect(facts("OPERATIVE REPORT\nProcedure: L4-5 decompression.").noteType).toBe("procedure");
    expect(facts("27 yo F with sore throat for 3 days. Plan: fluids.").inScope).toBe(false);
    expect(facts("PMH: low back pain (remote).\nHPI: cough x 3 days.\nPlan: fluids.").inScope).toBe(false);
  });
});

describe("language cases found reading real transcriptions (MTSamples), as sentences of our own", () => {
  it("a neutral organ mention is a screen, not a finding", () => {
    for (const s of ["Bowel and bladder function are normal.", "No change in bowel or bladder function.", "Bladder control intact."]) {
      const rf = ofKind(facts(`ROS: ${s}`), "red_flag");
      expect(rf.length, s).toBeGreaterThan(0);
      for (const f of rf) expect(f.assertion, s).toBe("negated");
    }
    expect(ofKind(facts("HPI: new bowel and bladder incontinence since this morning."), "red_flag")[0]?.assertion).toBe("affirmed");
  });

  it("stress urinary incontinence is not a cauda equina finding", () => {
    expect(ofKind(facts("ROS: GU: occasional stress urinary incontinence."), "red_flag")).toHaveLength(0);
  });

  it("a high-speed drill is not trauma; a high-speed collision is", () => {
    expect(ofKind(facts("Procedure: the lamina was thinned with the high speed drill."), "red_flag")).toHaveLength(0);
    expect(ofKind(facts("HPI: pain since a high-speed collision last month."), "red_flag")[0]?.category).toBe("fracture");
  });

  it("an injection the symptoms improved after is prior, not planned", () => {
    const e = ofKind(facts("Assessment and plan: her radicular symptoms have resolved since her therapeutic transforaminal injection."), "esi")[0];
    expect(e?.status).toBe("prior");
    const g = ofKind(facts("Plan: she underwent an epidural injection last month which gave two weeks of relief."), "esi")[0];
    expect(g?.status).toBe("prior");
  });

  it("surgery listed among treatment options is not planned", () => {
    const s = ofKind(facts("PLAN: We discussed treatment options including:\n1. Do nothing.\n2. Conservative therapies.\n3. Surgery.\nShe would like to start with physical therapy."), "surgery")[0];
    expect(s?.status).toBe("conditional");
  });
});

describe("sections", () => {
  it("advice in discharge instructions is current; 'return if' stays hypothetical", () => {
    const n = facts("HPI: L sciatica x 3 days.\nDischarge instructions: Bed rest for 2 days. Ibuprofen 400 mg TID. Return if fever or bladder trouble.");
    expect(ofKind(n, "bed_rest")[0]).toMatchObject({ assertion: "affirmed", temporality: "current" });
    expect(ofKind(n, "conservative_care")[0]?.temporality).toBe("current");
    for (const f of ofKind(n, "red_flag")) expect(f.temporality).toBe("hypothetical");
  });
});

describe("unlabelled narrative notes", () => {
  it("reads a note with no section headers", () => {
    const n = facts("11/12/2026 - Seen today. 31 year old man with pain shooting down the right leg for 3 days. No numbness in the saddle region and no trouble with his bladder. No fever. I recommended ibuprofen and ice and ordered an MRI of his lumbar spine.", null);
    expect(n.encounterDate?.value).toBe("2026-11-12");
    expect(n.patientAge).toBe(31);
    expect(n.symptomDuration?.weeks).toBeCloseTo(0.43, 2);
    const rf = ofKind(n, "red_flag");
    expect(rf.map((f) => [f.category, f.assertion])).toEqual(expect.arrayContaining([["cauda_equina", "negated"], ["infection", "negated"]]));
    expect(ofKind(n, "imaging")[0]).toMatchObject({ status: "ordered", region: "lumbar" });
    for (const c of ofKind(n, "conservative_care")) expect(c.section).toBeNull();
  });

  it("'now 6 weeks' is the symptom's duration; a bed-rest length is not", () => {
    const n = facts("Patient called about worsening left sciatica, now 6 weeks. Advised to rest in bed for a few days until the pain eases.");
    expect(n.symptomDuration?.weeks).toBe(6);
  });

  it("'referred her to ... neurosurgery to discuss decompression' is a new referral and a surgery only considered", () => {
    const n = facts("Date: 11/16/2026\nThe pain is disabling. I have referred her to Dr. Smith in neurosurgery to discuss decompression.");
    expect(ofKind(n, "referral")[0]).toMatchObject({ specialty: "neurosurgery", existing: false });
    expect(ofKind(n, "surgery")[0]?.status).toBe("conditional");
    expect(ofKind(n, "disabling_pain")[0]?.section).toBeNull();
  });
});

describe("order vocabulary", () => {
  it.each([
    ["Plan: MR lumbar spine without contrast.", "mri"],
    ["Plan: obtain L-S spine MRI.", "mri"],
    ["Plan: CT lumbar spine.", "ct"],
  ])("%s", (text, modality) => {
    expect(ofKind(facts(text), "imaging")[0]).toMatchObject({ modality, status: "ordered", region: "lumbar" });
  });

  it("LESI is an epidural steroid injection", () => {
    expect(ofKind(facts("Plan: schedule L4-5 LESI."), "esi")[0]).toMatchObject({ status: "planned", level: "L4-5" });
  });
});

describe("surgery mentions that are not lumbar surgery", () => {
  it.each([
    ["OPERATION: Lumbar epidural steroid block.", 0],
    ["RECOMMENDATIONS - SURGERY: Spine surgery is not a consideration at this time.", 0],
    ["Plan: not yet a year out from her knee surgery.", 0],
    ["Plan: total hip arthroplasty surgery next week.", 0],
  ])("%s", (text, planned) => {
    const s = ofKind(facts(text), "surgery").filter((f) => f.assertion === "affirmed" && (f.status === "planned" || f.status === "performed"));
    expect(s).toHaveLength(planned);
  });
});

describe("opioids the patient already has", () => {
  it("an opioid in the history is what the patient has, not a prescription of this visit", () => {
    const n = facts("HPI: He has methadone and Vicodin at home from a previous prescription.\nPlan: ibuprofen.");
    for (const m of ofKind(n, "medication")) expect(m.listOnly).toBe(true);
  });
  it("a dose given here counts even when told in the history", () => {
    const n = facts("HPI: received morphine 4 mg IV in the ED today with relief.\nPlan: naproxen.");
    expect(ofKind(n, "medication")[0]).toMatchObject({ administered: true, listOnly: false });
  });
});

describe("note type", () => {
  it("a procedure note with only a follow-up plan is a procedure note", () => {
    expect(facts("Procedure: R L5-S1 TFESI under fluoroscopy.\nTechnique: needle advanced, 10 mg dexamethasone injected. Tolerated well.\nPlan: f/u 2 weeks.").noteType).toBe("procedure");
  });
  it("a visit that evaluates, manages and injects the same day is an evaluation note", () => {
    expect(facts("HPI: R sciatica x 8 wks.\nExam: SLR + R.\nProcedure: trigger point injection; needle inserted, lidocaine injected.\nPlan: start PT, naproxen, MRI L-spine.").noteType).toBe("evaluation");
  });
});

describe("more red-flag phrasings", () => {
  it.each([
    ["HPI: Denies numbness in the buttocks or inner thighs.", "cauda_equina", "negated"],
    ["Exam: Perineal sensation intact.", "cauda_equina", "negated"],
    ["Exam: Decreased pinprick perineum.", "cauda_equina", "affirmed"],
    ["HPI: Difficulty starting his urine stream since yesterday.", "cauda_equina", "affirmed"],
    ["HPI: No steroid use.", "fracture", "negated"],
    ["HPI: Takes prednisone 20 mg daily for 2 years for lupus.", "fracture", "affirmed"],
  ])("%s", (text, category, assertion) => {
    const rf = ofKind(facts(text), "red_flag").filter((f) => f.category === category);
    expect(rf.length).toBeGreaterThan(0);
    expect(rf[0]!.assertion).toBe(assertion);
  });
  it("steroid use alone is not a red flag", () => {
    expect(ofKind(facts("Plan: Medrol dose pack; steroid use discussed."), "red_flag").filter((f) => f.assertion === "affirmed")).toHaveLength(0);
  });
});

describe("opioid supply", () => {
  it("counts the quantity dispensed, not the tablets per dose", () => {
    expect(ofKind(facts("Plan: Percocet 5/325 1-2 tabs q4-6h prn severe pain #20."), "medication")[0]?.supplyDays).toBeCloseTo(3.33, 2);
    expect(ofKind(facts("Plan: oxycodone 5 mg q6h prn, dispense 40 tablets."), "medication")[0]?.supplyDays).toBe(10);
  });
  it("'natural history' is not a history-of trigger", () => {
    expect(ofKind(facts("Plan: Counseled on natural history: the majority improve in 6 weeks."), "education")[0]?.temporality).toBe("current");
  });
});

describe("imaging findings need a study", () => {
  it("'L5-S1 HNP' in an assessment with no study is a clinical impression", () => {
    expect(ofKind(facts("HPI: R sciatica x 8 wks.\nA: R S1 radiculopathy from L5-S1 HNP.\nP: MRI L-spine w/o contrast; R L5-S1 TFESI."), "imaging_finding")).toHaveLength(0);
  });
  it("with a prior MRI the assessment's level counts", () => {
    expect(ofKind(facts("HPI: R sciatica x 8 wks. MRI 10/2026 reviewed.\nA: R S1 radiculopathy from R L5-S1 HNP.\nP: R L5-S1 TFESI."), "imaging_finding")[0]).toMatchObject({ level: "L5-S1", side: "right" });
  });
});

describe("phenomena from the blind set (fixtures/blind), as sentences of our own", () => {
  it("'W WO CONTRAST' is with and without", () => {
    expect(ofKind(facts("Orders:\nCT LUMBAR SPINE W WO CONTRAST - routine"), "imaging")[0]?.contrast).toBe("with_and_without");
  });
  it("a study done during this ED visit or admission is ordered at this encounter", () => {
    expect(ofKind(facts("ED course: MRI L-spine w/o contrast obtained in ED: small L4-5 bulge."), "imaging")[0]?.status).toBe("ordered");
    expect(ofKind(facts("Hospital course: MRI lumbar spine on the day of admission showed an L5-S1 extrusion."), "imaging")[0]?.status).toBe("ordered");
  });
  it("a study ordered at another visit is not ordered now", () => {
    expect(ofKind(facts("Referring: walk-in clinic (MRI ordered there).\nPlan: PT."), "imaging")[0]?.status).toBe("prior");
  });
  it("an injection inside a 'failed ...' list is past", () => {
    expect(ofKind(facts("Indications: He has failed 10 weeks of physical therapy, NSAIDs and a left S1 transforaminal injection."), "esi")[0]?.status).toBe("prior");
  });
  it("a colon ends a forward negation ('with and without contrast 07/2026: herniation')", () => {
    const f = ofKind(facts("MRI lumbar spine with and without contrast 07/2026 (outside): right paracentral L5-S1 herniation compressing the right S1 root."), "imaging_finding")[0];
    expect(f).toMatchObject({ assertion: "affirmed", compression: true });
  });
  it("bed rest without the words 'bed rest'", () => {
    expect(ofKind(facts("Plan: Lie flat in bed as much as possible for the next 3 days."), "bed_rest")[0]?.assertion).toBe("affirmed");
  });
  it("a medication's dates are not the symptoms' duration; radicular symptoms win over back pain", () => {
    expect(facts("HPI: 71F (on alendronate since 2022) with new low back pain and R leg pain for 1 week.").symptomDuration?.weeks).toBe(1);
    expect(facts("HPI: low back pain for the past 3 weeks and pain down both legs for 5 days.").symptomDuration?.weeks).toBeCloseTo(0.71, 2);
  });
  it("'steroid shots' are epidural injections for candidacy", () => {
    expect(ofKind(facts("HPI: He does not want any steroid shots."), "candidacy")[0]).toMatchObject({ stance: "declines", intervention: "esi" });
  });
  it("a clinic visit that also does a procedure is an evaluation note", () => {
    expect(facts("Spine clinic visit and office procedure\nHPI: L sciatica.\nProcedure: L5-S1 interlaminar ESI; needle advanced; injected.").noteType).toBe("evaluation");
  });
  it("'9 out of 10' is a score; a hedge on the diagnosis does not make the pain uncertain", () => {
    expect(ofKind(facts("HPI: pain 9 out of 10 at its worst."), "pain_severity")[0]?.score).toBe(9);
    const p = ofKind(facts("Impression: most likely an L5-S1 disc herniation, with severe, intractable pain."), "pain_severity")[0];
    expect(p).toMatchObject({ severe: true, assertion: "affirmed", temporality: "current" });
  });
  it("a later 'not needed' does not negate education before 'and that'", () => {
    const e = ofKind(facts("Plan: I explained that the great majority of people improve substantially within weeks and that imaging is not needed right now."), "education")[0];
    expect(e?.assertion).toBe("affirmed");
  });
  it("'often settle without another operation' is education", () => {
    expect(ofKind(facts("Plan: Reassured him that recurrent disc herniations often settle without another operation."), "education")[0]?.assertion).toBe("affirmed");
  });
  it("lay wording of cauda equina symptoms", () => {
    const rf = ofKind(facts("HPI: he cannot feel the toilet paper when wiping, his leg pain is now in both legs, and he has not been able to pass urine since noon."), "red_flag");
    expect(rf.map((f) => [f.finding, f.assertion])).toEqual(
      expect.arrayContaining([["saddle_anesthesia", "affirmed"], ["bilateral_radicular_symptoms", "affirmed"], ["urinary_retention", "affirmed"]]),
    );
  });
  it("'Date of admission' is the encounter date", () => {
    expect(facts("Date of admission: 01/12/2026\nHPI: back pain.", null).encounterDate?.value).toBe("2026-01-12");
  });
  it("a dental surgery is not a prior lumbar surgery", () => {
    expect(ofKind(facts("Medications: oxycodone (from dental surgery 10/2025, not taking)."), "surgery")).toHaveLength(0);
  });
  it("'go to the ED' and 'involve neurosurgery' are referrals", () => {
    const r = ofKind(facts("Advised: go to the Mercy ED now; they will involve neurosurgery on call."), "referral");
    expect(r.map((x) => x.specialty).sort()).toEqual(["emergency", "neurosurgery"]);
  });
});

describe("smart-phrase negations with a colon", () => {
  it.each([
    "Pt denies: fever, chills, saddle anesthesia, bowel or bladder incontinence.",
    "Negative for: fever, weight loss, urinary retention.",
    "ROS negative for the following: fever, night sweats, urinary incontinence.",
  ])("%s", (text) => {
    const rf = ofKind(facts(`HPI: ${text}`), "red_flag");
    expect(rf.length).toBeGreaterThan(1);
    for (const f of rf) expect(f.assertion).toBe("negated");
  });
});

describe("phenomena from the second blind set (fixtures/blind2), as sentences of our own", () => {
  it("'Saturday (4 days ago)' gives the duration", () => {
    expect(facts("HPI: Lifted a crate Saturday (4 days ago), pain into the R buttock since.").symptomDuration?.weeks).toBeCloseTo(0.57, 2);
  });
  it("a letter dated on its own line, signed by a physiatrist", () => {
    const n = facts("Spine & Musculoskeletal Rehabilitation\nMay 18, 2026\n\nDear Dr. Lee,\nThank you for referring Ms. K with left leg pain; she is unable to work.\n\nSincerely,\nA. Rivera, MD\nPhysical Medicine and Rehabilitation", null);
    expect(n.encounterDate?.value).toBe("2026-05-18");
    expect(ofKind(n, "referral").some((r) => r.specialty === "pmr" && r.existing)).toBe(true);
  });
  it("'Problem list:' holding the assessment and plan is not past history", () => {
    const n = facts("HPI: 48 y/o M, L leg pain x 10 days; his L foot has started to slap and the weakness is clearly worse today.\nExam: L EHL 2/5.\nProblem list:\n#1 Progressive L foot drop - recommend urgent L L4-5 microdiscectomy; consented, booked.");
    expect(ofKind(n, "surgery").find((s) => s.procedure === "discectomy")?.status).toBe("planned");
    expect(ofKind(n, "red_flag").filter((f) => f.category === "progressive_motor_deficit" && f.assertion === "affirmed").length).toBeGreaterThan(0);
  });
  it("'Pt:' is the patient, not physical therapy", () => {
    expect(ofKind(facts("Pt: 48 y/o M.\nPlan: naproxen."), "conservative_care").map((c) => c.item)).toEqual(["nsaid"]);
  });
  it("everyday reassurance idioms", () => {
    expect(ofKind(facts("Plan: told him back episodes like this generally calm down on their own within a few weeks."), "education")).toHaveLength(1);
  });
  it("bilateral symptoms and exam give a bilateral clinical side; 'absent bilaterally' is a finding, not a negation", () => {
    const n = facts("HPI: pain radiates down BOTH legs x 3 wks.\nExam: Bilateral EHL 4/5, ankle jerks absent bilaterally.");
    const roots = ofKind(n, "clinical_root").filter((r) => r.assertion === "affirmed");
    expect(roots.some((r) => r.side === "bilateral" && r.basis === "myotome")).toBe(true);
    expect(roots.some((r) => r.side === "bilateral" && r.basis === "reflex")).toBe(true);
  });
  it("'(prior surgery at this level)' is the reason for contrast, not a prior study", () => {
    expect(ofKind(facts("Plan:\n- MRI L-spine with and without gadolinium (prior surgery at this level)."), "imaging")[0]).toMatchObject({ status: "ordered", contrast: "with_and_without" });
  });
  it("'failing PT' is a treatment failure", () => {
    expect(ofKind(facts("HPI: 12 weeks of L leg pain despite failing PT, NSAIDs and a TFESI."), "treatment_failure").length).toBeGreaterThan(0);
  });
  it("'Hydrocodone-acetaminophen 5/325 1 tab q6h prn, #40' is a 10-day supply", () => {
    expect(ofKind(facts("Plan: Hydrocodone-acetaminophen 5/325 1 tab q6h prn severe pain, #40."), "medication")[0]?.supplyDays).toBe(10);
  });
  it("the injection side from 'via a right paramedian approach'", () => {
    const n = facts("INJECTION PROCEDURE NOTE\nProcedure: L5-S1 interlaminar epidural steroid injection via a right paramedian approach under fluoroscopy; needle advanced, injected.");
    expect(ofKind(n, "esi")[0]?.side).toBe("right");
  });
  it("'could not pass urine' and 'prednisone since a 2021 transplant'", () => {
    expect(ofKind(facts("HPI: he could not pass urine this morning."), "red_flag")[0]).toMatchObject({ finding: "urinary_retention", assertion: "affirmed" });
    expect(ofKind(facts("PMH: prednisone 5 mg daily since a 2021 transplant."), "red_flag").some((f) => f.finding === "prolonged_corticosteroids")).toBe(true);
  });
  it("a side never comes from a word cut in half ('felt' -> 'lt')", () => {
    const s = ofKind(facts("HPI: felt a pop in the low back with pain shooting into the R buttock."), "symptom").find((f) => f.finding === "leg_pain");
    expect(s?.side).toBe("right");
  });
});

describe("imaging orders in narrative transcriptions", () => {
  it.each([
    ["Plan: I would recommend MRI of the lumbosacral spine if symptoms persist.", "conditional"],
    ["HPI: she was sent for a lumbar spine MRI and presents today for evaluation.", "prior"],
    ["HPI: she was scheduled to go for MRI yesterday.", "prior"],
  ])("%s -> %s", (text, status) => {
    expect(ofKind(facts(text), "imaging").find((f) => f.modality === "mri")?.status).toBe(status);
  });
  it("an MRI of the neck is not lumbar", () => {
    expect(ofKind(facts("HPI: she ordered an MRI of his neck."), "imaging")[0]?.region).toBe("other");
  });
});

describe("phenomena from the third blind set (fixtures/blind3), as sentences of our own", () => {
  it("voice dictation: spoken full stops end sentences, so a denial does not negate the plan", () => {
    const n = facts("history colon 35 year old with left sciatica for the past 6 days period she denies bowel or bladder changes comma no fevers period new paragraph assessment and plan colon I advised her to stay in bed for the next 5 days period ibuprofen 600 milligrams three times a day period follow up in 2 weeks");
    expect(ofKind(n, "bed_rest")[0]?.assertion).toBe("affirmed");
    expect(ofKind(n, "conservative_care")[0]?.assertion).toBe("affirmed");
    expect(ofKind(n, "red_flag").every((f) => f.assertion === "negated")).toBe(true);
  });
  it("safety-netting advice is hypothetical", () => {
    for (const f of ofKind(facts("Plan: Safety-netted: attend A&E with any numbness between the legs or bladder/bowel change."), "red_flag")) expect(f.temporality).toBe("hypothetical");
  });
  it("British durations and dates: 'for a fortnight', 14/01/2026", () => {
    const n = facts("Date: 14/01/2026\nLeft-sided sciatica for a fortnight after a weekend of gardening.", null);
    expect(n.encounterDate?.value).toBe("2026-01-14");
    expect(n.symptomDuration?.weeks).toBe(2);
  });
  it("brand names: Panadeine Forte, Oramorph", () => {
    expect(ofKind(facts("Plan: Panadeine Forte 2 tabs qid prn, 20 tabs."), "medication")[0]?.drug).toBe("codeine");
    expect(ofKind(facts("ED course: Oramorph 10 mg given in department for severe pain."), "medication")[0]?.drug).toBe("morphine");
  });
  it("'bed rest does not help' negates bed rest", () => {
    expect(ofKind(facts("Plan: advised to stay active and that bed rest does not help."), "bed_rest")[0]?.assertion).toBe("negated");
  });
  it("an operation listed under Procedure in a discharge summary was performed", () => {
    expect(ofKind(facts("DISCHARGE SUMMARY\nHPI: cauda equina.\nProcedure: Emergency L4/5 laminectomy and discectomy on 3 March 2026.\nPlan: PT."), "surgery").some((s) => s.status === "performed")).toBe(true);
  });
  it("an epidural the patient was unresponsive to is past, even in an operative note", () => {
    const n = facts("OPERATIVE NOTE\nPreoperative diagnosis: sciatica for 5 months unresponsive to physiotherapy, NSAIDs and a transforaminal epidural.\nProcedure: L5/S1 microdiscectomy.");
    expect(ofKind(n, "esi")[0]?.status).toBe("prior");
  });
  it("'disc prolapse compressing the traversing left L5 root' with slash levels", () => {
    expect(ofKind(facts("MRI: left paracentral L4/5 disc prolapse compressing the traversing left L5 root."), "imaging_finding")[0]).toMatchObject({ level: "L4-5", side: "left", root: "L5", compression: true });
  });
  it("'Discussed with on-call orthopaedic spinal registrar' is a current specialist referral; 'saddle sensation normal' is a negative screen", () => {
    const n = facts("Plan: Discussed with on-call orthopaedic spinal registrar, who will review after the scan.\nExam: Saddle sensation normal.");
    expect(ofKind(n, "referral")[0]).toMatchObject({ specialty: "orthopedic_spine", temporality: "current" });
    expect(ofKind(n, "red_flag")[0]?.assertion).toBe("negated");
  });
  it("'long-term prednisolone ... for the last 3 years' is prolonged corticosteroid use", () => {
    expect(ofKind(facts("PMH: on long-term prednisolone 10 mg daily for the last 3 years."), "red_flag").some((f) => f.finding === "prolonged_corticosteroids" && f.assertion === "affirmed")).toBe(true);
  });
  it("an MRI 'to be done this week' is ordered, not done", () => {
    expect(ofKind(facts("plan MRI of the lumbar spine with and without contrast to be done this week."), "imaging")[0]).toMatchObject({ status: "ordered", contrast: "with_and_without" });
  });
});

describe("phenomena from the fourth blind set (fixtures/blind4), as sentences of our own", () => {
  it("checkbox review of systems: '[ ]' is unchecked (absent), '[x]' is checked (present)", () => {
    const rf = ofKind(facts("ROS: [x] back pain [ ] fever [ ] weight loss [ ] urinary incontinence [x] saddle numbness"), "red_flag");
    expect(rf.find((f) => f.finding === "fever")?.assertion).toBe("negated");
    expect(rf.find((f) => f.finding === "weight_loss")?.assertion).toBe("negated");
    expect(rf.find((f) => f.finding === "urinary_incontinence")?.assertion).toBe("negated");
    expect(rf.find((f) => f.finding === "saddle_anesthesia")?.assertion).toBe("affirmed");
  });
  it("'Orders Placed This Encounter:' is the plan; '51 y.o. male' is an age", () => {
    const n = facts("51 y.o. male with L sciatica x 2 wks.\nOrders Placed This Encounter:\n- MRI LUMBAR SPINE WO CONTRAST");
    expect(n.patientAge).toBe(51);
    expect(ofKind(n, "imaging")[0]).toMatchObject({ status: "ordered", contrast: "without", section: "plan" });
  });
  it("bilateral leg pain and bilateral weakness are cauda equina findings", () => {
    const rf = ofKind(facts("HPI: bilateral buttock and leg pain x 1 wk.\nExam: EHL 4+/5 bilaterally."), "red_flag").filter((f) => f.assertion === "affirmed");
    expect(rf.map((f) => f.finding).sort()).toEqual(["bilateral_radicular_symptoms", "bilateral_weakness"]);
  });
  it("a dated study ordered by the PCP, with its result, is prior and its finding is read", () => {
    const n = facts("MRI L-spine w/o contrast (11/05/2026, ordered by PCP): large R paracentral L4-5 extrusion with severe compression of the traversing R L5 root.");
    expect(ofKind(n, "imaging")[0]?.status).toBe("prior");
    expect(ofKind(n, "imaging_finding")[0]).toMatchObject({ level: "L4-5", side: "right", root: "L5", compression: true, assertion: "affirmed" });
  });
  it("an opioid not taken or removed from the list is not prescribed", () => {
    expect(ofKind(facts("Medications: tramadol 50 mg q6h prn (not taking; last filled 2024)."), "medication")[0]?.assertion).toBe("negated");
    expect(ofKind(facts("Plan: Tramadol removed from med list."), "medication")[0]?.assertion).toBe("negated");
  });
});

describe("phenomena from the fifth blind set (fixtures/blind5), as sentences of our own", () => {
  it.each([
    ["HPI: L sciatica since mid-October.", 5.14],
    ["HPI: R leg pain since 8/1.", 15.86],
    ["HPI: LBP radiating to L leg, onset 10d ago.", 1.43],
    ["HPI: L sciatica ~2 mo.", 8.7],
    ["HPI: L sciatica for yrs.", 104],
    ["HPI: c/o LBP for a few days after helping a friend move.", 0.43],
  ])("%s -> %d weeks", (text, weeks) => {
    expect(facts(text, "2026-11-20").symptomDuration?.weeks).toBeCloseTo(weeks, 1);
  });
  it("two-digit years and 20-Nov-2026 date the encounter", () => {
    expect(facts("Walk-in clinic, 11/21/26\nLBP x 3 days.", null).encounterDate?.value).toBe("2026-11-21");
    expect(facts("Date: 20-Nov-2026\nLBP.", null).encounterDate?.value).toBe("2026-11-20");
  });
  it("'Sent to ED for urgent MRI' is a current order and referral", () => {
    const n = facts("P:\n- Sent to ED for urgent MRI L-spine and spine surgery eval; ED notified");
    expect(ofKind(n, "imaging")[0]).toMatchObject({ status: "ordered", temporality: "current" });
    expect(ofKind(n, "referral").map((r) => r.specialty)).toContain("emergency");
  });
});

describe("phenomena from the sixth blind set (fixtures/blind6), as sentences of our own", () => {
  it("education: 'the body usually reabsorbs the disc material on its own', 'nine out of ten people are better'", () => {
    expect(ofKind(facts("Plan: Explained that the body usually reabsorbs the bulging disc material on its own."), "education")).toHaveLength(1);
    expect(ofKind(facts("Plan: Told her about nine out of ten people with this are much better within a couple of months."), "education")).toHaveLength(1);
  });
  it("'since lifting a couch on June 8' dates the onset", () => {
    expect(facts("HPI: L leg pain since lifting a couch on June 8.", "2026-06-22").symptomDuration?.weeks).toBe(2);
  });
  it("'lying in bed all day tends to slow recovery' discourages bed rest", () => {
    expect(ofKind(facts("Plan: Keep moving - lying in bed all day tends to slow recovery."), "bed_rest")[0]?.assertion).toBe("negated");
  });
  it("a flare of a long-standing complaint leaves the duration chronic", () => {
    expect(facts("HPI: long-standing L sciatica, worse over the last month after shoveling snow.").symptomDuration).toMatchObject({ weeks: null, chronic: true });
  });
  it("wanting to discuss an injection is not a planned injection", () => {
    expect(ofKind(facts("Plan: Referral to PM&R placed; he wants to discuss an epidural injection with them."), "esi")[0]?.status).toBe("conditional");
    expect(ofKind(facts("Plan: referral to pain clinic for epidural steroid injection."), "esi")[0]?.status).toBe("planned");
  });
});

describe("more screening and referral shorthand", () => {
  it("'no CES symptoms' screens for cauda equina; 'urinary/bowel incontinence' is one finding", () => {
    expect(ofKind(facts("HPI: no CES symptoms."), "red_flag")[0]).toMatchObject({ category: "cauda_equina", assertion: "negated" });
    expect(ofKind(facts("HPI: denies urinary/bowel incontinence."), "red_flag")[0]).toMatchObject({ category: "cauda_equina", assertion: "negated" });
  });
  it("'spine referral placed' is a specialist referral", () => {
    expect(ofKind(facts("Plan: spine referral placed."), "referral")[0]).toMatchObject({ specialty: "spine_surgery", assertion: "affirmed" });
  });
});

describe("findings that only look like red flags", () => {
  it.each(["PMH: hay fever.", "HPI: intentional weight loss of 20 lb on a diet."])("%s", (text) => {
    expect(ofKind(facts(text), "red_flag")).toHaveLength(0);
  });
});

describe("phenomena from the seventh blind set (fixtures/blind7), as sentences of our own", () => {
  it("'Reason for call:' is not a hypothetical trigger", () => {
    expect(facts("Reason for call: pain down the back of the right leg x 5 days.").symptomDuration?.weeks).toBeCloseTo(0.71, 2);
  });
  it("'Denies bladder, bowel or saddle symptoms' screens for cauda equina", () => {
    expect(ofKind(facts("HPI: Denies bladder, bowel or saddle symptoms."), "red_flag")[0]).toMatchObject({ category: "cauda_equina", assertion: "negated" });
  });
  it("a question answered 'no' on a later line is a negative screen", () => {
    const rf = ofKind(facts("Nurse: Any trouble controlling your bladder or bowels, numbness between your legs, or fevers? Any injury?\nPatient: No to all of those."), "red_flag");
    expect(rf.length).toBeGreaterThanOrEqual(3);
    for (const f of rf) expect(f.assertion).toBe("negated");
  });
  it("a patient's question is not an order", () => {
    expect(ofKind(facts("Patient: Can I get an MRI and something stronger?"), "imaging")[0]?.status).toBe("conditional");
  });
  it("template answers: '[x] no' and '- no' after the item", () => {
    const rf = ofKind(facts("Red flag review:\n Saddle anesthesia      [ ] yes  [x] no\n Fever / IVDU   [x] yes  [ ] no\nRed flags: bowel/bladder sx - no | trauma - no"), "red_flag");
    expect(rf.find((f) => f.finding === "saddle_anesthesia")?.assertion).toBe("negated");
    expect(rf.find((f) => f.finding === "fever")?.assertion).toBe("affirmed");
    expect(rf.find((f) => f.finding === "bladder_dysfunction")?.assertion).toBe("negated");
  });
  it("a disc compressing a named root is an imaging finding even without a study word", () => {
    expect(ofKind(facts("Surgical indication per surgeon: L paracentral L5-S1 disc herniation compressing the L S1 root."), "imaging_finding")[0]).toMatchObject({ level: "L5-S1", root: "S1", compression: true });
  });
  it("a post-operative visit for a lumbar discectomy is in scope", () => {
    expect(facts("POST-OP VISIT\n2 weeks s/p R L5-S1 microdiscectomy. Preop R S1 radicular leg pain now resolved.\nPlan: walk daily.").inScope).toBe(true);
  });
  it("'R paramedian approach' gives the injection side", () => {
    expect(ofKind(facts("PROCEDURE NOTE\nProcedure: L5-S1 interlaminar epidural steroid injection, R paramedian approach; needle advanced; injected."), "esi")[0]?.side).toBe("right");
  });
  it("'Treatment:' is the plan", () => {
    expect(ofKind(facts("Dx: acute L radiculopathy\n\nTreatment:\n [x] Ketorolac 60 mg IM given\n [x] Stay active"), "conservative_care")[0]?.section).toBe("plan");
  });
});

describe("phenomena from the eighth blind set (fixtures/blind8), as sentences of our own", () => {
  it("'Orders / Disposition:' is the plan", () => {
    expect(ofKind(facts("Dx: L sciatica\nOrders / Disposition:\n- MRI lumbar spine w/ and w/o contrast"), "imaging")[0]).toMatchObject({ status: "ordered", contrast: "with_and_without" });
  });
  it("'No change in bladder or bowel control' is a negative screen", () => {
    expect(ofKind(facts("HPI: No change in bladder or bowel control, no saddle numbness."), "red_flag").every((f) => f.assertion === "negated")).toBe(true);
  });
  it("an ED MRI line split at 'ED:' is still this visit's study, and its finding is read", () => {
    const n = facts("ED PHYSICIAN RECORD\nMRI L-spine without contrast done in ED: large central L4-5 disc extrusion with severe canal compromise.");
    expect(ofKind(n, "imaging")[0]?.status).toBe("ordered");
    expect(ofKind(n, "imaging_finding")[0]).toMatchObject({ level: "L4-5", zone: "central" });
  });
  it("'plans emergent decompression tonight' is planned surgery", () => {
    expect(ofKind(facts("Neurosurgery consulted and plans emergent L4-5 decompression tonight."), "surgery")[0]?.status).toBe("planned");
  });
  it("a present-tense stance stays current after 'last year'", () => {
    expect(ofKind(facts("HPI: anesthesia told him last year he is not a surgical candidate, and he declines any injections."), "candidacy").every((c) => c.temporality === "current")).toBe(true);
  });
  it("'only a week of relief' is a failed therapy; exam findings followed by 'reduced'/'lax' are present", () => {
    expect(ofKind(facts("HPI: one epidural injection in September with only a week of relief."), "treatment_failure").length).toBeGreaterThan(0);
    const rf = ofKind(facts("Exam: bilateral ankle jerks absent, perianal sensation reduced, rectal tone lax."), "red_flag");
    expect(rf.filter((f) => f.category === "cauda_equina").every((f) => f.assertion === "affirmed")).toBe(true);
  });
  it("'now shooting down BOTH legs' is bilateral leg pain", () => {
    expect(ofKind(facts("HPI: 4 days of low back pain, now shooting down BOTH legs."), "symptom").some((s) => s.finding === "leg_pain" && s.side === "bilateral")).toBe(true);
  });
});

describe("phenomena from the ninth blind set (fixtures/blind9), as sentences of our own", () => {
  it("'would not want a spinal injection or any operation' declines both", () => {
    expect(ofKind(facts("HPI: He is clear that he would not want a spinal injection or any operation."), "candidacy")[0]).toMatchObject({ stance: "declines", intervention: "either" });
  });
  it("'has not been able to work' is disabling", () => {
    expect(ofKind(facts("HPI: She has not been able to work since the summer."), "disabling_pain")[0]?.assertion).toBe("affirmed");
    expect(ofKind(facts("HPI: She denies being unable to work."), "disabling_pain")[0]?.assertion).toBe("negated");
  });
  it("'Walking limited to 2 blocks' is a functional limitation", () => {
    expect(ofKind(facts("HPI: Walking limited to 2 blocks."), "functional_limitation")[0]?.assertion).toBe("affirmed");
  });
});

describe("phenomena from the tenth blind set (fixtures/blind10), as sentences of our own", () => {
  it("a 'PROCEDURE RECORD' with a checklist is a procedure note", () => {
    expect(facts("SPINE INJECTION CENTER - PROCEDURE RECORD\n[x] Consent signed [x] Time-out\nHx: R leg pain.\nProcedure performed: R L5-S1 transforaminal epidural steroid injection.").noteType).toBe("procedure");
  });
  it("a lumbar injection at a named level puts a note in scope without the words 'leg pain'", () => {
    expect(facts("Right posterior calf and lateral foot pain x 4 months.\nPlan: LEFT S1 transforaminal epidural steroid injection at L5-S1.").inScope).toBe(true);
  });
});

describe("phenomena from the eleventh blind set (fixtures/blind11), as sentences of our own", () => {
  it("'cannot stand on her right toes' is an exam finding, not disabling pain; 'unable to stand long enough to work' is", () => {
    expect(ofKind(facts("HPI: reports she cannot stand on her right toes as long as the left."), "disabling_pain")).toHaveLength(0);
    expect(ofKind(facts("HPI: Unable to stand long enough to work as a hairdresser; on leave since January."), "disabling_pain").length).toBeGreaterThan(0);
  });
  it("a bare 'N weeks' set off by commas is the duration", () => {
    expect(facts("Indication: left L5 radiculopathy, 10 weeks, pain over lateral leg.").symptomDuration?.weeks).toBe(10);
  });
});

describe("phenomena from the twelfth blind set (fixtures/blind12), as sentences of our own", () => {
  it("'Reduced left Achilles reflex' and 'left posterior calf and lateral foot pain' give a left S1 picture", () => {
    const n = facts("Indication: left posterior calf and lateral foot pain for 10 weeks. Reduced left Achilles reflex.");
    expect(ofKind(n, "clinical_root").some((r) => r.root === "S1" && r.side === "left" && r.basis === "reflex")).toBe(true);
    expect(ofKind(n, "symptom").some((s) => s.finding === "leg_pain" && s.side === "left")).toBe(true);
  });
});

describe("phenomena from the thirteenth blind set (fixtures/blind13), as sentences of our own", () => {
  it("unlabelled plan lines after a one-line 'Dx:' count as the plan", () => {
    const n = facts("41-year-old with left leg pain for 10 days.\nDx: left S1 radiculopathy.\nIbuprofen 400 mg TID, heat, home exercises, stay active.");
    for (const c of ofKind(n, "conservative_care")) expect(c.section).toBeNull();
  });
});
