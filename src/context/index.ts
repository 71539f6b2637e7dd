/**
 * ConText-style assertion: is a mention negated / possible, historical /
 * hypothetical, about the patient or someone else? Public API.
 * (Placeholder implementation: to be replaced by the language layer.)
 */
import type { Assertion, Cue, Experiencer, SectionCategory, Span, Temporality } from "../facts/schema.js";

export interface MentionContext {
  assertion: Assertion;
  temporality: Temporality;
  experiencer: Experiencer;
  cues: Cue[];
}

export interface ClassifyOptions {
  /** Section the mention lies in, for section-aware defaults. */
  section?: SectionCategory | null;
  /** The sentence (scope window) around the mention; computed when absent. */
  sentence?: Span;
}

export function classifyMention(text: string, span: { start: number; end: number }, options: ClassifyOptions = {}): MentionContext {
  const before = text.slice(Math.max(0, span.start - 60), span.start).toLowerCase();
  const negated = /\b(?:no|denies|negative for|without)\b[^.;:]*$/.test(before);
  return {
    assertion: negated ? "negated" : "affirmed",
    temporality: options.section === "past_medical_history" ? "historical" : "current",
    experiencer: options.section === "family_history" ? "family" : "patient",
    cues: [],
  };
}
