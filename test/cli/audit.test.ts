import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lumbosacralRadiculopathy } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import { runCli } from "../helpers/cli.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const RULE_IDS = lumbosacralRadiculopathy.rules.map((r) => r.meta.id);

function tmp(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "chartcheck-cli-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const BED_REST = "Date of service: 03/01/2026\nHPI: 30 y/o M with L sciatica x 5 days. Denies saddle anesthesia, B/B changes, fever.\nPlan:\n- Ibuprofen 600 mg TID\n- Bed rest for 3 days\n- Explained most sciatica improves within weeks\n";
const CLEAN = "Date of service: 03/01/2026\nHPI: 30 y/o M with L sciatica x 5 days. Denies saddle anesthesia, B/B changes, fever.\nPlan:\n- Ibuprofen 600 mg TID\n- Stay active; bed rest is not recommended\n- Explained most sciatica improves within weeks\n";

describe("chartcheck audit: JSONL contract", () => {
  it("writes one line per note with keys in order and every rule in pack order", async () => {
    const dir = tmp({ "a.txt": BED_REST, "b.txt": CLEAN });
    const r = await runCli(["audit", ".", "--format", "jsonl"], { cwd: dir });
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.noteId)).toEqual(["a.txt", "b.txt"]);
    for (const l of lines) {
      expect(Object.keys(l).slice(0, 4)).toEqual(["noteId", "encounterDate", "facts", "results"]);
      const results = l.results as Array<Record<string, unknown>>;
      expect(results.map((x) => x.ruleId)).toEqual(RULE_IDS);
      for (const x of results) expect(Object.keys(x)).toEqual(["ruleId", "outcome", "severity", "message", "evidence"]);
    }
    const a = (lines[0]!.results as Array<{ ruleId: string; outcome: string }>).find((x) => x.ruleId === "no-bed-rest");
    const b = (lines[1]!.results as Array<{ ruleId: string; outcome: string }>).find((x) => x.ruleId === "no-bed-rest");
    expect(a?.outcome).toBe("deviation");
    expect(b?.outcome).toBe("adherent");
  });

  it("keeps the span invariant for every fact and evidence span of every sample note", async () => {
    const r = await runCli(["audit", "fixtures/notes", "--format", "jsonl"], { cwd: ROOT });
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { noteId: string; facts: { facts: Array<{ span: { start: number; end: number }; quote: string }> }; results: Array<{ evidence: Array<{ start: number; end: number; text: string }> }> });
    expect(lines.length).toBe(readdirSync(join(ROOT, "fixtures/notes")).filter((f) => f.endsWith(".txt")).length);
    expect(lines.length).toBeGreaterThanOrEqual(12);
    for (const l of lines) {
      const text = readFileSync(join(ROOT, l.noteId), "utf8");
      for (const f of l.facts.facts) expect(text.slice(f.span.start, f.span.end)).toBe(f.quote);
      for (const res of l.results) for (const e of res.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it("is byte-identical across runs", async () => {
    const a = await runCli(["audit", "fixtures/notes", "--format", "jsonl"], { cwd: ROOT });
    const b = await runCli(["audit", "fixtures/notes", "--format", "jsonl"], { cwd: ROOT });
    expect(a.stdout).toBe(b.stdout);
  });

  it("--format json is one document with the run, notes and a summary", async () => {
    const dir = tmp({ "a.txt": BED_REST });
    const r = await runCli(["audit", "a.txt", "--format", "json"], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { run: { pack: string }; notes: unknown[]; summary: { notes: number } };
    expect(doc.run.pack).toBe("lumbosacral-radiculopathy");
    expect(doc.notes).toHaveLength(1);
    expect(doc.summary.notes).toBe(1);
  });

  it("stylish shows each deviation with its quoted evidence", async () => {
    const dir = tmp({ "a.txt": BED_REST });
    const r = await runCli(["audit", "a.txt", "--fail-on", "none"], { cwd: dir });
    expect(r.stdout).toContain("no-bed-rest");
    expect(r.stdout).toContain('"- Bed rest for 3 days"'.slice(3, -1));
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour when not a TTY
  });

  it("--date sets the encounter date of every note", async () => {
    const dir = tmp({ "a.txt": "HPI: L sciatica since 02/20/2026.\nPlan: PT\n" });
    const r = await runCli(["audit", "a.txt", "-f", "jsonl", "--date", "2026-03-06"], { cwd: dir });
    const line = JSON.parse(r.stdout) as { encounterDate: string; facts: { symptomDuration: { weeks: number } } };
    expect(line.encounterDate).toBe("2026-03-06");
    expect(line.facts.symptomDuration.weeks).toBe(2);
  });

  it("reads a note from stdin with -", async () => {
    const r = await runCli(["audit", "-", "-f", "jsonl"], { cwd: ROOT, stdin: BED_REST });
    expect(JSON.parse(r.stdout).noteId).toBe("-");
  });

  it("--output writes the report to a file", async () => {
    const dir = tmp({ "a.txt": CLEAN });
    const r = await runCli(["audit", "a.txt", "-f", "jsonl", "-o", "out.jsonl"], { cwd: dir });
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "out.jsonl"), "utf8")).noteId).toBe("a.txt");
  });
});

