/**
 * The LLM extractor: asks an OpenAI-compatible endpoint for the note's facts
 * (structured output, validated with zod), grounds every quote in the note,
 * and falls back to the lexicon extractor for a note when the model cannot
 * give a valid reply (recorded in the note's diagnostics).
 *
 * Nothing here logs or throws note text: messages name the note id and the
 * problem only.
 */
import type OpenAI from "openai";
import { errorMessage } from "../../common/errors.js";
import { NoteFactsSchema, type NoteFacts } from "../../facts/schema.js";
import type { ExtractInput, ExtractResult, Extractor } from "../extractor.js";
import { LexiconExtractor } from "../lexicon/index.js";
import { ResponseCache, cacheKey } from "./cache.js";
import { groundReply } from "./ground.js";
import { buildMessages, loadPrompt, repairMessages, type OutputMode, type Prompt } from "./prompt.js";
import { DEFAULT_RETRY_POLICY, describeFailure, withRetries, type RetryPolicy } from "./retry.js";
import { WireNoteSchema, jsonSchemaResponseFormat, wireJsonSchema, type WireNote } from "./wire-schema.js";

export const LLM_EXTRACTOR_VERSION = "1.0.0";

export interface LlmExtractorOptions {
  /** An OpenAI client; create it with maxRetries: 0 (we retry ourselves). */
  client: OpenAI;
  model: string;
  prompt?: Prompt;
  structuredOutput?: OutputMode;
  /** Per-request timeout. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** null: no cache. */
  cacheDir?: string | null;
  /** Requests in flight at once (a bound for library callers; auditStream bounds notes too). */
  concurrency?: number;
  /** null: leave temperature to the server. */
  temperature?: number | null;
  log?: (line: string) => void;
  /** Used for a note when the model gives no valid reply. Default: the lexicon extractor. */
  fallback?: Extractor;
  /** Notes in a row whose requests failed after every retry before the run stops asking (default 10). */
  breakerThreshold?: number;
  /** For tests: jitter source. */
  random?: () => number;
}

export interface LlmStats {
  notes: number;
  requests: number;
  cacheHits: number;
  retries: number;
  invalidReplies: number;
  fallbacks: number;
  ungrounded: number;
  promptTokens: number;
  completionTokens: number;
}

/** The LLM's own result for a note, before any fallback. */
export type LlmOutcome =
  | { ok: true; facts: NoteFacts; ungrounded: number; ungroundedKinds: string[] }
  | { ok: false; reason: string };

