/**
 * Grounding: find the model's verbatim quote in the note and return UTF-16
 * offsets into the ORIGINAL text. Exact match first; then a match on a
 * normalised form (whitespace runs collapsed, case folded, typographic quotes
 * and dashes unified) mapped back to original offsets. A quote that cannot be
 * found is not in the note: the caller drops the fact.
 */
import type { Span } from "../../facts/schema.js";

const FOLD: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u00A0": " ",
};

export interface Normalised {
  /** The normalised string. */
  text: string;
  /** For each UTF-16 unit of `text`, the original offset it came from. */
  start: number[];
  /** For each UTF-16 unit of `text`, the original end offset of its source character. */
  end: number[];
}

/** Collapses whitespace, folds case and punctuation variants, keeping a map to the original. */
export function normalise(original: string): Normalised {
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let pendingSpace = -1;
  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const len = ch.length;
    if (/\s/u.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      i += len;
      continue;
    }
    if (pendingSpace >= 0) {
      if (out.length) {
        out.push(" ");
        start.push(pendingSpace);
        end.push(i);
      }
      pendingSpace = -1;
    }
    const folded = (FOLD[ch] ?? ch).toLowerCase();
    for (let k = 0; k < folded.length; k++) {
      out.push(folded[k]!);
      start.push(i);
      end.push(i + len);
    }
    i += len;
  }
  return { text: out.join(""), start, end };
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Locates quotes in one note. Repeated quotes ("MRI" twice) are given distinct
 * occurrences in order when the caller passes a `claimKey` (e.g. the fact kind).
 */
export class QuoteLocator {
  #norm: Normalised | null = null;
  readonly #claimed = new Map<string, Set<number>>();

  constructor(readonly text: string) {}

  /**
   * `prefer` ranks occurrences (e.g. "in the section the model named"): an
   * unclaimed preferred occurrence first, then any unclaimed one, then a
   * preferred one, then the first.
   */
  locate(quote: string, claimKey = "", prefer?: (span: Span) => boolean): Span | null {
    const candidates = this.#candidates(quote);
    if (!candidates.length) return null;
    let claimed = this.#claimed.get(claimKey);
    if (!claimed) this.#claimed.set(claimKey, (claimed = new Set()));
    const free = (c: Span): boolean => !claimed.has(c.start);
    const pick =
      (prefer && candidates.find((c) => free(c) && prefer(c))) ??
      candidates.find(free) ??
      (prefer && candidates.find(prefer)) ??
      candidates[0]!;
    claimed.add(pick.start);
    return pick;
  }

  #candidates(quote: string): Span[] {
    const trimmed = quote.trim();
    if (!trimmed) return [];
    const exact = occurrences(this.text, trimmed);
    if (exact.length) return exact.map((s) => ({ start: s, end: s + trimmed.length }));
    this.#norm ??= normalise(this.text);
    const norm = this.#norm;
    const q = normalise(trimmed).text;
    return occurrences(norm.text, q).map((s) => ({ start: norm.start[s]!, end: norm.end[s + q.length - 1]! }));
  }
}
