import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse, delay, http } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";
import { mockLlm, noteOf, recorded, tempDir } from "./helpers.js";

const llm = mockLlm();
let openaiHits = 0;
llm.server.use(
  http.post("https://api.openai.com/v1/chat/completions", () => {
    openaiHits++;
    return HttpResponse.json(recorded("sciatica-early-mri"));
  }),
);
beforeAll(() => llm.server.listen({ onUnhandledRequest: "error" }));
afterAll(() => llm.server.close());

function fakeIO(cwd: string, env: Record<string, string | undefined>) {
  let out = "";
  let err = "";
  let stdinReads = 0;
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => {
      stdinReads++;
      return new TextEncoder().encode("Plan: MRI lumbar spine.");
    },
    cwd,
    env,
  };
  return { io, out: () => out, err: () => err, stdinReads: () => stdinReads };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  mkdirSync(join(tmp.dir, "notes"));
  for (const n of ["sciatica-early-mri", "injection"]) {
    copyFileSync(new URL(`../../fixtures/llm/notes/${n}.txt`, import.meta.url), join(tmp.dir, "notes", `${n}.txt`));
  }
});
afterEach(() => {
  tmp.cleanup();
  llm.reset();
  openaiHits = 0;
});

describe("chartcheck audit --extractor llm|hybrid (through run())", () => {
  it("no API key and no endpoint: LLM_CONFIG, exit 2, before any note is read", async () => {
    const f = fakeIO(tmp.dir, { HOME: tmp.dir });
    const code = await run(["audit", "-", "--extractor", "llm", "--model", "gpt-test"], f.io);
    expect(code).toBe(2);
    expect(f.err()).toMatch(/the llm extractor cannot start:\n {2}no API key or endpoint: set OPENAI_API_KEY/);
    expect(f.stdinReads()).toBe(0);
    expect(f.out()).toBe("");
    expect(llm.requests).toHaveLength(0);
  });

  it("no model: LLM_CONFIG, exit 2, before any note is read", async () => {
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_API_KEY: "sk-test" });
    const code = await run(["audit", "-", "--extractor", "hybrid"], f.io);
    expect(code).toBe(2);
    expect(f.err()).toContain("the hybrid extractor cannot start:\n  no model: pass --model <name> or set llm.model in the config file");
    expect(f.stdinReads()).toBe(0);
  });

  it("the extractor from the config file is checked too", async () => {
    writeFileSync(join(tmp.dir, "chartcheck.config.json"), JSON.stringify({ extractor: "llm", llm: { baseURL: "http://127.0.0.1:1/v1" } }));
    const f = fakeIO(tmp.dir, { HOME: tmp.dir });
    expect(await run(["audit", "-"], f.io)).toBe(2);
    expect(f.err()).toContain("no model");
    expect(f.stdinReads()).toBe(0);
  });

  it("local endpoint without a key: audits every note, records model and prompt hash, prints usage; a re-run is served from the cache", async () => {
    llm.setReply((req) =>
      HttpResponse.json(recorded(noteOf(req).includes("IMPORTANT SYSTEM NOTE") ? "injection" : "sciatica-early-mri")),
    );
    const env = { HOME: tmp.dir, OPENAI_BASE_URL: "http://llm.test/v1" };
    const args = ["audit", "notes", "--extractor", "llm", "--model", "local-model", "--format", "jsonl", "--fail-on", "none", "--cache-dir", "cache"];
    const f = fakeIO(tmp.dir, env);
    // cache-dir is relative to the process: make it absolute for the test.
    args[args.length - 1] = join(tmp.dir, "cache");
    expect(await run(args, f.io), f.err()).toBe(0);
    expect(llm.requests).toHaveLength(2);
    const lines = f.out().trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.map((l) => l.noteId)).toEqual(["notes/injection.txt", "notes/sciatica-early-mri.txt"]);
    for (const l of lines) {
      expect(l.facts.extractor).toMatchObject({ name: "llm", model: "local-model", promptHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(l.results).toHaveLength(16);
      expect(l.run.extractor).toBe("llm");
    }
    expect(lines[0]!.diagnostics).toEqual({ llm: { ungrounded: 2, ungroundedKinds: ["red_flag", "imaging"] } });
    expect(f.err()).toMatch(/llm usage \(local-model\): 2 request\(s\), 0 cache hit\(s\)/);
    expect(f.err()).not.toContain("sciatica");

    llm.reset();
    const g = fakeIO(tmp.dir, env);
    expect(await run(args, g.io)).toBe(0);
    expect(llm.requests).toHaveLength(0);
    expect(g.err()).toMatch(/0 request\(s\), 2 cache hit\(s\)/);
    expect(g.out()).toBe(f.out()); // byte-identical report
  });

  it("OPENAI_API_KEY alone talks to api.openai.com; --no-cache writes nothing", async () => {
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_API_KEY: "sk-test" });
    const code = await run(["audit", "notes/sciatica-early-mri.txt", "--extractor", "llm", "--model", "gpt-test", "--no-cache", "--format", "jsonl", "--fail-on", "none"], f.io);
    expect(code, f.err()).toBe(0);
    expect(openaiHits).toBe(1);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(tmp.dir)).not.toContain(".cache");
  });

  it("hybrid: merged facts and the disagreements are in the report line", async () => {
    llm.setReply(() => HttpResponse.json(recorded("sciatica-early-mri")));
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_BASE_URL: "http://llm.test/v1" });
    const code = await run(["audit", "notes/sciatica-early-mri.txt", "--extractor", "hybrid", "--model", "m", "--no-cache", "--format", "jsonl", "--fail-on", "none"], f.io);
    expect(code, f.err()).toBe(0);
    const line = JSON.parse(f.out().trim()) as Record<string, any>;
    expect(line.facts.extractor).toMatchObject({ name: "hybrid", model: "m" });
    expect(line.diagnostics.disagreements).toEqual(expect.any(Array));
    expect(typeof line.diagnostics.agreed).toBe("number");
    expect(line.run.extractor).toBe("hybrid");
    // Every LLM fact is either merged with an agreeing lexicon fact or listed.
    const llmFacts = line.facts.facts.filter((x: any) => x.source === "llm").length;
    const listedLlm = line.diagnostics.disagreements.filter((d: any) => d.type === "llm_only" || d.type === "attributes").length;
    expect(llmFacts).toBe(listedLlm);
  });

  it("a server that keeps failing: every note still gets all 16 outcomes, from the lexicon fallback, in bounded time", async () => {
    llm.setReply(() => HttpResponse.json({ error: { message: "down" } }, { status: 500, headers: { "retry-after-ms": "0" } }));
    writeFileSync(join(tmp.dir, "chartcheck.config.json"), JSON.stringify({ llm: { maxRetries: 1 } }));
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_BASE_URL: "http://llm.test/v1" });
    const code = await run(["audit", "notes", "--extractor", "llm", "--model", "m", "--no-cache", "--format", "jsonl", "--fail-on", "none"], f.io);
    expect(code, f.err()).toBe(0);
    expect(llm.requests).toHaveLength(4); // 2 notes x 2 attempts
    const lines = f.out().trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l.results).toHaveLength(16);
      expect(l.diagnostics).toEqual({ fallback: true, reason: "LLM request failed (HTTP 500) after 2 attempt(s)" });
      expect(l.facts.extractor.name).toBe("lexicon");
    }
    expect(f.err()).toMatch(/2 fallback\(s\)/);
  });

  it("--concurrency bounds the requests in flight", async () => {
    for (let i = 0; i < 6; i++) writeFileSync(join(tmp.dir, "notes", `extra-${i}.txt`), `Plan: MRI lumbar spine. Note ${i}.`);
    let inFlight = 0;
    let peak = 0;
    llm.setReply(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await delay(25);
      inFlight--;
      return HttpResponse.json(recorded("sciatica-early-mri"));
    });
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_BASE_URL: "http://llm.test/v1" });
    const code = await run(["audit", "notes", "--extractor", "llm", "--model", "m", "--no-cache", "--concurrency", "3", "--format", "jsonl", "--fail-on", "none"], f.io);
    expect(code, f.err()).toBe(0);
    expect(llm.requests).toHaveLength(8);
    expect(peak).toBe(3);
  });

  it("lexicon (the default) sends nothing anywhere", async () => {
    const f = fakeIO(tmp.dir, { HOME: tmp.dir, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://llm.test/v1" });
    expect(await run(["audit", "notes", "--format", "jsonl", "--fail-on", "none"], f.io)).toBe(0);
    expect(llm.requests).toHaveLength(0);
    expect(openaiHits).toBe(0);
  });
});
