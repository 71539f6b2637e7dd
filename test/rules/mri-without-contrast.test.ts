import rule from "../../src/rules/packs/lumbosacral-radiculopathy/mri-without-contrast.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { family, historical, mention, negated, noteFacts, possible } from "../helpers/facts.js";

const mri = (contrast: "without" | "with" | "with_and_without" | "unspecified") =>
  mention("imaging", { modality: "mri", status: "ordered", contrast });

runRuleTests(rule, {
  cases: [
    {
      name: "with and without contrast, uncomplicated",
      facts: noteFacts({ weeks: 2, facts: [mri("with_and_without")] }),
      expect: { outcome: "deviation", messageId: "withContrast", evidenceCount: 1, data: { contrast: "with and without" } },
    },
    {
      name: "with contrast, uncomplicated",
      facts: noteFacts({ facts: [mri("with")] }),
      expect: { outcome: "deviation", data: { contrast: "with" } },
    },
    {
      name: "without contrast",
      facts: noteFacts({ facts: [mri("without")] }),
      expect: { outcome: "adherent", messageId: "withoutContrast" },
    },
    {
      name: "contrast unspecified is adherent",
      facts: noteFacts({ facts: [mri("unspecified")] }),
      expect: { outcome: "adherent", messageId: "withoutContrast" },
    },
    {
      name: "with/without justified by prior lumbar surgery",
      facts: noteFacts({ facts: [mri("with_and_without"), mention("prior_lumbar_surgery", historical)] }),
      expect: { outcome: "adherent", messageId: "justified", data: { reason: "prior lumbar surgery" }, evidenceCount: 2 },
    },
    {
      name: "prior surgery recorded as a surgery fact with status prior",
      facts: noteFacts({ facts: [mri("with"), mention("surgery", { status: "prior", ...historical })] }),
      expect: { outcome: "adherent", messageId: "justified" },
    },
    {
      name: "suspected infection (fever)",
      facts: noteFacts({ facts: [mri("with"), mention("red_flag", { finding: "fever" })] }),
      expect: { outcome: "adherent", data: { reason: "suspected infection" } },
    },
    {
      name: "suspected malignancy (history of cancer)",
      facts: noteFacts({ facts: [mri("with"), mention("red_flag", { finding: "cancer_history", ...historical })] }),
      expect: { outcome: "adherent", data: { reason: "suspected malignancy" } },
    },
    {
      name: "possible metastasis counts as suspected malignancy",
      facts: noteFacts({ facts: [mri("with"), mention("red_flag", { finding: "weight_loss", ...possible })] }),
      expect: { outcome: "adherent", data: { reason: "suspected malignancy" } },
    },
    {
      name: "negated fever and family cancer do not justify contrast",
      facts: noteFacts({
        facts: [mri("with"), mention("red_flag", { finding: "fever", ...negated }), mention("red_flag", { finding: "cancer_history", ...family })],
      }),
      expect: { outcome: "deviation" },
    },
    {
      name: "cauda equina does not justify contrast",
      facts: noteFacts({ facts: [mri("with"), mention("red_flag", { finding: "urinary_retention" })] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "prior MRI with contrast is not an order",
      facts: noteFacts({ facts: [mention("imaging", { status: "prior", contrast: "with", ...historical })] }),
      expect: { outcome: "not_applicable", messageId: "noMri" },
    },
    {
      name: "CT with contrast is not an MRI",
      facts: noteFacts({ facts: [mention("imaging", { modality: "ct", contrast: "with" })] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
