/**
 * The single source of truth for clinical facts.
 *
 * Both extractors (lexicon and LLM) must return a value that parses with
 * `NoteFactsSchema`; rules only ever see these types. All TypeScript types are
 * inferred from the zod schemas below: never write a hand-made twin.
 *
 * Offsets are UTF-16 code units, end-exclusive, into the original note text,
 * and `text.slice(span.start, span.end) === quote` always holds.
 */
import { z } from "zod";

export const SpanSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: "span end must be >= start" });
export type Span = z.infer<typeof SpanSchema>;

export const ASSERTIONS = ["affirmed", "negated", "possible"] as const;
export const TEMPORALITIES = ["current", "historical", "hypothetical"] as const;
export const EXPERIENCERS = ["patient", "family", "other"] as const;
export const AssertionSchema = z.enum(ASSERTIONS);
export const TemporalitySchema = z.enum(TEMPORALITIES);
export const ExperiencerSchema = z.enum(EXPERIENCERS);
export type Assertion = z.infer<typeof AssertionSchema>;
export type Temporality = z.infer<typeof TemporalitySchema>;
export type Experiencer = z.infer<typeof ExperiencerSchema>;

/** Normalised section categories (see lexicon/sections.json). */
export const SECTION_CATEGORIES = [
  "header",
  "chief_complaint",
  "hpi",
  "past_medical_history",
  "past_surgical_history",
  "family_history",
  "social_history",
  "medications",
  "allergies",
  "review_of_systems",
  "exam",
  "imaging",
  "labs",
  "assessment",
  "plan",
  "assessment_plan",
  "diagnosis",
  "indications",
  "procedure",
  "course",
  "patient_instructions",
  "other",
] as const;
export const SectionCategorySchema = z.enum(SECTION_CATEGORIES);
export type SectionCategory = z.infer<typeof SectionCategorySchema>;

export const CUE_CATEGORIES = [
  "negated",
  "possible",
  "historical",
  "hypothetical",
  "family",
  "other_experiencer",
  "pseudo",
  "terminate",
  "section",
] as const;
export const CueSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  category: z.enum(CUE_CATEGORIES),
});
export type Cue = z.infer<typeof CueSchema>;

export const SIDES = ["left", "right", "bilateral", "central"] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

export const ROOTS = ["L1", "L2", "L3", "L4", "L5", "S1", "S2"] as const;
export const RootSchema = z.enum(ROOTS);
export type Root = z.infer<typeof RootSchema>;

/** Lumbar disc levels written canonically, e.g. "L4-5", "L5-S1". */
export const DISC_LEVELS = ["L1-2", "L2-3", "L3-4", "L4-5", "L5-S1"] as const;
export const DiscLevelSchema = z.enum(DISC_LEVELS);
export type DiscLevel = z.infer<typeof DiscLevelSchema>;

export const RED_FLAG_CATEGORIES = [
  "cauda_equina",
  "progressive_motor_deficit",
  "malignancy",
  "infection",
  "fracture",
] as const;
export const RedFlagCategorySchema = z.enum(RED_FLAG_CATEGORIES);
export type RedFlagCategory = z.infer<typeof RedFlagCategorySchema>;

export const RED_FLAG_FINDINGS = [
  // cauda_equina
  "urinary_retention",
  "urinary_incontinence",
  "bladder_dysfunction",
  "fecal_incontinence",
  "bowel_dysfunction",
  "saddle_anesthesia",
  "bilateral_weakness",
  "bilateral_radicular_symptoms",
  "decreased_rectal_tone",
  "cauda_equina_syndrome",
  // progressive_motor_deficit
  "progressive_weakness",
  "foot_drop",
  "progressive_plantar_flexion_weakness",
  // malignancy
  "cancer_history",
  "weight_loss",
  // infection
  "fever",
  "iv_drug_use",
  "immunosuppression",
  // fracture
  "significant_trauma",
  "osteoporosis",
  "prolonged_corticosteroids",
] as const;
export const RedFlagFindingSchema = z.enum(RED_FLAG_FINDINGS);
export type RedFlagFinding = z.infer<typeof RedFlagFindingSchema>;

/** Fields every mention-level fact carries (ConText attributes). */
const mentionBase = {
  span: SpanSchema,
  quote: z.string(),
  section: SectionCategorySchema.nullable(),
  assertion: AssertionSchema,
  temporality: TemporalitySchema,
  experiencer: ExperiencerSchema,
  source: z.enum(["lexicon", "llm"]),
  cues: z.array(CueSchema),
};

