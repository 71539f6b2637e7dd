import { z } from "zod";
import { defineRule } from "../../types.js";
import { PACK_SOURCE_FILE, esiPlanned } from "./derived.js";

/**
 * A planned or performed ESI must be image-guided: fluoroscopy or CT
 * documented, or a transforaminal approach (always image-guided). Explicitly
 * blind / landmark / without imaging is a deviation (checked first: it is an
 * explicit statement). Ultrasound guidance is image guidance (adherent, with
 * its own message). Interlaminar, caudal or unspecified without a word on
 * guidance: insufficient data.
 */
export default defineRule({
  meta: {
    id: "esi-image-guidance",
    description: "Epidural steroid injections should be image-guided (fluoroscopy is the gold standard).",
    defaultSeverity: "warning",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "fluoroscopic guidance is the gold standard for targeted interlaminar or transforaminal injections",
    },
    reads: ["esi"],
    options: z.object({}).strict(),
    messages: {
      guided: "Epidural steroid injection under {{guidance}} guidance.",
      transforaminal: "Transforaminal epidural steroid injection (image-guided by nature).",
      ultrasound: "Epidural steroid injection under ultrasound guidance (fluoroscopy is the gold standard).",
      blind: "Epidural steroid injection done or planned blind (landmark technique, without imaging); fluoroscopic guidance is the gold standard.",
      guidanceUnknown: "Image guidance not documented for the {{approach}} epidural steroid injection.",
      noEsi: "No epidural steroid injection planned or performed.",
    },
  },
  evaluate(ctx) {
    const esi = esiPlanned(ctx.facts);
    if (esi.length === 0) return ctx.notApplicable("noEsi");
    const blind = esi.filter((f) => f.guidance === "blind");
    if (blind.length > 0) return ctx.deviation("blind", { evidence: blind });
    const guided = esi.filter((f) => f.guidance === "fluoroscopy" || f.guidance === "ct");
    const firstGuided = guided[0];
    if (firstGuided) {
      return ctx.adherent("guided", { data: { guidance: firstGuided.guidance === "ct" ? "CT" : "fluoroscopic" }, evidence: guided });
    }
    const tf = esi.filter((f) => f.approach === "transforaminal");
    if (tf.length > 0) return ctx.adherent("transforaminal", { evidence: tf });
    const us = esi.filter((f) => f.guidance === "ultrasound");
    if (us.length > 0) return ctx.adherent("ultrasound", { evidence: us });
    const approaches = [...new Set(esi.map((f) => f.approach).filter((a) => a !== "unspecified"))];
    return ctx.insufficientData("guidanceUnknown", {
      data: { approach: approaches.length > 0 ? approaches.join("/") : "unspecified-approach" },
      evidence: esi,
      missing: ["image guidance"],
    });
  },
});
