/**
 * Shared clinical definitions of the pack (RULES.md "Shared definitions").
 * Rules import these; they never re-implement them.
 *
 * Every predicate reads facts only (never raw text) and is pure. The mention
 * filters encode RULES.md "Reading a mention right":
 * - only **affirmed** mentions count as present (negated = "screened and
 *   absent", possible = suspected, neither is a present finding);
 * - only mentions **about the patient** count (family history never does);
 * - **temporality** depends on the act: an order, a plan or a prescription must
 *   be current; a finding that is historical by nature (history of cancer,
 *   prior lumbar surgery, a past study's result, a failed treatment) may be
 *   historical; hypothetical (conditional, return precautions) never counts.
 */
import type {
  Fact,
  FactKind,
  FactOf,
  NoteFacts,
  RedFlagCategory,
  RedFlagFinding,
  SectionCategory,
  Span,
} from "../../../facts/schema.js";

export const PACK_SOURCE_FILE = "000_f8600c591f16344c.txt";

export type RedFlagFact = FactOf<"red_flag">;
export type ImagingFact = FactOf<"imaging">;
export type ImagingFindingFact = FactOf<"imaging_finding">;
export type EsiFact = FactOf<"esi">;
export type SurgeryFact = FactOf<"surgery">;
export type ReferralFact = FactOf<"referral">;
export type MedicationFact = FactOf<"medication">;
export type Specialty = ReferralFact["specialty"];

// ---------------------------------------------------------------------------
// Mention filters
// ---------------------------------------------------------------------------

export function factsOf<K extends FactKind>(facts: NoteFacts, kind: K): FactOf<K>[] {
  return facts.facts.filter((f): f is FactOf<K> => f.kind === kind);
}

/** Affirmed, current, about the patient: an act or finding at this encounter. */
export function affirmedCurrentPatient(f: Fact): boolean {
  return f.assertion === "affirmed" && f.temporality === "current" && f.experiencer === "patient";
}

/**
 * Affirmed, about the patient, current or historical (never hypothetical):
 * for things that are true of the patient whenever they happened (a history of
 * cancer, a past lumbar surgery, a failed course of PT, a prior MRI's result).
 */
export function affirmedPatient(f: Fact): boolean {
  return f.assertion === "affirmed" && f.temporality !== "hypothetical" && f.experiencer === "patient";
}

/**
 * Documented about the patient, whatever the assertion (affirmed, negated or
 * possible), current or historical: "was it asked about / examined?". Used by
 * red-flag screening, where "denies fever" documents the fever screen.
 * Hypothetical mentions (return precautions: "return if bladder trouble") are
 * advice, not screening, and do not count.
 */
export function documentedPatient(f: Fact): boolean {
  return f.temporality !== "hypothetical" && f.experiencer === "patient";
}

/** Sections where a plan lives; a mention with no section (unsectioned note) also counts. */
export const PLAN_SECTIONS: ReadonlySet<SectionCategory> = new Set<SectionCategory>([
  "plan",
  "assessment_plan",
  "patient_instructions",
  "course",
]);

export function inPlan(f: Fact): boolean {
  return f.section === null || PLAN_SECTIONS.has(f.section);
}

// ---------------------------------------------------------------------------
// Red flags
// ---------------------------------------------------------------------------

/**
 * Findings that are red flags even when mentioned as history: a personal
 * history of cancer, immunosuppression, IV drug use, osteoporosis, prolonged
 * corticosteroid use and a significant trauma (the trauma is in the past by
 * nature: "pain since an MVC"). Other findings (fever, retention, weakness,
 * weight loss...) must be current to count.
 */
export const RED_FLAGS_HISTORICAL_COUNTS: ReadonlySet<RedFlagFinding> = new Set<RedFlagFinding>([
  "cancer_history",
  "immunosuppression",
  "iv_drug_use",
  "osteoporosis",
  "prolonged_corticosteroids",
  "significant_trauma",
]);

