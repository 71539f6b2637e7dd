/**
 * The wire schema: what the model is asked to return. It is derived from the
 * fact vocabulary in src/facts/schema.ts (same kinds, same enums), minus what
 * the model must never produce: offsets (`span`), `source` and ConText `cues`.
 * Each fact carries a verbatim `quote` instead; src/extract/llm/anchor.ts
 * locates it in the note.
 *
 * Strict structured-output rules hold by construction: every key is required,
 * "may be missing" is `.nullable()` (never `.optional()`), objects are closed.
 * test/llm/wire-schema.test.ts checks the emitted JSON Schema.
 */
import { createHash } from "node:crypto";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import {
  AssertionSchema,
  BedRestFact,
  CandidacyFact,
  ClinicalRootFact,
  ConservativeCareFact,
  DisablingPainFact,
  DiscLevelSchema,
  DurationFact,
  EducationFact,
  EsiFact,
  ExperiencerSchema,
  FunctionalLimitationFact,
  FusionIndicationFact,
  ImagingFact,
  ImagingFindingFact,
  IsoDateSchema,
  MedicationFact,
  NoteFactsSchema,
  PainSeverityFact,
  PriorLumbarSurgeryFact,
  RedFlagFact,
  ReferralFact,
  RootSchema,
  SectionCategorySchema,
  SideSchema,
  SurgeryFact,
  SymptomFact,
  TemporalitySchema,
  TreatmentFailureFact,
} from "../../facts/schema.js";

/** Fields of a fact the model never writes: we compute them. */
const COMPUTED = { span: true, source: true, cues: true } as const;

/** Verbatim text copied from the note (the prompt explains what to quote). */
const QuoteSchema = z.string();

export const WireFactSchema = z.discriminatedUnion("kind", [
  SymptomFact.omit(COMPUTED),
  DurationFact.omit(COMPUTED),
  RedFlagFact.omit(COMPUTED),
  ImagingFact.omit(COMPUTED),
  ImagingFindingFact.omit(COMPUTED),
  ConservativeCareFact.omit(COMPUTED),
  TreatmentFailureFact.omit(COMPUTED),
  MedicationFact.omit(COMPUTED),
  PainSeverityFact.omit(COMPUTED),
  DisablingPainFact.omit(COMPUTED),
  FunctionalLimitationFact.omit(COMPUTED),
  BedRestFact.omit(COMPUTED),
  EducationFact.omit(COMPUTED),
  EsiFact.omit(COMPUTED),
  ReferralFact.omit(COMPUTED),
  SurgeryFact.omit(COMPUTED),
  FusionIndicationFact.omit(COMPUTED),
  ClinicalRootFact.omit(COMPUTED),
  CandidacyFact.omit(COMPUTED),
  PriorLumbarSurgeryFact.omit(COMPUTED),
]);
export type WireFact = z.infer<typeof WireFactSchema>;

const noteShape = NoteFactsSchema.shape;

export const WireNoteSchema = z.object({
  encounterDate: z
    .object({
      value: IsoDateSchema,
      quote: QuoteSchema,
    })
    .nullable(),
  noteType: noteShape.noteType,
  inScope: noteShape.inScope,
  patientAge: noteShape.patientAge,
  newOnset: noteShape.newOnset,
  symptomDuration: z
    .object({
      weeks: z.number().nonnegative().nullable(),
      chronic: z.boolean(),
      quote: QuoteSchema,
    })
    .nullable(),
  facts: z.array(WireFactSchema),
});
export type WireNote = z.infer<typeof WireNoteSchema>;

/**
 * Enums shared by several fact kinds are emitted once, as $defs, so the schema
 * stays well inside the API's limits on enum values.
 */
const SHARED_DEFINITIONS = {
  section: SectionCategorySchema,
  assertion: AssertionSchema,
  temporality: TemporalitySchema,
  experiencer: ExperiencerSchema,
  side: SideSchema,
  discLevel: DiscLevelSchema,
  root: RootSchema,
};

export const RESPONSE_FORMAT_NAME = "note_facts";

let cached: { schema: Record<string, unknown>; text: string; hash: string } | null = null;

/** The JSON Schema sent to the model, its canonical text, and its sha256. */
export function wireJsonSchema(): { schema: Record<string, unknown>; text: string; hash: string } {
  if (!cached) {
    const rf = zodResponseFormat(WireNoteSchema, RESPONSE_FORMAT_NAME, { schemaDefinitions: SHARED_DEFINITIONS });
    const schema = rf.json_schema.schema as Record<string, unknown>;
    const text = JSON.stringify(schema);
    cached = { schema, text, hash: createHash("sha256").update(text).digest("hex") };
  }
  return cached;
}

/** The `response_format` for json_schema mode, as a plain object (what goes on the wire). */
export function jsonSchemaResponseFormat(): {
  type: "json_schema";
  json_schema: { name: string; strict: true; schema: Record<string, unknown> };
} {
  return { type: "json_schema", json_schema: { name: RESPONSE_FORMAT_NAME, strict: true, schema: wireJsonSchema().schema } };
}
