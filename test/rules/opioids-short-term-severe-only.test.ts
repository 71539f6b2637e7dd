import rule from "../../src/rules/packs/lumbosacral-radiculopathy/opioids-short-term-severe-only.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

const oxy = (fields = {}) => mention("medication", { drug: "oxycodone", drugClass: "opioid", section: "plan", ...fields });
const severe = () => mention("pain_severity", { score: 9, severe: true });

runRuleTests(rule, {
  cases: [
    {
      name: "#8 at q6h (2 days), no refills, for 9/10 severe pain",
      facts: noteFacts({ facts: [oxy({ supplyDays: 2 }), severe()] }),
      expect: { outcome: "adherent", messageId: "appropriate", evidenceCount: 2 },
    },
    {
      name: "single ED IV hydromorphone dose for severe pain counts and is adherent",
      facts: noteFacts({ facts: [oxy({ drug: "hydromorphone", administered: true, section: "course", supplyDays: null }), mention("pain_severity", { severe: true })] }),
      expect: { outcome: "adherent", data: { drugs: "hydromorphone" } },
    },
    {
      name: "pain score >= 7 counts as severe without the word",
      facts: noteFacts({ facts: [oxy({ supplyDays: 5 }), mention("pain_severity", { score: 7 })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "oxycodone for 6/10 pain, #30 q6h (7.5 days)",
      facts: noteFacts({ facts: [oxy({ supplyDays: 7.5 }), mention("pain_severity", { score: 6 })] }),
      expect: {
        outcome: "deviation",
        messageId: "notSevereNotShortTerm",
        evidenceCount: 1,
        data: { reasons: "7.5 days supply (> 7)" },
      },
    },
    {
      name: "not severe, short course",
      facts: noteFacts({ facts: [oxy({ supplyDays: 3 }), mention("pain_severity", { score: 5 })] }),
      expect: { outcome: "deviation", messageId: "notSevere" },
    },
    {
      name: "no severity documented at all",
      facts: noteFacts({ facts: [mention("medication", { drug: "tramadol", drugClass: "opioid" })] }),
      expect: { outcome: "deviation", messageId: "notSevere", data: { drugs: "tramadol" } },
    },
    {
      name: "'no severe pain' (negated) and last month's 9/10 (historical) are not severe now",
      facts: noteFacts({
        facts: [oxy({ supplyDays: 2 }), mention("pain_severity", { severe: true, ...negated }), mention("pain_severity", { score: 9, ...historical })],
      }),
      expect: { outcome: "deviation", messageId: "notSevere" },
    },
    {
      name: "severe pain but refills",
      facts: noteFacts({ facts: [oxy({ supplyDays: 5, refills: true }), severe()] }),
      expect: { outcome: "deviation", messageId: "notShortTerm", data: { reasons: "refills" } },
    },
    {
      name: "severe pain but extended-release oxycodone",
      facts: noteFacts({ facts: [oxy({ drug: "oxycodone ER", longActing: true }), severe()] }),
      expect: { outcome: "deviation", messageId: "notShortTerm", data: { reasons: "extended-release / long-acting formulation" } },
    },
    {
      name: "severe pain but scheduled long-term use",
      facts: noteFacts({ facts: [oxy({ scheduledLongTerm: true }), severe()] }),
      expect: { outcome: "deviation", messageId: "notShortTerm" },
    },
    {
      name: "option maxDays: 10 allows a 9-day supply",
      facts: noteFacts({ facts: [oxy({ supplyDays: 9 }), severe()] }),
      options: { maxDays: 10 },
      expect: { outcome: "adherent" },
    },
    {
      name: "opioid given for anesthesia (intraoperative fentanyl) is not counted",
      facts: noteFacts({ noteType: "procedure", facts: [oxy({ drug: "fentanyl", anesthesia: true, administered: true })] }),
      expect: { outcome: "not_applicable", messageId: "noOpioid" },
    },
    {
      name: "opioid only on the medication list is not counted",
      facts: noteFacts({ facts: [oxy({ section: "medications", listOnly: true })] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "declined, past or conditional opioids are not counted",
      facts: noteFacts({ facts: [oxy(negated), oxy(historical), oxy(hypothetical)] }),
      expect: { outcome: "not_applicable" },
    },
    {
      name: "non-opioid analgesic only",
      facts: noteFacts({ facts: [mention("medication", { drugClass: "nsaid", drug: "naproxen" })] }),
      expect: { outcome: "not_applicable" },
    },
  ],
});