/** A present red flag: affirmed, about the patient, current (or historical for the findings above). */
export function isPresentRedFlag(f: RedFlagFact): boolean {
  if (f.assertion !== "affirmed" || f.experiencer !== "patient") return false;
  if (f.temporality === "current") return true;
  return f.temporality === "historical" && RED_FLAGS_HISTORICAL_COUNTS.has(f.finding);
}

/**
 * Red flags present (RULES.md "Red flag present"): affirmed red-flag findings
 * of any category. The soft malignancy factor "age > 50 with new-onset pain" is
 * NOT included: it is not a red_flag fact; see `softAgeFactor`.
 */
export function redFlagsPresent(facts: NoteFacts, categories?: readonly RedFlagCategory[]): RedFlagFact[] {
  return factsOf(facts, "red_flag").filter(
    (f) => isPresentRedFlag(f) && (categories === undefined || categories.includes(f.category)),
  );
}

export function hasRedFlag(facts: NoteFacts): boolean {
  return redFlagsPresent(facts).length > 0;
}

/** Distinct categories of the present red flags, in the schema's order. */
export function redFlagCategoriesPresent(facts: NoteFacts): RedFlagCategory[] {
  const present = new Set(redFlagsPresent(facts).map((f) => f.category));
  return (["cauda_equina", "progressive_motor_deficit", "malignancy", "infection", "fracture"] as const).filter(
    (c) => present.has(c),
  );
}

/**
 * Red-flag findings documented for screening purposes (present, absent or
 * suspected), about the patient, not hypothetical.
 */
export function redFlagsScreened(facts: NoteFacts): RedFlagFact[] {
  return factsOf(facts, "red_flag").filter(documentedPatient);
}

/**
 * The soft malignancy factor "age > 50 with new-onset pain" (RULES.md red-flag
 * table, option `ageOver50IsRedFlag`, default true). Age exactly 50 does not
 * count; new onset must be known true (unknown is not new onset). It only
 * exempts `no-early-imaging`; it is never a red flag for any other rule.
 */
export function softAgeFactor(facts: NoteFacts, options: { ageOver50IsRedFlag: boolean }): boolean {
  return options.ageOver50IsRedFlag && facts.patientAge !== null && facts.patientAge > 50 && facts.newOnset === true;
}

/** Findings of the cauda_equina category that show bladder, bowel or saddle sensation were asked about or examined. */
export const CAUDA_EQUINA_SCREEN_FINDINGS: ReadonlySet<RedFlagFinding> = new Set<RedFlagFinding>([
  "urinary_retention",
  "urinary_incontinence",
  "bladder_dysfunction",
  "fecal_incontinence",
  "bowel_dysfunction",
  "saddle_anesthesia",
  "decreased_rectal_tone",
]);

// ---------------------------------------------------------------------------
// Duration
// ---------------------------------------------------------------------------

/** "Early" means symptom duration < 6 weeks at the encounter. */
export const EARLY_WEEKS = 6;
/** Referral must not be delayed beyond 3 months (12 weeks). */
export const REFERRAL_WEEKS = 12;

/**
 * Duration class of the presenting complaint at the encounter:
 * - `early`: < 6 weeks;
 * - `late`: >= 6 weeks;
 * - `chronic`: described as chronic / long-standing without a number (no
 *   number, so neither early nor known to be >= 6 weeks);
 * - `unknown`: not documented.
 * A number always wins over the chronic flag.
 */
export type DurationClass = "early" | "late" | "chronic" | "unknown";

export function symptomWeeks(facts: NoteFacts): number | null {
  return facts.symptomDuration?.weeks ?? null;
}

export function durationClass(facts: NoteFacts): DurationClass {
  const d = facts.symptomDuration;
  if (d === null) return "unknown";
  if (d.weeks !== null) return d.weeks < EARLY_WEEKS ? "early" : "late";
  return d.chronic ? "chronic" : "unknown";
}

