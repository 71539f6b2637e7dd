import { z } from "zod";
import type { RedFlagCategory } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import { CAUDA_EQUINA_SCREEN_FINDINGS, PACK_SOURCE_FILE, listText, redFlagsScreened } from "./derived.js";

const CATEGORY_LABEL: Record<RedFlagCategory, string> = {
  cauda_equina: "cauda equina",
  progressive_motor_deficit: "progressive motor deficit",
  malignancy: "malignancy",
  infection: "infection",
  fracture: "fracture",
};

/**
 * Red-flag screening documented: bladder, bowel or saddle sensation asked
 * about (positive or negative; a rectal-tone or perineal-sensation exam
 * counts), plus at least one other red-flag category documented (positive or
 * negative). A bare "no red flags" documents no category and yields no fact.
 */
export default defineRule({
  meta: {
    id: "red-flag-screening",
    description:
      "Before conservative therapy, red flags must be screened: cauda equina symptoms (bladder, bowel, saddle sensation) and at least one other red-flag category.",
    defaultSeverity: "info",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Before initiating conservative therapy, screen for conditions requiring urgent imaging and specialist referral",
    },
    noteTypes: ["evaluation"],
    reads: ["red_flag"],
    options: z.object({}).strict(),
    messages: {
      screened: "Red flags screened: cauda equina symptoms and {{categories}}.",
      noCaudaEquina:
        "Cauda equina screening not documented (bladder, bowel or saddle sensation not asked about, no rectal-tone or perineal exam){{others}}.",
      noOtherCategory:
        "Cauda equina symptoms were asked about, but no other red-flag category (cancer, weight loss, fever, IV drug use, immunosuppression, trauma, osteoporosis, steroids) is documented.",
    },
  },
  evaluate(ctx) {
    const screened = redFlagsScreened(ctx.facts);
    const cauda = screened.filter((f) => f.category === "cauda_equina" && CAUDA_EQUINA_SCREEN_FINDINGS.has(f.finding));
    const others = screened.filter((f) => f.category !== "cauda_equina");
    const otherCategories = [...new Set(others.map((f) => CATEGORY_LABEL[f.category]))];
    if (cauda.length === 0) {
      return ctx.deviation("noCaudaEquina", {
        data: { others: otherCategories.length > 0 ? ` (documented: ${listText(otherCategories)})` : "" },
        evidence: screened,
      });
    }
    if (others.length === 0) return ctx.deviation("noOtherCategory", { evidence: cauda });
    return ctx.adherent("screened", { data: { categories: listText(otherCategories) }, evidence: [...cauda, ...others] });
  },
});
