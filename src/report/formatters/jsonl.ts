import { isNoteError, type NoteOutcome } from "../../audit.js";
import type { Formatter } from "../types.js";

/** One JSON object per note, keys in the documented, stable order. */
export function noteToJson(r: NoteOutcome): Record<string, unknown> {
  if (isNoteError(r)) {
    return { noteId: r.id, ...(r.metadata ? { metadata: r.metadata } : {}), error: r.error };
  }
  return {
    noteId: r.noteId,
    encounterDate: r.encounterDate,
    ...(r.metadata ? { metadata: r.metadata } : {}),
    facts: r.facts,
    results: r.results.map((x) => ({
      ruleId: x.ruleId,
      outcome: x.outcome,
      severity: x.severity,
      message: x.message,
      evidence: x.evidence.map((e) => ({ start: e.start, end: e.end, text: e.text })),
    })),
    ...(r.diagnostics ? { diagnostics: r.diagnostics } : {}),
    run: r.run,
  };
}

export const jsonl: Formatter = {
  name: "jsonl",
  description: "one JSON object per note per line (the stable machine contract)",
  header: () => "",
  note: (r) => `${JSON.stringify(noteToJson(r))}\n`,
  footer: () => "",
};
