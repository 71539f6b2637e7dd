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
  extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractResult>;
  /** Releases resources (clients, caches). */
  close?(): Promise<void>;
}
