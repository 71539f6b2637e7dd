import rule from "../../src/rules/packs/lumbosacral-radiculopathy/no-fusion-for-isolated-disc.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const fusion = (fields = {}) => mention("surgery", { procedure: "fusion", level: "L4-5", status: "planned", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "TLIF recommended for an isolated L4-5 herniation (no listhesis, no instability)",
      facts: noteFacts({
        weeks: 12,
        facts: [
          fusion(),
          mention("surgery", { procedure: "discectomy", status: "planned" }),
          mention("fusion_indication", { indication: "spondylolisthesis", ...negated }),
          mention("fusion_indication", { indication: "instability", ...negated }),
        ],
      }),
      expect: { outcome: "deviation", messageId: "noIndication", evidenceCount: 1 },
    },
    {
      name: "fusion performed to 'reduce the risk of recurrent herniation'",
      facts: noteFacts({ noteType: "procedure", weeks: 4, facts: [fusion({ status: "performed" })] }),
      expect: { outcome: "deviation", messageId: "noIndication" },
    },
    {
      name: "fusion for degenerative spondylolisthesis with dynamic instability",
      facts: noteFacts({
        noteType: "procedure",
        facts: [
          fusion({ status: "performed" }),
          mention("fusion_indication", { indication: "spondylolisthesis" }),
          mention("fusion_indication", { indication: "instability" }),
        ],
      }),
      expect: { outcome: "adherent", messageId: "indicated", evidenceCount: 3, data: { indications: "spondylolisthesis and instability" } },
    },
    {
      name: "fusion for a fracture documented in the history",
      facts: noteFacts({ facts: [fusion(), mention("fusion_indication", { indication: "fracture", ...historical })] }),
      expect: { outcome: "adherent", data: { indications: "fracture" } },
    },
    {
      name: "a family member's spondylolisthesis is not an indication",
      facts: noteFacts({ facts: [fusion(), mention("fusion_indication", { indication: "spondylolisthesis", experiencer: "family" })] }),
      expect: { outcome: "deviation" },
    },
    {
      name: "discectomy alone: not applicable",
      facts: noteFacts({ facts: [mention("surgery", { procedure: "discectomy", status: "planned" })] }),
      expect: { outcome: "not_applicable", messageId: "noFusion" },
    },
    {
      name: "fusion only discussed as an alternative (conditional) or in the past: not applicable",
      facts: noteFacts({ facts: [fusion({ status: "conditional", ...hypothetical }), fusion({ status: "prior", ...historical })] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
