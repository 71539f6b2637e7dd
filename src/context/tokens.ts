/**
 * Word tokenizer shared by the ConText matcher and its lexicon compiler.
 * Tokens are runs of ASCII letters/digits, or single punctuation characters;
 * whitespace and hyphens separate tokens and are dropped ("non-tender" is
 * "non" "tender"). Offsets are UTF-16 code units into the original text.
 */

export interface Token {
  start: number;
  end: number;
  /** Lower-cased token text; curly apostrophes normalised to "'". */
  norm: string;
  /** True for letter/digit runs, false for punctuation. */
  word: boolean;
}

const TOKEN_RE = /[A-Za-z0-9]+|[^\sA-Za-z0-9\-\u2010-\u2014]/g;

/** Tokenizes `text` between `start` and `end` (end-exclusive). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = start;
  for (;;) {
    const m = TOKEN_RE.exec(text);
    if (m === null || m.index >= end) break;
    const s = m.index;
    let e = s + m[0].length;
    if (e > end) e = end;
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    let norm = word ? raw.toLowerCase() : raw === "\u2019" || raw === "\u2018" ? "'" : raw;
    if (e - s !== raw.length) norm = norm.slice(0, e - s);
    out.push({ start: s, end: e, norm, word });
  }
  return out;
}
