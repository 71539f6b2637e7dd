/** Fake CliIO and temp-file helpers for eval/stats CLI tests. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";

export interface FakeIO extends CliIO {
  out: () => string;
  err: () => string;
}

export function fakeIO(cwd: string): FakeIO {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => new Uint8Array(),
    cwd,
    env: {},
    out: () => out,
    err: () => err,
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "chartcheck-eval-"));
}

export function writeJsonl(dir: string, name: string, lines: ReadonlyArray<unknown>, eol = "\n"): string {
  writeFileSync(join(dir, name), lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join(eol) + eol);
  return name;
}

export async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(cwd);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A report line in the shape src/report/formatters/jsonl.ts writes. */
export function reportLine(
  noteId: string,
  outcomes: Record<string, string>,
  extra: { encounterDate?: string | null; metadata?: Record<string, string>; configHash?: string } = {},
): Record<string, unknown> {
  return {
    noteId,
    encounterDate: extra.encounterDate ?? null,
    ...(extra.metadata ? { metadata: extra.metadata } : {}),
    facts: { extractor: { name: "lexicon", version: "1.0.0", model: null, promptHash: null } },
    results: Object.entries(outcomes).map(([ruleId, outcome]) => ({ ruleId, outcome, severity: "warning", message: "m", evidence: [] })),
    run: {
      tool: "chartcheck",
      version: "0.1.0",
      pack: "lumbosacral-radiculopathy",
      packVersion: "1.0",
      configHash: extra.configHash ?? "0123456789abcdef",
      extractor: "lexicon",
    },
  };
}

export function goldLine(noteId: string, outcomes: Record<string, string>, rationale?: Record<string, string>): Record<string, unknown> {
  return { noteId, outcomes, ...(rationale ? { rationale } : {}) };
}
