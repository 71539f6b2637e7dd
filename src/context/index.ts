/**
 * ConText-style assertion: is a mention negated / possible, historical /
 * hypothetical, about the patient or someone else? Public API.
 *
 * Algorithm (Harkema et al. 2009; medspaCy's ConText):
 * 1. The scope window is the sentence holding the mention (splitSentences), or
 *    `options.sentence`.
 * 2. The window is tokenized and trigger phrases from lexicon/context.json are
 *    matched left to right, longest match first; a pseudo-trigger ("no change",
 *    "gram negative") consumes its words so their sub-phrases cannot fire.
 * 3. A trigger's scope runs forward and/or backward from it to the window edge,
 *    cut at terminators ("but", "however", ";", category-specific ones such as
 *    "presents with" for history) and at another trigger of the same category;
 *    optionally limited to `maxScope` word tokens. Lists stay in scope
 *    ("no fever, chills, or weight loss").
 * 4. Triggers overlapping the mention are ignored; among triggers that reach the
 *    mention, the nearest one decides each attribute.
 * 5. With no trigger, the section decides: family history -> family, past
 *    medical/surgical history -> historical, patient instructions -> hypothetical.
 */
import type { Assertion, Cue, Experiencer, SectionCategory, Span, Temporality } from "../facts/schema.js";
import { splitSentences, sentenceAt } from "../text/sentences.js";
import { detectSections, sectionAt } from "../text/sections.js";
import type { Section } from "../text/sections.js";
import { loadContextLexicon } from "./lexicon.js";
import type { CompiledLexicon, CompiledRule, TrieNode, TriggerCategory } from "./lexicon.js";
import { tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

export { tokenize } from "./tokens.js";
export type { Token } from "./tokens.js";
export {
  ContextLexiconSchema,
  compileLexicon,
  loadContextLexicon,
  parseContextLexicon,
  MODIFIER_CATEGORIES,
  TRIGGER_CATEGORIES,
} from "./lexicon.js";
export type { CompiledLexicon, CompiledRule, ContextLexicon, ModifierCategory, TriggerCategory } from "./lexicon.js";

export interface MentionContext {
  assertion: Assertion;
  temporality: Temporality;
  experiencer: Experiencer;
  cues: Cue[];
}

export interface ClassifyOptions {
  /**
   * Section the mention lies in, for section-aware defaults. `undefined`: detected
   * from `text` (detectSections); `null`: no section defaults.
   */
  section?: SectionCategory | null;
  /** The section header span, reported as a "section" cue when the section decided. */
  sectionHeader?: Span;
  /** The sentence (scope window) around the mention; computed when absent. */
  sentence?: Span;
  /**
   * What the mention is, for triggers restricted by `appliesTo` in the lexicon
   * ("avoid", "declined", "not a candidate for" apply to "action"s and to
   * untyped mentions, not to "finding"s). E.g. "finding" | "action".
   */
  mentionType?: string;
  /** Cap every trigger's scope at this many word tokens (overrides the lexicon). */
  maxScope?: number;
}

/** A trigger, pseudo-trigger or terminator found in a window. */
export interface Modifier {
  rule: CompiledRule;
  /** Token index range [ts, te) in the window's tokens. */
  ts: number;
  te: number;
  start: number;
  end: number;
}

interface Analysis {
  tokens: Token[];
  /** wordsBefore[i] = number of word tokens among tokens[0..i). */
  wordsBefore: Int32Array;
  mods: Modifier[];
}

const LEXICON: CompiledLexicon = loadContextLexicon();

const NUMBER_WORDS = new Set([
  "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "several", "few", "couple", "many",
]);
function isNumTok(t: Token): boolean {
  const c = t.norm.charCodeAt(0);
  return (c >= 48 && c <= 57) || NUMBER_WORDS.has(t.norm);
}
function isYearTok(t: Token): boolean {
  const s = t.norm;
  return s.length === 4 && (s.startsWith("19") || s.startsWith("20")) && /^\d{4}$/.test(s);
}

/** Longest trie match starting at token i: returns [node, endIndex] or null. */
function longestMatch(root: TrieNode, tokens: readonly Token[], i: number): [TrieNode, number] | null {
  let best: TrieNode | null = null;
  let bestEnd = -1;
  // Iterative DFS; wildcards are rare so the stack stays tiny.
  const stackN: TrieNode[] = [root];
  const stackI: number[] = [i];
  while (stackN.length > 0) {
    const n = stackN.pop()!;
    const j = stackI.pop()!;
    if (n.rules.length > 0 && j > bestEnd && j > i) {
      best = n;
      bestEnd = j;
    }
    if (j >= tokens.length) continue;
    const t = tokens[j]!;
    const child = n.next.get(t.norm);
    if (child) {
      stackN.push(child);
      stackI.push(j + 1);
    }
    if (n.num && isNumTok(t)) {
      stackN.push(n.num);
      stackI.push(j + 1);
    }
    if (n.year && isYearTok(t)) {
      stackN.push(n.year);
      stackI.push(j + 1);
    }
    if (n.any && t.word) {
      stackN.push(n.any);
      stackI.push(j + 1);
    }
  }
  return best ? [best, bestEnd] : null;
}

/** Finds every trigger, pseudo-trigger and terminator in the tokens (greedy, longest first). */
export function findModifiers(tokens: readonly Token[], lexicon: CompiledLexicon = LEXICON): Modifier[] {
  const mods: Modifier[] = [];
  let i = 0;
  while (i < tokens.length) {
    const m = longestMatch(lexicon.root, tokens, i);
    if (!m) {
      i++;
      continue;
    }
    const [node, end] = m;
    const start = tokens[i]!.start;
    const charEnd = tokens[end - 1]!.end;
    for (const rule of node.rules) mods.push({ rule, ts: i, te: end, start, end: charEnd });
    let next = end;
    // A trigger that starts inside this one and runs past its end also counts
    // ("was negative" + "negative for"), unless this one is a pseudo-trigger.
    if (!node.rules.some((r) => r.category === "pseudo")) {
      for (let j = i + 1; j < end; j++) {
        const inner = longestMatch(lexicon.root, tokens, j);
        if (!inner || inner[1] <= end || inner[0].rules.some((r) => r.category === "pseudo")) continue;
        const [n2, e2] = inner;
        for (const rule of n2.rules) mods.push({ rule, ts: j, te: e2, start: tokens[j]!.start, end: tokens[e2 - 1]!.end });
        next = e2;
        break;
      }
    }
    i = next;
  }
  return mods;
}

function analyze(text: string, start: number, end: number): Analysis {
  const tokens = tokenize(text, start, end);
  const wordsBefore = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) wordsBefore[i + 1] = wordsBefore[i]! + (tokens[i]!.word ? 1 : 0);
  return { tokens, wordsBefore, mods: findModifiers(tokens) };
}

