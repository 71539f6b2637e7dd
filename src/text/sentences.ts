/**
 * Sentence segmentation for clinical text. Returns UTF-16 [start, end) spans
 * with surrounding whitespace trimmed. Line breaks that end a list item or a
 * header also end a sentence.
 * (Placeholder implementation: to be replaced by the language layer.)
 */
import type { Span } from "../facts/schema.js";

export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n.;!?]+(?:[.;!?]+|$)/gm;
  for (const m of text.matchAll(re)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The sentence containing `offset`, or a zero-width span there. */
export function sentenceAt(sentences: readonly Span[], offset: number): Span {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return { start: offset, end: offset };
}
