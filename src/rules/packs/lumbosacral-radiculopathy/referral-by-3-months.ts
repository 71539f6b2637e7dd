import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  REFERRAL_WEEKS,
  describeDuration,
  durationAtLeast,
  durationClass,
  durationEvidence,
  radicularSymptoms,
  specialistCare,
} from "./derived.js";

/**
 * Radicular symptoms lasting >= 12 weeks need a specialist referral made now or the
 * patient already under a specialist. Described as chronic without a number:
 * insufficient data (referral or not); any other unknown duration: not applicable.
 */
export default defineRule({
  meta: {
    id: "referral-by-3-months",
    description: "Persistent radicular pain for 3 months or more should lead to specialist referral.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Do not delay specialist referral beyond 3 months for persistent radicular pain",
    },
    reads: ["symptom", "clinical_root", "referral", "esi", "surgery"],
    options: z.object({}).strict(),
    messages: {
      referred: "Symptoms for {{duration}}; the patient is referred to or under a specialist.",
      notReferred:
        "Symptoms for {{duration}} (>= 3 months) without specialist referral (spine surgery, neurosurgery, orthopedic spine, PM&R or pain medicine).",
      chronicNoNumber:
        "Symptom duration not documented: described as chronic without a number ({{referral}}); cannot tell whether 3 months have passed.",
      notApplicable: "Symptoms for less than 3 months (or duration not documented).",
      notRadicular: "No radicular symptoms documented.",
    },
  },
  evaluate(ctx) {
    if (radicularSymptoms(ctx.facts).length === 0) return ctx.notApplicable("notRadicular");
    const cls = durationClass(ctx.facts);
    const referral = specialistCare(ctx.facts);
    if (cls === "chronic") {
      // RULES.md: insufficient_data whenever the duration is described as
      // chronic without a number (whether 3 months have passed is unknown),
      // even if a specialist is involved.
      return ctx.insufficientData("chronicNoNumber", {
        data: { referral: referral.length > 0 ? "a specialist is involved" : "no specialist referral" },
        evidence: [...durationEvidence(ctx.facts), ...referral],
        missing: ["symptom duration"],
      });
    }
    if (!durationAtLeast(ctx.facts, REFERRAL_WEEKS)) return ctx.notApplicable("notApplicable");
    const duration = describeDuration(ctx.facts);
    if (referral.length > 0) {
      return ctx.adherent("referred", { data: { duration }, evidence: [...referral, ...durationEvidence(ctx.facts)] });
    }
    return ctx.deviation("notReferred", { data: { duration }, evidence: durationEvidence(ctx.facts) });
  },
});
