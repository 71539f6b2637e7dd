import { z } from "zod";
import type { Fact } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  SURGICAL_SPECIALTIES,
  affirmedCurrentPatient,
  describeDuration,
  durationEvidence,
  esiPlanned,
  factsOf,
  isAtLeastSixWeeks,
  lumbarMriOrderedNow,
  redFlagsPresent,
  referralInEffect,
  surgeryPlanned,
} from "./derived.js";

/**
 * A lumbar MRI ordered at >= 6 weeks without red flags should serve a
 * potential injection or surgical candidate. Unknown duration: not applicable
 * (the rule applies only at >= 6 weeks). The soft age factor is not a red flag here.
 */
export default defineRule({
  meta: {
    id: "imaging-requires-candidacy",
    description:
      "A lumbar MRI after 6 weeks (no red flags) should be ordered only for a potential candidate for epidural steroid injection or surgery.",
    defaultSeverity: "info",
    citation: {
      source: PACK_SOURCE_FILE,
      quote:
        "Consider MRI lumbar spine without contrast only if the patient is a potential surgical candidate or candidate for epidural steroid injection.",
    },
    reads: ["imaging", "candidacy", "referral", "esi", "surgery", "red_flag"],
    options: z.object({}).strict(),
    messages: {
      candidate: "Lumbar MRI ordered at {{duration}} for a patient considered for an epidural injection or surgery.",
      notCandidate:
        "Lumbar MRI ordered at {{duration}} although the patient declines or is not a candidate for both epidural injection and surgery.",
      candidacyUnknown:
        "Lumbar MRI ordered at {{duration}}; candidacy for epidural injection or surgery not documented.",
      notApplicable: "No lumbar MRI ordered at >= 6 weeks without red flags.",
    },
  },
  evaluate(ctx) {
    const mri = lumbarMriOrderedNow(ctx.facts);
    if (mri.length === 0 || !isAtLeastSixWeeks(ctx.facts) || redFlagsPresent(ctx.facts).length > 0) {
      return ctx.notApplicable("notApplicable");
    }
    const duration = describeDuration(ctx.facts);
    const candidacy = factsOf(ctx.facts, "candidacy").filter(affirmedCurrentPatient);
    const positive: Fact[] = [
      ...candidacy.filter((f) => f.stance === "considering"),
      ...factsOf(ctx.facts, "referral").filter(
        (f) => referralInEffect(f) && !f.existing && SURGICAL_SPECIALTIES.has(f.specialty),
      ),
      ...esiPlanned(ctx.facts),
      ...surgeryPlanned(ctx.facts),
    ];
    if (positive.length > 0) return ctx.adherent("candidate", { data: { duration }, evidence: [...mri, ...positive] });
    const against = candidacy.filter((f) => f.stance === "declines" || f.stance === "not_candidate");
    const coversEsi = against.some((f) => f.intervention === "esi" || f.intervention === "either");
    const coversSurgery = against.some((f) => f.intervention === "surgery" || f.intervention === "either");
    if (coversEsi && coversSurgery) {
      return ctx.deviation("notCandidate", { data: { duration }, evidence: [...mri, ...against] });
    }
    return ctx.insufficientData("candidacyUnknown", {
      data: { duration },
      evidence: [...mri, ...durationEvidence(ctx.facts)],
      missing: ["candidacy for epidural injection or surgery"],
    });
  },
});
