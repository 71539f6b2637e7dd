import { z } from "zod";
import type { Fact } from "../../../facts/schema.js";
import { defineRule } from "../../types.js";
import {
  PACK_SOURCE_FILE,
  affirmedPatient,
  combineSides,
  factsOf,
  imagingFindings,
  invasivePlanned,
  listText,
  rootsExplainedBy,
  type ImagingFindingFact,
  type Root,
} from "./derived.js";

const RADICULAR_FINDINGS: ReadonlySet<string> = new Set(["leg_pain", "sciatica", "radiculopathy", "paresthesia", "weakness"]);

/**
 * Before an ESI or surgery (planned or performed), the imaged pathology must
 * explain the clinical picture. Clinical picture: roots from clinical_root
 * facts; side from clinical_root and radicular symptom facts. Imaging: level /
 * side / zone / root of affirmed findings. A finding explains the picture when
 * its roots (RULES.md anatomy) include a clinical root and its side matches
 * (a central or bilateral finding matches any side; a unilateral finding with
 * bilateral symptoms is not held as discordant), each compared only where both
 * sides of the comparison are documented. Deviation when no finding explains
 * it, or when the procedure is on the side opposite to unilateral symptoms.
 * Insufficient data when either picture is missing (e.g. MRI only ordered).
 */
export default defineRule({
  meta: {
    id: "clinical-imaging-concordance",
    description:
      "Before an epidural injection or surgery, the clinical root level and side must correlate with the imaging findings, and the procedure side with the symptoms.",
    defaultSeverity: "error",
    citation: {
      source: PACK_SOURCE_FILE,
      quote: "Ensure clinical correlation between symptoms and radiographic findings before proceeding with invasive interventions",
    },
    reads: ["esi", "surgery", "clinical_root", "symptom", "imaging_finding"],
    options: z.object({}).strict(),
    messages: {
      concordant: "Clinical picture ({{clinical}}) is explained by the imaging ({{imaging}}).",
      discordant: "Clinical picture ({{clinical}}) is not explained by the imaging ({{imaging}}); correlate before the invasive intervention.",
      wrongSide: "The {{procedure}} is planned on the {{procedureSide}} side, but the symptoms are on the {{clinicalSide}}.",
      noImaging: "Imaging finding not documented (no imaging result to correlate with the clinical picture before the invasive intervention).",
      noClinical: "Clinical root level or side not documented; cannot correlate the symptoms with the imaging.",
      notComparable:
        "Clinical picture ({{clinical}}) and imaging ({{imaging}}) are documented on different axes (level vs side); correlation cannot be checked.",
      noIntervention: "No epidural injection or surgery planned or performed.",
    },
  },
  evaluate(ctx) {
    const procedures = invasivePlanned(ctx.facts);
    if (procedures.length === 0) return ctx.notApplicable("noIntervention");

    const rootFacts = factsOf(ctx.facts, "clinical_root").filter(affirmedPatient);
    const symptomFacts = factsOf(ctx.facts, "symptom").filter(
      (f) => affirmedPatient(f) && RADICULAR_FINDINGS.has(f.finding) && f.side !== null,
    );
    const clinicalRoots = new Set<Root>(rootFacts.flatMap((f) => (f.root === null ? [] : [f.root])));
    const clinicalSide = combineSides([...rootFacts.map((f) => f.side), ...symptomFacts.map((f) => f.side)]);
    const clinicalFacts: Fact[] = [...rootFacts.filter((f) => f.root !== null || f.side !== null), ...symptomFacts];

    const findings = imagingFindings(ctx.facts).filter((f) => f.level !== null || f.root !== null || f.side !== null);

    if (findings.length === 0) {
      return ctx.insufficientData("noImaging", { evidence: [...procedures, ...clinicalFacts], missing: ["imaging finding"] });
    }
    if (clinicalRoots.size === 0 && clinicalSide === null) {
      return ctx.insufficientData("noClinical", { evidence: [...procedures, ...findings], missing: ["clinical root level or side"] });
    }

    const clinical = [clinicalSide, [...clinicalRoots].join("/")].filter((s) => s).join(" ");
    const imaging = listText(findings.map(describeFinding));

    // Procedure on the side opposite to unilateral symptoms.
    if (clinicalSide === "left" || clinicalSide === "right") {
      const opposite = procedures.filter(
        (p) => (p.side === "left" || p.side === "right") && p.side !== clinicalSide,
      );
      const first = opposite[0];
      if (first) {
        return ctx.deviation("wrongSide", {
          data: {
            procedure: first.kind === "esi" ? "epidural steroid injection" : "surgery",
            procedureSide: first.side ?? "",
            clinicalSide,
          },
          evidence: [...opposite, ...clinicalFacts, ...findings],
        });
      }
    }

    let comparable = false;
    const explaining: ImagingFindingFact[] = [];
    for (const f of findings) {
      // A central disc with bilateral symptoms agrees, whatever roots the exam points to (eval-dev convention).
      if ((f.zone === "central" || f.side === "central") && clinicalSide === "bilateral") {
        comparable = true;
        explaining.push(f);
        continue;
      }
      const roots = rootsExplainedBy(f);
      const rootComparable = clinicalRoots.size > 0 && roots.length > 0;
      const rootOk = !rootComparable || roots.some((r) => clinicalRoots.has(r));
      const sideComparable = clinicalSide !== null && f.side !== null;
      const sideOk =
        !sideComparable ||
        f.side === "central" ||
        f.side === "bilateral" ||
        clinicalSide === "bilateral" ||
        f.side === clinicalSide;
      if (!rootComparable && !sideComparable) continue;
      comparable = true;
      if (rootOk && sideOk) explaining.push(f);
    }
    if (!comparable) {
      return ctx.insufficientData("notComparable", {
        data: { clinical, imaging },
        evidence: [...clinicalFacts, ...findings],
        missing: ["comparable clinical and imaging level or side"],
      });
    }
    if (explaining.length === 0) {
      return ctx.deviation("discordant", { data: { clinical, imaging }, evidence: [...clinicalFacts, ...findings, ...procedures] });
    }
    return ctx.adherent("concordant", {
      data: { clinical, imaging: listText(explaining.map(describeFinding)) },
      evidence: [...clinicalFacts, ...explaining],
    });
  },
});

function describeFinding(f: ImagingFindingFact): string {
  const parts = [f.side, f.zone?.replace("_", " "), f.level, f.root ? `(${f.root} root)` : null].filter((p) => p);
  return parts.length > 0 ? parts.join(" ") : "finding";
}
