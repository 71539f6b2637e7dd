import { z } from "zod";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, affirmedPatient, factsOf, fusionPlanned, listText } from "./derived.js";

/**
 * Lumbar fusion (arthrodesis, TLIF, PLIF, ALIF, XLIF, OLIF, instrumented
 * fusion) recommended, scheduled or performed needs an accepted fusion
 * indication documented (spondylolisthesis, instability on flexion-extension
 * films, deformity, fracture, tumor, infection); otherwise it is fusion for a
 * disc herniation / radiculopathy, which is a deviation. Negated indications
 * ("no listhesis or instability") do not count.
 */
export default defineRule({
  meta: {
    id: "no-fusion-for-isolated-disc",
    description: "Lumbar fusion is not routine treatment for an isolated disc herniation causing radiculopathy.",
    defaultSeverity: "error",
    citation: {
      source: PACK_SOURCE_FILE,
      quote:
        "Lumbar fusion is NOT recommended as routine treatment following primary disc excision for isolated herniated discs causing radiculopathy",
    },
    reads: ["surgery", "fusion_indication"],
    options: z.object({}).strict(),
    messages: {
      indicated: "Lumbar fusion with a documented accepted indication ({{indications}}).",
      noIndication:
        "Lumbar fusion planned or performed for disc herniation / radiculopathy without a documented accepted indication (spondylolisthesis, instability, deformity, fracture, tumor or infection).",
      noFusion: "No lumbar fusion recommended, scheduled or performed.",
    },
  },
  evaluate(ctx) {
    const fusion = fusionPlanned(ctx.facts);
    if (fusion.length === 0) return ctx.notApplicable("noFusion");
    const indications = factsOf(ctx.facts, "fusion_indication").filter(affirmedPatient);
    if (indications.length > 0) {
      return ctx.adherent("indicated", {
        data: { indications: listText([...new Set(indications.map((f) => f.indication))]) },
        evidence: [...fusion, ...indications],
      });
    }
    return ctx.deviation("noIndication", { evidence: fusion });
  },
});
