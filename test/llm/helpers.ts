/** Shared test helpers: msw server for the OpenAI API, recorded replies, fixture notes. */
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import OpenAI from "openai";
import { LlmExtractor, type LlmExtractorOptions } from "../../src/extract/llm/extractor.js";

export const BASE_URL = "http://llm.test/v1";
export const COMPLETIONS_URL = `${BASE_URL}/chat/completions`;

const fixtures = new URL("../../fixtures/llm/", import.meta.url);

export function note(name: string): string {
  return readFileSync(new URL(`notes/${name}.txt`, fixtures), "utf8");
}

/** A recorded chat.completion reply (fixtures/llm/replies/NAME.json). */
export function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`replies/${name}.json`, fixtures), "utf8")) as Record<string, unknown>;
}

/** The wire reply inside a recorded completion. */
export function recordedContent(name: string): Record<string, unknown> {
  const c = recorded(name) as { choices: Array<{ message: { content: string } }> };
  return JSON.parse(c.choices[0]!.message.content) as Record<string, unknown>;
}

/** A chat.completion reply carrying `content`. */
export function completion(content: string, usage = { prompt_tokens: 100, completion_tokens: 20 }): JsonBodyType {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1767225600,
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format: { type: string; json_schema?: { name: string; strict: boolean; schema: unknown } };
  temperature?: number;
}

/**
 * An msw server with one programmable handler. `reply(req, n)` gets the parsed
 * request and the 1-based request number, and returns a Response.
 */
export function mockLlm() {
  const requests: ChatRequest[] = [];
  let reply: (req: ChatRequest, n: number) => Response | Promise<Response> = () =>
    HttpResponse.json({ error: { message: "no reply programmed" } }, { status: 500 });
  const server = setupServer(
    http.post(COMPLETIONS_URL, async ({ request }) => {
      const body = (await request.json()) as ChatRequest;
      requests.push(body);
      return reply(body, requests.length);
    }),
  );
  // REQUIRED with msw 2.x + openai retries (TOOLCHAIN.md G1): release the tee'd body.
  server.events.on("response:mocked", ({ response }) => {
    response.body?.cancel().catch(() => {});
  });
  return {
    server,
    requests,
    setReply(fn: typeof reply) {
      reply = fn;
    },
    reset() {
      requests.length = 0;
    },
  };
}

/** The note text the request carried (the last user message). */
export function noteOf(req: ChatRequest): string {
  const users = req.messages.filter((m) => m.role === "user");
  // The note is the user message right after the few-shot example reply (index 3).
  return req.messages[3]?.content ?? users[users.length - 1]!.content;
}

export function client(): OpenAI {
  return new OpenAI({ apiKey: "sk-test", baseURL: BASE_URL, maxRetries: 0 });
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "chartcheck-llm-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function extractor(options: Partial<LlmExtractorOptions> & { logs?: string[] } = {}): LlmExtractor {
  const { logs, ...rest } = options;
  return new LlmExtractor({
    client: client(),
    model: "test-model",
    cacheDir: null,
    timeoutMs: 5_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, retryAfterCapMs: 200 },
    random: () => 0.5,
    ...(logs ? { log: (l: string) => logs.push(l) } : {}),
    ...rest,
  });
}

export function input(id: string, text: string, encounterDate: { value: string; source: "option" | "metadata" } | null = null) {
  return { id, text, encounterDate };
}
