/**
 * The one interface both extractors implement. The result is always validated
 * with NoteFactsSchema at this boundary; rules trust the types after it.
 */
import type { NoteFacts } from "../facts/schema.js";

export interface ExtractInput {
  id: string;
  text: string;
  /** Encounter date given from outside the text (--date or record metadata). */
  encounterDate: { value: string; source: "option" | "metadata" } | null;
}

export interface ExtractResult {
  facts: NoteFacts;
  /** Extractor-specific diagnostics recorded in the report (LLM: ungrounded, fallback, disagreements...). */
  diagnostics?: Record<string, unknown>;
}

export interface Extractor {
  readonly name: NoteFacts["extractor"]["name"];
  /**
   * The extractor's output is already known to satisfy NoteFactsSchema: it is
   * typed by the schema and built by deterministic code whose every output is
   * parsed by the test suite (the lexicon extractor). The pipeline then skips
   * the second runtime parse, which costs more than a tenth of an audit.
   * Extractors of untrusted output (LLM) leave it unset and are parsed.
   */
  readonly schemaChecked?: boolean;
  extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractResult>;
  /** Releases resources (clients, caches). */
  close?(): Promise<void>;
}
