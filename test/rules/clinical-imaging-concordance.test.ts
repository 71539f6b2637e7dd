import rule from "../../src/rules/packs/lumbosacral-radiculopathy/clinical-imaging-concordance.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, negated, noteFacts } from "../helpers/facts.js";

type Side = "left" | "right" | "bilateral" | "central";
type Level = "L3-4" | "L4-5" | "L5-S1";
type Zone = "central" | "paracentral" | "foraminal" | "far_lateral" | "lateral_recess" | null;
type Root = "L4" | "L5" | "S1";

const root = (r: Root | null, side: Side | null) => mention("clinical_root", { root: r, side, basis: "dermatome" });
const disc = (level: Level | null, side: Side | null, zone: Zone = null, fields = {}) =>
  mention("imaging_finding", { level, side, zone, compression: true, ...historical, ...fields });
const esi = (side: Side | null = null, fields = {}) => mention("esi", { approach: "transforaminal", side, status: "planned", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "left S1 with left paracentral L5-S1",
      facts: noteFacts({ facts: [root("S1", "left"), disc("L5-S1", "left", "paracentral"), esi("left")] }),
      expect: { outcome: "adherent", messageId: "concordant", evidenceCount: 2 },
    },
    {
      name: "right L5 with right paracentral L4-5 (traversing L5)",
      facts: noteFacts({ facts: [root("L5", "right"), disc("L4-5", "right", "paracentral"), mention("surgery", { status: "planned" })] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "central L4-5 disc with bilateral S1 signs agrees (a central disc with bilateral symptoms)",
      facts: noteFacts({ facts: [root("S1", "bilateral"), disc("L4-5", "central", "central"), mention("surgery", { status: "planned" })] }),
      expect: { outcome: "adherent", messageId: "concordant" },
    },
    {
      name: "L4 picture with paracentral L3-4",
      facts: noteFacts({ facts: [root("L4", "left"), disc("L3-4", "left", "paracentral"), esi()] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "foraminal L5-S1 compresses the exiting L5: explains L5",
      facts: noteFacts({ facts: [root("L5", "left"), disc("L5-S1", "left", "foraminal"), esi("left")] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "foraminal L5-S1 does not explain S1",
      facts: noteFacts({ facts: [root("S1", "left"), disc("L5-S1", "left", "foraminal"), esi("left")] }),
      expect: { outcome: "deviation", messageId: "discordant" },
    },
    {
      name: "far-lateral L4-5 compresses exiting L4, not L5",
      facts: noteFacts({ facts: [root("L5", "right"), disc("L4-5", "right", "far_lateral"), esi("right")] }),
      expect: { outcome: "deviation", messageId: "discordant" },
    },
    {
      name: "paracentral L4-5 does not explain S1",
      facts: noteFacts({ facts: [root("S1", "right"), disc("L4-5", "right", "paracentral"), esi("right")] }),
      expect: { outcome: "deviation", messageId: "discordant" },
    },
    {
      name: "zone unstated: either root of the level (L5-S1 explains L5)",
      facts: noteFacts({ facts: [root("L5", "left"), disc("L5-S1", "left"), esi("left")] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "root named on the report wins over the level",
      facts: noteFacts({ facts: [root("L5", "left"), disc("L4-5", "left", "paracentral", { root: "L5" }), esi("left")] }),
      expect: { outcome: "adherent" },
    },
    {
      name: "left S1 signs with only a right L3-4 protrusion",
      facts: noteFacts({ facts: [root("S1", "left"), disc("L3-4", "right", "paracentral"), esi("left")] }),
      expect: { outcome: "deviation", messageId: "discordant", evidenceCount: 3 },
    },
    {
      name: "right L5 picture, left L4-5 disc, TFESI on the left: procedure on the wrong side",
      facts: noteFacts({
        facts: [
          root("L5", "right"),
          mention("symptom", { finding: "leg_pain", side: "right" }),
          mention("symptom", { finding: "leg_pain", side: "left", ...negated }),
          disc("L4-5", "left", "paracentral"),
          disc(null, "right", null, { compression: false, ...negated }),
          esi("left"),
        ],
      }),
      expect: { outcome: "deviation", messageId: "wrongSide", data: { procedureSide: "left", clinicalSide: "right" } },
    },
    {
      name: "opposite side alone (picture by side only, matching disc)",
      facts: noteFacts({ facts: [mention("symptom", { finding: "sciatica", side: "left" }), disc("L5-S1", "left"), esi("right")] }),
      expect: { outcome: "deviation", messageId: "wrongSide" },
    },
    {
      name: "central disc with bilateral symptoms agrees",
      facts: noteFacts({
        facts: [mention("symptom", { finding: "leg_pain", side: "bilateral" }), root("L5", null), disc("L4-5", "central", "central"), mention("surgery", { procedure: "decompression", status: "planned" })],
      }),
      expect: { outcome: "adherent" },
    },
    {
      name: "left and right leg symptoms make a bilateral picture; a bilateral procedure is not on the wrong side",
      facts: noteFacts({
        facts: [
          mention("symptom", { finding: "leg_pain", side: "left" }),
          mention("symptom", { finding: "leg_pain", side: "right" }),
          disc("L4-5", "central"),
          esi("bilateral"),
        ],
      }),
      expect: { outcome: "adherent" },
    },
    {
      name: "any of several findings may explain the picture",
      facts: noteFacts({
        facts: [root("S1", "left"), disc("L4-5", "left", "paracentral", { compression: false }), disc("L5-S1", "left", "paracentral"), esi("left")],
      }),
      expect: { outcome: "adherent", evidenceCount: 2 },
    },
    {
      name: "ESI planned but MRI only ordered (no finding yet)",
      facts: noteFacts({ facts: [root("S1", "left"), mention("imaging", { status: "ordered" }), esi()] }),
      expect: { outcome: "insufficient_data", messageId: "noImaging", missing: ["imaging finding"] },
    },
    {
      name: "no imaging ever done",
      facts: noteFacts({ facts: [root("S1", "left"), esi(null, { approach: "interlaminar", guidance: "fluoroscopy" })] }),
      expect: { outcome: "insufficient_data", messageId: "noImaging" },
    },
    {
      name: "imaging documented but no clinical root or side",
      facts: noteFacts({ facts: [disc("L5-S1", "left", "paracentral"), esi()] }),
      expect: { outcome: "insufficient_data", messageId: "noClinical", missing: ["clinical root level or side"] },
    },
    {
      name: "clinical root only vs imaging side only: nothing to compare",
      facts: noteFacts({ facts: [root("S1", null), disc(null, "left"), esi()] }),
      expect: { outcome: "insufficient_data", messageId: "notComparable" },
    },
    {
      name: "a hypothetical / conditional ESI is not an invasive intervention",
      facts: noteFacts({ facts: [root("S1", "left"), disc("L3-4", "right"), esi("left", { status: "conditional", ...hypothetical })] }),
      expect: { outcome: "not_applicable", messageId: "noIntervention" },
    },
  ],
});