export function isEarly(facts: NoteFacts): boolean {
  return durationClass(facts) === "early";
}

/** Known duration >= 6 weeks. */
export function isAtLeastSixWeeks(facts: NoteFacts): boolean {
  return durationClass(facts) === "late";
}

/** Known duration strictly greater than `weeks`. */
export function durationOver(facts: NoteFacts, weeks: number): boolean {
  const w = symptomWeeks(facts);
  return w !== null && w > weeks;
}

/** Known duration >= `weeks`. */
export function durationAtLeast(facts: NoteFacts, weeks: number): boolean {
  const w = symptomWeeks(facts);
  return w !== null && w >= weeks;
}

/** The span of the duration statement, as evidence (empty when none). */
export function durationEvidence(facts: NoteFacts): Span[] {
  const span = facts.symptomDuration?.span;
  return span ? [span] : [];
}

/** For "Symptom duration not documented{{detail}}": " (described only as chronic)" or "". */
export function unknownDurationDetail(facts: NoteFacts): string {
  return facts.symptomDuration?.chronic ? " (described only as chronic, without a number)" : "";
}

/** Duration for messages: "3 weeks", "chronic (no number)", "not documented". */
export function describeDuration(facts: NoteFacts): string {
  const w = symptomWeeks(facts);
  if (w !== null) return `${Math.round(w * 10) / 10} weeks`;
  return facts.symptomDuration?.chronic ? "chronic (no number)" : "not documented";
}

/**
 * Radicular symptoms documented: leg pain, sciatica, radiculopathy or
 * radicular paresthesia / weakness (affirmed, about the patient, not
 * hypothetical), or a clinical root picture. Axial low back pain alone is not.
 */
export function radicularSymptoms(facts: NoteFacts): Fact[] {
  const radicular: ReadonlySet<string> = new Set(["leg_pain", "sciatica", "radiculopathy", "paresthesia", "weakness"]);
  return [
    ...factsOf(facts, "symptom").filter((f) => radicular.has(f.finding) && affirmedPatient(f)),
    ...factsOf(facts, "clinical_root").filter(affirmedPatient),
  ];
}

// ---------------------------------------------------------------------------
// Referral and specialists
// ---------------------------------------------------------------------------

/**
 * "Specialist": spine surgery, neurosurgery, orthopedic (spine) surgery,
 * physiatry (PM&R), pain medicine. Orthopedics without "spine" is read as
 * orthopedic surgery and counts. Neurology, physical therapy, primary care and
 * emergency medicine are not specialists.
 */
export const SPECIALIST_SPECIALTIES: ReadonlySet<Specialty> = new Set<Specialty>([
  "spine_surgery",
  "neurosurgery",
  "orthopedic_spine",
  "orthopedics",
  "pmr",
  "pain_medicine",
]);

/** Surgical specialists ("referred to a spine surgeon"). */
export const SURGICAL_SPECIALTIES: ReadonlySet<Specialty> = new Set<Specialty>([
  "spine_surgery",
  "neurosurgery",
  "orthopedic_spine",
  "orthopedics",
]);

export function isSpecialist(specialty: Specialty): boolean {
  return SPECIALIST_SPECIALTIES.has(specialty);
}

/**
 * A referral that exists: affirmed, about the patient, and either made now
 * (current) or an existing relationship (`existing`: the patient is already
 * under this clinician, or the note is written by them), current or historical.
 * Conditional referrals ("if worse, refer to spine") never count.
 */
export function referralInEffect(f: ReferralFact): boolean {
  if (f.assertion !== "affirmed" || f.experiencer !== "patient" || f.temporality === "hypothetical") return false;
  return f.existing || f.temporality === "current";
}

/**
 * An emergency department transfer or a hospital admission made now: counts as
 * urgent referral. An ED physician writing the note (`emergency`, existing) is
 * not a referral.
 */
export function isUrgentReferral(f: ReferralFact): boolean {
  return (f.specialty === "emergency" && !f.existing) || f.specialty === "admission";
}

