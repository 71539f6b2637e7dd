import { z } from "zod";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, bedRestAdvised } from "./derived.js";

/**
 * Bed rest (complete, strict, or for days) advised is a deviation. "Avoid bed
 * rest", "no bed rest", "bed rest is not recommended" are negated mentions and
 * adherent; "if worse, rest in bed" is hypothetical and does not count.
 */
export default defineRule({
  meta: {
    id: "no-bed-rest",
    description: "Complete bed rest should not be prescribed; staying active is more effective.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Do not prescribe complete bed rest, as remaining active is more effective",
    },
    reads: ["bed_rest"],
    options: z.object({}).strict(),
    messages: {
      advised: "Bed rest is advised; the guideline recommends staying active instead of bed rest.",
      notAdvised: "No bed rest advised.",
    },
  },
  evaluate(ctx) {
    const advised = bedRestAdvised(ctx.facts);
    return advised.length > 0 ? ctx.deviation("advised", { evidence: advised }) : ctx.adherent("notAdvised");
  },
});
