import rule from "../../src/rules/packs/lumbosacral-radiculopathy/no-bed-rest.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { family, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

runRuleTests(rule, {
  cases: [
    {
      name: "bed rest for 3 days advised",
      facts: noteFacts({ weeks: 2, facts: [mention("bed_rest", { section: "plan" })] }),
      expect: { outcome: "deviation", messageId: "advised", evidenceCount: 1 },
    },
    {
      name: "two bed-rest mentions are both evidence",
      facts: noteFacts({ facts: [mention("bed_rest"), mention("bed_rest")] }),
      expect: { outcome: "deviation", messageId: "advised", evidenceCount: 2 },
    },
    {
      name: "procedure note: bed rest advised is still a deviation",
      facts: noteFacts({ noteType: "procedure", facts: [mention("bed_rest")] }),
      expect: { outcome: "deviation", messageId: "advised" },
    },
    {
      name: "'bed rest is not recommended' (negated) is adherent",
      facts: noteFacts({ facts: [mention("bed_rest", negated)] }),
      expect: { outcome: "adherent", messageId: "notAdvised" },
    },
    {
      name: "'if worse, rest in bed' (hypothetical) does not count",
      facts: noteFacts({ facts: [mention("bed_rest", hypothetical)] }),
      expect: { outcome: "adherent", messageId: "notAdvised" },
    },
    {
      name: "bed rest advised to someone else does not count",
      facts: noteFacts({ facts: [mention("bed_rest", family)] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "no mention at all is adherent",
      facts: noteFacts(),
      expect: { outcome: "adherent", messageId: "notAdvised", evidenceCount: 0 },
    },
    {
      name: "out of scope note is not applicable",
      facts: noteFacts({ inScope: false, facts: [mention("bed_rest")] }),
      expect: { outcome: "not_applicable", messageId: "outOfScope" },
    },
  ],
});
