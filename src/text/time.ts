/**
 * Dates and durations. All dates are ISO strings (YYYY-MM-DD); durations are
 * converted to weeks relative to the encounter date.
 * (Placeholder implementation: to be replaced by the language layer.)
 */
import type { Span } from "../facts/schema.js";

export interface FoundDate {
  value: string;
  span: Span;
}

export interface DurationMention {
  span: Span;
  /** Weeks at the encounter; null when no number can be given. */
  weeks: number | null;
  /** Described as chronic / long-standing without a number. */
  chronic: boolean;
  form: "length" | "since" | "ago" | "vague";
}

/** Parses 11/20/2026, 2026-11-20, 11-20-2026, "Nov 20, 2026". */
export function parseDate(raw: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})$/.exec(raw.trim());
  if (m) return iso(m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!, +m[1]!, +m[2]!);
  return null;
}

function iso(y: number, mo: number, d: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const HEADER_RE = /\b(?:date of service|dos|visit date|date of visit|encounter date|date)\s*[:\-]?\s*(\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})/i;

export function findEncounterDate(text: string): FoundDate | null {
  const m = HEADER_RE.exec(text);
  if (!m) return null;
  const value = parseDate(m[1]!);
  if (!value) return null;
  const start = m.index + m[0].length - m[1]!.length;
  return { value, span: { start, end: start + m[1]!.length } };
}

const UNIT_WEEKS: Record<string, number> = { day: 1 / 7, wk: 1, week: 1, mo: 4.348, month: 4.348, yr: 52.18, year: 52.18 };

export function findDurations(text: string, _encounterDate: string | null): DurationMention[] {
  const out: DurationMention[] = [];
  const re = /\b(?:x|for)\s*(\d+(?:\.\d+)?)\s*(days?|wks?|weeks?|mos?|months?|yrs?|years?)\b/gi;
  for (const m of text.matchAll(re)) {
    const unit = m[2]!.toLowerCase().replace(/s$/, "");
    const key = Object.keys(UNIT_WEEKS).find((k) => unit.startsWith(k));
    if (!key) continue;
    out.push({ span: { start: m.index, end: m.index + m[0].length }, weeks: +m[1]! * UNIT_WEEKS[key]!, chronic: false, form: "length" });
  }
  return out;
}
