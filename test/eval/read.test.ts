import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditText } from "../../src/audit.js";
import { ChartcheckError } from "../../src/common/errors.js";
import { describeRuns, parseReportLine, readGold, readLabels, readReport, RunTally, type ReportRecord } from "../../src/eval/read.js";
import { noteToJson } from "../../src/report/formatters/jsonl.js";
import { goldLine, reportLine, tempDir, writeJsonl } from "./helpers.js";

async function collect(file: string, cwd: string): Promise<ReportRecord[]> {
  const out: ReportRecord[] = [];
  for await (const r of readReport(file, cwd)) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>): Promise<ChartcheckError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ChartcheckError) return err;
    throw err;
  }
  throw new Error("expected a ChartcheckError");
}

describe("readReport", () => {
  it("parses the line the jsonl formatter writes for a real audit", async () => {
    const report = await auditText("Date of service: 03/02/2026\nLow back pain x 2 weeks. Plan: ibuprofen, stay active.", { id: "notes/a.txt" });
    const line = JSON.parse(JSON.stringify(noteToJson(report))) as object;
    const rec = parseReportLine(line, "r.jsonl", 1);
    expect(rec.kind).toBe("note");
    if (rec.kind !== "note") return;
    expect(rec.noteId).toBe("notes/a.txt");
    expect(rec.outcomes.size).toBe(report.results.length);
    expect([...rec.outcomes.keys()]).toEqual(report.results.map((r) => r.ruleId));
    expect(rec.run).toMatchObject({ pack: report.run.pack, configHash: report.run.configHash, extractor: report.run.extractor });
    expect(rec.run!.extractorVersion).toBe(report.facts.extractor.version);
  });

  it("tolerates CRLF, a BOM and blank lines, and reads error lines", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "r.jsonl"),
      `\uFEFF${JSON.stringify(reportLine("a.txt", { r: "adherent" }, { metadata: { site: "N", n: "3" } }))}\r\n\r\n${JSON.stringify({ noteId: "b.txt", error: { code: "EMPTY_NOTE", message: "b.txt: empty" } })}\r\n`,
    );
    const recs = await collect("r.jsonl", dir);
    expect(recs.map((r) => [r.kind, r.noteId, r.line])).toEqual([
      ["note", "a.txt", 1],
      ["error", "b.txt", 3],
    ]);
    expect(recs[0]!.metadata).toEqual({ site: "N", n: "3" });
    expect(recs[1]).toMatchObject({ code: "EMPTY_NOTE" });
  });

  it("names file:line and never echoes line content on invalid JSON", async () => {
    const dir = tempDir();
    writeJsonl(dir, "r.jsonl", [reportLine("a.txt", { r: "adherent" }), '{"noteId":"b.txt","results":[{"ruleId":"r","outcome":"adherent"}], SECRET PATIENT TEXT']);
    const err = await failure(collect("r.jsonl", dir));
    expect(err.code).toBe("REPORT_FORMAT");
    expect(err.message).toMatch(/^r\.jsonl:2: not valid JSON/);
    expect(err.message).not.toContain("SECRET");
  });

  it.each([
    [{ noteId: "a", results: [{ ruleId: "r", outcome: "adherant" }] }, /r\.jsonl:1: results\[0\]\.outcome/],
    [{ noteId: "a", results: [{ ruleId: "r", outcome: "adherent" }, { ruleId: "r", outcome: "deviation" }] }, /rule r appears twice/],
    [{ noteId: "a", encounterDate: "March 3", results: [] }, /encounterDate/],
    [{ noteId: "a", outcomes: { r: "adherent" } }, /looks like a gold line/],
    [{ noteId: "a" }, /expected "results" or "error"/],
    [[1, 2], /expected a JSON object/],
  ])("rejects a malformed report line (%#)", async (line, message) => {
    const dir = tempDir();
    writeJsonl(dir, "r.jsonl", [line]);
    const err = await failure(collect("r.jsonl", dir));
    expect(err.message).toMatch(message);
  });

  it("reports a missing file and a directory clearly", async () => {
    const dir = tempDir();
    expect((await failure(collect("nope.jsonl", dir))).message).toBe("nope.jsonl: file not found");
    expect((await failure(collect(".", dir))).message).toBe(".: not a regular file");
  });
});

