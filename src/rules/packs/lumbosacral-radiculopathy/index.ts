/**
 * The lumbosacral-radiculopathy pack: an explicit, static registry (ESLint
 * lib/rules/index.js style). Order here is the order of every report.
 */
import type { RulePack } from "../../types.js";
import redFlagScreening from "./red-flag-screening.js";
import redFlagUrgentWorkup from "./red-flag-urgent-workup.js";
import noEarlyImaging from "./no-early-imaging.js";
import imagingRequiresCandidacy from "./imaging-requires-candidacy.js";
import mriWithoutContrast from "./mri-without-contrast.js";
import noBedRest from "./no-bed-rest.js";
import conservativeCareFirst from "./conservative-care-first.js";
import opioidsShortTermSevereOnly from "./opioids-short-term-severe-only.js";
import patientEducation from "./patient-education.js";
import esiAfterConservativeCare from "./esi-after-conservative-care.js";
import esiImageGuidance from "./esi-image-guidance.js";
import referralDisablingPain from "./referral-disabling-pain.js";
import referralBy3Months from "./referral-by-3-months.js";
import surgeryIndications from "./surgery-indications.js";
import noFusionForIsolatedDisc from "./no-fusion-for-isolated-disc.js";
import clinicalImagingConcordance from "./clinical-imaging-concordance.js";

export const PACK_SOURCE = "000_f8600c591f16344c.txt";

export const lumbosacralRadiculopathy: RulePack = {
  id: "lumbosacral-radiculopathy",
  version: "1.0",
  source: PACK_SOURCE,
  rules: [
    redFlagScreening,
    redFlagUrgentWorkup,
    noEarlyImaging,
    imagingRequiresCandidacy,
    mriWithoutContrast,
    noBedRest,
    conservativeCareFirst,
    opioidsShortTermSevereOnly,
    patientEducation,
    esiAfterConservativeCare,
    esiImageGuidance,
    referralDisablingPain,
    referralBy3Months,
    surgeryIndications,
    noFusionForIsolatedDisc,
    clinicalImagingConcordance,
  ],
};
