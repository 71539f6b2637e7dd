/**
 * The LLM extractor from `check` and `serve`, when configured (msw mocks the
 * OpenAI-compatible endpoint; nothing leaves the machine).
 */
import { readFileSync } from "node:fs";
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { createExtractor } from "../../src/extract/index.js";
import { startServer } from "../../src/server/index.js";
import { BASE_URL, mockLlm, recorded, tempDir } from "../llm/helpers.js";
import { postJson } from "../server/helpers.js";
import { fakeIO } from "./helpers.js";

const NOTE = readFileSync(new URL("../../fixtures/llm/notes/sciatica-early-mri.txt", import.meta.url), "utf8");

const llm = mockLlm();
beforeAll(() => llm.server.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => llm.server.close());
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  llm.setReply(() => HttpResponse.json(recorded("sciatica-early-mri")));
});
afterEach(() => {
  tmp.cleanup();
  llm.reset();
});

describe("LLM extractor, when configured", () => {
  it("check --extractor llm --model M sends the note to the configured endpoint and reviews it", async () => {
    const env = { HOME: tmp.dir, OPENAI_BASE_URL: BASE_URL, OPENAI_API_KEY: "sk-test" };
    const io = fakeIO(NOTE, { env, cwd: tmp.dir });
    const code = await run(["check", "--extractor", "llm", "--model", "test-model"], io);
    expect([0, 1]).toContain(code);
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]!.model).toBe("test-model");
    expect(io.out()).toContain("llm extractor");
    expect(io.out()).toMatch(/\d+ deviations? · \d+ adherent/);
  });

  it("check uses the lexicon extractor by default: no request to any endpoint", async () => {
    const env = { HOME: tmp.dir, OPENAI_BASE_URL: BASE_URL, OPENAI_API_KEY: "sk-test" };
    const io = fakeIO(NOTE, { env, cwd: tmp.dir });
    await run(["check"], io);
    expect(llm.requests).toHaveLength(0);
    expect(io.out()).toContain("lexicon extractor");
  });

  it("serve's API uses the LLM extractor it was started with", async () => {
    const extractor = createExtractor({
      extractor: "llm",
      model: "test-model",
      cache: false,
      config: {},
      env: { HOME: tmp.dir, OPENAI_BASE_URL: BASE_URL, OPENAI_API_KEY: "sk-test" },
    });
    const server = await startServer({ port: 0, auditorOptions: { extractor } });
    try {
      const res = await postJson(server.url, { text: NOTE, date: null });
      expect(res.status).toBe(200);
      expect(res.json().run.extractor).toBe("llm");
      expect(llm.requests).toHaveLength(1);
    } finally {
      await server.close();
      await extractor.close?.();
    }
  });
});
