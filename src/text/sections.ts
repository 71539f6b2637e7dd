/**
 * Section detection: headers such as "HPI:", "Plan:", "A/P:", "PAST MEDICAL
 * HISTORY:" at the start of a line (with a colon, or alone on their line),
 * mapped to normalised categories by lexicon/sections.json. Organ-system
 * sub-headers ("Neck:", "Motor:") stay inside an open ROS/exam section.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SECTION_CATEGORIES } from "../facts/schema.js";
import type { SectionCategory, Span } from "../facts/schema.js";

export interface Section {
  category: SectionCategory;
  /** The header as written, e.g. "A/P". */
  title: string;
  /** The header including its colon, e.g. "A/P:". */
  header: Span;
  /** From after the header to the next header (or the end of the text). */
  body: Span;
}

const headerString = z
  .string()
  .min(1)
  .refine((h) => h === normalizeTitle(h), { message: "header must be lower-case and single-spaced" });

export const SectionsLexiconSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    sections: z.array(z.strictObject({ category: z.enum(SECTION_CATEGORIES), headers: z.array(headerString).min(1) })).min(1),
    subsections: z.array(headerString),
    keywords: z.array(z.strictObject({ contains: z.string().min(2), category: z.enum(SECTION_CATEGORIES) })),
  })
  .superRefine((lex, ctx) => {
    const seen = new Map<string, string>();
    lex.sections.forEach((s, i) =>
      s.headers.forEach((h, j) => {
        const prev = seen.get(h);
        if (prev) ctx.addIssue({ code: "custom", message: `header "${h}" already listed at ${prev}`, path: ["sections", i, "headers", j] });
        else seen.set(h, `sections[${i}].headers`);
      }),
    );
    lex.subsections.forEach((h, j) => {
      if (seen.has(h)) ctx.addIssue({ code: "custom", message: `subsection "${h}" is also a section header`, path: ["subsections", j] });
    });
  });
export type SectionsLexicon = z.infer<typeof SectionsLexiconSchema>;

/** Lower-case, collapse whitespace, drop trailing dots/spaces. */
export function normalizeTitle(raw: string): string {
  return raw.toLowerCase().replace(/\s+/g, " ").replace(/[\s.]+$/, "").trim();
}

interface CompiledSections {
  map: Map<string, SectionCategory>;
  sub: Set<string>;
  keywords: Array<{ contains: string; category: SectionCategory }>;
}

