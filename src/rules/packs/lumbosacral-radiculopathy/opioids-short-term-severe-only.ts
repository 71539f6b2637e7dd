import { z } from "zod";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, listText, opioidNotShortTermReasons, opioidPrescribed, severePain } from "./derived.js";

/**
 * An opioid prescribed, continued or administered for the pain (not for
 * anesthesia, not list-only) must be for pain documented as severe ("severe"
 * or >= 7/10) and short-term (<= 7 days supply, no refills, not scheduled
 * long-term, not extended-release). Unknown supply is not held against it.
 */
export default defineRule({
  meta: {
    id: "opioids-short-term-severe-only",
    description: "Opioids only short-term (<= 7 days, no refills, not long-acting) and only for severe pain.",
    defaultSeverity: "warning",
    citation: { source: PACK_SOURCE_FILE, quote: "Short-term opioids judiciously for severe pain only" },
    reads: ["medication", "pain_severity"],
    options: z
      .object({
        /** Longest supply, in days, that counts as short-term. */
        maxDays: z.number().positive().default(7),
      })
      .strict(),
    messages: {
      appropriate: "Opioid ({{drugs}}) short-term for severe pain.",
      notSevere: "Opioid ({{drugs}}) prescribed but pain is not documented as severe (\"severe\" or >= 7/10).",
      notShortTerm: "Opioid ({{drugs}}) course is not short-term: {{reasons}}.",
      notSevereNotShortTerm:
        "Opioid ({{drugs}}) prescribed for pain not documented as severe, and the course is not short-term: {{reasons}}.",
      noOpioid: "No opioid prescribed.",
    },
  },
  evaluate(ctx) {
    const opioids = opioidPrescribed(ctx.facts);
    if (opioids.length === 0) return ctx.notApplicable("noOpioid");
    const drugs = listText([...new Set(opioids.map((f) => f.drug))]);
    const severe = severePain(ctx.facts);
    const long = opioids.filter((f) => opioidNotShortTermReasons(f, ctx.options.maxDays).length > 0);
    const reasons = listText([...new Set(long.flatMap((f) => opioidNotShortTermReasons(f, ctx.options.maxDays)))]);
    const notSevere = severe.length === 0;
    if (notSevere && long.length > 0) {
      return ctx.deviation("notSevereNotShortTerm", { data: { drugs, reasons }, evidence: opioids });
    }
    if (notSevere) return ctx.deviation("notSevere", { data: { drugs }, evidence: opioids });
    if (long.length > 0) return ctx.deviation("notShortTerm", { data: { drugs, reasons }, evidence: long });
    return ctx.adherent("appropriate", { data: { drugs }, evidence: [...opioids, ...severe] });
  },
});
