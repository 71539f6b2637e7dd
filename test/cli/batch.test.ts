import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../src/cli/progress.js";
import { run } from "../../src/cli/run.js";
import type { CliIO } from "../../src/cli/io.js";
import { MAX_NOTE_BYTES } from "../../src/ingest/decode.js";

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

function memIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    readStdin: async () => new Uint8Array(),
    cwd,
    env: {},
    out: () => out,
    err: () => err,
  };
}

const NOTES = [
  "Low back pain radiating down the left leg for 3 weeks. No bowel or bladder changes. Plan: MRI lumbar spine without contrast.",
  "Sciatica x 2 months. Denies saddle anesthesia. Advised to stay active; ibuprofen 400 mg. Reassured most improve.",
  "ED note: severe back pain after lifting, urinary retention, saddle numbness. Plan: emergent MRI, neurosurgery consult.",
  "Follow-up: radicular pain 4 months despite PT. Discussed epidural steroid injection under fluoroscopy.",
  "Back pain. Bed rest for 1 week recommended. Oxycodone 5 mg prn.",
];

function jsonl(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += `${JSON.stringify({ id: `n${i}`, text: NOTES[i % NOTES.length], date: "2026-11-20", clinic: `c${i % 3}` })}\n`;
  return s;
}

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), "cc-batch-"));
}

describe("batch audit with broken records", () => {
  it("names each broken record, audits every good one and exits 2", async () => {
    const dir = await tmp();
    const lines = [
      JSON.stringify({ id: "good1", text: NOTES[0] }),
      "{broken",
      JSON.stringify({ id: "empty", text: "" }),
      JSON.stringify({ id: "notext", body: "x" }),
      JSON.stringify({ id: "good2", text: NOTES[1] }),
    ];
    await writeFile(join(dir, "b.jsonl"), Buffer.concat([Buffer.from(`${lines.join("\n")}\n`), Buffer.from([0xc3, 0x28, 0x0a])]));
    await writeFile(join(dir, "c.csv"), `id,text\r\ngood3,"${NOTES[2]}"\r\nnotext2\r\n`);
    await writeFile(join(dir, "bin.txt"), Buffer.from([1, 0, 2, 3]));
    await writeFile(join(dir, "huge.txt"), Buffer.alloc(MAX_NOTE_BYTES + 1, 0x61));
    const io = memIO(dir);
    const code = await run(["audit", "b.jsonl", "c.csv", "bin.txt", "huge.txt", "--format", "jsonl", "-q"], io);
    expect(code).toBe(2);
    const out = io.out().trim().split("\n").map((l) => JSON.parse(l) as { noteId: string; error?: { code: string }; results?: unknown[] });
    expect(out.map((o) => (o.error ? `${o.noteId}:${o.error.code}` : o.noteId))).toEqual([
      "good1",
      "b.jsonl:2:MALFORMED_RECORD",
      "empty:EMPTY_NOTE",
      "notext:MISSING_TEXT",
      "good2",
      "b.jsonl:6:INVALID_UTF8",
      "good3",
      "notext2:MISSING_TEXT",
      "bin.txt:BINARY_NOTE",
      "huge.txt:NOTE_TOO_LARGE",
    ]);
    for (const o of out.filter((x) => !x.error)) expect(o.results!.length).toBeGreaterThan(0);
    expect(io.err()).toContain("chartcheck: b.jsonl:2: line is not valid JSON [MALFORMED_RECORD]");
    expect(io.err()).toContain("7 note(s) could not be audited; 3 audited");
    // Never note text on stderr.
    expect(io.err()).not.toContain("radiating");
  });
});

describe("--resume", () => {
  it("continues an interrupted JSONL run: truncates the cut line, appends, redoes nothing", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "in.jsonl"), jsonl(12));
    const full = memIO(dir);
    expect(await run(["audit", "in.jsonl", "--format", "jsonl", "--fail-on", "none", "-o", "full.jsonl", "-q"], full)).toBe(0);
    const complete = await readFile(join(dir, "full.jsonl"), "utf8");
    const lines = complete.split("\n");
    // Simulate a kill: 5 whole lines and half of the 6th.
    await writeFile(join(dir, "part.jsonl"), `${lines.slice(0, 5).join("\n")}\n${lines[5]!.slice(0, 40)}`);
    const io = memIO(dir);
    expect(await run(["audit", "in.jsonl", "--format", "jsonl", "--fail-on", "none", "-o", "part.jsonl", "--resume"], io)).toBe(0);
    expect(await readFile(join(dir, "part.jsonl"), "utf8")).toBe(complete);
    expect(io.err()).toContain("5 note(s) already there were kept, 7 audited now");
  });

  it("continues an interrupted CSV run, redoing the possibly incomplete last note", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "in.jsonl"), jsonl(6));
    expect(await run(["audit", "in.jsonl", "--format", "csv", "--fail-on", "none", "-o", "full.csv", "-q"], memIO(dir))).toBe(0);
    const complete = await readFile(join(dir, "full.csv"), "utf8");
    const rows = parse(complete, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(["noteId", "encounterDate", "clinic", "other_metadata"]);
    // Cut in the middle of note n3's rows.
    const cut = complete.indexOf("\r\nn3,") + 2 + 200;
    await writeFile(join(dir, "part.csv"), complete.slice(0, cut));
    const io = memIO(dir);
    expect(await run(["audit", "in.jsonl", "--format", "csv", "--fail-on", "none", "-o", "part.csv", "--resume", "-q"], io)).toBe(0);
    expect(await readFile(join(dir, "part.csv"), "utf8")).toBe(complete);
  });

  it("refuses json/html formats and a file from another configuration, explaining why", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "in.jsonl"), jsonl(2));
    const io = memIO(dir);
    expect(await run(["audit", "in.jsonl", "--format", "html", "-o", "r.html", "--resume"], io)).toBe(2);
    expect(io.err()).toMatch(/--resume works with --format jsonl or csv only: html output is one document/);
    const line = JSON.stringify({ noteId: "x", results: [], run: { configHash: "0000000000000000" } });
    await writeFile(join(dir, "old.jsonl"), `${line}\n`);
    const io2 = memIO(dir);
    expect(await run(["audit", "in.jsonl", "--format", "jsonl", "-o", "old.jsonl", "--resume"], io2)).toBe(2);
    expect(io2.err()).toMatch(/different rule configuration/);
  });
});

