import rule from "../../src/rules/packs/lumbosacral-radiculopathy/esi-after-conservative-care.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const esi = (fields = {}) => mention("esi", { approach: "transforaminal", status: "planned", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "TFESI scheduled at 9 weeks",
      facts: noteFacts({ weeks: 9, facts: [esi()] }),
      expect: { outcome: "adherent", messageId: "afterSixWeeks", evidenceCount: 2 },
    },
    {
      name: "ESI performed in a procedure note at 13 weeks",
      facts: noteFacts({ noteType: "procedure", weeks: 13, facts: [esi({ approach: "interlaminar", status: "performed" })] }),
      expect: { outcome: "adherent", messageId: "afterSixWeeks" },
    },
    {
      name: "referral for an ESI at 2 weeks counts as planned",
      facts: noteFacts({ weeks: 2, facts: [esi({ approach: "unspecified" }), mention("referral", { specialty: "pain_medicine" })] }),
      expect: { outcome: "deviation", messageId: "early", evidenceCount: 2, data: { duration: "2 weeks" } },
    },
    {
      name: "early ESI with a red flag",
      facts: noteFacts({ weeks: 2, facts: [esi(), mention("red_flag", { finding: "cancer_history", ...historical })] }),
      expect: { outcome: "adherent", messageId: "redFlag" },
    },
    {
      name: "soft age factor does not exempt an early ESI",
      facts: noteFacts({ weeks: 2, patientAge: 70, newOnset: true, facts: [esi()] }),
      expect: { outcome: "deviation", messageId: "early" },
    },
    {
      name: "unknown duration, no red flag",
      facts: noteFacts({ facts: [esi({ approach: "interlaminar", guidance: "fluoroscopy" })] }),
      expect: { outcome: "insufficient_data", messageId: "unknownDuration", missing: ["symptom duration"], evidenceCount: 1 },
    },
    {
      name: "chronic without a number",
      facts: noteFacts({ chronic: true, facts: [esi()] }),
      expect: { outcome: "insufficient_data", messageId: "unknownDuration" },
    },
    {
      name: "TFESI only conditional on the MRI is not planned",
      facts: noteFacts({ weeks: 2, facts: [esi({ status: "conditional", ...hypothetical })] }),
      expect: { outcome: "not_applicable", messageId: "noEsi" },
    },
    {
      name: "prior and declined ESIs are not planned",
      facts: noteFacts({ weeks: 2, facts: [esi({ status: "prior", ...historical }), esi({ status: "declined" }), esi(negated)] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