export const SymptomFact = z.object({
  kind: z.literal("symptom"),
  ...mentionBase,
  finding: z.enum([
    "low_back_pain",
    "leg_pain",
    "sciatica",
    "radiculopathy",
    "disc_herniation",
    "paresthesia",
    "weakness",
  ]),
  side: SideSchema.nullable(),
});

export const DurationFact = z.object({
  kind: z.literal("duration"),
  ...mentionBase,
  /** Weeks at the encounter; null when no number can be given ("chronic"). */
  weeks: z.number().nonnegative().nullable(),
  /** "chronic", "long-standing": described as long but without a number. */
  chronic: z.boolean(),
});

export const RedFlagFact = z.object({
  kind: z.literal("red_flag"),
  ...mentionBase,
  category: RedFlagCategorySchema,
  finding: RedFlagFindingSchema,
});

export const IMAGING_MODALITIES = ["mri", "ct", "xray", "myelogram"] as const;
export const CONTRAST = ["without", "with", "with_and_without", "unspecified"] as const;
export const ImagingFact = z.object({
  kind: z.literal("imaging"),
  ...mentionBase,
  modality: z.enum(IMAGING_MODALITIES),
  region: z.enum(["lumbar", "other"]),
  contrast: z.enum(CONTRAST),
  /** ordered: at this encounter; prior: done before; conditional: only if...; guidance: needle guidance. */
  status: z.enum(["ordered", "prior", "conditional", "guidance"]),
});

export const DISC_ZONES = ["central", "paracentral", "foraminal", "far_lateral", "lateral_recess"] as const;
export const ImagingFindingFact = z.object({
  kind: z.literal("imaging_finding"),
  ...mentionBase,
  level: DiscLevelSchema.nullable(),
  side: SideSchema.nullable(),
  zone: z.enum(DISC_ZONES).nullable(),
  root: RootSchema.nullable(),
  /** Contact / compression / impingement of a nerve root or the thecal sac documented. */
  compression: z.boolean(),
});

export const CONSERVATIVE_CARE_ITEMS = [
  "nsaid",
  "analgesic",
  "muscle_relaxant",
  "neuropathic_agent",
  "activity",
  "heat_cold",
  "physical_therapy",
  "home_exercise",
  "chiropractic",
  "other",
] as const;
export const ConservativeCareFact = z.object({
  kind: z.literal("conservative_care"),
  ...mentionBase,
  item: z.enum(CONSERVATIVE_CARE_ITEMS),
});

/** "failed PT", "no relief with NSAIDs", "despite 6 weeks of PT". */
export const TreatmentFailureFact = z.object({
  kind: z.literal("treatment_failure"),
  ...mentionBase,
});

export const DRUG_CLASSES = [
  "opioid",
  "nsaid",
  "acetaminophen",
  "muscle_relaxant",
  "neuropathic_agent",
  "corticosteroid",
  "other",
] as const;
export const MedicationFact = z.object({
  kind: z.literal("medication"),
  ...mentionBase,
  drugClass: z.enum(DRUG_CLASSES),
  drug: z.string(),
  /** Extended-release / long-acting formulation. */
  longActing: z.boolean(),
  /** Days of supply when it can be computed (tablets / doses per day, or "x 5 days"). */
  supplyDays: z.number().nonnegative().nullable(),
  refills: z.boolean(),
  /** Scheduled long-term use ("daily", "around the clock" with no end). */
  scheduledLongTerm: z.boolean(),
  /** Given at the visit (ED dose) rather than prescribed. */
  administered: z.boolean(),
  /** Given as part of anesthesia, sedation or intraoperative analgesia. */
  anesthesia: z.boolean(),
  /** Only on a medication list and not continued by the plan. */
  listOnly: z.boolean(),
});

export const PainSeverityFact = z.object({
  kind: z.literal("pain_severity"),
  ...mentionBase,
  score: z.number().min(0).max(10).nullable(),
  severe: z.boolean(),
});

/** Disabling, intractable, unable to work / walk / sleep / perform daily activities. */
export const DisablingPainFact = z.object({
  kind: z.literal("disabling_pain"),
  ...mentionBase,
});

/** Function significantly limited (includes disabling; also "limits work", "can't sit"). */
export const FunctionalLimitationFact = z.object({
  kind: z.literal("functional_limitation"),
  ...mentionBase,
});

export const BedRestFact = z.object({
  kind: z.literal("bed_rest"),
  ...mentionBase,
});

export const EducationFact = z.object({
  kind: z.literal("education"),
  ...mentionBase,
  topic: z.enum(["natural_history", "imaging_findings"]),
});

