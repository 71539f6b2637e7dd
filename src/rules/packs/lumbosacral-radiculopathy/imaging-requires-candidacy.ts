import { z } from "zod";
import type { Fact } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  SURGICAL_SPECIALTIES,
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
 * potential injection or surgical candidate. Adherent: the patient is
 * considering (or being considered for) an ESI or surgery, including an ESI or
 * surgery planned or conditional, or is referred to a spine surgeon now.
 * Deviation: declines / not a candidate for both. Otherwise insufficient data. Unknown duration: not applicable
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
    // Candidacy is about the future: "would consider an ESI depending on the
    // MRI" counts even when read as hypothetical; a past stance does not.
    const candidacy = factsOf(ctx.facts, "candidacy").filter(
      (f) => f.experiencer === "patient" && f.temporality !== "historical" && f.assertion !== "negated",
    );
    // An ESI or surgery planned, or only conditional ("TFESI or revision
    // discectomy depending on the MRI"), means the patient is being considered for it.
    const considered = [...factsOf(ctx.facts, "esi"), ...factsOf(ctx.facts, "surgery")].filter(
      (f) => f.status === "conditional" && f.experiencer === "patient" && f.assertion !== "negated",
    );
    const positive: Fact[] = [
      ...candidacy.filter((f) => f.stance === "considering"),
      ...considered,
      ...factsOf(ctx.facts, "referral").filter(
        (f) => referralInEffect(f) && !f.existing && SURGICAL_SPECIALTIES.has(f.specialty),
      ),
      ...esiPlanned(ctx.facts),
      ...surgeryPlanned(ctx.facts),
    ];
    if (positive.length > 0) return ctx.adherent("candidate", { data: { duration }, evidence: [...mri, ...positive] });
    const against = candidacy.filter(
      (f) => f.assertion === "affirmed" && (f.stance === "declines" || f.stance === "not_candidate"),
    );
    // A declined ESI / surgery ("declines injection") says the same as a candidacy stance.
    const declinedEsi = factsOf(ctx.facts, "esi").filter((f) => f.status === "declined" && f.experiencer === "patient");
    const declinedSurgery = factsOf(ctx.facts, "surgery").filter((f) => f.status === "declined" && f.experiencer === "patient");
    const coversEsi = declinedEsi.length > 0 || against.some((f) => f.intervention === "esi" || f.intervention === "either");
    const coversSurgery =
      declinedSurgery.length > 0 || against.some((f) => f.intervention === "surgery" || f.intervention === "either");
    if (coversEsi && coversSurgery) {
      return ctx.deviation("notCandidate", {
        data: { duration },
        evidence: [...mri, ...against, ...declinedEsi, ...declinedSurgery],
      });
    }
    return ctx.insufficientData("candidacyUnknown", {
      data: { duration },
      evidence: [...mri, ...durationEvidence(ctx.facts)],
      missing: ["candidacy for epidural injection or surgery"],
    });
  },
});
