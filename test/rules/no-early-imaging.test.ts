import rule from "../../src/rules/packs/lumbosacral-radiculopathy/no-early-imaging.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { family, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const mri = (fields = {}) => mention("imaging", { modality: "mri", status: "ordered", section: "plan", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "MRI ordered at 2 weeks without red flags",
      facts: noteFacts({ weeks: 2, facts: [mri()] }),
      expect: { outcome: "deviation", messageId: "early", evidenceCount: 2, data: { modality: "MRI", duration: "2 weeks" } },
    },
    {
      name: "CT ordered at 3 days",
      facts: noteFacts({ weeks: 0.43, facts: [mri({ modality: "ct" })] }),
      expect: { outcome: "deviation", data: { modality: "CT" } },
    },
    {
      name: "MRI at 8 weeks",
      facts: noteFacts({ weeks: 8, facts: [mri()] }),
      expect: { outcome: "adherent", messageId: "late" },
    },
    {
      name: "exactly 6 weeks is not early",
      facts: noteFacts({ weeks: 6, facts: [mri()] }),
      expect: { outcome: "adherent", messageId: "late" },
    },
    {
      name: "early MRI with cauda equina",
      facts: noteFacts({ weeks: 1, facts: [mri(), mention("red_flag", { finding: "urinary_retention" })] }),
      expect: { outcome: "adherent", messageId: "redFlag", evidenceCount: 2 },
    },
    {
      name: "soft age factor (67, new onset) exempts early MRI",
      facts: noteFacts({ weeks: 3, patientAge: 67, newOnset: true, facts: [mri()] }),
      expect: { outcome: "adherent", messageId: "softAgeFactor" },
    },
    {
      name: "soft age factor switched off by option",
      facts: noteFacts({ weeks: 3, patientAge: 67, newOnset: true, facts: [mri()] }),
      options: { ageOver50IsRedFlag: false },
      expect: { outcome: "deviation", messageId: "early" },
    },
    {
      name: "age exactly 50 does not count",
      facts: noteFacts({ weeks: 3, patientAge: 50, newOnset: true, facts: [mri()] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "age > 50 but a recurrence (not new onset)",
      facts: noteFacts({ weeks: 3, patientAge: 70, newOnset: false, facts: [mri()] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "age > 50 with unknown new-onset status",
      facts: noteFacts({ weeks: 3, patientAge: 70, newOnset: null, facts: [mri()] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "soft age factor also covers an unknown duration",
      facts: noteFacts({ patientAge: 60, newOnset: true, facts: [mri()] }),
      expect: { outcome: "adherent", messageId: "softAgeFactor" },
    },
    {
      name: "unknown duration, no red flag",
      facts: noteFacts({ facts: [mri()] }),
      expect: { outcome: "insufficient_data", messageId: "unknownDuration", missing: ["symptom duration"], evidenceCount: 1 },
    },
    {
      name: "chronic without a number is an unknown duration",
      facts: noteFacts({ chronic: true, facts: [mri()] }),
      expect: { outcome: "insufficient_data", data: { detail: " (described only as chronic, without a number)" } },
    },
    {
      name: "conditional MRI ('if no better in 6 weeks') is not ordered",
      facts: noteFacts({ weeks: 1.4, facts: [mri({ status: "conditional", ...hypothetical })] }),
      expect: { outcome: "not_applicable", messageId: "noImaging" },
    },
    {
      name: "prior MRI (results reviewed) is not ordered now",
      facts: noteFacts({ weeks: 4, facts: [mri({ status: "prior", temporality: "historical" })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "CT used for needle guidance is not ordered imaging",
      facts: noteFacts({ weeks: 4, facts: [mri({ modality: "ct", status: "guidance" })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "X-ray is not MRI/CT; cervical MRI is not lumbar",
      facts: noteFacts({ weeks: 1, facts: [mri({ modality: "xray" }), mri({ region: "other" })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "'imaging not needed' (negated) is not an order",
      facts: noteFacts({ weeks: 0.1, facts: [mri(negated)] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "MRI for a family member is not an order for the patient",
      facts: noteFacts({ weeks: 1, facts: [mri(family)] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
