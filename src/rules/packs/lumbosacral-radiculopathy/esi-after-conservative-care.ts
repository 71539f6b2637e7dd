import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  describeDuration,
  durationClass,
  durationEvidence,
  esiPlanned,
  redFlagsPresent,
  unknownDurationDetail,
} from "./derived.js";

/**
 * An epidural steroid injection planned or performed (a referral for an ESI
 * counts; a conditional one does not) before 6 weeks without a red flag is a
 * deviation. Unknown or chronic-without-number duration: insufficient data.
 */
export default defineRule({
  meta: {
    id: "esi-after-conservative-care",
    description: "Epidural steroid injections only after 6 weeks of failed conservative therapy, unless a red flag is present.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "After 6 Weeks of Failed Conservative Therapy ... Image-guided epidural steroid injections ... may be considered",
    },
    reads: ["esi", "red_flag"],
    options: z.object({}).strict(),
    messages: {
      early: "Epidural steroid injection planned at {{duration}} of symptoms with no red flag; it should follow at least 6 weeks of conservative therapy.",
      afterSixWeeks: "Epidural steroid injection at {{duration}} of symptoms (>= 6 weeks).",
      redFlag: "Epidural steroid injection with a red flag present.",
      unknownDuration: "Symptom duration not documented{{detail}}; cannot tell whether the epidural steroid injection follows 6 weeks of conservative care.",
      noEsi: "No epidural steroid injection planned or performed.",
    },
  },
  evaluate(ctx) {
    const esi = esiPlanned(ctx.facts);
    if (esi.length === 0) return ctx.notApplicable("noEsi");
    const flags = redFlagsPresent(ctx.facts);
    if (flags.length > 0) return ctx.adherent("redFlag", { evidence: [...esi, ...flags] });
    const duration = describeDuration(ctx.facts);
    const evidence = [...esi, ...durationEvidence(ctx.facts)];
    switch (durationClass(ctx.facts)) {
      case "late":
        return ctx.adherent("afterSixWeeks", { data: { duration }, evidence });
      case "early":
        return ctx.deviation("early", { data: { duration }, evidence });
      default:
        return ctx.insufficientData("unknownDuration", {
          data: { detail: unknownDurationDetail(ctx.facts) },
          evidence,
          missing: ["symptom duration"],
        });
    }
  },
});
