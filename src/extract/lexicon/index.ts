import type { ExtractInput, ExtractResult, Extractor } from "../extractor.js";
import { extractFacts } from "./extract.js";

export { LEXICON_EXTRACTOR_VERSION } from "./extract.js";

/** The deterministic, offline extractor. */
export class LexiconExtractor implements Extractor {
  readonly name = "lexicon" as const;
  readonly schemaChecked = true;
  async extract(input: ExtractInput): Promise<ExtractResult> {
    return { facts: extractFacts(input.text, input.encounterDate) };
  }
}
