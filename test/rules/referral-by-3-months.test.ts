import rule from "../../src/rules/packs/lumbosacral-radiculopathy/referral-by-3-months.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { mention, negated, noteFacts } from "../helpers/facts.js";

const leg = () => mention("symptom", { finding: "leg_pain", side: "left" });

runRuleTests(rule, {
  cases: [
    {
      name: "14 weeks of radicular pain, PT referral only",
      facts: noteFacts({ weeks: 14, facts: [leg(), mention("referral", { specialty: "physical_therapy" })] }),
      expect: { outcome: "deviation", messageId: "notReferred", evidenceCount: 1, data: { duration: "14 weeks" } },
    },
    {
      name: "exactly 12 weeks, patient under a neurosurgeon",
      facts: noteFacts({ weeks: 12, facts: [leg(), mention("referral", { specialty: "neurosurgery", existing: true })] }),
      expect: { outcome: "adherent", messageId: "referred", evidenceCount: 2 },
    },
    {
      name: "13 weeks, interlaminar ESI performed by pain medicine (procedure note)",
      facts: noteFacts({
        noteType: "procedure",
        weeks: 13,
        facts: [mention("symptom", { finding: "radiculopathy" }), mention("esi", { status: "performed", approach: "interlaminar" })],
      }),
      expect: { outcome: "adherent", messageId: "referred" },
    },
    {
      name: "many years (104 weeks), referral to pain medicine now",
      facts: noteFacts({ weeks: 104, facts: [mention("clinical_root", { root: "L5", side: "left" }), mention("referral", { specialty: "pain_medicine" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "chronic sciatica without a number, no specialist",
      facts: noteFacts({ chronic: true, facts: [mention("symptom", { finding: "sciatica", side: "left" })] }),
      expect: {
        outcome: "insufficient_data",
        messageId: "chronicNoNumber",
        missing: ["symptom duration"],
        evidenceCount: 1,
        data: { referral: "no specialist referral" },
      },
    },
    {
      name: "chronic without a number stays insufficient even with a specialist",
      facts: noteFacts({ chronic: true, facts: [leg(), mention("referral", { specialty: "pmr", existing: true })] }),
      expect: { outcome: "insufficient_data", data: { referral: "a specialist is involved" } },
    },
    {
      name: "11.9 weeks: not yet 3 months",
      facts: noteFacts({ weeks: 11.9, facts: [leg()] }),
      expect: { outcome: "not_applicable", messageId: "notApplicable" },
    },
    {
      name: "unknown duration (not described as chronic): not applicable",
      facts: noteFacts({ facts: [leg()] }),
      expect: { outcome: "not_applicable", messageId: "notApplicable" },
    },
    {
      name: "axial low back pain only (no radicular symptoms) for 20 weeks",
      facts: noteFacts({ weeks: 20, facts: [mention("symptom", { finding: "low_back_pain" }), mention("symptom", { finding: "leg_pain", ...negated })] }),
      expect: { outcome: "not_applicable", messageId: "notRadicular" },
    },
  ],
});
