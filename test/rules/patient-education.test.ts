import rule from "../../src/rules/packs/lumbosacral-radiculopathy/patient-education.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

runRuleTests(rule, {
  cases: [
    {
      name: "explained disc herniations shrink and most improve",
      facts: noteFacts({ weeks: 1.43, facts: [mention("education", { topic: "natural_history", section: "plan" })] }),
      expect: { outcome: "adherent", messageId: "educated", evidenceCount: 1 },
    },
    {
      name: "reassurance that imaging findings are common without symptoms",
      facts: noteFacts({ weeks: 3, facts: [mention("education", { topic: "imaging_findings" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "early, no red flag, no education",
      facts: noteFacts({ weeks: 2, facts: [mention("conservative_care", { item: "nsaid" })] }),
      expect: { outcome: "deviation", messageId: "notEducated", evidenceCount: 1, data: { duration: "2 weeks" } },
    },
    {
      name: "negated or hypothetical education does not count",
      facts: noteFacts({ weeks: 2, facts: [mention("education", negated), mention("education", hypothetical)] }),
      expect: { outcome: "deviation", messageId: "notEducated" },
    },
    {
      name: "education given at an earlier visit (historical) still documents it",
      facts: noteFacts({ weeks: 2, facts: [mention("education", historical)] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "soft age factor (67, first episode) is not a red flag here",
      facts: noteFacts({ weeks: 3, patientAge: 67, newOnset: true, facts: [] }),
      expect: { outcome: "deviation", messageId: "notEducated" },
    },
    {
      name: "red flag (HIV) present: not applicable even with education",
      facts: noteFacts({ weeks: 3, facts: [mention("red_flag", { finding: "immunosuppression" }), mention("education")] }),
      expect: { outcome: "not_applicable", messageId: "notApplicable" },
    },
    {
      name: "at 9 weeks: not applicable although education is documented",
      facts: noteFacts({ weeks: 9, facts: [mention("education")] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "unknown duration: not applicable",
      facts: noteFacts({ facts: [mention("education")] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "procedure note: not applicable",
      facts: noteFacts({ noteType: "procedure", weeks: 2 }),
      expect: { outcome: "not_applicable", messageId: "noteType" },
    },
  ],
});