/**
 * Specialist referral made now or existing, including an emergency transfer or
 * admission (RULES.md: "an emergency department transfer or admission counts
 * as urgent referral").
 */
export function specialistReferrals(facts: NoteFacts): ReferralFact[] {
  return factsOf(facts, "referral").filter(
    (f) => referralInEffect(f) && (isSpecialist(f.specialty) || isUrgentReferral(f)),
  );
}

/**
 * Evidence that the patient is under specialist care: a specialist referral
 * (now or existing, emergency transfer/admission included) or an epidural
 * injection or spine surgery performed in this note (done by a specialist:
 * the proceduralist is the patient's specialist).
 */
export function specialistCare(facts: NoteFacts): Fact[] {
  const performed: Fact[] = [
    ...factsOf(facts, "esi").filter((f) => f.status === "performed" && affirmedPatient(f)),
    ...factsOf(facts, "surgery").filter((f) => f.status === "performed" && affirmedPatient(f)),
  ];
  return [...specialistReferrals(facts), ...performed];
}

export function specialistReferral(facts: NoteFacts): boolean {
  return specialistCare(facts).length > 0;
}

// ---------------------------------------------------------------------------
// Imaging
// ---------------------------------------------------------------------------

/**
 * Imaging ordered at this encounter: lumbar MRI or CT, status `ordered`,
 * affirmed, about the patient, not hypothetical. Never a prior study (results
 * reviewed), a conditional one ("if no better, MRI") or needle guidance. A study
 * ordered and resulted in the same visit (ED MRI) is `ordered` and counts.
 */
export function imagingOrderedNow(facts: NoteFacts, modalities: readonly ImagingFact["modality"][] = ["mri", "ct"]): ImagingFact[] {
  return factsOf(facts, "imaging").filter(
    (f) =>
      f.status === "ordered" &&
      f.region === "lumbar" &&
      modalities.includes(f.modality) &&
      f.assertion === "affirmed" &&
      f.experiencer === "patient" &&
      f.temporality !== "hypothetical",
  );
}

export function lumbarMriOrderedNow(facts: NoteFacts): ImagingFact[] {
  return imagingOrderedNow(facts, ["mri"]);
}

/** A lumbar MRI already done (prior study, results available), about the patient. */
export function lumbarMriDone(facts: NoteFacts): ImagingFact[] {
  return factsOf(facts, "imaging").filter(
    (f) => f.status === "prior" && f.modality === "mri" && f.region === "lumbar" && affirmedPatient(f),
  );
}

/** Imaging findings (disc, stenosis...) about the patient, affirmed, from any study already read. */
export function imagingFindings(facts: NoteFacts): ImagingFindingFact[] {
  return factsOf(facts, "imaging_finding").filter(affirmedPatient);
}

/** Documented nerve root compression on imaging. */
export function nerveRootCompression(facts: NoteFacts): ImagingFindingFact[] {
  return imagingFindings(facts).filter((f) => f.compression);
}

// ---------------------------------------------------------------------------
// Injections and surgery
// ---------------------------------------------------------------------------

const PLANNED_STATUSES: ReadonlySet<string> = new Set(["planned", "performed"]);

/**
 * "Planned" (RULES.md): ordered, scheduled, recommended, referred for, or
 * performed; not conditional, prior, declined, or an alternative not chosen.
 */
function isPlanned(f: EsiFact | SurgeryFact): boolean {
  return PLANNED_STATUSES.has(f.status) && f.assertion === "affirmed" && f.experiencer === "patient" && f.temporality !== "hypothetical";
}

export function esiPlanned(facts: NoteFacts): EsiFact[] {
  return factsOf(facts, "esi").filter(isPlanned);
}

