import rule from "../../src/rules/packs/lumbosacral-radiculopathy/red-flag-urgent-workup.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { family, historical, hypothetical, mention, negated, noteFacts, possible } from "../helpers/facts.js";

const cauda = () => mention("red_flag", { finding: "saddle_anesthesia" });
const mri = () => mention("imaging", { modality: "mri", contrast: "without", status: "ordered", section: "plan" });

runRuleTests(rule, {
  cases: [
    {
      name: "cauda equina with STAT MRI and neurosurgery consult",
      facts: noteFacts({ weeks: 1.4, facts: [cauda(), mri(), mention("referral", { specialty: "neurosurgery" })] }),
      expect: { outcome: "adherent", messageId: "complete", evidenceCount: 3 },
    },
    {
      name: "red flag with MRI and an ED transfer (urgent referral)",
      facts: noteFacts({ facts: [cauda(), mri(), mention("referral", { specialty: "emergency", existing: false })] }),
      expect: { outcome: "adherent", messageId: "complete" },
    },
    {
      name: "red flag with MRI and hospital admission",
      facts: noteFacts({ facts: [cauda(), mri(), mention("referral", { specialty: "admission" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "specialist already writing the note and MRI already done",
      facts: noteFacts({
        facts: [
          mention("red_flag", { finding: "foot_drop" }),
          mention("imaging", { status: "prior", ...historical }),
          mention("referral", { specialty: "spine_surgery", existing: true }),
        ],
      }),
      expect: { outcome: "adherent", messageId: "complete" },
    },
    {
      name: "HIV (immunosuppression, historical mention) with no MRI or referral",
      facts: noteFacts({ weeks: 3, facts: [mention("red_flag", { finding: "immunosuppression", ...historical })] }),
      expect: { outcome: "deviation", messageId: "missing", evidenceCount: 1, data: { missing: "lumbar MRI and specialist referral are" } },
    },
    {
      name: "significant trauma, MRI ordered but only PT referral",
      facts: noteFacts({
        facts: [mention("red_flag", { finding: "significant_trauma" }), mri(), mention("referral", { specialty: "physical_therapy" })],
      }),
      expect: { outcome: "deviation", data: { missing: "specialist referral is" } },
    },
    {
      name: "ED physician writing the note is not a referral",
      facts: noteFacts({ facts: [cauda(), mri(), mention("referral", { specialty: "emergency", existing: true })] }),
      expect: { outcome: "deviation", data: { missing: "specialist referral is" } },
    },
    {
      name: "referral but only a conditional MRI",
      facts: noteFacts({
        facts: [cauda(), mention("imaging", { status: "conditional", ...hypothetical }), mention("referral", { specialty: "neurosurgery" })],
      }),
      expect: { outcome: "deviation", data: { missing: "lumbar MRI is" } },
    },
    {
      name: "CT is not the MRI the rule asks for",
      facts: noteFacts({ facts: [cauda(), mention("imaging", { modality: "ct" }), mention("referral", { specialty: "neurosurgery" })] }),
      expect: { outcome: "deviation", data: { missing: "lumbar MRI is" } },
    },
    {
      name: "age > 50 with new onset alone never triggers the rule",
      facts: noteFacts({ patientAge: 67, newOnset: true, weeks: 3 }),
      expect: { outcome: "not_applicable", messageId: "noRedFlag" },
    },
    {
      name: "negated, possible and family red flags are not present",
      facts: noteFacts({
        facts: [
          mention("red_flag", { finding: "fever", ...negated }),
          mention("red_flag", { finding: "cauda_equina_syndrome", ...possible }),
          mention("red_flag", { finding: "cancer_history", ...family }),
        ],
      }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "a historical fever is not a present red flag",
      facts: noteFacts({ facts: [mention("red_flag", { finding: "fever", ...historical })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "applies to procedure notes too (operative report for cauda equina)",
      facts: noteFacts({
        noteType: "procedure",
        facts: [cauda(), mention("imaging", { status: "prior" }), mention("surgery", { procedure: "decompression", status: "performed" })],
      }),
      expect: { outcome: "adherent" },
    },
  ],
});
