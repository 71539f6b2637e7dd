/**
 * Section detection: headers such as "HPI:", "Plan:", "A/P:" at the start of a
 * line, mapped to normalised categories by lexicon/sections.json.
 * (Placeholder implementation: to be replaced by the language layer.)
 */
import type { SectionCategory, Span } from "../facts/schema.js";

export interface Section {
  category: SectionCategory;
  /** The header as written, e.g. "A/P". */
  title: string;
  header: Span;
  /** From after the header to the next header (or the end of the text). */
  body: Span;
}

const HEADERS: Array<[RegExp, SectionCategory]> = [
  [/^(?:hpi|history of present illness|s|subjective)$/i, "hpi"],
  [/^(?:cc|chief complaint)$/i, "chief_complaint"],
  [/^(?:pmh|past medical history)$/i, "past_medical_history"],
  [/^(?:fh|family history)$/i, "family_history"],
  [/^(?:exam|o|objective|physical exam)$/i, "exam"],
  [/^(?:a|assessment|impression)$/i, "assessment"],
  [/^(?:p|plan)$/i, "plan"],
  [/^(?:a\/p|assessment and plan)$/i, "assessment_plan"],
];

export function detectSections(text: string): Section[] {
  const found: Array<{ category: SectionCategory; title: string; header: Span }> = [];
  for (const m of text.matchAll(/^([A-Za-z][A-Za-z /&]{0,40}?)\s*:/gm)) {
    const title = m[1]!.trim();
    const hit = HEADERS.find(([re]) => re.test(title));
    if (hit) found.push({ category: hit[1], title, header: { start: m.index, end: m.index + m[0].length } });
  }
  return found.map((s, i) => ({
    ...s,
    body: { start: s.header.end, end: found[i + 1]?.header.start ?? text.length },
  }));
}

export function sectionAt(sections: readonly Section[], offset: number): Section | null {
  let best: Section | null = null;
  for (const s of sections) if (s.header.start <= offset && offset < s.body.end) best = s;
  return best;
}