class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(n: number) {
    this.#free = Math.max(1, n);
  }
  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((r) => this.#waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

const MAX_FALLBACK_WARNINGS = 5;

type ParseResult = { ok: true; reply: WireNote } | { ok: false; problems: string[]; reason: string };

/** Parses and validates one reply; problems are for the model, `reason` is content-free for reports. */
export function parseReply(content: string | null | undefined): ParseResult {
  if (content === null || content === undefined || content.trim() === "") {
    return { ok: false, problems: ["the reply was empty"], reason: "empty reply" };
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    return { ok: false, problems: [`the reply is not valid JSON (${errorMessage(err)})`], reason: "reply is not valid JSON" };
  }
  const res = WireNoteSchema.safeParse(json);
  if (res.success) return { ok: true, reply: res.data };
  const problems = res.error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  return { ok: false, problems, reason: `reply does not match the schema (${res.error.issues.length} problem(s))` };
}

export class LlmExtractor implements Extractor {
  readonly name: "llm" | "hybrid" = "llm";
  /**
   * The model's reply is untrusted, but what extract() returns is not: it is
   * either `NoteFactsSchema.safeParse(...).data` (extractLlm) or the lexicon
   * fallback's output. So the pipeline need not parse it a second time.
   */
  readonly schemaChecked = true;
  readonly model: string;
  readonly prompt: Prompt;
  readonly stats: LlmStats = {
    notes: 0,
    requests: 0,
    cacheHits: 0,
    retries: 0,
    invalidReplies: 0,
    fallbacks: 0,
    ungrounded: 0,
    promptTokens: 0,
    completionTokens: 0,
  };
  readonly #o: LlmExtractorOptions;
  readonly #mode: OutputMode;
  readonly #policy: RetryPolicy;
  readonly #cache: ResponseCache | null;
  readonly #limit: Semaphore;
  readonly #fallback: Extractor;
  readonly #log: (line: string) => void;
  #fallbackWarnings = 0;
  /** Set after an error no retry can fix (bad key, unknown model): later notes skip the request. */
  #fatal: string | null = null;
  #closed = false;
  #cacheWriteFailed = false;
  #hinted = false;
  #consecutiveFailures = 0;
  readonly #breakerThreshold: number;

  constructor(options: LlmExtractorOptions) {
    this.#o = options;
    this.model = options.model;
    this.prompt = options.prompt ?? loadPrompt();
    this.#mode = options.structuredOutput ?? "json_schema";
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#cache = options.cacheDir ? new ResponseCache(options.cacheDir) : null;
    this.#limit = new Semaphore(options.concurrency ?? 4);
    this.#fallback = options.fallback ?? new LexiconExtractor();
    this.#log = options.log ?? (() => {});
    this.#breakerThreshold = options.breakerThreshold ?? 10;
  }

  extractorInfo(name: NoteFacts["extractor"]["name"] = "llm"): NoteFacts["extractor"] {
    return { name, version: LLM_EXTRACTOR_VERSION, model: this.model, promptHash: this.prompt.hash };
  }

  async extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractResult> {
    const outcome = await this.extractLlm(input, signal);
    if (outcome.ok) {
      return {
        facts: outcome.facts,
        diagnostics: { llm: { ungrounded: outcome.ungrounded, ...(outcome.ungrounded ? { ungroundedKinds: outcome.ungroundedKinds } : {}) } },
      };
    }
    return this.fallbackFor(input, outcome.reason, signal);
  }

  /** The lexicon result for a note the model could not handle, with the reason recorded. */
  async fallbackFor(input: ExtractInput, reason: string, signal?: AbortSignal): Promise<ExtractResult> {
    this.recordFallback(input.id, reason);
    const res = await this.#fallback.extract(input, signal);
    return { facts: res.facts, diagnostics: { ...res.diagnostics, fallback: true, reason } };
  }

  /** Counts a note that used the lexicon result instead, and warns (id and reason only; a few times). */
  recordFallback(noteId: string, reason: string): void {
    this.stats.fallbacks++;
    if (this.#fallbackWarnings < MAX_FALLBACK_WARNINGS) {
      this.#log(`chartcheck: ${noteId}: LLM extraction failed (${reason}); used the lexicon extractor for this note`);
    } else if (this.#fallbackWarnings === MAX_FALLBACK_WARNINGS) {
      this.#log("chartcheck: further LLM fallbacks are counted in the usage summary");
    }
    this.#fallbackWarnings++;
  }

  /** Model reply -> grounded, schema-valid NoteFacts, or a content-free reason it failed. */
  async extractLlm(input: ExtractInput, signal?: AbortSignal): Promise<LlmOutcome> {
    this.stats.notes++;
    const schemaHash = wireJsonSchema().hash;
    const key = cacheKey({ model: this.model, promptHash: this.prompt.hash, schemaHash, mode: this.#mode, text: input.text });

    let reply: WireNote | null = null;
    const hit = this.#cache ? await this.#cache.get(key) : null;
    if (hit) {
      const parsed = parseReply(hit.content);
      if (parsed.ok) {
        this.stats.cacheHits++;
        reply = parsed.reply;
      }
    }
    if (!reply) {
      if (this.#fatal) return { ok: false, reason: this.#fatal };
      const got = await this.#ask(input, signal);
      if (!got.ok) return got;
      reply = got.reply;
      if (this.#cache && !this.#cacheWriteFailed) {
        await this.#cache.set(key, { content: got.content, usage: got.usage }).catch((err: unknown) => {
          // Once is enough: an unwritable folder would fail for every note.
          this.#cacheWriteFailed = true;
          this.#log(`chartcheck: could not write the LLM cache (${(err as NodeJS.ErrnoException).code ?? "error"}); continuing without writing it`);
        });
      }
    }

    const grounded = groundReply(reply, input);
    this.stats.ungrounded += grounded.ungrounded;
    const parsed = NoteFactsSchema.safeParse({ ...grounded.facts, extractor: this.extractorInfo(this.name) });
    if (!parsed.success) return { ok: false, reason: "grounded facts failed validation" };
    return { ok: true, facts: parsed.data, ungrounded: grounded.ungrounded, ungroundedKinds: grounded.ungroundedKinds };
  }

  async #ask(
    input: ExtractInput,
    signal?: AbortSignal,
  ): Promise<{ ok: true; reply: WireNote; content: string; usage: { promptTokens: number; completionTokens: number } } | { ok: false; reason: string }> {
    let messages = buildMessages(this.prompt, input.text, this.#mode);
    const usage = { promptTokens: 0, completionTokens: 0 };
    for (let round = 1; round <= 2; round++) {
      let content: string | null;
      try {
        content = await this.#limit.use(() => this.#request(messages, usage, signal));
        this.#consecutiveFailures = 0;
      } catch (err) {
        if (signal?.aborted) throw err;
        return { ok: false, reason: this.#failureReason(err) };
      }
      const parsed = parseReply(content);
      if (parsed.ok) return { ok: true, reply: parsed.reply, content: content!, usage };
      this.stats.invalidReplies++;
      if (round === 2) return { ok: false, reason: `invalid reply after a retry with the validation errors: ${parsed.reason}` };
      messages = repairMessages(messages, content ?? "", parsed.problems);
    }
    /* c8 ignore next */
    return { ok: false, reason: "unreachable" };
  }

  async #request(
    messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
    usage: { promptTokens: number; completionTokens: number },
    signal?: AbortSignal,
  ): Promise<string | null> {
    const o = this.#o;
    const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages,
      response_format: this.#mode === "json_schema" ? jsonSchemaResponseFormat() : { type: "json_object" },
      ...(o.temperature === null ? {} : { temperature: o.temperature ?? 0 }),
    };
    const completion = await withRetries(
      async () => {
        this.stats.requests++;
        return o.client.chat.completions.create(body, {
          maxRetries: 0,
          timeout: o.timeoutMs ?? 60_000,
          ...(signal ? { signal } : {}),
        });
      },
      this.#policy,
      {
        ...(signal ? { signal } : {}),
        ...(o.random ? { random: o.random } : {}),
        onRetry: () => {
          this.stats.retries++;
        },
      },
    );
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    this.stats.promptTokens += completion.usage?.prompt_tokens ?? 0;
    this.stats.completionTokens += completion.usage?.completion_tokens ?? 0;
    const choice = completion.choices[0];
    if (!choice) return null;
    if (choice.message.refusal) return null;
    return choice.message.content;
  }

  #failureReason(err: unknown): string {
    const what = describeFailure(err);
    const status = (err as { status?: unknown }).status;
    if (status === 401 || status === 403 || status === 404) {
      // No retry or later note can fix a bad key or an unknown model: stop sending.
      if (!this.#fatal) {
        this.#fatal = `LLM endpoint refused the request (${what}); check the API key, endpoint and model`;
        this.#log(`chartcheck: ${this.#fatal}; the remaining notes use the lexicon extractor`);
      }
      return this.#fatal;
    }
    if (status === 400 && this.#mode === "json_schema" && /response_format|json_schema/.test(what) && !this.#hinted) {
      this.#hinted = true;
      this.#log('chartcheck: the LLM endpoint rejected the json_schema response format; if it does not support it, set "llm": {"structuredOutput": "json_object"} in the config file');
    }
    const retryable = what === "request timed out" || what === "connection error" || /^HTTP (408|409|429|5\d\d)/.test(what);
    if (retryable && ++this.#consecutiveFailures >= this.#breakerThreshold && !this.#fatal) {
      // A dead endpoint would otherwise cost attempts x (timeout + backoff) for every remaining note.
      this.#fatal = `LLM endpoint unavailable (${this.#consecutiveFailures} notes in a row failed, last: ${what})`;
      this.#log(`chartcheck: ${this.#fatal}; the remaining notes use the lexicon extractor`);
    }
    return retryable ? `LLM request failed (${what}) after ${this.#policy.maxAttempts} attempt(s)` : `LLM request failed (${what})`;
  }

  usageSummary(): string {
    const s = this.stats;
    return (
      `chartcheck: llm usage (${this.model}): ${s.requests} request(s), ${s.cacheHits} cache hit(s), ${s.retries} retr${s.retries === 1 ? "y" : "ies"}, ` +
      `${s.invalidReplies} invalid repl${s.invalidReplies === 1 ? "y" : "ies"}, ${s.fallbacks} fallback(s), ${s.ungrounded} ungrounded fact(s), ` +
      `${s.promptTokens} prompt + ${s.completionTokens} completion tokens`
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#log(this.usageSummary());
  }
}
