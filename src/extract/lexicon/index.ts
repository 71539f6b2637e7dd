import type { ExtractInput, ExtractResult, Extractor } from "../extractor.js";
import { extractFacts } from "./extract.js";

export const LEXICON_EXTRACTOR_VERSION = "1.0.0";

/** The deterministic, offline extractor. */
export class LexiconExtractor implements Extractor {
  readonly name = "lexicon" as const;
  async extract(input: ExtractInput): Promise<ExtractResult> {
    return { facts: extractFacts(input.text, input.encounterDate) };
  }
}
