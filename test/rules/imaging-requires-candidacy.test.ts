import rule from "../../src/rules/packs/lumbosacral-radiculopathy/imaging-requires-candidacy.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { hypothetical, mention, noteFacts } from "../helpers/facts.js";

const mri = () => mention("imaging", { modality: "mri", status: "ordered", contrast: "without" });

runRuleTests(rule, {
  cases: [
    {
      name: "open to a TFESI or revision discectomy",
      facts: noteFacts({ weeks: 10, facts: [mri(), mention("candidacy", { intervention: "either", stance: "considering" })] }),
      expect: { outcome: "adherent", messageId: "candidate", evidenceCount: 2 },
    },
    {
      name: "referred to a spine surgeon",
      facts: noteFacts({ weeks: 8, facts: [mri(), mention("referral", { specialty: "neurosurgery" })] }),
      expect: { outcome: "adherent", messageId: "candidate" },
    },
    {
      name: "referred for an injection (ESI planned)",
      facts: noteFacts({ weeks: 8, facts: [mri(), mention("esi", { status: "planned" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "'would consider an ESI depending on the MRI' (hypothetical candidacy) counts",
      facts: noteFacts({ weeks: 10, facts: [mri(), mention("candidacy", { intervention: "esi", stance: "considering", ...hypothetical })] }),
      expect: { outcome: "adherent", messageId: "candidate" },
    },
    {
      name: "a TFESI conditional on the MRI means the patient is being considered for it",
      facts: noteFacts({ weeks: 10, facts: [mri(), mention("esi", { status: "conditional", ...hypothetical })] }),
      expect: { outcome: "adherent", messageId: "candidate" },
    },
    {
      name: "a stance from a past visit does not count",
      facts: noteFacts({ weeks: 10, facts: [mri(), mention("candidacy", { stance: "declines", temporality: "historical" })] }),
      expect: { outcome: "insufficient_data" },
    },
    {
      name: "not interested in injections or surgery",
      facts: noteFacts({ weeks: 8, facts: [mri(), mention("candidacy", { intervention: "either", stance: "declines" })] }),
      expect: { outcome: "deviation", messageId: "notCandidate", evidenceCount: 2 },
    },
    {
      name: "declines injection and not a surgical candidate",
      facts: noteFacts({
        weeks: 9,
        facts: [
          mri(),
          mention("candidacy", { intervention: "esi", stance: "declines" }),
          mention("candidacy", { intervention: "surgery", stance: "not_candidate" }),
        ],
      }),
      expect: { outcome: "deviation", messageId: "notCandidate" },
    },
    {
      name: "declined injection (esi status declined) and not a surgical candidate",
      facts: noteFacts({
        weeks: 9,
        facts: [
          mri(),
          mention("esi", { status: "declined" }),
          mention("candidacy", { intervention: "surgery", stance: "not_candidate" }),
        ],
      }),
      expect: { outcome: "deviation", messageId: "notCandidate", evidenceCount: 3 },
    },
    {
      name: "declines surgery only, no word on injection",
      facts: noteFacts({ weeks: 9, facts: [mri(), mention("candidacy", { intervention: "surgery", stance: "declines" })] }),
      expect: { outcome: "insufficient_data", messageId: "candidacyUnknown" },
    },
    {
      name: "MRI at 7 weeks, no mention of injection or surgery",
      facts: noteFacts({ weeks: 7, facts: [mri()] }),
      expect: {
        outcome: "insufficient_data",
        messageId: "candidacyUnknown",
        missing: ["candidacy for epidural injection or surgery"],
      },
    },
    {
      name: "a conditional spine referral is not a referral",
      facts: noteFacts({ weeks: 7, facts: [mri(), mention("referral", { specialty: "spine_surgery", ...hypothetical })] }),
      expect: { outcome: "insufficient_data" },
    },
    {
      name: "early MRI: not this rule's business",
      facts: noteFacts({ weeks: 3, facts: [mri()] }),
      expect: { outcome: "not_applicable", messageId: "notApplicable" },
    },
    {
      name: "unknown duration: not applicable",
      facts: noteFacts({ facts: [mri()] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "red flag present: not applicable",
      facts: noteFacts({ weeks: 8, facts: [mri(), mention("red_flag", { finding: "weight_loss" })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "soft age factor is not a red flag here",
      facts: noteFacts({ weeks: 8, patientAge: 70, newOnset: true, facts: [mri()] }),
      expect: { outcome: "insufficient_data" },
    },
    {
      name: "CT ordered is not an MRI",
      facts: noteFacts({ weeks: 8, facts: [mention("imaging", { modality: "ct" })] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
