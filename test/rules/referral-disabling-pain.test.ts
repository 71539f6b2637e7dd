import rule from "../../src/rules/packs/lumbosacral-radiculopathy/referral-disabling-pain.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const disabling = () => mention("disabling_pain", { quote: "Unable to work" });

runRuleTests(rule, {
  cases: [
    {
      name: "unable to work, patient under a neurosurgeon (note written by one)",
      facts: noteFacts({ weeks: 12, facts: [disabling(), mention("referral", { specialty: "neurosurgery", existing: true })] }),
      expect: { outcome: "adherent", messageId: "referred", evidenceCount: 2 },
    },
    {
      name: "disabling pain, referral to PM&R made now",
      facts: noteFacts({ facts: [disabling(), mention("referral", { specialty: "pmr" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "orthopedics counts as a specialist",
      facts: noteFacts({ facts: [disabling(), mention("referral", { specialty: "orthopedics" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "intractable pain sent to the emergency department",
      facts: noteFacts({ facts: [disabling(), mention("referral", { specialty: "emergency", existing: false })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "operative report for disabling pain: the surgeon is the specialist",
      facts: noteFacts({ noteType: "procedure", facts: [disabling(), mention("surgery", { procedure: "decompression", status: "performed" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "unable to work, only a PT referral",
      facts: noteFacts({ weeks: 14, facts: [disabling(), mention("referral", { specialty: "physical_therapy" })] }),
      expect: { outcome: "deviation", messageId: "notReferred", evidenceCount: 1 },
    },
    {
      name: "neurology and primary care are not specialists",
      facts: noteFacts({
        facts: [disabling(), mention("referral", { specialty: "neurology" }), mention("referral", { specialty: "primary_care" })],
      }),
      expect: { outcome: "deviation", messageId: "notReferred" },
    },
    {
      name: "a conditional or declined specialist referral does not count",
      facts: noteFacts({
        facts: [
          disabling(),
          mention("referral", { specialty: "spine_surgery", ...hypothetical }),
          mention("referral", { specialty: "pain_medicine", ...negated }),
        ],
      }),
      expect: { outcome: "deviation" },
    },
    {
      name: "a past referral that is not ongoing does not count",
      facts: noteFacts({ facts: [disabling(), mention("referral", { specialty: "spine_surgery", existing: false, ...historical })] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "an ESI merely planned (PCP referral for injection, no specialist referral fact) is not specialist care",
      facts: noteFacts({ facts: [disabling(), mention("esi", { status: "planned" })] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "'not disabling' / past disabling pain do not trigger the rule",
      facts: noteFacts({ facts: [mention("disabling_pain", negated), mention("disabling_pain", historical)] }),
      expect: { outcome: "not_applicable", messageId: "notDisabling" },
    },
    {
      name: "functional limitation alone ('can't sit > 20 min') is not disabling",
      facts: noteFacts({ facts: [mention("functional_limitation")] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
