import { describe, expect, it } from "vitest";
import { cli, goldLine, reportLine, tempDir, writeJsonl } from "../eval/helpers.js";

function report(): string {
  const dir = tempDir();
  const lines: unknown[] = [];
  // Site North: 12 notes in Jan/Feb (r1: 9 adherent, 3 deviation); South: 3 notes in April; one without a date.
  for (let i = 0; i < 12; i++) {
    lines.push(
      reportLine(`n${i}.txt`, { r1: i < 9 ? "adherent" : "deviation", r2: i === 0 ? "insufficient_data" : "not_applicable" }, {
        encounterDate: i < 6 ? "2026-01-15" : "2026-02-15",
        metadata: { site: "North" },
      }),
    );
  }
  for (let i = 0; i < 3; i++) lines.push(reportLine(`s${i}.txt`, { r1: "adherent", r2: "not_applicable" }, { encounterDate: "2026-04-02", metadata: { site: "South" } }));
  lines.push(reportLine("u.txt", { r1: "deviation", r2: "adherent" }, { encounterDate: null, metadata: { site: "South" } }));
  lines.push({ noteId: "bad.txt", metadata: { site: "North" }, error: { code: "EMPTY_NOTE", message: "bad.txt: empty" } });
  writeJsonl(dir, "report.jsonl", lines, "\r\n");
  return dir;
}

interface Row {
  ruleId: string;
  stratum: Record<string, string> | null;
  adherent: number;
  deviation: number;
  insufficient_data: number;
  not_applicable: number;
  rate: number | null;
  ci: [number, number] | null;
}

describe("chartcheck stats", () => {
  it("json: rows per rule in report order, overall then sorted strata; error lines counted, not fatal", async () => {
    const dir = report();
    const r = await cli(dir, "stats", "report.jsonl", "--by", "site", "--format", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Row[];
    expect(rows.map((x) => [x.ruleId, x.stratum?.site ?? null])).toEqual([
      ["r1", null],
      ["r1", "North"],
      ["r1", "South"],
      ["r2", null],
      ["r2", "North"],
      ["r2", "South"],
    ]);
    expect(rows[0]).toMatchObject({ adherent: 12, deviation: 4, rate: 0.75 });
    expect(rows[1]).toMatchObject({ adherent: 9, deviation: 3, rate: 0.75 });
    expect(rows[2]).toMatchObject({ adherent: 3, deviation: 1 });
    expect(rows[4]).toMatchObject({ adherent: 0, deviation: 0, insufficient_data: 1, not_applicable: 11, rate: null, ci: null });
    expect(rows[0]!.ci![0]).toBeCloseTo(0.5050, 3); // Wilson 12/16
    expect(rows[0]!.ci![1]).toBeCloseTo(0.8982, 3);
    expect(r.err).toMatch(/1 error line\(s\) in the report/);
    expect(r.err).toMatch(/run: chartcheck 0\.1\.0/);
  });

  it("stratifies by month and quarter, null dates in 'unknown' (sorted last)", async () => {
    const dir = report();
    const m = JSON.parse((await cli(dir, "stats", "report.jsonl", "--by", "month", "--format", "json")).out) as Row[];
    expect(m.filter((x) => x.ruleId === "r1").map((x) => [x.stratum?.month ?? null, x.adherent, x.deviation])).toEqual([
      [null, 12, 4],
      ["2026-01", 6, 0],
      ["2026-02", 3, 3],
      ["2026-04", 3, 0],
      ["unknown", 0, 1],
    ]);
    const q = JSON.parse((await cli(dir, "stats", "report.jsonl", "--by", "quarter,site", "--format", "json")).out) as Row[];
    expect(q.filter((x) => x.ruleId === "r1").map((x) => x.stratum)).toEqual([
      null,
      { quarter: "2026-Q1", site: "North" },
      { quarter: "2026-Q2", site: "South" },
      { quarter: "unknown", site: "North" }, // the error line's stratum: zero counts
      { quarter: "unknown", site: "South" },
    ]);
  });

  it("table: run info, error lines, small-cell marks, insufficient_data beside the rate", async () => {
    const dir = report();
    const r = await cli(dir, "stats", "report.jsonl", "--by", "site");
    expect(r.code).toBe(0);
    expect(r.out).toContain("report: report.jsonl (16 notes audited, 1 error line)");
    expect(r.out).toContain("run: chartcheck 0.1.0, pack lumbosacral-radiculopathy 1.0, config 0123456789abcdef, extractor lexicon 1.0.0");
    expect(r.out).toContain("error lines (audit failed; counted in no rate): bad.txt [EMPTY_NOTE]");
    expect(r.out).toMatch(/^r1 +\(all\) +12 +4 +16 +75\.0% +\[50\.5%, 89\.8%\] +0 +0\.0% +0$/m);
    expect(r.out).toMatch(/^ +site=South +3 +1 +4 +75\.0% +\[.*\] +0 +0\.0% +0 +\*$/m);
    expect(r.out).toMatch(/^r2 +\(all\) +1 +0 +1 +100\.0% +\[.*\] +1 +50\.0% +14 +\*$/m);
  });

  it("csv, markdown and html render; output is deterministic", async () => {
    const dir = report();
    for (const f of ["csv", "markdown", "html", "table", "json"]) {
      const a = await cli(dir, "stats", "report.jsonl", "--by", "site", "--format", f);
      const b = await cli(dir, "stats", "report.jsonl", "--by", "site", "--format", f);
      expect(a.code).toBe(0);
      expect(a.out).toBe(b.out);
    }
    const html = (await cli(dir, "stats", "report.jsonl", "--format", "html")).out;
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it("warns when a --by field is on no line, and when the report mixes runs", async () => {
    const dir = tempDir();
    writeJsonl(dir, "r.jsonl", [reportLine("a", { r: "adherent" }), reportLine("b", { r: "adherent" }, { configHash: "ffff" })]);
    const r = await cli(dir, "stats", "r.jsonl", "--by", "ward");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/no line carries the field "ward"/);
    expect(r.err).toMatch(/mixes 2 different runs/);
    expect(r.out).toContain("config ffff");
  });

  it.each([
    [["stats", "missing.jsonl"], /missing\.jsonl: file not found/],
    [["stats", "bad.jsonl"], /bad\.jsonl:2: results\[0\]\.outcome/],
    [["stats", "gold.jsonl"], /gold\.jsonl:1: not a report line.*looks like a gold line/],
    [["stats", "empty.jsonl"], /empty\.jsonl: no report lines/],
    [["stats", "r.jsonl", "--format", "pdf"], /Allowed choices/],
  ])("exits 2 on unreadable or malformed input: %j", async (argv, message) => {
    const dir = tempDir();
    writeJsonl(dir, "r.jsonl", [reportLine("a", { r: "adherent" })]);
    writeJsonl(dir, "bad.jsonl", [reportLine("a", { r: "adherent" }), { noteId: "b", results: [{ ruleId: "r", outcome: "fine" }] }]);
    writeJsonl(dir, "gold.jsonl", [goldLine("a", { r: "adherent" })]);
    writeJsonl(dir, "empty.jsonl", [""]);
    const r = await cli(dir, ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
