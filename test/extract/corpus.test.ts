import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Public transcriptions kept beside the checkout (never copied into the repo).
const CORPUS = new URL("../../../shared/corpus/mtsamples/", import.meta.url).pathname;
const DEV = new URL("../../../shared/eval-dev/notes/", import.meta.url).pathname;

describe.skipIf(!existsSync(CORPUS))("real transcriptions (MTSamples, ../shared/corpus)", () => {
  it("audits all 130 notes with no error, all 16 outcomes each, and every span exact", async () => {
    const r = await runCli(["audit", CORPUS, "-f", "jsonl"], { cwd: process.cwd() });
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { noteId: string; error?: unknown; facts: { inScope: boolean; facts: Array<{ span: { start: number; end: number }; quote: string }> }; results: Array<{ outcome: string; evidence: Array<{ start: number; end: number; text: string }> }> });
    expect(lines).toHaveLength(130);
    let spans = 0;
    for (const l of lines) {
      expect(l.error).toBeUndefined();
      expect(l.results).toHaveLength(16);
      const text = readFileSync(l.noteId, "utf8");
      for (const f of l.facts.facts) {
        expect(text.slice(f.span.start, f.span.end)).toBe(f.quote);
        spans++;
      }
      for (const res of l.results) for (const e of res.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
    expect(spans).toBeGreaterThan(1000);
    // out-of-scope notes exist in the corpus (incidental mentions) and get not_applicable everywhere
    const out = lines.filter((l) => !l.facts.inScope);
    expect(out.length).toBeGreaterThan(0);
    for (const l of out) for (const res of l.results) expect(res.outcome).toBe("not_applicable");
  });
});

describe.skipIf(!existsSync(DEV))("development notes (../shared/eval-dev)", () => {
  it("keep the span invariant", async () => {
    const r = await runCli(["audit", DEV, "-f", "jsonl"], { cwd: process.cwd() });
    for (const line of r.stdout.trim().split("\n")) {
      const l = JSON.parse(line) as { noteId: string; results: Array<{ evidence: Array<{ start: number; end: number; text: string }> }> };
      const text = readFileSync(l.noteId, "utf8");
      for (const res of l.results) for (const e of res.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });
});
