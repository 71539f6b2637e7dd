import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  describeDuration,
  durationClass,
  durationEvidence,
  imagingOrderedNow,
  redFlagsPresent,
  softAgeFactor,
  unknownDurationDetail,
} from "./derived.js";

/**
 * Lumbar MRI or CT ordered at this encounter before 6 weeks without a red flag
 * is a deviation. The soft malignancy factor (age > 50 with new-onset pain)
 * exempts the order when `ageOver50IsRedFlag` is true (the default).
 */
export default defineRule({
  meta: {
    id: "no-early-imaging",
    description: "Lumbar MRI/CT should not be ordered before 6 weeks of symptoms unless a red flag is present.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Do not order MRI before 6 weeks unless red flags are present",
    },
    reads: ["imaging", "red_flag"],
    options: z
      .object({
        /** Count "age > 50 with new-onset pain" as a red flag that exempts early imaging (the source lists it). */
        ageOver50IsRedFlag: z.boolean().default(true),
      })
      .strict(),
    messages: {
      early: "Lumbar {{modality}} ordered at {{duration}} of symptoms with no red flag; imaging before 6 weeks is not recommended.",
      redFlag: "Lumbar {{modality}} ordered with a red flag present.",
      softAgeFactor: "Lumbar {{modality}} ordered early; age > 50 with new-onset pain (malignancy risk factor) justifies it.",
      late: "Lumbar {{modality}} ordered at {{duration}} of symptoms (>= 6 weeks).",
      unknownDuration: "Symptom duration not documented{{detail}}; cannot tell whether the lumbar {{modality}} was ordered before 6 weeks.",
      noImaging: "No lumbar MRI or CT ordered at this encounter.",
    },
  },
  evaluate(ctx) {
    const orders = imagingOrderedNow(ctx.facts);
    const first = orders[0];
    if (!first) return ctx.notApplicable("noImaging");
    const modality = first.modality.toUpperCase();
    const duration = describeDuration(ctx.facts);
    const flags = redFlagsPresent(ctx.facts);
    if (flags.length > 0) return ctx.adherent("redFlag", { data: { modality }, evidence: [...orders, ...flags] });
    const cls = durationClass(ctx.facts);
    const evidence = [...orders, ...durationEvidence(ctx.facts)];
    if (cls === "late") return ctx.adherent("late", { data: { modality, duration }, evidence });
    if (softAgeFactor(ctx.facts, ctx.options)) return ctx.adherent("softAgeFactor", { data: { modality }, evidence });
    if (cls === "early") return ctx.deviation("early", { data: { modality, duration }, evidence });
    return ctx.insufficientData("unknownDuration", {
      data: { modality, detail: unknownDurationDetail(ctx.facts) },
      evidence,
      missing: ["symptom duration"],
    });
  },
});
