/**
 * Loads and validates lexicon/targets.json once, compiling every pattern.
 * A bad entry fails loudly with the file and the entry's path.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  CONSERVATIVE_CARE_ITEMS,
  DISC_ZONES,
  ESI_APPROACHES,
  ESI_GUIDANCE,
  FUSION_INDICATIONS,
  IMAGING_MODALITIES,
  RedFlagCategorySchema,
  RedFlagFindingSchema,
  SPECIALTIES,
  SURGERY_PROCEDURES,
} from "../../facts/schema.js";

const LEXICON_URL = new URL("../../../lexicon/targets.json", import.meta.url);

const pattern = z.string().min(1).refine(
  (p) => {
    try {
      new RegExp(p, "i");
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

const TargetsSchema = z
  .object({
    version: z.string(),
    comment: z.string().optional(),
    symptoms: z.array(z.object({ pattern, finding: z.enum(["low_back_pain", "leg_pain", "sciatica", "radiculopathy", "disc_herniation", "paresthesia", "weakness"]) }).strict()),
    excludeScope: pattern,
    redFlags: z.array(
      z
        .object({
          pattern,
          category: RedFlagCategorySchema,
          finding: RedFlagFindingSchema,
          screenOnly: z.boolean().optional(),
          alwaysNegated: z.boolean().optional(),
          examFinding: z.boolean().optional(),
          fallback: z.boolean().optional(),
          /** A bare organ mention ("bowel and bladder function"): present only with an abnormal qualifier. */
          neutral: z.boolean().optional(),
          /** The phrase carries its own negative wording ("has not been able to pass urine"): negation cues inside it do not negate it. */
          inherentNegation: z.boolean().optional(),
        })
        .strict(),
    ),
    imaging: z.array(z.object({ pattern, modality: z.enum(IMAGING_MODALITIES) }).strict()),
    imagingPrior: pattern,
    imagingOrder: pattern,
    contrast: z.object({ withAndWithout: pattern, without: pattern, with: pattern }).strict(),
    otherRegion: pattern,
    lumbarRegion: pattern,
    findingTerms: pattern,
    compression: pattern,
    zones: z.array(z.object({ pattern, zone: z.enum(DISC_ZONES) }).strict()),
    conservativeCare: z.array(z.object({ pattern, item: z.enum(CONSERVATIVE_CARE_ITEMS) }).strict()),
    opioids: z.array(z.object({ pattern, drug: z.string(), longActing: z.boolean().optional() }).strict()),
    longActingCue: pattern,
    anesthesiaCue: pattern,
    administeredCue: pattern,
    refillCue: pattern,
    noRefillCue: pattern,
    scheduledCue: pattern,
    treatmentFailure: z.array(pattern),
    disabling: z.array(pattern),
    functionalLimitation: z.array(pattern),
    bedRest: pattern,
    actionNegation: pattern,
    education: z.array(z.object({ pattern, topic: z.enum(["natural_history", "imaging_findings"]) }).strict()),
    educationCue: pattern,
    esi: pattern,
    esiApproach: z.array(z.object({ pattern, approach: z.enum(ESI_APPROACHES) }).strict()),
    esiGuidance: z.array(z.object({ pattern, guidance: z.enum(ESI_GUIDANCE) }).strict()),
    surgery: z.array(z.object({ pattern, procedure: z.enum(SURGERY_PROCEDURES) }).strict()),
    surgeryPlannedCue: pattern,
    fusionIndications: z.array(z.object({ pattern, indication: z.enum(FUSION_INDICATIONS) }).strict()),
    referralVerb: pattern,
    specialties: z.array(z.object({ pattern, specialty: z.enum(SPECIALTIES) }).strict()),
    authorSpecialty: z.array(z.object({ pattern, specialty: z.enum(SPECIALTIES) }).strict()),
    candidacy: z.array(z.object({ pattern, stance: z.enum(["considering", "declines", "not_candidate"]) }).strict()),
    priorSurgery: pattern,
    procedureTitle: pattern,
    procedureActs: pattern,
    ageExpr: pattern,
    newOnsetCue: pattern,
    notNewOnsetCue: pattern,
    durationSymptomCue: pattern,
    durationTreatmentCue: pattern,
  })
  .strict();

export type Targets = z.infer<typeof TargetsSchema>;

/** Compiles every string that is a pattern into a RegExp (global + case-insensitive). */
type Compiled<T> = T extends string
  ? string extends T
    ? RegExp
    : T
  : T extends Array<infer U>
    ? Array<Compiled<U>>
    : T extends object
      ? { [K in keyof T]: K extends "pattern" ? RegExp : K extends "version" | "comment" | "drug" ? T[K] : Compiled<T[K]> }
      : T;

function compile(value: unknown, key: string): unknown {
  if (typeof value === "string") {
    return key === "version" || key === "comment" || key === "drug" || !isPatternKey(key) ? value : new RegExp(value, "gim");
  }
  if (Array.isArray(value)) return value.map((v) => compile(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compile(v, /^\d+$/.test(k) ? key : k)]));
  }
  return value;
}

const ENUM_KEYS = new Set(["finding", "category", "modality", "item", "topic", "approach", "guidance", "procedure", "indication", "specialty", "stance", "zone"]);
function isPatternKey(key: string): boolean {
  return !ENUM_KEYS.has(key);
}

export type CompiledTargets = Compiled<Targets>;

let cached: CompiledTargets | null = null;

export function loadTargets(): CompiledTargets {
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(LEXICON_URL, "utf8"));
  } catch (err) {
    throw new Error(`cannot load lexicon/targets.json: ${(err as Error).message}`);
  }
  const parsed = TargetsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid lexicon/targets.json: ${issues}`);
  }
  cached = compile(parsed.data, "") as CompiledTargets;
  return cached;
}

/** All matches of a global regex in `text` from `from` to `to`. */
export function* matchAll(re: RegExp, text: string, from = 0, to = text.length): Generator<{ start: number; end: number; text: string; groups: Array<string | undefined> }> {
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= to) break;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const end = m.index + m[0].length;
    if (end > to) {
      // a match that runs past the window is cut at it only if it starts inside
      if (m.index >= to) break;
    }
    yield { start: m.index, end: Math.min(end, to), text: m[0], groups: m.slice(1) };
  }
}

/** Tests a global regex against a string without leaking lastIndex state. */
export function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const ok = re.test(s);
  re.lastIndex = 0;
  return ok;
}

export function first(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  const m = re.exec(s);
  re.lastIndex = 0;
  return m;
}
