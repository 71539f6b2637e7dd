import rule from "../../src/rules/packs/lumbosacral-radiculopathy/conservative-care-first.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const care = (item: "nsaid" | "activity" | "physical_therapy" | "heat_cold" | "home_exercise" = "physical_therapy", fields = {}) =>
  mention("conservative_care", { item, section: "plan", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "ibuprofen, keep moving, heat at 10 days",
      facts: noteFacts({ weeks: 1.43, facts: [care("nsaid"), care("activity"), care("heat_cold")] }),
      expect: { outcome: "adherent", messageId: "conservative", evidenceCount: 3 },
    },
    {
      name: "an NSAID medication in the plan counts",
      facts: noteFacts({ weeks: 2, facts: [mention("medication", { drug: "naproxen", drugClass: "nsaid", section: "plan" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "a medication continued from the medication list counts",
      facts: noteFacts({ weeks: 2, facts: [mention("medication", { drug: "acetaminophen", drugClass: "acetaminophen", section: "medications" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "list-only medication does not count",
      facts: noteFacts({ weeks: 2, facts: [mention("medication", { drugClass: "nsaid", section: "medications", listOnly: true })] }),
      expect: { outcome: "deviation", messageId: "noConservativeCare", evidenceCount: 1 },
    },
    {
      name: "care mentioned only in the history (not the plan) does not count",
      facts: noteFacts({ weeks: 2, facts: [care("nsaid", { section: "hpi" }), care("physical_therapy", { section: "hpi", ...historical })] }),
      expect: { outcome: "deviation", messageId: "noConservativeCare" },
    },
    {
      name: "'has not tried PT' (negated) and conditional PT do not count",
      facts: noteFacts({ weeks: 3, facts: [care("physical_therapy", negated), care("physical_therapy", hypothetical)] }),
      expect: { outcome: "deviation", messageId: "noConservativeCare" },
    },
    {
      name: "surgery recommended at 4 weeks, even with an NSAID",
      facts: noteFacts({ weeks: 4, facts: [care("nsaid"), mention("surgery", { procedure: "discectomy", status: "planned" })] }),
      expect: { outcome: "deviation", messageId: "surgeryRecommended", evidenceCount: 2 },
    },
    {
      name: "conditional surgery does not count as recommended",
      facts: noteFacts({ weeks: 4, facts: [care("nsaid"), mention("surgery", { status: "conditional", ...hypothetical })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "soft age factor is not a red flag here",
      facts: noteFacts({ weeks: 3, patientAge: 67, newOnset: true, facts: [care("physical_therapy")] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "red flag present: not applicable",
      facts: noteFacts({ weeks: 1, facts: [mention("red_flag", { finding: "saddle_anesthesia" })] }),
      expect: { outcome: "not_applicable", messageId: "notApplicable" },
    },
    {
      name: "at >= 6 weeks: not applicable",
      facts: noteFacts({ weeks: 6, facts: [] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "unknown duration: not applicable",
      facts: noteFacts({ facts: [care()] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "chronic without a number: not applicable",
      facts: noteFacts({ chronic: true, facts: [] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "operative report: not applicable (note type)",
      facts: noteFacts({ noteType: "procedure", weeks: 4, facts: [mention("surgery", { status: "performed" })] }),
      expect: { outcome: "not_applicable", messageId: "noteType" },
    },
  ],
});
