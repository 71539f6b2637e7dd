import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  conservativeCarePlanned,
  describeDuration,
  durationEvidence,
  isEarly,
  redFlagsPresent,
  surgeryPlanned,
} from "./derived.js";

/**
 * Evaluation notes, early (< 6 weeks, known), no red flag (the soft age factor
 * is not one here): the plan must include conservative care, and surgery must
 * not be recommended at this visit. Unknown or chronic duration: not applicable.
 */
export default defineRule({
  meta: {
    id: "conservative-care-first",
    description:
      "In the first 6 weeks without red flags, management should start with conservative care (analgesics, activity, heat/cold, PT or home exercise), not surgery.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Begin with conservative management for at least 6 weeks unless red flag symptoms are present",
    },
    noteTypes: ["evaluation"],
    reads: ["conservative_care", "medication", "surgery", "red_flag"],
    options: z.object({}).strict(),
    messages: {
      conservative: "Conservative care planned at {{duration}} of symptoms.",
      noConservativeCare:
        "No conservative care (analgesic, muscle relaxant, activity advice, heat/cold, physical therapy or home exercise) in the plan at {{duration}} of symptoms without red flags.",
      surgeryRecommended:
        "Surgery recommended at {{duration}} of symptoms without red flags; the guideline asks for at least 6 weeks of conservative management first.",
      notApplicable: "Not within the first 6 weeks without red flags (or duration not documented).",
    },
  },
  evaluate(ctx) {
    if (!isEarly(ctx.facts) || redFlagsPresent(ctx.facts).length > 0) return ctx.notApplicable("notApplicable");
    const duration = describeDuration(ctx.facts);
    const surgery = surgeryPlanned(ctx.facts);
    if (surgery.length > 0) {
      return ctx.deviation("surgeryRecommended", { data: { duration }, evidence: [...surgery, ...durationEvidence(ctx.facts)] });
    }
    const care = conservativeCarePlanned(ctx.facts);
    if (care.length === 0) {
      return ctx.deviation("noConservativeCare", { data: { duration }, evidence: durationEvidence(ctx.facts) });
    }
    return ctx.adherent("conservative", { data: { duration }, evidence: care });
  },
});
