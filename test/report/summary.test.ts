import { describe, expect, it } from "vitest";
import type { NoteOutcome } from "../../src/audit.js";
import { SummaryBuilder } from "../../src/report/summary.js";
import type { OutcomeName, Severity } from "../../src/rules/types.js";

const OUT: OutcomeName[] = ["deviation", "adherent", "not_applicable", "insufficient_data"];
const SEV: Severity[] = ["error", "warning", "info"];

function note(i: number): NoteOutcome {
  if (i % 7 === 3) return { id: `n${i}`, error: { code: "MALFORMED_RECORD", message: `n${i}: line is not valid JSON` } };
  // Rule "late" first shows up on note 5: it must keep its first-seen place after merging.
  const ids = i >= 5 ? ["r1", "r2", "late"] : ["r1", "r2"];
  return {
    noteId: `n${i}`,
    results: ids.map((ruleId, k) => ({ ruleId, outcome: OUT[(i + k) % 4]!, severity: SEV[(i * 2 + k) % 3]!, message: "", evidence: [] })),
  } as unknown as NoteOutcome;
}

describe("SummaryBuilder.merge", () => {
  it("gives the same summary as adding every note to one builder", () => {
    const notes = Array.from({ length: 23 }, (_, i) => note(i));
    const whole = new SummaryBuilder(["r1", "r2"]);
    for (const n of notes) whole.add(n);

    // Batches counted apart (as worker threads do), merged in input order.
    const merged = new SummaryBuilder(["r1", "r2"]);
    for (let i = 0; i < notes.length; i += 4) {
      const part = new SummaryBuilder([]);
      for (const n of notes.slice(i, i + 4)) part.add(n);
      merged.merge(structuredClone(part.counts()));
    }
    expect(merged.build()).toEqual(whole.build());
    expect(merged.build().rules.map((r) => r.ruleId)).toEqual(["r1", "r2", "late"]);
    expect(merged.build().errors).toBe(3);
    expect(merged.build().notes).toBe(20);
  });
});