describe("readGold", () => {
  it("rejects duplicate note ids and inconsistent rule sets, naming the line", async () => {
    const dir = tempDir();
    writeJsonl(dir, "g.jsonl", [goldLine("a", { r: "adherent" }), goldLine("a", { r: "adherent" })]);
    expect((await failure(readGold("g.jsonl", dir))).message).toBe("g.jsonl:2: noteId a already appears on line 1");
    writeJsonl(dir, "g2.jsonl", [goldLine("a", { r: "adherent", s: "deviation" }), goldLine("b", { r: "adherent", t: "deviation" })]);
    expect((await failure(readGold("g2.jsonl", dir))).message).toBe("g2.jsonl:2: outcomes: rules differ from line 1 (missing s; extra t)");
    writeJsonl(dir, "g3.jsonl", [goldLine("a", { r: "bad" })]);
    const e3 = await failure(readGold("g3.jsonl", dir));
    expect(e3.code).toBe("GOLD_FORMAT");
    expect(e3.message).toMatch(/^g3\.jsonl:1: outcomes\.r: /);
    writeJsonl(dir, "g4.jsonl", [reportLine("a", { r: "adherent" })]);
    expect((await failure(readGold("g4.jsonl", dir))).message).toMatch(/g4\.jsonl:1: this is a report line/);
  });
});

describe("readLabels", () => {
  it("detects gold vs report files and rejects a mix", async () => {
    const dir = tempDir();
    writeJsonl(dir, "g.jsonl", [goldLine("a", { r: "adherent" })]);
    writeJsonl(dir, "r.jsonl", [{ noteId: "x", error: { code: "E" } }, reportLine("a", { r: "deviation" })]);
    writeJsonl(dir, "mix.jsonl", [reportLine("a", { r: "deviation" }), goldLine("b", { r: "adherent" })]);
    expect((await readLabels("g.jsonl", dir)).kind).toBe("gold");
    const r = await readLabels("r.jsonl", dir);
    expect(r.kind).toBe("report");
    expect(r.notes.map((n) => n.outcomes === null)).toEqual([true, false]);
    expect((await failure(readLabels("mix.jsonl", dir))).message).toBe("mix.jsonl:2: a gold line in a file whose first line is a report line");
  });
});

describe("RunTally", () => {
  it("describes one run, and warns when a report mixes runs", async () => {
    const dir = tempDir();
    writeJsonl(dir, "r.jsonl", [reportLine("a", { r: "adherent" }), reportLine("b", { r: "adherent" }), reportLine("c", { r: "adherent" }, { configHash: "ffff" })]);
    const t = new RunTally();
    for (const rec of await collect("r.jsonl", dir)) if (rec.kind === "note") t.add(rec.run);
    const d = describeRuns(t);
    expect(d.lines).toEqual([
      "chartcheck 0.1.0, pack lumbosacral-radiculopathy 1.0, config 0123456789abcdef, extractor lexicon 1.0.0 (2 lines)",
      "chartcheck 0.1.0, pack lumbosacral-radiculopathy 1.0, config ffff, extractor lexicon 1.0.0 (1 line)",
    ]);
    expect(d.warning).toMatch(/mixes 2 different runs/);
    const one = parseReportLine(reportLine("a", { r: "adherent" }), "f", 1);
    const single = new RunTally();
    if (one.kind === "note") single.add(one.run);
    expect(describeRuns(single)).toEqual({
      lines: ["chartcheck 0.1.0, pack lumbosacral-radiculopathy 1.0, config 0123456789abcdef, extractor lexicon 1.0.0"],
      warning: null,
    });
  });
});
