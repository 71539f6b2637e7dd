#!/usr/bin/env node
/**
 * Synthetic clinical notes for benchmarks (not for accuracy: no gold labels).
 * Deterministic: a seeded PRNG picks among templates and phrase pools written
 * for this script (SOAP, terse urgent care, ED, procedure, follow-up and
 * surgical consult notes; negations, durations, plans). No real patient data.
 *
 *   node scripts/gen-notes.mjs --notes 1000 > notes.jsonl
 *   import { writeNotes } from "./gen-notes.mjs"
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** mulberry32: small, fast, seeded. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const P = {
  sex: ["male", "female", "M", "F"],
  side: ["left", "right", "L", "R", "bilateral"],
  level: ["L4-L5", "L5-S1", "L3-L4", "L5", "S1"],
  onset: ["after lifting a box", "after gardening", "while bending over", "after a fall on ice", "without injury", "after a long drive", "while moving furniture", "gradually"],
  duration: ["x 3 days", "for 5 days", "x1 week", "for 2 weeks", "x 3 wks", "for 4 weeks", "for 6 weeks", "x 2 months", "for 3 months", "for 4 months", "x 6 mos", "for about a year", "since last Tuesday", "for the past 10 days", "chronic, many years", "started 3 weeks ago"],
  radiation: ["radiating down the {side} leg to the foot", "shooting into the {side} buttock and posterior thigh", "with pain below the knee on the {side}", "with numbness in the {side} lateral foot", "with tingling down the {side} calf", "no radiation", "radiating to the {side} great toe"],
  redNeg: ["Denies bowel or bladder incontinence.", "No saddle anesthesia.", "Denies fever, chills, night sweats or weight loss.", "No history of cancer.", "No IV drug use.", "Denies urinary retention.", "No recent infection or steroid use.", "Negative for saddle numbness and urinary changes.", "Denies trauma.", "no b/b sx"],
  redPos: ["Reports new urinary retention since this morning.", "Endorses saddle numbness.", "History of metastatic prostate cancer.", "Febrile to 38.9 C; IV drug use.", "Progressive foot drop over 2 days.", "Unintentional 20 lb weight loss."],
  exam: ["SLR positive on the {side} at 40 degrees.", "Straight leg raise negative bilaterally.", "Strength 5/5 throughout lower extremities.", "EHL 4/5 on the {side}.", "Achilles reflex diminished on the {side}.", "Sensation intact to light touch.", "Decreased sensation L5 dermatome {side}.", "Paraspinal tenderness, no midline tenderness.", "Gait antalgic.", "Rectal tone normal."],
  pmh: ["HTN", "type 2 diabetes", "hyperlipidemia", "GERD", "asthma", "hypothyroidism", "depression", "obesity", "OSA", "prior appendectomy"],
  meds: ["lisinopril 10 mg daily", "metformin 500 mg BID", "atorvastatin 20 mg", "omeprazole 20 mg", "levothyroxine 50 mcg", "sertraline 50 mg", "albuterol prn"],
  planCons: ["Ibuprofen 600 mg TID with food x 10 days.", "Naproxen 500 mg BID.", "Cyclobenzaprine 5 mg qhs prn spasm.", "Acetaminophen 1 g q8h prn.", "Heat and gentle stretching.", "Referral to physical therapy, 2x/week for 6 weeks.", "Home exercise program handout given.", "Advised to stay active and avoid bed rest.", "Continue walking as tolerated."],
  planEdu: ["Reassured that most patients improve within 6 weeks.", "Discussed natural history: disc herniations often regress.", "Educated that imaging findings are common without symptoms.", ""],
  planImg: ["MRI lumbar spine without contrast ordered.", "MRI L-spine w/o contrast.", "Lumbar MRI with and without contrast ordered.", "X-ray lumbar spine 2 views.", "No imaging indicated at this time.", "CT lumbar spine ordered."],
  planOther: ["Bed rest for 3 days recommended.", "Oxycodone 5 mg q6h prn severe pain, #12, no refills.", "Tramadol 50 mg q6h prn.", "Referral to spine surgery.", "Refer to neurosurgery for evaluation.", "Discussed epidural steroid injection.", "Schedule L5-S1 transforaminal ESI under fluoroscopy.", "Return if weakness, numbness in groin or bladder changes.", "Follow up in 2 weeks.", "Work note provided: light duty x 1 week."],
};

const pick = (r, a) => a[Math.floor(r() * a.length)];
const some = (r, a, min, max) => {
  const n = min + Math.floor(r() * (max - min + 1));
  const pool = [...a];
  const out = [];
  for (let i = 0; i < n && pool.length; i++) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
};
const fill = (r, s) => s.replace(/\{side\}/g, () => pick(r, P.side));
const date = (r) => `${String(1 + Math.floor(r() * 12)).padStart(2, "0")}/${String(1 + Math.floor(r() * 28)).padStart(2, "0")}/2026`;

function plan(r) {
  const lines = [...some(r, P.planCons, 0, 3), pick(r, P.planEdu), ...(r() < 0.5 ? [pick(r, P.planImg)] : []), ...some(r, P.planOther, 0, 2)].filter(Boolean);
  return lines.map((l) => fill(r, l));
}

const TEMPLATES = [
  // SOAP clinic note
  (r) => {
    const age = 22 + Math.floor(r() * 60);
    return [
      `Date of service: ${date(r)}`,
      "SUBJECTIVE:",
      `${age} y/o ${pick(r, P.sex)} with low back pain ${pick(r, P.duration)} ${pick(r, P.onset)}, ${fill(r, pick(r, P.radiation))}. Pain ${3 + Math.floor(r() * 7)}/10, worse with sitting.`,
      ...some(r, P.redNeg, 1, 4),
      ...(r() < 0.08 ? [pick(r, P.redPos)] : []),
      `PMH: ${some(r, P.pmh, 1, 4).join(", ")}.`,
      `Medications: ${some(r, P.meds, 0, 3).join("; ") || "none"}.`,
      "OBJECTIVE:",
      `BP ${110 + Math.floor(r() * 40)}/${70 + Math.floor(r() * 20)}, HR ${60 + Math.floor(r() * 40)}, T 36.${Math.floor(r() * 9)}.`,
      ...some(r, P.exam, 2, 5).map((s) => fill(r, s)),
      "ASSESSMENT:",
      `Lumbar radiculopathy, ${pick(r, P.level)}${r() < 0.3 ? ", likely disc herniation" : ""}.`,
      "PLAN:",
      ...plan(r).map((l, i) => `${i + 1}. ${l}`),
    ].join("\n");
  },
  // terse urgent care
  (r) =>
    [
      `UC visit ${date(r)}. ${20 + Math.floor(r() * 50)}${pick(r, ["M", "F"])} LBP ${pick(r, P.duration)} ${pick(r, P.onset)}. ${pick(r, ["+sciatica", "no sciatica", "sciatica L", "radic sx R leg"])}.`,
      `${pick(r, P.redNeg)} ${pick(r, P.redNeg)}`,
      `Exam: ${fill(r, pick(r, P.exam))} ${fill(r, pick(r, P.exam))}`,
      `Dx: ${pick(r, ["lumbar strain", "sciatica", "lumbago with sciatica", "low back pain"])}.`,
      `Rx: ${some(r, P.planCons, 1, 2).join(" ")} ${pick(r, ["RTC prn.", "f/u PCP 1 wk.", "ED if worse."])}`,
    ].join("\n"),
  // ED note
  (r) =>
    [
      "EMERGENCY DEPARTMENT NOTE",
      `Encounter date: ${date(r)}`,
      `CC: ${pick(r, ["back pain", "leg pain and numbness", "low back pain after fall", "sciatica"])}`,
      `HPI: Pt presents with back pain ${pick(r, P.duration)}, ${fill(r, pick(r, P.radiation))}. ${r() < 0.15 ? pick(r, P.redPos) : pick(r, P.redNeg)}`,
      `ROS: ${some(r, ["negative for fever", "no chest pain", "no abdominal pain", "no dysuria", "no weakness", "positive for back pain"], 2, 4).join(", ")}.`,
      `Exam: ${some(r, P.exam, 2, 4).map((s) => fill(r, s)).join(" ")}`,
      `MDM: ${pick(r, ["Likely musculoskeletal.", "Concern for cauda equina, emergent MRI.", "Radiculopathy without red flags.", "Low suspicion for infection or fracture."])}`,
      `Disposition: ${pick(r, ["Discharged home.", "Admitted to neurosurgery.", "Discharged with PCP follow-up."])} ${plan(r).join(" ")}`,
    ].join("\n"),
  // procedure note
  (r) =>
    [
      "PROCEDURE NOTE",
      `Date of procedure: ${date(r)}`,
      `Procedure: ${pick(r, ["Transforaminal epidural steroid injection", "Interlaminar epidural steroid injection", "Caudal epidural injection"])}, ${pick(r, P.level)} ${pick(r, P.side)}.`,
      `Indication: Lumbar radiculopathy ${pick(r, P.duration)} despite ${some(r, ["physical therapy", "NSAIDs", "home exercise", "gabapentin", "activity modification"], 1, 3).join(" and ")}. MRI shows ${pick(r, ["disc protrusion", "foraminal stenosis", "disc extrusion"])} at ${pick(r, P.level)} concordant with symptoms.`,
      `Guidance: ${pick(r, ["fluoroscopy with contrast confirmation", "CT guidance", "fluoroscopic guidance", "landmark technique"])}.`,
      `Medication: ${pick(r, ["dexamethasone 10 mg", "triamcinolone 40 mg", "methylprednisolone 80 mg"])} with ${pick(r, ["lidocaine 1%", "bupivacaine 0.25%"])}.`,
      "Complications: none. Patient tolerated the procedure well.",
      `Plan: ${pick(r, ["Follow up in 2 weeks.", "Continue PT.", "Repeat injection if partial relief."])}`,
    ].join("\n"),
  // surgical consult / follow-up
  (r) =>
    [
      `Spine surgery consultation, ${date(r)}.`,
      `History: ${30 + Math.floor(r() * 45)} year old with radicular leg pain ${pick(r, P.duration)}. Failed conservative care including ${some(r, ["PT", "NSAIDs", "ESI x2", "gabapentin", "chiropractic"], 1, 3).join(", ")}.`,
      `${pick(r, P.redNeg)} ${r() < 0.1 ? pick(r, P.redPos) : ""}`,
      `Imaging: MRI ${date(r)} shows ${pick(r, ["L5-S1 disc herniation compressing the S1 root", "L4-5 broad-based bulge", "multilevel degenerative disc disease", "no significant stenosis"])}.`,
      `Exam: ${some(r, P.exam, 2, 4).map((s) => fill(r, s)).join(" ")}`,
      `Impression: ${pick(r, ["Lumbar radiculopathy concordant with imaging.", "Discogenic back pain without radiculopathy.", "Radiculopathy, imaging discordant."])}`,
      `Recommendation: ${pick(r, ["Microdiscectomy discussed; patient wishes to proceed.", "Lumbar fusion L4-S1 recommended.", "Continue nonoperative care.", "Repeat ESI before considering surgery."])}`,
    ].join("\n"),
];

export function* generateNotes(n, seed = 42) {
  const r = rng(seed);
  const clinics = ["North", "South", "Urgent care", "ED", "Spine"];
  for (let i = 0; i < n; i++) {
    const t = Math.floor(r() * TEMPLATES.length);
    const text = TEMPLATES[t](r);
    yield { id: `syn-${String(i).padStart(7, "0")}`, text, date: r() < 0.7 ? `2026-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}` : "", clinic: pick(r, clinics), author: `clin${Math.floor(r() * 40)}` };
  }
}

/** Writes n notes as JSONL with backpressure; resolves to the byte count. */
export async function writeNotes(path, n, seed = 42) {
  const ws = createWriteStream(path);
  let bytes = 0;
  let buf = "";
  for (const rec of generateNotes(n, seed)) {
    buf += `${JSON.stringify(rec)}\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!ws.write(buf)) await once(ws, "drain");
      buf = "";
    }
  }
  bytes += Buffer.byteLength(buf);
  ws.write(buf);
  await new Promise((res, rej) => ws.end((err) => (err ? rej(err) : res())));
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--notes");
  const n = i > 0 ? Number(process.argv[i + 1]) : 1000;
  for (const rec of generateNotes(n)) process.stdout.write(`${JSON.stringify(rec)}\n`);
}
