/**
 * Extractor factory. `lexicon` is the default and fully offline; `llm` and
 * `hybrid` send note text only to the endpoint the user configured.
 */
import OpenAI from "openai";
import type { ConfigFile } from "../config/schema.js";
import type { Extractor } from "./extractor.js";
import { HybridExtractor } from "./hybrid.js";
import { resolveLlmSettings } from "./llm/config.js";
import { LlmExtractor } from "./llm/extractor.js";
import { LexiconExtractor } from "./lexicon/index.js";

export type ExtractorName = "lexicon" | "llm" | "hybrid";

export interface ExtractorOptions {
  extractor: ExtractorName;
  model?: string;
  cacheDir?: string;
  cache?: boolean;
  concurrency?: number;
  config: ConfigFile;
  env: Record<string, string | undefined>;
  /** Where usage summaries and warnings go (never note text). */
  log?: (line: string) => void;
  /** Dependency injection for tests and embedders: used instead of a client built from the settings. */
  client?: OpenAI;
}

/** Builds the extractor; throws ChartcheckError("LLM_CONFIG") before any note is read. */
export function createExtractor(options: ExtractorOptions): Extractor {
  if (options.extractor === "lexicon") return new LexiconExtractor();
  const s = resolveLlmSettings(options);
  const client =
    options.client ??
    new OpenAI({
      apiKey: s.apiKey,
      baseURL: s.baseURL,
      // Our own capped retry policy (llm/retry.ts): the SDK would honour any Retry-After, uncapped.
      maxRetries: 0,
      timeout: s.timeoutMs,
      // The SDK's debug log (OPENAI_LOG=debug) prints request bodies, i.e. note text: never.
      logLevel: "off",
    });
  const llm = new LlmExtractor({
    client,
    model: s.model,
    structuredOutput: s.structuredOutput,
    timeoutMs: s.timeoutMs,
    retry: { maxAttempts: s.maxRetries + 1, retryAfterCapMs: s.retryAfterCapMs },
    cacheDir: s.cacheDir,
    concurrency: s.concurrency,
    temperature: s.temperature,
    ...(options.log ? { log: options.log } : {}),
  });
  if (options.extractor === "llm") return llm;
  return new HybridExtractor(llm, new LexiconExtractor());
}

export type { Extractor, ExtractInput, ExtractResult } from "./extractor.js";
export { LlmExtractor } from "./llm/extractor.js";
export { HybridExtractor } from "./hybrid.js";
