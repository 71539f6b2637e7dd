import type { NoteFacts } from "../../facts/schema.js";
import { findEncounterDate } from "../../text/time.js";

export function extractFacts(text: string, given: { value: string; source: "option" | "metadata" } | null): NoteFacts {
  const header = given ? null : findEncounterDate(text);
  return {
    encounterDate: given ? { ...given, span: null } : header ? { value: header.value, source: "header", span: header.span } : null,
    noteType: "evaluation",
    inScope: true,
    patientAge: null,
    newOnset: null,
    symptomDuration: null,
    facts: [],
    extractor: { name: "lexicon", version: "1.0.0", model: null, promptHash: null },
  };
}