function loadSections(): CompiledSections {
  const url = new URL("../../lexicon/sections.json", import.meta.url);
  const file = fileURLToPath(url);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, "utf8"));
  } catch (e) {
    throw new Error(`${file}: cannot read section lexicon: ${(e as Error).message}`);
  }
  const r = SectionsLexiconSchema.safeParse(data);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${file}: ${i.path.map(String).join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid section lexicon\n${msg}`);
  }
  const map = new Map<string, SectionCategory>();
  for (const s of r.data.sections) for (const h of s.headers) map.set(h, s.category);
  return { map, sub: new Set(r.data.subsections), keywords: r.data.keywords };
}

const LEX = loadSections();

// A candidate header at line start: a title (letters first; digits, / & ( ) ' . , + - allowed) and a colon.
const COLON_HEADER_RE = /[ \t]*([A-Za-z][A-Za-z0-9 \t/&()'.,+\-]{0,60}?)[ \t]*:(?![0-9]{2})/y;
// Trailing dates in a title ("MRI 05/2026", "MRI 07/14/2026", "CT 2025") are ignored for lookup.
const TRAILING_DATE_RE = /(?:\s+(?:\d{1,2}\/)?(?:\d{1,2}\/)?\d{2,4}|\s+(?:on|from|dated|of)\b)+$/i;
const UPPER_RE = /[A-Z]/;
const LOWER_RE = /[a-z]/;

export interface LineHeader {
  category: SectionCategory;
  title: string;
  /** True for an organ-system sub-header ("Neck:") that belongs to an open ROS/exam. */
  subsection: boolean;
  header: Span;
}

function lookup(title: string, allCaps: boolean, colon: boolean): { category: SectionCategory; subsection: boolean } | null {
  let key = normalizeTitle(title);
  let cat = LEX.map.get(key);
  if (cat) {
    // Single-letter headers (S:, O:, A:, P:) need their colon.
    if (!colon && key.length < 2) return null;
    return { category: cat, subsection: false };
  }
  if (LEX.sub.has(key)) return colon ? { category: "exam", subsection: true } : null;
  const stripped = key.replace(TRAILING_DATE_RE, "");
  if (stripped !== key && stripped.length > 0) {
    key = stripped;
    cat = LEX.map.get(key);
    if (cat) return { category: cat, subsection: false };
  }
  if (!allCaps || !colon) return null;
  const padded = ` ${key} `;
  for (const k of LEX.keywords) if (padded.includes(k.contains)) return { category: k.category, subsection: false };
  const letters = key.replace(/[^a-z]/g, "").length;
  if (key.includes(" ") || letters >= 6) return { category: "other", subsection: false };
  return null;
}

/**
 * The header at the start of the line [lineStart, lineEnd), if any. With a colon
 * ("HPI:", "A/P: ...", "MRI 05/2026: ...") any known header counts, and unknown
 * ALL-CAPS headers count as "other" (or by keyword); without a colon the whole
 * line must be a known header ("Plan", "PAST MEDICAL HISTORY").
 */
export function headerAtLine(text: string, lineStart: number, lineEnd: number): LineHeader | null {
  COLON_HEADER_RE.lastIndex = lineStart;
  const m = COLON_HEADER_RE.exec(text);
  if (m && m.index + m[0].length <= lineEnd) {
    const raw = m[1]!;
    const allCaps = UPPER_RE.test(raw) && !LOWER_RE.test(raw);
    const hit = lookup(raw, allCaps, true);
    if (hit) {
      const titleStart = m.index + m[0].indexOf(raw);
      // Built field by field: an object spread here was the slowest line of sentence splitting.
      return { category: hit.category, subsection: hit.subsection, title: raw.trimEnd(), header: { start: titleStart, end: m.index + m[0].length } };
    }
  }
  // Whole line, no colon.
  let s = lineStart;
  let e = lineEnd;
  while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e - s < 2 || e - s > 60) return null;
  const raw = text.slice(s, e);
  if (!/^[A-Za-z][A-Za-z /&()'+\-]*$/.test(raw)) return null;
  const allCaps = !LOWER_RE.test(raw);
  const c0 = raw.charCodeAt(0);
  if (!allCaps && !(c0 >= 65 && c0 <= 90)) return null;
  const hit = lookup(raw, allCaps, false);
  if (!hit || hit.category === "header") return null;
  return { category: hit.category, subsection: hit.subsection, title: raw, header: { start: s, end: e } };
}

export function detectSections(text: string): Section[] {
  const found: Array<{ category: SectionCategory; title: string; header: Span }> = [];
  let lineStart = 0;
  const n = text.length;
  let current: SectionCategory | null = null;
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    const h = headerAtLine(text, lineStart, lineEnd);
    if (h) {
      if (h.subsection && (current === "review_of_systems" || current === "exam")) {
        // stays in the open section
      } else {
        found.push({ category: h.category, title: h.title, header: h.header });
        current = h.category;
      }
    }
    lineStart = lineEnd + 1;
  }
  return found.map((s, i) => ({
    category: s.category,
    title: s.title,
    header: s.header,
    body: { start: s.header.end, end: found[i + 1]?.header.start ?? text.length },
  }));
}

export function sectionAt(sections: readonly Section[], offset: number): Section | null {
  let lo = 0;
  let hi = sections.length - 1;
  let best: Section | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid]!;
    if (s.header.start <= offset) {
      best = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best && offset < best.body.end ? best : null;
}
