import rule from "../../src/rules/packs/lumbosacral-radiculopathy/esi-image-guidance.js";
import { runRuleTests } from "../../src/rules/tester.js";
import { historical, hypothetical, mention, noteFacts } from "../helpers/facts.js";

type Approach = "transforaminal" | "interlaminar" | "caudal" | "unspecified";
type Guidance = "fluoroscopy" | "ct" | "ultrasound" | "blind" | "unspecified";
const esi = (approach: Approach, guidance: Guidance, fields = {}) => mention("esi", { approach, guidance, status: "planned", ...fields });

runRuleTests(rule, {
  cases: [
    {
      name: "interlaminar under fluoroscopic guidance",
      facts: noteFacts({ facts: [esi("interlaminar", "fluoroscopy")] }),
      expect: { outcome: "adherent", messageId: "guided", data: { guidance: "fluoroscopic" }, evidenceCount: 1 },
    },
    {
      name: "CT-guided caudal",
      facts: noteFacts({ facts: [esi("caudal", "ct")] }),
      expect: { outcome: "adherent", messageId: "guided", data: { guidance: "CT" } },
    },
    {
      name: "transforaminal without a guidance word is image-guided",
      facts: noteFacts({ facts: [esi("transforaminal", "unspecified")] }),
      expect: { outcome: "adherent", messageId: "transforaminal" },
    },
    {
      name: "ultrasound-guided caudal is image guidance",
      facts: noteFacts({ facts: [esi("caudal", "ultrasound", { status: "performed" })] }),
      expect: { outcome: "adherent", messageId: "ultrasound" },
    },
    {
      name: "caudal performed blind (landmark technique, no fluoroscopy)",
      facts: noteFacts({ noteType: "procedure", facts: [esi("caudal", "blind", { status: "performed" })] }),
      expect: { outcome: "deviation", messageId: "blind", evidenceCount: 1 },
    },
    {
      name: "an explicit blind statement wins over another mention",
      facts: noteFacts({ facts: [esi("caudal", "unspecified"), esi("caudal", "blind")] }),
      expect: { outcome: "deviation", messageId: "blind", evidenceCount: 1 },
    },
    {
      name: "interlaminar with no word on guidance",
      facts: noteFacts({ noteType: "procedure", facts: [esi("interlaminar", "unspecified", { status: "performed" })] }),
      expect: { outcome: "insufficient_data", messageId: "guidanceUnknown", missing: ["image guidance"], data: { approach: "interlaminar" } },
    },
    {
      name: "ESI referral, approach and guidance unspecified",
      facts: noteFacts({ facts: [esi("unspecified", "unspecified")] }),
      expect: { outcome: "insufficient_data", messageId: "guidanceUnknown", data: { approach: "unspecified-approach" } },
    },
    {
      name: "a prior blind injection and a conditional one are not planned",
      facts: noteFacts({ facts: [esi("caudal", "blind", { status: "prior", ...historical }), esi("caudal", "blind", { status: "conditional", ...hypothetical })] }),
      expect: { outcome: "not_applicable", messageId: "noEsi" },
    },
  ],
});