export const ESI_APPROACHES = ["transforaminal", "interlaminar", "caudal", "unspecified"] as const;
export const ESI_GUIDANCE = ["fluoroscopy", "ct", "ultrasound", "blind", "unspecified"] as const;
export const EsiFact = z.object({
  kind: z.literal("esi"),
  ...mentionBase,
  approach: z.enum(ESI_APPROACHES),
  guidance: z.enum(ESI_GUIDANCE),
  level: DiscLevelSchema.nullable(),
  side: SideSchema.nullable(),
  /** planned: ordered, scheduled, recommended, referred for; performed: done in this note. */
  status: z.enum(["planned", "performed", "conditional", "prior", "declined"]),
});

export const SPECIALTIES = [
  "spine_surgery",
  "neurosurgery",
  "orthopedic_spine",
  "orthopedics",
  "pmr",
  "pain_medicine",
  /** Sent to the emergency department (a transfer; with existing: false). */
  "emergency",
  /** Hospital admission: counts as urgent referral (RULES.md shared definitions). */
  "admission",
  "neurology",
  "physical_therapy",
  "primary_care",
  "other",
] as const;
export const ReferralFact = z.object({
  kind: z.literal("referral"),
  ...mentionBase,
  specialty: z.enum(SPECIALTIES),
  /** The patient is already under this specialist (or the note is written by one). */
  existing: z.boolean(),
});

export const SURGERY_PROCEDURES = ["discectomy", "decompression", "fusion", "other"] as const;
export const SurgeryFact = z.object({
  kind: z.literal("surgery"),
  ...mentionBase,
  procedure: z.enum(SURGERY_PROCEDURES),
  level: DiscLevelSchema.nullable(),
  side: SideSchema.nullable(),
  status: z.enum(["planned", "performed", "conditional", "prior", "declined"]),
});

export const FUSION_INDICATIONS = [
  "spondylolisthesis",
  "instability",
  "deformity",
  "fracture",
  "tumor",
  "infection",
] as const;
export const FusionIndicationFact = z.object({
  kind: z.literal("fusion_indication"),
  ...mentionBase,
  indication: z.enum(FUSION_INDICATIONS),
});

export const ClinicalRootFact = z.object({
  kind: z.literal("clinical_root"),
  ...mentionBase,
  root: RootSchema.nullable(),
  side: SideSchema.nullable(),
  basis: z.enum(["dermatome", "myotome", "reflex", "diagnosis", "symptom_side"]),
});

export const CandidacyFact = z.object({
  kind: z.literal("candidacy"),
  ...mentionBase,
  intervention: z.enum(["esi", "surgery", "either"]),
  stance: z.enum(["considering", "declines", "not_candidate"]),
});

export const PriorLumbarSurgeryFact = z.object({
  kind: z.literal("prior_lumbar_surgery"),
  ...mentionBase,
});

export const FactSchema = z.discriminatedUnion("kind", [
  SymptomFact,
  DurationFact,
  RedFlagFact,
  ImagingFact,
  ImagingFindingFact,
  ConservativeCareFact,
  TreatmentFailureFact,
  MedicationFact,
  PainSeverityFact,
  DisablingPainFact,
  FunctionalLimitationFact,
  BedRestFact,
  EducationFact,
  EsiFact,
  ReferralFact,
  SurgeryFact,
  FusionIndicationFact,
  ClinicalRootFact,
  CandidacyFact,
  PriorLumbarSurgeryFact,
]);
export type Fact = z.infer<typeof FactSchema>;
export type FactKind = Fact["kind"];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
export const FACT_KINDS = FactSchema.options.map((o) => o.shape.kind.value) as FactKind[];

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const NoteFactsSchema = z.object({
  /** The encounter date and where it came from. */
  encounterDate: z
    .object({
      value: IsoDateSchema,
      source: z.enum(["option", "metadata", "header"]),
      span: SpanSchema.nullable(),
    })
    .nullable(),
  noteType: z.enum(["evaluation", "procedure"]),
  /** Low back pain, radicular symptoms, sciatica, lumbar disc herniation or radiculopathy. */
  inScope: z.boolean(),
  patientAge: z.number().int().min(0).max(130).nullable(),
  /** First episode (not chronic for years, not a recurrence after lumbar surgery). */
  newOnset: z.boolean().nullable(),
  /** Symptom duration of the presenting complaint at the encounter. */
  symptomDuration: z
    .object({
      weeks: z.number().nonnegative().nullable(),
      chronic: z.boolean(),
      span: SpanSchema.nullable(),
    })
    .nullable(),
  facts: z.array(FactSchema),
  extractor: z.object({
    name: z.enum(["lexicon", "llm", "hybrid"]),
    version: z.string(),
    model: z.string().nullable(),
    promptHash: z.string().nullable(),
  }),
});
export type NoteFacts = z.infer<typeof NoteFactsSchema>;