// ---- per-text caches (the extractor classifies many mentions of one note in a row) ----
let cacheText: string | null = null;
let cacheSentences: Span[] | null = null;
let cacheSections: Section[] | null = null;
let cacheAnalyses = new Map<number, Analysis>();

function useText(text: string): void {
  if (cacheText === text) return;
  cacheText = text;
  cacheSentences = null;
  cacheSections = null;
  cacheAnalyses = new Map();
}
function sentencesOf(text: string): Span[] {
  useText(text);
  return (cacheSentences ??= splitSentences(text));
}
function sectionsOf(text: string): Section[] {
  useText(text);
  return (cacheSections ??= detectSections(text));
}
function analysisOf(text: string, start: number, end: number): Analysis {
  useText(text);
  const key = start * 0x100000000 + end;
  let a = cacheAnalyses.get(key);
  if (!a) {
    a = analyze(text, start, end);
    if (cacheAnalyses.size > 4096) cacheAnalyses.clear();
    cacheAnalyses.set(key, a);
  }
  return a;
}

type Dimension = "assertion" | "temporality" | "experiencer";
const DIMENSION: Record<TriggerCategory, Dimension> = {
  negated: "assertion",
  possible: "assertion",
  historical: "temporality",
  hypothetical: "temporality",
  family: "experiencer",
  other_experiencer: "experiencer",
};

function isTrigger(r: CompiledRule): r is CompiledRule & { category: TriggerCategory } {
  return r.category !== "pseudo" && r.category !== "terminate";
}

/** Does modifier b cut the scope of a trigger of category c? */
function blocks(b: Modifier, c: TriggerCategory, trigger: CompiledRule): boolean {
  const r = b.rule;
  if (r.category === "terminate") return r.terminates === null || r.terminates.includes(c);
  if (r.category === c) return true;
  return trigger.terminatedBy !== null && isTrigger(r) && trigger.terminatedBy.includes(r.category);
}

interface Hit {
  mod: Modifier;
  distance: number;
}

/**
 * Classifies the mention at `span` in `text`. `text` is the whole note (so
 * offsets are absolute); the scope is the mention's sentence.
 */