describe("output formats through the CLI", () => {
  it("writes a self-contained HTML report with the summary first and escaped notes", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "in.jsonl"), `${JSON.stringify({ id: "x1", text: `${NOTES[0]} <script>alert(1)</script>` })}\n${jsonl(3)}`);
    const io = memIO(dir);
    await run(["audit", "in.jsonl", "--format", "html", "-o", "r.html", "-q"], io);
    const page = await readFile(join(dir, "r.html"), "utf8");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page.indexOf('id="summary"')).toBeLessThan(page.indexOf('<details class="note"'));
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>alert(1)");
    expect(page.match(/<details class="note"/g)).toHaveLength(4);
    expect(page).toMatch(/<mark class="d"/);
    expect(page.trimEnd().endsWith("</html>")).toBe(true);
  });
});

describe("progress", () => {
  it("stays silent for short runs, then prints plain periodic lines with rate and ETA (no note text)", () => {
    let t = 0;
    let err = "";
    const p = new Progress({ stream: { write: (s: string) => ((err += s), true) }, tty: false, totalNotes: 100, now: () => t });
    for (let i = 0; i < 10; i++) {
      t += 100;
      p.tick();
    }
    expect(err).toBe("");
    t = 2500;
    p.tick();
    expect(err).toBe("chartcheck: 11/100 notes (11%), 4 notes/s, ETA 20s\n");
    t = 3000;
    p.tick();
    expect(err.split("\n")).toHaveLength(2); // next line only after 5 s
    t = 8000;
    p.tick(true);
    expect(err).toContain("chartcheck: 13/100 notes (13%), 2 notes/s, ETA 54s, 1 failed\n");
    p.finish();
    expect(err).toMatch(/chartcheck: 13 notes in 8s \(2 notes\/s\)\n$/);
  });
});

describe("--jobs determinism (compiled CLI with worker threads)", () => {
  beforeAll(async () => {
    // Workers load dist/parallel/worker.js, which vitest cannot provide from .ts: build first
    // (skipped when dist is newer than every source file).
    const worker = join(ROOT, "dist/parallel/worker.js");
    const newest = (dir: string): number =>
      Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
    if (existsSync(worker) && statSync(worker).mtimeMs > newest(join(ROOT, "src"))) return;
    await exec(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.json")], { cwd: ROOT }).catch(() => {});
    if (!existsSync(join(ROOT, "dist/parallel/worker.js"))) throw new Error("build did not produce dist/parallel/worker.js");
  }, 120_000);

  it("gives byte-identical output with --jobs 1 and --jobs 2, in input order", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "in.jsonl"), `${jsonl(400)}{bad\n`);
    const cli = join(ROOT, "dist/cli/index.js");
    const go = (jobs: string, format: string) =>
      exec(process.execPath, [cli, "audit", "in.jsonl", "--format", format, "--jobs", jobs, "-q"], { cwd: dir, maxBuffer: 256 * 1024 * 1024 }).catch(
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
    // Workers format the notes themselves for every format: the text must not change.
    for (const format of ["jsonl", "csv", "json", "stylish", "html"]) {
      const [one, two] = await Promise.all([go("1", format), go("2", format)]);
      expect(two.stderr).not.toMatch(/in-process/); // workers were really used
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(two.stdout).toBe(one.stdout);
      // The summary and the per-note error line come from the workers' tallies.
      expect(two.stderr).toBe(one.stderr);
      expect(two.stderr).toContain("chartcheck: in.jsonl:401: line is not valid JSON [MALFORMED_RECORD]");
      expect(two.stderr).toContain("1 note(s) could not be audited; 400 audited");
    }
    const ids = (await go("2", "jsonl")).stdout.trim().split("\n").map((l) => (JSON.parse(l) as { noteId: string }).noteId);
    expect(ids).toEqual([...Array.from({ length: 400 }, (_, i) => `n${i}`), "in.jsonl:401"]);
  }, 120_000);
});
