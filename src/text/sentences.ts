/**
 * Sentence segmentation for clinical text. Returns UTF-16 [start, end) spans
 * with surrounding whitespace trimmed, in text order, non-overlapping.
 *
 * - A line break ends a sentence unless the line obviously continues (next line
 *   starts lower-case, or this line ends with a comma / conjunction / preposition).
 * - A section header at line start ("HPI:", "A/P:", "PAST MEDICAL HISTORY:") is a
 *   sentence of its own, so header words never enter a ConText scope.
 * - List markers ("- ", "* ", "1. ", "2) ") at line start are not part of the sentence.
 * - "." ends a sentence unless it belongs to an abbreviation (Dr., e.g., vs., approx.,
 *   b.i.d., y.o.), a number (0.5, 36.7), a list marker, or is followed by a
 *   lower-case word after a short token ("pt. is"). "?" and "!" always end one.
 * - Semicolons do not end a sentence: they are ConText scope terminators instead
 *   (lexicon/context.json), so "Denies X; reports Y" keeps both clauses in one
 *   sentence but negation does not cross the ";".
 */
import type { Span } from "../facts/schema.js";
import { headerAtLine } from "./sections.js";
import type { LineHeader } from "./sections.js";

const ABBREVIATIONS = new Set([
  "dr", "mr", "mrs", "ms", "st", "vs", "v", "e.g", "i.e", "eg", "ie", "approx", "appt", "apt", "pt", "pts", "etc",
  "b.i.d", "t.i.d", "q.i.d", "q.d", "q.h.s", "h.s", "p.o", "p.r.n", "a.m", "p.m", "y.o", "yo", "no", "nos", "fig", "dept",
  "inc", "jr", "sr", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "min", "hr", "hrs", "sec", "approx", "ca", "cf", "al", "lt", "rt", "bilat", "ext", "prof", "mt", "ft", "in", "lb", "lbs",
  "oz", "tab", "tabs", "cap", "caps", "inj", "disp", "sig", "q", "x", "u.s", "d.o", "m.d", "r.n", "p.a", "n.p",
]);
// Tokens that, ending a line, mean the sentence goes on on the next line.
const CONTINUES = new Set([
  "and", "or", "of", "with", "w", "to", "the", "a", "an", "for", "in", "on", "at", "by", "from", "as", "but", "than",
  "that", "which", "who", "is", "are", "was", "were", "has", "have", "had", "his", "her", "their", "no", "not", "nor",
  "including", "into", "over", "under", "per",
]);

const LIST_MARKER_RE = /[ \t]*(?:[-*\u2022\u00b7\u2013\u2014>]+[ \t]+|\(?(?:\d{1,2}|[a-zA-Z])[.)][ \t]+|\d{1,2}\.(?=[A-Z]))/y;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function push(out: Span[], text: string, s: number, e: number): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

/** Does the line [s, e) end in a way that the sentence continues on the next line? */
function lineContinues(
  text: string,
  s: number,
  e: number,
  nextStart: number,
  nextEnd: number,
  nextHeader: () => LineHeader | null,
): boolean {
  let k = e;
  while (k > s && isSpace(text.charCodeAt(k - 1))) k--;
  if (k === s) return false;
  const last = text.charCodeAt(k - 1);
  // Terminal punctuation or a colon: the line is complete.
  if (last === 46 || last === 58 || last === 63 || last === 33 || last === 59) return false;
  let n = nextStart;
  while (n < nextEnd && (text.charCodeAt(n) === 32 || text.charCodeAt(n) === 9)) n++;
  if (n >= nextEnd) return false; // blank line
  LIST_MARKER_RE.lastIndex = n;
  if (LIST_MARKER_RE.test(text)) return false;
  if (nextHeader()) return false;
  if (last === 44 || last === 47 || last === 40 || last === 38) return true; // , / ( &
  if (isLower(text.charCodeAt(n))) return true;
  const m = /([A-Za-z]+)$/.exec(text.slice(Math.max(s, k - 12), k));
  return m !== null && CONTINUES.has(m[1]!.toLowerCase());
}

