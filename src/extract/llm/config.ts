/**
 * Resolves the LLM settings from CLI options, the config file's `llm` section
 * and the environment (the openai SDK's conventions: OPENAI_API_KEY,
 * OPENAI_BASE_URL). Precedence: CLI > config file > environment > defaults.
 * Throws ChartcheckError("LLM_CONFIG") before any note is read.
 */
import { ChartcheckError } from "../../common/errors.js";
import type { ConfigFile } from "../../config/schema.js";
import { defaultCacheDir } from "./cache.js";
import type { OutputMode } from "./prompt.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) accept any key; the SDK needs one. */
export const PLACEHOLDER_API_KEY = "sk-no-key-required";

export interface LlmSettings {
  model: string;
  baseURL: string;
  apiKey: string;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  retryAfterCapMs: number;
  structuredOutput: OutputMode;
  /** null: caching disabled. */
  cacheDir: string | null;
  temperature: number | null;
}

export interface LlmSettingsInput {
  extractor: string;
  model?: string;
  cacheDir?: string;
  cache?: boolean;
  concurrency?: number;
  config: ConfigFile;
  env: Record<string, string | undefined>;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

export function resolveLlmSettings(o: LlmSettingsInput): LlmSettings {
  const llm = o.config.llm ?? {};
  const model = nonEmpty(o.model) ?? nonEmpty(llm.model);
  const baseURL = nonEmpty(llm.baseURL) ?? nonEmpty(o.env.OPENAI_BASE_URL);
  const apiKey = nonEmpty(llm.apiKey) ?? nonEmpty(o.env.OPENAI_API_KEY);
  const problems: string[] = [];
  if (!apiKey && !baseURL) {
    problems.push(
      "no API key or endpoint: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server (vLLM, Ollama, llama.cpp), or llm.apiKey / llm.baseURL in the config file",
    );
  }
  if (!model) problems.push("no model: pass --model <name> or set llm.model in the config file");
  if (baseURL) {
    let ok = false;
    try {
      const u = new URL(baseURL);
      ok = u.protocol === "http:" || u.protocol === "https:";
    } catch {
      ok = false;
    }
    if (!ok) problems.push("OPENAI_BASE_URL / llm.baseURL is not an http(s) URL");
  }
  if (problems.length) {
    throw new ChartcheckError("LLM_CONFIG", `the ${o.extractor} extractor cannot start:\n  ${problems.join("\n  ")}`);
  }
  const cacheOff = o.cache === false || llm.cache === false;
  return {
    model: model!,
    baseURL: baseURL ?? OPENAI_DEFAULT_BASE_URL,
    apiKey: apiKey ?? PLACEHOLDER_API_KEY,
    concurrency: o.concurrency ?? llm.concurrency ?? 4,
    timeoutMs: llm.timeoutMs ?? 60_000,
    maxRetries: llm.maxRetries ?? 3,
    retryAfterCapMs: llm.retryAfterCapMs ?? 30_000,
    structuredOutput: llm.structuredOutput ?? "json_schema",
    cacheDir: cacheOff ? null : (nonEmpty(o.cacheDir) ?? nonEmpty(llm.cacheDir) ?? defaultCacheDir(o.env)),
    temperature: llm.temperature === undefined ? 0 : llm.temperature,
  };
}