/** Lumbar surgery planned or performed; `procedures` restricts the kind (default: any). */
export function surgeryPlanned(facts: NoteFacts, procedures?: readonly SurgeryFact["procedure"][]): SurgeryFact[] {
  return factsOf(facts, "surgery").filter(
    (f) => isPlanned(f) && (procedures === undefined || procedures.includes(f.procedure)),
  );
}

export function fusionPlanned(facts: NoteFacts): SurgeryFact[] {
  return surgeryPlanned(facts, ["fusion"]);
}

/** Invasive interventions (ESI or surgery) planned or performed. */
export function invasivePlanned(facts: NoteFacts): Array<EsiFact | SurgeryFact> {
  return [...esiPlanned(facts), ...surgeryPlanned(facts)];
}

/**
 * Prior lumbar surgery: a `prior_lumbar_surgery` fact, or a surgery fact with
 * status `prior`; affirmed, about the patient, historical by nature.
 */
export function priorLumbarSurgery(facts: NoteFacts): Fact[] {
  return [
    ...factsOf(facts, "prior_lumbar_surgery").filter(affirmedPatient),
    ...factsOf(facts, "surgery").filter((f) => f.status === "prior" && affirmedPatient(f)),
  ];
}

// ---------------------------------------------------------------------------
// Medications, pain, function, care
// ---------------------------------------------------------------------------

/**
 * Opioids prescribed or continued (RULES.md): current, affirmed, about the
 * patient; one administered at the visit (ED dose) counts; anesthesia,
 * procedural sedation or intraoperative analgesia does not; one that only
 * appears on a medication list (not continued by the plan) does not.
 */
export function opioidPrescribed(facts: NoteFacts): MedicationFact[] {
  return factsOf(facts, "medication").filter(
    (f) => f.drugClass === "opioid" && affirmedCurrentPatient(f) && !f.anesthesia && !f.listOnly,
  );
}

/** Why an opioid course is not short-term; empty when it is (unknown supply counts as short). */
export function opioidNotShortTermReasons(f: MedicationFact, maxDays = 7): string[] {
  const reasons: string[] = [];
  if (f.longActing) reasons.push("extended-release / long-acting formulation");
  if (f.supplyDays !== null && f.supplyDays > maxDays) reasons.push(`${Math.round(f.supplyDays * 10) / 10} days supply (> ${maxDays})`);
  if (f.refills) reasons.push("refills");
  if (f.scheduledLongTerm) reasons.push("scheduled long-term use");
  return reasons;
}

/** Pain documented as severe at this encounter: the word "severe" or a score >= 7/10; affirmed, current, about the patient. */
export function severePain(facts: NoteFacts): FactOf<"pain_severity">[] {
  return factsOf(facts, "pain_severity").filter(
    (f) => affirmedCurrentPatient(f) && (f.severe || (f.score !== null && f.score >= 7)),
  );
}

/** Disabling pain (disabling, intractable, unable to work / walk / sleep / perform daily activities), current. */
export function disablingPain(facts: NoteFacts): FactOf<"disabling_pain">[] {
  return factsOf(facts, "disabling_pain").filter(affirmedCurrentPatient);
}

/** Function significantly limited: a functional limitation or disabling pain, affirmed, not hypothetical. */
export function functionalLimitation(facts: NoteFacts): Fact[] {
  return [
    ...factsOf(facts, "functional_limitation").filter(affirmedPatient),
    ...factsOf(facts, "disabling_pain").filter(affirmedPatient),
  ];
}

/** Failed noninvasive therapy ("failed PT", "despite 6 weeks of PT"), affirmed, current or historical. */
export function treatmentFailure(facts: NoteFacts): FactOf<"treatment_failure">[] {
  return factsOf(facts, "treatment_failure").filter(affirmedPatient);
}

const CONSERVATIVE_DRUG_CLASSES: ReadonlySet<MedicationFact["drugClass"]> = new Set<MedicationFact["drugClass"]>([
  "nsaid",
  "acetaminophen",
  "muscle_relaxant",
  "neuropathic_agent",
  "opioid",
]);