// Structure inside a line: an ALL-CAPS header ("... COMPLICATIONS: None POSTOPERATIVE
// DIAGNOSIS: ...") or an enumerator ("1) ... 2) ...") after other text starts a new sentence.
const INLINE_BREAK_RE = /[ \t](?:((?:[A-Z][A-Z()\/&'\-]*[ \t]+){0,3}[A-Z][A-Z()\/&'\-]+:)(?=\s|$)|(\(?\d{1,2}\))(?=[ \t]))/g;

/** Splits one segment (no line-level structure left) at inline headers/enumerators, then punctuation. */
function splitSegment(text: string, s: number, e: number, out: Span[]): void {
  let from = s;
  const seg = text.slice(s, e);
  if (seg.indexOf(":") < 0 && seg.indexOf(")") < 0) {
    splitPunctuation(text, s, e, out);
    return;
  }
  INLINE_BREAK_RE.lastIndex = 0;
  for (;;) {
    const m = INLINE_BREAK_RE.exec(seg);
    if (m === null) break;
    // "(11/05/2026, ordered by PCP): ..." closes a parenthesis; it is not an inline header
    if (m[1] !== undefined && m[1].includes(")") && !m[1].includes("(")) continue;
    const at = s + m.index + m[0].length - (m[1] ?? m[2] ?? "").length;
    if (at > from && /\S/.test(text.slice(from, at))) {
      splitPunctuation(text, from, at, out);
      from = at;
    }
  }
  splitPunctuation(text, from, e, out);
}

const PUNCT_RE = /[.?!]/g;

/** Splits at sentence punctuation. */
function splitPunctuation(text: string, s: number, e: number, out: Span[]): void {
  let start = s;
  PUNCT_RE.lastIndex = s;
  for (;;) {
    const pm = PUNCT_RE.exec(text);
    if (pm === null || pm.index >= e) break;
    const i = pm.index;
    const c = text.charCodeAt(i);
    // Absorb runs of punctuation and closing quotes/brackets: "...", "?)".
    let j = i + 1;
    while (j < e) {
      const d = text.charCodeAt(j);
      if (d === 46 || d === 63 || d === 33 || d === 34 || d === 39 || d === 41 || d === 93 || d === 0x201d) j++;
      else break;
    }
    PUNCT_RE.lastIndex = j;
    if (j < e && !isSpace(text.charCodeAt(j))) continue; // 0.5, e.g.x, 36.7
    let k = j;
    while (k < e && isSpace(text.charCodeAt(k))) k++;
    if (c === 46 && j === i + 1 && !keepsSentence(text, start, i, k, e)) {
      // not a sentence end
      continue;
    }
    push(out, text, start, j);
    start = k;
    PUNCT_RE.lastIndex = k;
  }
  push(out, text, start, e);
}

/** Is the "." at i (followed by whitespace up to k) a sentence end? */
function keepsSentence(text: string, start: number, i: number, k: number, e: number): boolean {
  // The word before the period, letters/digits/inner dots.
  let w = i;
  while (w > start) {
    const d = text.charCodeAt(w - 1);
    if ((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 46) w--;
    else break;
  }
  if (w === i) return true;
  const bare = text.slice(w, i).toLowerCase().replace(/^\.+|\.+$/g, "");
  if (bare === "") return true;
  const isNum = NUM_RE.test(bare);
  // "1." as a list marker at the start of the segment.
  if (isNum && w === start && bare.length <= 2) return false;
  const nextLower = k < e && isLower(text.charCodeAt(k));
  if (!isNum && (ABBREVIATIONS.has(bare) || bare.includes("."))) {
    // "etc." ends a sentence when a capitalised word follows; other abbreviations never do.
    return bare === "etc" && k < e && !nextLower;
  }
  // Lower-case continuation after a short token ("pt. is", "approx. two").
  if (nextLower && !isNum && bare.length < 3) return false;
  return true;
}
const NUM_RE = /^\d+(?:\.\d+)*$/;

let lastText: string | null = null;
let lastSentences: Span[] = [];

/**
 * Sentence spans of `text`. The last result is kept, since the extractor, the
 * assertion layer and the evidence widener all ask for the same note in turn.
 * Callers must not mutate the returned array.
 */
export function splitSentences(text: string): Span[] {
  if (text === lastText) return lastSentences;
  let out = computeSentences(text);
  if (isDictated(text)) out = splitSpokenPunctuation(text, out);
  lastText = text;
  lastSentences = out;
  return out;
}

// Voice dictation with spoken punctuation ("... 6 days period she rates it ... new paragraph").
const SPOKEN_STOP_RE = /\s+(?:period|full stop|new paragraph|next paragraph|new line|next line)\b[ \t]*/gi;
const SPOKEN_COUNT_RE = /\b(?:period|comma|colon|new paragraph|new line)\b/gi;

/** Dictated text: spoken punctuation words outnumber the real full stops. */
function isDictated(text: string): boolean {
  const spoken = text.match(SPOKEN_COUNT_RE)?.length ?? 0;
  if (spoken < 4) return false;
  const stops = text.match(/[.!?](?:\s|$)/g)?.length ?? 0;
  return spoken > stops * 2;
}

/** Splits sentences at spoken full stops; the spoken word belongs to neither side. */
function splitSpokenPunctuation(text: string, sentences: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of sentences) {
    let start = s.start;
    const chunk = text.slice(s.start, s.end);
    for (const m of chunk.matchAll(SPOKEN_STOP_RE)) {
      const end = s.start + m.index;
      if (end > start) out.push({ start, end });
      start = s.start + m.index + m[0].length;
    }
    if (s.end > start) out.push({ start, end: s.end });
  }
  return out;
}

function computeSentences(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  // Current paragraph segment being accumulated across continued lines.
  let segStart = -1;
  let lineStart = 0;
  // Header of a line, computed once (a line is looked at as "next" and then as "current").
  let memoStart = -1;
  let memo: LineHeader | null = null;
  const header = (ls: number, le: number): LineHeader | null => {
    if (ls !== memoStart) {
      memoStart = ls;
      memo = headerAtLine(text, ls, le);
    }
    return memo;
  };
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    let contentStart = lineStart;
    if (segStart < 0) {
      // A new segment starts on this line: header? list marker?
      const h = header(lineStart, lineEnd);
      if (h) {
        push(out, text, h.header.start, h.header.end);
        contentStart = h.header.end;
      }
      LIST_MARKER_RE.lastIndex = contentStart;
      const lm = LIST_MARKER_RE.exec(text);
      if (lm && lm.index + lm[0].length <= lineEnd) contentStart = lm.index + lm[0].length;
      segStart = contentStart;
    }
    const nextStart = lineEnd + 1;
    let nextEnd = nextStart <= n ? text.indexOf("\n", nextStart) : -1;
    if (nextEnd < 0) nextEnd = n;
    if (lineEnd < n && nextStart <= n && lineContinues(text, contentStart, lineEnd, nextStart, nextEnd, () => header(nextStart, nextEnd))) {
      lineStart = nextStart;
      continue;
    }
    splitSegment(text, segStart, lineEnd, out);
    segStart = -1;
    lineStart = nextStart;
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
