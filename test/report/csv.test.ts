import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { NoteOutcome, NoteReport } from "../../src/audit.js";
import { csv, guardCell, quoteCell, unescapeCell } from "../../src/report/formatters/csv.js";
import { lumbosacralRadiculopathy } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import type { FormatContext } from "../../src/report/types.js";

const run = { tool: "chartcheck", version: "0", pack: "p", packVersion: "1", configHash: "h", extractor: "lexicon" } as const;

function report(over: Partial<NoteReport> = {}): NoteReport {
  return {
    noteId: "n1",
    encounterDate: "2026-11-20",
    metadata: { site: "North, East", mrn: "=1+1" },
    facts: {} as NoteReport["facts"],
    results: [
      { ruleId: "no-early-imaging", outcome: "deviation", severity: "warning", message: 'MRI at "3 weeks"', evidence: [{ start: 0, end: 5, text: "MRI\r\nnow" }, { start: 9, end: 12, text: "-x" }] },
      { ruleId: "no-bed-rest", outcome: "adherent", severity: "warning", message: "No bed rest advised.", evidence: [] },
    ],
    run,
    ...over,
  };
}

describe("csv formatter", () => {
  const ctx: FormatContext = { pack: lumbosacralRadiculopathy, color: false, run, metadataColumns: ["site"] };

  it("writes RFC 4180 rows that a CSV parser reads back exactly", () => {
    const err: NoteOutcome = { id: "bad,id", error: { code: "EMPTY_NOTE", message: "bad,id: note is empty" } };
    const out = csv.header(ctx) + csv.note(report(), 0, ctx) + csv.note(err, 1, ctx) + csv.footer({} as never, ctx);
    expect(out.endsWith("\r\n")).toBe(true);
    const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(["noteId", "encounterDate", "site", "other_metadata", "ruleId", "outcome", "severity", "message", "evidence"]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ noteId: "n1", site: "North, East", other_metadata: "mrn==1+1", ruleId: "no-early-imaging", outcome: "deviation", message: 'MRI at "3 weeks"', evidence: "MRI\r\nnow | -x" });
    expect(rows[1]).toMatchObject({ ruleId: "no-bed-rest", outcome: "adherent", evidence: "" });
    expect(rows[2]).toMatchObject({ noteId: "bad,id", outcome: "error", message: "EMPTY_NOTE: bad,id: note is empty" });
  });

  it("guards cells against formula injection, reversibly, and leaves numbers alone", () => {
    for (const v of ["=HYPERLINK(1)", "+1+2", "-x", "@SUM(A1)", "\tx", "'=quoted", "'plain"]) {
      expect(guardCell(v)).toBe(`'${v}`);
      expect(unescapeCell(guardCell(v))).toBe(v);
    }
    for (const v of ["-3", "+1.5", "plain", "1e5"]) expect(guardCell(v)).toBe(v);
    const out = csv.note(report({ noteId: "=cmd|' /C calc'!A0" }), 0, ctx);
    expect(out.startsWith("'=cmd|' /C calc'!A0,")).toBe(true);
    expect(quoteCell('a"b')).toBe('"a""b"');
    expect(quoteCell("a\nb")).toBe('"a\nb"');
  });
});