/**
 * Conservative care in the plan (NSAID or other analgesic, muscle relaxant,
 * activity modification / staying active, heat or cold, physical therapy or
 * home exercise...): affirmed, current, about the patient, in a plan section
 * (or an unsectioned note). An analgesic medication counts too when it is
 * prescribed or continued (not list-only, not anesthesia), in the plan or the
 * medication list the plan continues.
 */
export function conservativeCarePlanned(facts: NoteFacts): Fact[] {
  const care = factsOf(facts, "conservative_care").filter((f) => affirmedCurrentPatient(f) && inPlan(f));
  const meds = factsOf(facts, "medication").filter(
    (f) =>
      CONSERVATIVE_DRUG_CLASSES.has(f.drugClass) &&
      affirmedCurrentPatient(f) &&
      !f.listOnly &&
      !f.anesthesia &&
      (inPlan(f) || f.section === "medications"),
  );
  return [...care, ...meds];
}

/**
 * Education or reassurance about the favorable natural history or about
 * imaging findings in people without symptoms; not negated, not hypothetical.
 * The experiencer is not checked (education given to the patient or a relative
 * is documented education).
 */
export function educationDocumented(facts: NoteFacts): FactOf<"education">[] {
  return factsOf(facts, "education").filter((f) => f.assertion === "affirmed" && f.temporality !== "hypothetical");
}

/** Bed rest advised: affirmed, current, about the patient. */
export function bedRestAdvised(facts: NoteFacts): FactOf<"bed_rest">[] {
  return factsOf(facts, "bed_rest").filter(affirmedCurrentPatient);
}

/** Joins "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------
// Clinical anatomy (RULES.md "Clinical anatomy for correlation")
// ---------------------------------------------------------------------------

export type Root = NonNullable<FactOf<"clinical_root">["root"]>;
export type DiscLevel = NonNullable<ImagingFindingFact["level"]>;
export type Side = NonNullable<ImagingFindingFact["side"]>;

/** Roots at each disc level: the exiting root (above) and the traversing root (below). */
export const LEVEL_ROOTS: Record<DiscLevel, { exiting: Root; traversing: Root }> = {
  "L1-2": { exiting: "L1", traversing: "L2" },
  "L2-3": { exiting: "L2", traversing: "L3" },
  "L3-4": { exiting: "L3", traversing: "L4" },
  "L4-5": { exiting: "L4", traversing: "L5" },
  "L5-S1": { exiting: "L5", traversing: "S1" },
};

/**
 * Roots an imaging finding can explain. A root named on the report wins.
 * Otherwise from level and zone: central / paracentral / lateral recess
 * compresses the traversing root (L5-S1 -> S1, L4-5 -> L5, L3-4 -> L4);
 * foraminal / far lateral the exiting root (L5-S1 -> L5, L4-5 -> L4); zone
 * unstated -> either root of the level. No level and no root -> none known.
 */
export function rootsExplainedBy(f: ImagingFindingFact): Root[] {
  if (f.root !== null) return [f.root];
  if (f.level === null) return [];
  const { exiting, traversing } = LEVEL_ROOTS[f.level];
  switch (f.zone) {
    case "central":
    case "paracentral":
    case "lateral_recess":
      return [traversing];
    case "foraminal":
    case "far_lateral":
      return [exiting];
    default:
      return [exiting, traversing];
  }
}

/**
 * One clinical side from a set of sides: both left and right (or bilateral)
 * -> bilateral; a single side -> that side; none -> null. "central" carries no
 * laterality and is ignored.
 */
export function combineSides(sides: Iterable<Side | null>): "left" | "right" | "bilateral" | null {
  let left = false;
  let right = false;
  for (const s of sides) {
    if (s === "left") left = true;
    else if (s === "right") right = true;
    else if (s === "bilateral") left = right = true;
  }
  if (left && right) return "bilateral";
  if (left) return "left";
  if (right) return "right";
  return null;
}
