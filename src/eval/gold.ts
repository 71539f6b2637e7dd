/**
 * The gold-annotation format (one JSON object per line), as a zod schema.
 * This schema is the single source of truth: `schemas/gold.schema.json` is
 * generated from it (`goldJsonSchema()`; a test keeps the committed file in
 * sync) and `docs/gold-format.md` documents it.
 */
import { z } from "zod";
import { OUTCOMES } from "../rules/types.js";
import { RED_FLAG_CATEGORIES } from "../facts/schema.js";

export const OutcomeSchema = z.enum(OUTCOMES);

/** Rule ids are kebab-case, e.g. `no-early-imaging`. */
export const RuleIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a kebab-case rule id such as no-early-imaging");

export { RED_FLAG_CATEGORIES };

const IsoDate = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, "expected an ISO date YYYY-MM-DD");

const GoldLineObject = z
  .object({
    noteId: z
      .string()
      .min(1)
      .describe("The note's identifier: its file name (e.g. d001.txt) or record id. Matched to a report's noteId exactly, else by basename."),
    noteType: z
      .enum(["evaluation", "procedure"])
      .describe("procedure = an injection procedure note or an operative report; evaluation = every other note (a history and a plan).")
      .optional(),
    inScope: z
      .boolean()
      .describe("Whether the note is within the pack's scope. An out-of-scope note has not_applicable for every rule.")
      .optional(),
    encounterDate: IsoDate.nullable().describe("The encounter date, or null when the note gives none.").optional(),
    symptomWeeks: z
      .number()
      .nonnegative()
      .nullable()
      .describe("Duration of the presenting complaint at the encounter, in weeks; null when undeterminable.")
      .optional(),
    redFlagCategories: z
      .array(z.enum(RED_FLAG_CATEGORIES))
      .describe("Every red-flag category with an affirmed finding, each at most once, in the canonical order.")
      .optional(),
    outcomes: z
      .record(RuleIdSchema, OutcomeSchema)
      .describe("The gold outcome of every rule of the pack for this note.")
      .refine((o) => Object.keys(o).length > 0, "expected at least one rule outcome"),
    rationale: z
      .record(RuleIdSchema, z.string().min(1))
      .describe("One sentence per rule explaining the gold outcome (at least for every deviation and insufficient_data).")
      .optional(),
    metadata: z
      .record(z.string(), z.string())
      .describe("Free-form string metadata (site, annotator, ...), ignored by scoring.")
      .optional(),
  })
  .strict()
  .describe("One gold-annotated note (one line of a gold JSONL file).");

/** One gold line, with the cross-field checks JSON Schema cannot express. */
export const GoldLineSchema = GoldLineObject.superRefine((g, ctx) => {
  if (g.redFlagCategories) {
    const order = g.redFlagCategories.map((c) => RED_FLAG_CATEGORIES.indexOf(c));
    for (let i = 1; i < order.length; i++) {
      if (order[i]! <= order[i - 1]!) {
        ctx.addIssue({
          code: "custom",
          path: ["redFlagCategories", i],
          message: `categories must be unique and in the order ${RED_FLAG_CATEGORIES.join(", ")}`,
        });
        break;
      }
    }
  }
  if (g.rationale) {
    for (const id of Object.keys(g.rationale)) {
      if (!(id in g.outcomes)) {
        ctx.addIssue({ code: "custom", path: ["rationale", id], message: "rationale for a rule that has no outcome on this line" });
      }
    }
  }
  if (g.inScope === false) {
    for (const [id, o] of Object.entries(g.outcomes)) {
      if (o !== "not_applicable") {
        ctx.addIssue({
          code: "custom",
          path: ["outcomes", id],
          message: `an out-of-scope note (inScope false) must be not_applicable for every rule, found ${o}`,
        });
      }
    }
  }
});

export type GoldLine = z.infer<typeof GoldLineObject>;

/** The JSON Schema (draft 2020-12) of one gold line, generated from the zod schema. */
export function goldJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(GoldLineObject, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  // Constraints the generator cannot see (they live in refinements).
  const props = generated.properties as Record<string, Record<string, unknown>>;
  props.outcomes!.minProperties = 1;
  props.redFlagCategories!.uniqueItems = true;
  return {
    $schema: generated.$schema,
    $id: "https://github.com/chartcheck/chartcheck/schemas/gold.schema.json",
    title: "chartcheck gold annotation (one JSONL line)",
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== "$schema")),
  };
}