describe("chartcheck audit: exit codes and bad input", () => {
  it("exits 1 when a deviation at or above --fail-on is found, else 0", async () => {
    const dir = tmp({ "a.txt": BED_REST });
    expect((await runCli(["audit", "a.txt", "--fail-on", "warning"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["audit", "a.txt", "--fail-on", "error"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["audit", "a.txt", "--fail-on", "none"], { cwd: dir })).code).toBe(0);
  });

  it("an unreadable note gets an error line, the batch goes on, and the run exits 2", async () => {
    const dir = tmp({
      "1-good.txt": CLEAN,
      "2-binary.txt": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]),
      "3-latin1.txt": new Uint8Array([0x70, 0x61, 0x69, 0x6e, 0x20, 0xe9, 0x20, 0x62, 0x61, 0x63, 0x6b]),
      "4-empty.txt": "  \n",
      "5-good.txt": BED_REST,
    });
    const r = await runCli(["audit", ".", "-f", "jsonl"], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { noteId: string; error?: { code: string; message: string }; results?: unknown[] });
    expect(lines.map((l) => l.noteId)).toEqual(["1-good.txt", "2-binary.txt", "3-latin1.txt", "4-empty.txt", "5-good.txt"]);
    expect(lines.map((l) => l.error?.code ?? "ok")).toEqual(["ok", "BINARY_NOTE", "INVALID_UTF8", "EMPTY_NOTE", "ok"]);
    expect(lines[4]!.results).toHaveLength(16);
    expect(r.stderr).toContain("2-binary.txt");
    expect(r.stderr).toContain("3 note(s) could not be audited");
  });

  it("a missing input is a clear error with exit 2", async () => {
    const r = await runCli(["audit", "nope.txt"], { cwd: tmp({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.txt");
  });

  it("usage errors exit 2", async () => {
    expect((await runCli(["audit", "x", "--format", "xml"], { cwd: ROOT })).code).toBe(2);
    expect((await runCli(["audit", "x", "--date", "2026-13-40"], { cwd: ROOT })).code).toBe(2);
    expect((await runCli(["frobnicate"], { cwd: ROOT })).code).toBe(2);
  });

  it("never writes note text to stderr", async () => {
    const dir = tmp({ "a.txt": "SECRETNAME has no end\u0000", "b.txt": BED_REST });
    const r = await runCli(["audit", "."], { cwd: dir });
    expect(r.stderr).not.toContain("SECRETNAME");
  });
});

describe("config", () => {
  it("turns rules off and changes severity", async () => {
    const dir = tmp({ "a.txt": BED_REST, "chartcheck.config.json": JSON.stringify({ rules: { "no-bed-rest": "error", "patient-education": "off" } }) });
    const r = await runCli(["audit", "a.txt", "-f", "jsonl"], { cwd: dir });
    const results = JSON.parse(r.stdout).results as Array<{ ruleId: string; severity: string }>;
    expect(results).toHaveLength(15);
    expect(results.find((x) => x.ruleId === "no-bed-rest")?.severity).toBe("error");
    expect(r.code).toBe(1);
  });

  it("rejects an unknown option with a path-precise error and exit 2", async () => {
    const dir = tmp({ "a.txt": CLEAN, "c.json": JSON.stringify({ rules: { "no-early-imaging": ["warning", { ageOver50IsRedflag: false }] } }) });
    const r = await runCli(["audit", "a.txt", "--config", "c.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rules.no-early-imaging[1]");
    expect(r.stderr).toContain("ageOver50IsRedflag");
  });

  it("rejects an unknown rule id and a bad severity", async () => {
    const dir = tmp({ "a.txt": CLEAN, "c.json": JSON.stringify({ rules: { "no-such-rule": "error", "no-bed-rest": "fatal" } }) });
    const r = await runCli(["audit", "a.txt", "--config", "c.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rules.no-bed-rest");
  });

  it("the ageOver50IsRedFlag option changes no-early-imaging", async () => {
    const note = "Date of service: 05/06/2026\n67 yo F, first time ever w/ leg pain x 3 wks. Denies B/B incontinence, saddle numbness. No fevers.\nP:\n- MRI lumbar spine w/o contrast\n- PT referral\n";
    const dir = tmp({ "a.txt": note, "c.json": JSON.stringify({ rules: { "no-early-imaging": ["warning", { ageOver50IsRedFlag: false }] } }) });
    const on = JSON.parse((await runCli(["audit", "a.txt", "-f", "jsonl"], { cwd: dir })).stdout).results as Array<{ ruleId: string; outcome: string }>;
    const off = JSON.parse((await runCli(["audit", "a.txt", "-f", "jsonl", "-c", "c.json"], { cwd: dir })).stdout).results as Array<{ ruleId: string; outcome: string }>;
    expect(on.find((x) => x.ruleId === "no-early-imaging")?.outcome).toBe("adherent");
    expect(off.find((x) => x.ruleId === "no-early-imaging")?.outcome).toBe("deviation");
  });
});

describe("chartcheck rules", () => {
  it("lists every rule with severity and citation", async () => {
    const r = await runCli(["rules", "--format", "json"], { cwd: ROOT });
    const doc = JSON.parse(r.stdout) as { rules: Array<{ id: string; severity: string; citation: { quote: string } }> };
    expect(doc.rules.map((x) => x.id)).toEqual(RULE_IDS);
    for (const x of doc.rules) expect(x.citation.quote.length).toBeGreaterThan(10);
  });
});
