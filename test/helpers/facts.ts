/**
 * Facts builders for rule tests. Everything is validated with the zod schema,
 * so a test cannot build facts the extractors could never return.
 *
 *   noteFacts({ weeks: 3, facts: [mention("bed_rest", { assertion: "negated" })] })
 *
 * Each mention gets a fresh, non-adjacent span (so evidence spans stay
 * distinct after merging), a quote, section null, affirmed, current, patient,
 * source lexicon, no cues, and per-kind defaults for its own fields.
 */
import {
  FactSchema,
  type FactKind,
  type FactOf,
  type NoteFacts,
  type RedFlagCategory,
  type RedFlagFinding,
} from "../../src/facts/schema.js";
import { buildNoteFacts } from "../../src/rules/tester.js";

const RED_FLAG_CATEGORY_OF: Record<RedFlagFinding, RedFlagCategory> = {
  urinary_retention: "cauda_equina",
  urinary_incontinence: "cauda_equina",
  bladder_dysfunction: "cauda_equina",
  fecal_incontinence: "cauda_equina",
  bowel_dysfunction: "cauda_equina",
  saddle_anesthesia: "cauda_equina",
  bilateral_weakness: "cauda_equina",
  bilateral_radicular_symptoms: "cauda_equina",
  decreased_rectal_tone: "cauda_equina",
  cauda_equina_syndrome: "cauda_equina",
  progressive_weakness: "progressive_motor_deficit",
  foot_drop: "progressive_motor_deficit",
  progressive_plantar_flexion_weakness: "progressive_motor_deficit",
  cancer_history: "malignancy",
  weight_loss: "malignancy",
  fever: "infection",
  iv_drug_use: "infection",
  immunosuppression: "infection",
  significant_trauma: "fracture",
  osteoporosis: "fracture",
  prolonged_corticosteroids: "fracture",
};

const KIND_DEFAULTS: { [K in FactKind]: Record<string, unknown> } = {
  symptom: { finding: "leg_pain", side: null },
  duration: { weeks: null, chronic: false },
  red_flag: {},
  imaging: { modality: "mri", region: "lumbar", contrast: "unspecified", status: "ordered" },
  imaging_finding: { level: null, side: null, zone: null, root: null, compression: false },
  conservative_care: { item: "physical_therapy" },
  treatment_failure: {},
  medication: {
    drugClass: "nsaid",
    drug: "ibuprofen",
    longActing: false,
    supplyDays: null,
    refills: false,
    scheduledLongTerm: false,
    administered: false,
    anesthesia: false,
    listOnly: false,
  },
  pain_severity: { score: null, severe: false },
  disabling_pain: {},
  functional_limitation: {},
  bed_rest: {},
  education: { topic: "natural_history" },
  esi: { approach: "unspecified", guidance: "unspecified", level: null, side: null, status: "planned" },
  referral: { specialty: "spine_surgery", existing: false },
  surgery: { procedure: "discectomy", level: null, side: null, status: "planned" },
  fusion_indication: { indication: "spondylolisthesis" },
  clinical_root: { root: null, side: null, basis: "dermatome" },
  candidacy: { intervention: "either", stance: "considering" },
  prior_lumbar_surgery: {},
};

let nextSpan = 0;
function freshSpan(): { start: number; end: number } {
  const start = 1000 + nextSpan++ * 100;
  return { start, end: start + 20 };
}

export type MentionFields<K extends FactKind> = Partial<Omit<FactOf<K>, "kind">>;

/** One mention fact of `kind`, defaults filled, validated with `FactSchema`. */
export function mention<K extends FactKind>(kind: K, fields: MentionFields<K> = {}): FactOf<K> {
  const extra: Record<string, unknown> = {};
  if (kind === "red_flag") {
    const finding = (fields as { finding?: RedFlagFinding }).finding;
    if (finding === undefined) throw new Error("mention('red_flag') needs a finding");
    extra["category"] = RED_FLAG_CATEGORY_OF[finding];
  }
  const span = fields.span ?? freshSpan();
  const raw = {
    quote: `${kind}@${span.start}`,
    section: null,
    assertion: "affirmed",
    temporality: "current",
    experiencer: "patient",
    source: "lexicon",
    cues: [],
    ...KIND_DEFAULTS[kind],
    ...extra,
    ...fields,
    span,
    kind,
  };
  return FactSchema.parse(raw) as FactOf<K>;
}

/** Shorthands for the ConText attributes. */
export const negated = { assertion: "negated" } as const;
export const possible = { assertion: "possible" } as const;
export const historical = { temporality: "historical" } as const;
export const hypothetical = { temporality: "hypothetical" } as const;
export const family = { experiencer: "family" } as const;

export interface NoteFactsOverrides extends Partial<NoteFacts> {
  /** Shorthand for `symptomDuration: { weeks, chronic: false, span }`. */
  weeks?: number;
  /** Shorthand for a duration described as chronic without a number. */
  chronic?: true;
}

/** Complete, validated note facts. */
export function noteFacts(overrides: NoteFactsOverrides = {}): NoteFacts {
  const { weeks, chronic, ...rest } = overrides;
  const partial: Partial<NoteFacts> = { ...rest };
  if (weeks !== undefined) partial.symptomDuration = { weeks, chronic: false, span: freshSpan() };
  else if (chronic) partial.symptomDuration = { weeks: null, chronic: true, span: freshSpan() };
  return buildNoteFacts(partial);
}
