import { z } from "zod";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  describeDuration,
  durationEvidence,
  educationDocumented,
  isEarly,
  redFlagsPresent,
} from "./derived.js";

/**
 * Evaluation notes, early (< 6 weeks, known), no red flag (the soft age factor
 * is not one here): education or reassurance about the favorable natural
 * history (most improve, herniations regress, imaging findings common without
 * symptoms) must be documented.
 */
export default defineRule({
  meta: {
    id: "patient-education",
    description:
      "In the first 6 weeks without red flags, the patient should be educated about the favorable prognosis and reassured about imaging findings.",
    defaultSeverity: "info",
    citation: {
      source: PACK_SOURCE_FILE,
      quote:
        "Patient education about the favorable prognosis ... Reassurance that disc abnormalities are common in asymptomatic individuals",
    },
    noteTypes: ["evaluation"],
    reads: ["education", "red_flag"],
    options: z.object({}).strict(),
    messages: {
      educated: "Education about the favorable natural history documented.",
      notEducated:
        "No education or reassurance about the favorable natural history documented at {{duration}} of symptoms (most people improve; disc herniations regress; disc findings are common without symptoms).",
      notApplicable: "Not within the first 6 weeks without red flags (or duration not documented).",
    },
  },
  evaluate(ctx) {
    if (!isEarly(ctx.facts) || redFlagsPresent(ctx.facts).length > 0) return ctx.notApplicable("notApplicable");
    const education = educationDocumented(ctx.facts);
    if (education.length > 0) return ctx.adherent("educated", { evidence: education });
    return ctx.deviation("notEducated", {
      data: { duration: describeDuration(ctx.facts) },
      evidence: durationEvidence(ctx.facts),
    });
  },
});
