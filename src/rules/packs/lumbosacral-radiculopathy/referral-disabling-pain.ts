import { z } from "zod";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, disablingPain, specialistCare } from "./derived.js";

/**
 * Pain documented as disabling (disabling, intractable, unable to work / walk
 * / sleep / perform daily activities) needs a specialist referral, made now or
 * already existing (an ED transfer or admission counts; PT and neurology do not).
 */
export default defineRule({
  meta: {
    id: "referral-disabling-pain",
    description: "Disabling radicular pain should prompt specialist referral (spine surgery, neurosurgery, orthopedic spine, PM&R, pain medicine).",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Specialist referral should occur within 2 weeks if pain is disabling, intrusive, and prevents normal everyday tasks",
    },
    reads: ["disabling_pain", "referral", "esi", "surgery"],
    options: z.object({}).strict(),
    messages: {
      referred: "Disabling pain, and the patient is referred to or under a specialist.",
      notReferred:
        "Pain is documented as disabling but no specialist referral (spine surgery, neurosurgery, orthopedic spine, PM&R or pain medicine) is made or in place.",
      notDisabling: "Pain not documented as disabling.",
    },
  },
  evaluate(ctx) {
    const disabling = disablingPain(ctx.facts);
    if (disabling.length === 0) return ctx.notApplicable("notDisabling");
    const referral = specialistCare(ctx.facts);
    if (referral.length > 0) return ctx.adherent("referred", { evidence: [...disabling, ...referral] });
    return ctx.deviation("notReferred", { evidence: disabling });
  },
});
