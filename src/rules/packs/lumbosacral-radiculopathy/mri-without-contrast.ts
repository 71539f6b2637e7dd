import { z } from "zod";
import type { Fact } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, factsOf, isPresentRedFlag, lumbarMriOrderedNow, priorLumbarSurgery } from "./derived.js";

/**
 * A lumbar MRI should be ordered without contrast, unless there is prior
 * lumbar surgery, suspected infection or suspected malignancy (an affirmed or
 * possible red flag of those categories). Unspecified contrast is adherent.
 */
export default defineRule({
  meta: {
    id: "mri-without-contrast",
    description:
      "Lumbar MRI should be ordered without contrast unless there is prior lumbar surgery, suspected infection or suspected malignancy.",
    defaultSeverity: "info",
    citation: { source: PACK_SOURCE_FILE, quote: "MRI lumbar spine without contrast" },
    reads: ["imaging", "prior_lumbar_surgery", "surgery", "red_flag"],
    options: z.object({}).strict(),
    messages: {
      withContrast:
        "Lumbar MRI ordered {{contrast}} contrast with no prior lumbar surgery, suspected infection or suspected malignancy; MRI without contrast is recommended.",
      justified: "Lumbar MRI ordered {{contrast}} contrast, justified by {{reason}}.",
      withoutContrast: "Lumbar MRI ordered without contrast (or contrast unspecified).",
      noMri: "No lumbar MRI ordered at this encounter.",
    },
  },
  evaluate(ctx) {
    const mri = lumbarMriOrderedNow(ctx.facts);
    if (mri.length === 0) return ctx.notApplicable("noMri");
    const contrasted = mri.filter((f) => f.contrast === "with" || f.contrast === "with_and_without");
    const first = contrasted[0];
    if (!first) return ctx.adherent("withoutContrast", { evidence: mri });
    const contrast = first.contrast === "with" ? "with" : "with and without";
    const surgery = priorLumbarSurgery(ctx.facts);
    const suspected = factsOf(ctx.facts, "red_flag").filter(
      (f) =>
        (f.category === "infection" || f.category === "malignancy") &&
        (isPresentRedFlag(f) ||
          (f.assertion === "possible" && f.experiencer === "patient" && f.temporality !== "hypothetical")),
    );
    const reasons: string[] = [];
    const justification: Fact[] = [];
    if (surgery.length > 0) {
      reasons.push("prior lumbar surgery");
      justification.push(...surgery);
    }
    if (suspected.some((f) => f.category === "infection")) reasons.push("suspected infection");
    if (suspected.some((f) => f.category === "malignancy")) reasons.push("suspected malignancy");
    justification.push(...suspected);
    if (reasons.length > 0) {
      return ctx.adherent("justified", { data: { contrast, reason: reasons.join(", ") }, evidence: [...contrasted, ...justification] });
    }
    return ctx.deviation("withContrast", { data: { contrast }, evidence: contrasted });
  },
});
