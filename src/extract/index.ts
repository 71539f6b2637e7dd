/**
 * Extractor factory. `lexicon` is the default and fully offline; `llm` and
 * `hybrid` send note text only to the endpoint the user configured.
 */
import { ChartcheckError } from "../common/errors.js";
import type { ConfigFile } from "../config/schema.js";
import type { Extractor } from "./extractor.js";
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
}

/** Builds the extractor; throws ChartcheckError("LLM_CONFIG") before any note is read. */
export function createExtractor(options: ExtractorOptions): Extractor {
  switch (options.extractor) {
    case "lexicon":
      return new LexiconExtractor();
    case "llm":
    case "hybrid":
      throw new ChartcheckError("LLM_CONFIG", `the ${options.extractor} extractor is not available in this build`);
  }
}

export type { Extractor, ExtractInput, ExtractResult } from "./extractor.js";
