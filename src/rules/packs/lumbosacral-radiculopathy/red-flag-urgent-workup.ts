import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  listText,
  lumbarMriDone,
  lumbarMriOrderedNow,
  redFlagsPresent,
  specialistCare,
} from "./derived.js";

/**
 * A present red flag (any category; never the soft "age > 50 with new-onset
 * pain" factor) requires both a lumbar MRI (ordered now, or already done) and
 * specialist or emergency referral (an existing specialist, an ED transfer or
 * an admission counts).
 */
export default defineRule({
  meta: {
    id: "red-flag-urgent-workup",
    description: "When a red flag is present, the plan must include urgent lumbar MRI and specialist (or emergency) referral.",
    defaultSeverity: "error",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "If any red flags are present, proceed immediately to MRI lumbar spine without contrast and specialist referral.",
    },
    reads: ["red_flag", "imaging", "referral", "esi", "surgery"],
    options: z.object({}).strict(),
    messages: {
      complete: "Red flag present ({{findings}}); lumbar MRI and specialist referral are in place.",
      missing: "Red flag present ({{findings}}) but {{missing}} missing from the plan; the guideline asks for immediate lumbar MRI and specialist referral.",
      noRedFlag: "No red flag present.",
    },
  },
  evaluate(ctx) {
    const flags = redFlagsPresent(ctx.facts);
    if (flags.length === 0) return ctx.notApplicable("noRedFlag");
    const findings = listText([...new Set(flags.map((f) => f.finding.replace(/_/g, " ")))]);
    const mri = [...lumbarMriOrderedNow(ctx.facts), ...lumbarMriDone(ctx.facts)];
    const referral = specialistCare(ctx.facts);
    const missing: string[] = [];
    if (mri.length === 0) missing.push("lumbar MRI");
    if (referral.length === 0) missing.push("specialist referral");
    const evidence = [...flags, ...mri, ...referral];
    if (missing.length > 0) {
      return ctx.deviation("missing", {
        data: { findings, missing: `${listText(missing)} ${missing.length > 1 ? "are" : "is"}` },
        evidence,
      });
    }
    return ctx.adherent("complete", { data: { findings }, evidence });
  },
});
