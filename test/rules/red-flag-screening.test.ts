import rule from "../../src/rules/packs/lumbosacral-radiculopathy/red-flag-screening.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { family, historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

runRuleTests(rule, {
  cases: [
    {
      name: "negated list 'denies fever, saddle anesthesia or B/B changes' documents screening",
      facts: noteFacts({
        facts: [
          mention("red_flag", { finding: "fever", ...negated }),
          mention("red_flag", { finding: "saddle_anesthesia", ...negated }),
          mention("red_flag", { finding: "bladder_dysfunction", ...negated }),
        ],
      }),
      expect: { outcome: "adherent", messageId: "screened", evidenceCount: 3, data: { categories: "infection" } },
    },
    {
      name: "positive findings count as screening too",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "urinary_incontinence" }), mention("red_flag", { finding: "cancer_history", ...historical })],
      }),
      expect: { outcome: "adherent", messageId: "screened" },
    },
    {
      name: "rectal tone exam counts as cauda equina screening; 'no injury' counts as fracture screening",
      facts: noteFacts({
        facts: [
          mention("red_flag", { finding: "decreased_rectal_tone", ...negated, section: "exam" }),
          mention("red_flag", { finding: "significant_trauma", ...negated }),
        ],
      }),
      expect: { outcome: "adherent", data: { categories: "fracture" } },
    },
    {
      name: "bare 'no red flags' documents no category",
      facts: noteFacts({ weeks: 1, facts: [mention("symptom", { finding: "low_back_pain" })] }),
      expect: { outcome: "deviation", messageId: "noCaudaEquina", evidenceCount: 0, data: { others: "" } },
    },
    {
      name: "other categories without bladder/bowel/saddle is a deviation",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "fever", ...negated }), mention("red_flag", { finding: "weight_loss", ...negated })],
      }),
      expect: { outcome: "deviation", messageId: "noCaudaEquina", evidenceCount: 2, data: { others: " (documented: infection and malignancy)" } },
    },
    {
      name: "bilateral leg symptoms alone is not bladder/bowel/saddle screening",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "bilateral_radicular_symptoms", ...negated }), mention("red_flag", { finding: "fever", ...negated })],
      }),
      expect: { outcome: "deviation", messageId: "noCaudaEquina" },
    },
    {
      name: "cauda equina asked about but no other category",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "saddle_anesthesia", ...negated }), mention("red_flag", { finding: "bowel_dysfunction", ...negated })],
      }),
      expect: { outcome: "deviation", messageId: "noOtherCategory", evidenceCount: 2 },
    },
    {
      name: "return precautions (hypothetical) are not screening",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "bladder_dysfunction", ...hypothetical }), mention("red_flag", { finding: "fever", ...negated })],
      }),
      expect: { outcome: "deviation", messageId: "noCaudaEquina" },
    },
    {
      name: "family history of cancer is not a screened category",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "saddle_anesthesia", ...negated }), mention("red_flag", { finding: "cancer_history", ...family })],
      }),
      expect: { outcome: "deviation", messageId: "noOtherCategory" },
    },
    {
      name: "procedure note: not applicable",
      facts: noteFacts({ noteType: "procedure" }),
      expect: { outcome: "not_applicable", messageId: "noteType" },
    },
  ],
});
