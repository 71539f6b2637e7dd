import rule from "../../src/rules/packs/lumbosacral-radiculopathy/surgery-indications.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const discectomy = (fields = {}) => mention("surgery", { procedure: "discectomy", status: "planned", ...fields });
const failed = () => mention("treatment_failure", { quote: "Failed PT (6 wks), NSAIDs", ...historical });
const compression = () => mention("imaging_finding", { level: "L4-5", side: "right", zone: "paracentral", compression: true, ...historical });
const unableToWork = () => mention("disabling_pain", { quote: "Unable to work" });

runRuleTests(rule, {
  cases: [
    {
      name: "microdiscectomy at 12 weeks: failed PT, compression on MRI, unable to work",
      facts: noteFacts({ weeks: 12, facts: [discectomy(), failed(), compression(), unableToWork()] }),
      expect: { outcome: "adherent", messageId: "indicated", evidenceCount: 5 },
    },
    {
      name: "functional limitation fact also satisfies the function criterion",
      facts: noteFacts({ weeks: 10, facts: [discectomy(), failed(), compression(), mention("functional_limitation")] }),
      expect: { outcome: "adherent", messageId: "indicated" },
    },
    {
      name: "decompression performed for cauda equina at 1 week",
      facts: noteFacts({
        noteType: "procedure",
        weeks: 1,
        facts: [mention("surgery", { procedure: "decompression", status: "performed" }), mention("red_flag", { finding: "urinary_retention" })],
      }),
      expect: { outcome: "adherent", messageId: "urgent", data: { redFlag: "cauda equina" } },
    },
    {
      name: "progressive foot drop",
      facts: noteFacts({ weeks: 3, facts: [discectomy(), mention("red_flag", { finding: "foot_drop" })] }),
      expect: { outcome: "adherent", messageId: "urgent", data: { redFlag: "a progressive motor deficit" } },
    },
    {
      name: "surgery recommended at 4 weeks: no failed therapy, no limitation",
      facts: noteFacts({ weeks: 4, facts: [discectomy(), compression()] }),
      expect: {
        outcome: "deviation",
        messageId: "notIndicated",
        data: { missing: "failed noninvasive therapy, symptoms for more than 6 weeks and functional limitation" },
      },
    },
    {
      name: "operative note at 4 weeks (microdiscectomy + TLIF), nothing else documented",
      facts: noteFacts({
        noteType: "procedure",
        weeks: 4,
        facts: [discectomy({ status: "performed" }), mention("surgery", { procedure: "fusion", status: "performed" }), compression()],
      }),
      expect: { outcome: "deviation", messageId: "notIndicated" },
    },
    {
      name: "exactly 6 weeks is not 'greater than 6 weeks'",
      facts: noteFacts({ weeks: 6, facts: [discectomy(), failed(), compression(), unableToWork()] }),
      expect: { outcome: "deviation", data: { missing: "symptoms for more than 6 weeks" } },
    },
    {
      name: "unknown duration counts as the duration criterion missing",
      facts: noteFacts({ facts: [discectomy(), failed(), compression(), unableToWork()] }),
      expect: { outcome: "deviation", data: { missing: "symptoms for more than 6 weeks" } },
    },
    {
      name: "disc without compression is not 'nerve root compression on imaging'",
      facts: noteFacts({
        weeks: 10,
        facts: [discectomy(), failed(), unableToWork(), mention("imaging_finding", { level: "L5-S1", compression: false })],
      }),
      expect: { outcome: "deviation", data: { missing: "nerve root compression on imaging" } },
    },
    {
      name: "'no weakness'-style negated red flags and a possible cauda equina do not make it urgent",
      facts: noteFacts({
        weeks: 3,
        facts: [
          discectomy(),
          mention("red_flag", { finding: "progressive_weakness", ...negated }),
          mention("red_flag", { finding: "cauda_equina_syndrome", assertion: "possible" }),
        ],
      }),
      expect: { outcome: "deviation", data: { missing: "failed noninvasive therapy, nerve root compression on imaging, symptoms for more than 6 weeks and functional limitation" } },
    },
    {
      name: "decompression only conditional on the MRI: not applicable",
      facts: noteFacts({ weeks: 1.4, facts: [mention("surgery", { procedure: "decompression", status: "conditional", ...hypothetical })] }),
      expect: { outcome: "not_applicable", messageId: "noSurgery" },
    },
    {
      name: "prior surgery and declined surgery: not applicable",
      facts: noteFacts({ weeks: 10, facts: [discectomy({ status: "prior", ...historical }), discectomy({ status: "declined" })] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
