import { z } from "zod";
import type { Fact } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import {
  EARLY_WEEKS,
  PACK_SOURCE_FILE,
  durationEvidence,
  durationOver,
  functionalLimitation,
  listText,
  nerveRootCompression,
  redFlagsPresent,
  surgeryPlanned,
  treatmentFailure,
} from "./derived.js";

/**
 * Lumbar surgery recommended, scheduled or performed (any procedure for the
 * radiculopathy, fusion included) is indicated by cauda equina or a
 * progressive motor deficit, or by all of: failed noninvasive therapy, nerve
 * root compression on imaging, symptoms > 6 weeks (strictly) and functional
 * limitation. The deviation names the missing criteria. An unknown duration
 * counts as "symptoms > 6 weeks" not documented.
 */
export default defineRule({
  meta: {
    id: "surgery-indications",
    description:
      "Surgery needs an urgent indication (cauda equina, progressive deficit) or failed noninvasive therapy, nerve root compression on imaging, and > 6 weeks of function-limiting symptoms.",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote:
        "Surgery is appropriate for persistent radicular symptoms despite noninvasive therapy, documented nerve root compression on imaging, and symptoms lasting greater than 6 weeks that significantly limit function.",
    },
    reads: ["surgery", "red_flag", "treatment_failure", "imaging_finding", "functional_limitation", "disabling_pain"],
    options: z.object({}).strict(),
    messages: {
      urgent: "Surgery indicated by {{redFlag}}.",
      indicated:
        "Surgery indicated: failed noninvasive therapy, nerve root compression on imaging, and function-limiting symptoms for more than 6 weeks.",
      notIndicated: "Surgery planned or performed without documented {{missing}}.",
      noSurgery: "No lumbar surgery recommended, scheduled or performed.",
    },
  },
  evaluate(ctx) {
    const surgery = surgeryPlanned(ctx.facts);
    if (surgery.length === 0) return ctx.notApplicable("noSurgery");
    const urgent = redFlagsPresent(ctx.facts, ["cauda_equina", "progressive_motor_deficit"]);
    if (urgent.length > 0) {
      const redFlag = listText(
        [...new Set(urgent.map((f) => f.category))].map((c) => (c === "cauda_equina" ? "cauda equina" : "a progressive motor deficit")),
      );
      return ctx.adherent("urgent", { data: { redFlag }, evidence: [...surgery, ...urgent] });
    }
    const failure = treatmentFailure(ctx.facts);
    const compression = nerveRootCompression(ctx.facts);
    const longEnough = durationOver(ctx.facts, EARLY_WEEKS);
    const limitation = functionalLimitation(ctx.facts);
    const missing: string[] = [];
    if (failure.length === 0) missing.push("failed noninvasive therapy");
    if (compression.length === 0) missing.push("nerve root compression on imaging");
    if (!longEnough) missing.push("symptoms for more than 6 weeks");
    if (limitation.length === 0) missing.push("functional limitation");
    const support: Fact[] = [...failure, ...compression, ...limitation];
    const evidence = [...surgery, ...support, ...durationEvidence(ctx.facts)];
    if (missing.length > 0) return ctx.deviation("notIndicated", { data: { missing: listText(missing) }, evidence });
    return ctx.adherent("indicated", { evidence });
  },
});