export function classifyMention(text: string, span: { start: number; end: number }, options: ClassifyOptions = {}): MentionContext {
  let win: Span = options.sentence ?? sentenceAt(sentencesOf(text), span.start);
  if (win.end <= win.start || span.start < win.start || span.end > win.end) {
    // Mention outside any sentence (e.g. whitespace) or crossing a boundary: widen the window.
    win = { start: Math.min(win.end > win.start ? win.start : span.start, span.start), end: Math.max(win.end, span.end) };
  }
  const a = analysisOf(text, win.start, win.end);
  const { tokens, wordsBefore, mods } = a;

  // Mention token range [ms, me).
  let ms = 0;
  while (ms < tokens.length && tokens[ms]!.end <= span.start) ms++;
  let me = ms;
  while (me < tokens.length && tokens[me]!.start < span.end) me++;

  const mentionType = options.mentionType ?? null;
  // Modifiers that overlap the mention never apply (a concept cannot modify itself).
  const live: Modifier[] = [];
  for (const m of mods) if (m.end <= span.start || m.start >= span.end) live.push(m);

  const best: Record<Dimension, Hit | null> = { assertion: null, temporality: null, experiencer: null };
  const blockedBy: Record<Dimension, Modifier | null> = { assertion: null, temporality: null, experiencer: null };
  let pseudoCue: Modifier | null = null;

  for (let k = 0; k < live.length; k++) {
    const m = live[k]!;
    const r = m.rule;
    if (r.category === "pseudo") {
      if (m.te <= ms && wordsBefore[ms]! - wordsBefore[m.te]! <= 3) pseudoCue = m;
      continue;
    }
    if (!isTrigger(r)) continue;
    if (r.appliesTo !== null && !r.appliesTo.includes(mentionType)) continue;
    const maxScope = options.maxScope ?? r.maxScope;
    let distance = -1;
    let blocker: Modifier | null = null;
    if (m.te <= ms && (r.direction === "forward" || r.direction === "bidirectional")) {
      // Forward: everything between the trigger and the mention must be unblocked.
      for (let q = k + 1; q < live.length; q++) {
        const b = live[q]!;
        if (b.ts >= ms) break;
        if (b.ts >= m.te && blocks(b, r.category, r)) {
          blocker = b;
          break;
        }
      }
      distance = wordsBefore[ms]! - wordsBefore[m.te]!;
    } else if (m.ts >= me && (r.direction === "backward" || r.direction === "bidirectional")) {
      for (let q = k - 1; q >= 0; q--) {
        const b = live[q]!;
        if (b.te <= me) break;
        if (b.te <= m.ts && blocks(b, r.category, r)) {
          blocker = b;
          break;
        }
      }
      distance = wordsBefore[m.ts]! - wordsBefore[me]!;
    } else continue;
    const dim = DIMENSION[r.category];
    if (blocker) {
      if (!blockedBy[dim]) blockedBy[dim] = blocker;
      continue;
    }
    if (maxScope !== null && distance >= maxScope) continue;
    const cur = best[dim];
    if (!cur || distance < cur.distance) best[dim] = { mod: m, distance };
  }

  const cues: Cue[] = [];
  const cue = (m: Modifier, category: Cue["category"]): void => {
    cues.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end), category });
  };

  let assertion: Assertion = "affirmed";
  const as = best.assertion;
  if (as) {
    assertion = as.mod.rule.category === "negated" ? "negated" : "possible";
    cue(as.mod, as.mod.rule.category as Cue["category"]);
  } else if (pseudoCue) cue(pseudoCue, "pseudo");
  else if (blockedBy.assertion) cue(blockedBy.assertion, "terminate");

  let temporality: Temporality = "current";
  const tp = best.temporality;
  if (tp) {
    temporality = tp.mod.rule.category === "historical" ? "historical" : "hypothetical";
    cue(tp.mod, tp.mod.rule.category as Cue["category"]);
  }

  let experiencer: Experiencer = "patient";
  const ex = best.experiencer;
  if (ex) {
    experiencer = ex.mod.rule.category === "family" ? "family" : "other";
    cue(ex.mod, ex.mod.rule.category as Cue["category"]);
  }

  // Section defaults.
  if (!tp || !ex) {
    let section: SectionCategory | null = null;
    let header: Span | null = options.sectionHeader ?? null;
    if (options.section !== undefined) section = options.section;
    else {
      const s = sectionAt(sectionsOf(text), span.start);
      if (s) {
        section = s.category;
        header = s.header;
      }
    }
    let used = false;
    if (!ex && section === "family_history") {
      experiencer = "family";
      used = true;
    }
    if (!tp && (section === "past_medical_history" || section === "past_surgical_history")) {
      temporality = "historical";
      used = true;
    } else if (!tp && section === "patient_instructions") {
      temporality = "hypothetical";
      used = true;
    }
    if (used && header) cues.push({ start: header.start, end: header.end, text: text.slice(header.start, header.end), category: "section" });
  }

  cues.sort((x, y) => x.start - y.start);
  return { assertion, temporality, experiencer, cues };
}

/** The modifiers (triggers, pseudo-triggers, terminators) found in a span of text: for debugging and tooling. */
export function modifiersIn(text: string, window: Span = { start: 0, end: text.length }): Cue[] {
  const a = analyze(text, window.start, window.end);
  return a.mods.map((m) => {
    const c = m.rule.category;
    const category: Cue["category"] = c === "terminate" ? "terminate" : c === "pseudo" ? "pseudo" : c;
    return { start: m.start, end: m.end, text: text.slice(m.start, m.end), category };
  });
}
