/**
 * Dates and durations. All dates are ISO strings (YYYY-MM-DD); durations are
 * converted to weeks relative to the encounter date.
 *
 * Conversion (as the eval annotation conventions): days / 7 and exact date
 * differences / 7 rounded to 2 decimals, weeks as given, months x 4.348 and
 * years x 52.18 rounded to 1 decimal. Vague but unambiguous durations get a
 * conventional number and `approximate: true` ("for years" = 104 weeks).
 * All regexes are compiled once at module load.
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
  /**
   * length: "x 10 days", "for 3 months", "14 months of"; since: "since yesterday",
   * "since 10/13/2025"; ago: "3 days ago"; vague: "for years", "chronic", "last spring".
   */
  form: "length" | "since" | "ago" | "vague";
  /** The number is a convention or an estimate ("for years", "a few days", "since 2019", a range). */
  approximate: boolean;
  /** The expression as written (= text.slice(span.start, span.end)). */
  text: string;
}

export interface DateParts {
  year: number;
  month: number;
  /** null for a month/year date such as "07/2026" or "October 2026". */
  day: number | null;
  /** "day" for a full date, "month" for month/year, "year" for a bare year. */
  precision: "day" | "month" | "year";
  /** ISO date; partial dates are filled with the 1st of the month / January. */
  iso: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH_RE_SRC =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// Any date form we read, for use inside larger patterns.
const DATE_SRC =
  `(?:\\d{1,2}-${MONTH_RE_SRC}-\\d{4}|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)|${MONTH_RE_SRC}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?(?![\\d:])|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_RE_SRC}\\.?(?:,?\\s+\\d{4})?|${MONTH_RE_SRC}\\.?,?\\s+\\d{4}|\\d{1,2}/\\d{4}|\\d{4}-\\d{2}(?!-))`;

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const MONTH_DAY_RE = new RegExp(`^(${MONTH_RE_SRC})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?$`, "i");
const DAY_MONTH_RE = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE_SRC})\\.?(?:,?\\s+(\\d{4}))?$`, "i");
const MONTH_YEAR_RE = new RegExp(`^(${MONTH_RE_SRC})\\.?,?\\s+(\\d{4})$`, "i");
const NUM_MONTH_YEAR_RE = /^(\d{1,2})\/(\d{4})$/;
const ISO_MONTH_RE = /^(\d{4})-(\d{2})$/;
const YEAR_RE = /^((?:19|20)\d{2})$/;
const MONTH_ONLY_RE = new RegExp(`^(${MONTH_RE_SRC})\\.?$`, "i");

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function iso(y: number, mo: number, d: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1000) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

function monthNum(s: string): number {
  return MONTHS[s.toLowerCase().replace(/\.$/, "")] ?? MONTHS[s.toLowerCase().slice(0, 3)] ?? 0;
}

function twoDigitYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/**
 * Parses a date into parts. `reference` (ISO) supplies the year of a date
 * written without one ("October 2", "Oct 2"): the latest such date not after
 * the reference. Full dates: 11/20/2026, 2026-11-20, 11-20-2026, 2/2/26,
 * "Nov 20, 2026", "20 Nov 2026"; partial: "07/2026", "2026-07", "October 2026",
 * "2019", "October" (with a reference).
 */
export function parseDateParts(raw: string, reference: string | null = null): DateParts | null {
  const s = raw.trim();
  let m = ISO_RE.exec(s);
  if (m) return full(+m[1]!, +m[2]!, +m[3]!);
  m = NUMERIC_RE.exec(s);
  if (m) {
    // MM/DD/YYYY by default; DD/MM/YYYY when the first number cannot be a month (14/01/2026)
    const a = +m[1]!;
    const b = +m[2]!;
    return a > 12 && b <= 12 ? full(twoDigitYear(m[3]!), b, a) : full(twoDigitYear(m[3]!), a, b);
  }
  m = MONTH_DAY_RE.exec(s);
  if (m) return withYear(monthNum(m[1]!), +m[2]!, m[3], reference);
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m && +m[1]! <= 12) return withYear(+m[1]!, +m[2]!, undefined, reference);
  m = new RegExp(`^(\\d{1,2})-(${MONTH_RE_SRC})-(\\d{4})$`, "i").exec(s);
  if (m) return full(+m[3]!, monthNum(m[2]!), +m[1]!);
  m = DAY_MONTH_RE.exec(s);
  if (m) return withYear(monthNum(m[2]!), +m[1]!, m[3], reference);
  m = MONTH_YEAR_RE.exec(s);
  if (m) return partial(+m[2]!, monthNum(m[1]!));
  m = NUM_MONTH_YEAR_RE.exec(s);
  if (m) return partial(+m[2]!, +m[1]!);
  m = ISO_MONTH_RE.exec(s);
  if (m) return partial(+m[1]!, +m[2]!);
  m = YEAR_RE.exec(s);
  if (m) return { year: +m[1]!, month: 1, day: null, precision: "year", iso: `${m[1]!}-01-01` };
  m = MONTH_ONLY_RE.exec(s);
  if (m && reference) {
    const ref = ISO_RE.exec(reference);
    if (!ref) return null;
    const mo = monthNum(m[1]!);
    const y = mo > +ref[2]! ? +ref[1]! - 1 : +ref[1]!;
    return partial(y, mo);
  }
  return null;
}

function full(y: number, mo: number, d: number): DateParts | null {
  const v = iso(y, mo, d);
  return v ? { year: y, month: mo, day: d, precision: "day", iso: v } : null;
}
function partial(y: number, mo: number): DateParts | null {
  const v = iso(y, mo, 1);
  return v ? { year: y, month: mo, day: null, precision: "month", iso: v } : null;
}
function withYear(mo: number, d: number, year: string | undefined, reference: string | null): DateParts | null {
  if (year) return full(+year, mo, d);
  if (!reference) return null;
  const ref = ISO_RE.exec(reference);
  if (!ref) return null;
  let y = +ref[1]!;
  const candidate = iso(y, mo, d);
  if (candidate && candidate > reference) y -= 1;
  return full(y, mo, d);
}

/**
 * Parses a full date to ISO: 11/20/2026, 2026-11-20, 11-20-2026, 2/2/26,
 * "Nov 20, 2026", "October 2" (year from `reference`). Month/year dates
 * ("07/2026") are partial: null here, see parseDateParts.
 */
export function parseDate(raw: string, reference: string | null = null): string | null {
  const p = parseDateParts(raw, reference);
  return p && p.precision === "day" ? p.iso : null;
}

function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000;
}

// ---------------------------------------------------------------- encounter date

// Specific labels may follow other header fields on the same line; a bare "Date" must open a line.
const ENCOUNTER_RE = new RegExp(
  `(?:(?<=^|[\\t |;,(])(?:date\\s+of\\s+service|dos|visit\\s+date|date\\s+of\\s+visit|encounter\\s+date|date\\s+of\\s+encounter|service\\s+date|date\\s+seen|exam\\s+date|date\\s+of\\s+exam(?:ination)?|date\\s+of\\s+procedure|procedure\\s+date|date\\s+of\\s+surgery|surgery\\s+date|date\\s+of\\s+consultation|consult(?:ation)?\\s+date|date\\s+of\\s+admission|admission\\s+date|admit\\s+date)|(?<=^[ \\t]*)(?:date|visit|seen))[ \\t]*(?:[:#=\\-\\u2013][ \\t]*)?(${DATE_SRC})`,
  "gim",
);

/**
 * The encounter date from a header such as "Date of service: 02/02/2026",
 * "DOS: 04/04/2026", "DOS 11/09/2026", "Visit date:", "Date:", "Encounter date".
 * The first such header in the text wins; dates elsewhere ("MRI 07/2026:",
 * "since 10/13/2025") are never taken.
 */
export function findEncounterDate(text: string): FoundDate | null {
  ENCOUNTER_RE.lastIndex = 0;
  for (const m of text.matchAll(ENCOUNTER_RE)) {
    const raw = m[1]!;
    const value = parseDate(raw);
    if (!value) continue;
    const start = m.index + m[0].length - raw.length;
    return { value, span: { start, end: start + raw.length } };
  }
  return null;
}

// ---------------------------------------------------------------- durations

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20,
  thirty: 30, few: 3, "a few": 3, couple: 2, "a couple": 2, "a couple of": 2, "couple of": 2, several: 3,
};
const VAGUE_NUMBERS = new Set(["few", "a few", "couple", "a couple", "a couple of", "couple of", "several"]);

const NUM_SRC =
  "(?:\\d+(?:\\.\\d+)?(?:\\s+1/2)?|a\\s+couple(?:\\s+of)?|couple(?:\\s+of)?|a\\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|thirty)";
const RANGE_SRC = `(${NUM_SRC})(?:\\s*(?:-|\\u2013|to|or)\\s*(${NUM_SRC}))?\\+?`;
// Units. Long forms for prose patterns; short forms ("10d", "3w") only after "x".
const UNIT_SRC = "(days?|wks?|weeks?|fortnights?|mos?|mths?|months?|yrs?|years?)";
const UNIT_SHORT_SRC = "(days?|d|wks?|w|weeks?|fortnights?|mos?|mths?|months?|m|yrs?|y|years?)";
const APPROX_SRC = "(?:(?:about|approximately|approx\\.?|around|roughly|nearly|almost|over|more\\s+than|at\\s+least|~|>|<)\\s*)?";

interface DurationPattern {
  re: RegExp;
  /**
   * Words of which every match (with its lookbehind) holds at least one,
   * lower-case: a note without any of them is not searched (most notes lack
   * "duration", "ago", "since"...). Leave out when no short list exists.
   */
  needs?: readonly string[];
  form: DurationMention["form"];
  kind: "number" | "since" | "vagueYears" | "vagueManyMonths" | "vagueUnit" | "chronic" | "unknown" | "yesterday";
}

const P = (src: string): RegExp => new RegExp(src, "gi");
export const DURATION_PATTERNS: readonly DurationPattern[] = [
  // x 10 days, x3 weeks, x 10-14 days, x10d
  { re: P(`\\bx\\s*${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SHORT_SRC}\\b`), needs: ["x"], form: "length", kind: "number" },
  // for (about) two months, for the past 3 weeks, over the last 2 months, in the past 3 days
  {
    re: P(`\\b(?:(?:for|over|during)\\s+(?:the\\s+)?(?:(?:past|last|previous|prior)\\s+)?|(?:in|within)\\s+the\\s+(?:past|last|previous)\\s+)${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}\\b(?!\\s+(?:ago|later|from\\s+now))`),
      form: "length", kind: "number",
  },
  // 14 months of L leg pain, 9 wks of R leg pain, 3-day history, 2 week hx, 6 weeks' duration, 10 days duration
  {
    re: P(`(?<![\\w/.])${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}(?='?\\s*(?:of\\b|history\\b|hx\\b|h/o\\b|duration\\b|old\\b|long\\b|prior\\b|before\\b|now\\b))`),
      form: "length", kind: "number",
  },
  // now 6 weeks, now about 2 months, going on 3 weeks, ongoing for 5 days
  { re: P(`\\b(?:now|going\\s+on|ongoing\\s+for|present\\s+for|lasting)\\s+${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}\\b(?!\\s+(?:ago|later|after|from\\s+now))`), needs: ["now", "going", "present", "lasting"], form: "length", kind: "number" },
  // "left L5 radiculopathy, 10 weeks, pain over the lateral leg": a bare length set off by punctuation
  { re: P(`(?<=[,:;(]\\s*)${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}(?=\\s*[,;.)]|\\s*$)`), needs: ["day", "wk", "week", "fortnight", "mo", "mth", "month", "yr", "year"], form: "length", kind: "number" },
  // ~2 mo, ~10 days (an approximate length written bare)
  { re: P(`~\\s*${RANGE_SRC}[\\s-]*${UNIT_SHORT_SRC}\\b(?!\\s+ago)`), needs: ["~"], form: "length", kind: "number" },
  // past 3 weeks, last 2 months (no preposition)
  { re: P(`\\b(?:past|last|previous)\\s+${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}\\b(?!\\s+ago)`), needs: ["past", "last", "previous"], form: "length", kind: "number" },
  // (started|began|onset) 3 days ago, 2 weeks ago, a few days ago
  {
    re: P(`(?:\\b(?:started|starting|began|begun|onset|beginning|since)\\s+)?${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SHORT_SRC}\\s+ago\\b`),
      needs: ["ago"], form: "ago", kind: "number",
  },
  // (started|began) yesterday / last night
  { re: P(`\\b(?:started|began|begun|onset|beginning)\\s+(?:yesterday|last\\s+night)\\b`), needs: ["yesterday", "night"], form: "ago", kind: "yesterday" },
  // onset 10/01/2026, began on October 1, started last Tuesday, symptom onset: 2026-10-20
  {
    re: P(`\\b(?:onset(?:\\s+(?:on|of|was))?:?|(?:began|started|begun|beginning|starting)(?:\\s+on)?)\\s+(?:(?:last\\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|${DATE_SRC})`),
      needs: ["onset", "beg", "start"], form: "since", kind: "since",
  },
  // for the past month, over the last week, in the past year
  { re: P(`\\b(?:for|over|during|in|within)\\s+the\\s+(?:past|last|previous)\\s+(week|month|year)\\b`), needs: ["past", "last", "previous"], form: "length", kind: "number" },
  // Duration: 3 weeks
  { re: P(`(?<=\\bduration\\s*[:=-]?\\s*)${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SRC}\\b`), needs: ["duration"], form: "length", kind: "number" },
  // since lifting a couch on June 8: an event, then its date
  { re: P(`\\bsince\\s+(?:[A-Za-z'-]+\\s+){1,6}?on\\s+(?:${DATE_SRC})`), needs: ["since"], form: "since", kind: "since" },
  // since yesterday, since last week, since 10/13/2025, since Oct 2, since Monday, since 2019
  {
    re: P(`\\bsince\\s+(?:(?:the\\s+)?(?:beginning|start|middle|end)\\s+of\\s+(?=${MONTH_RE_SRC})|(?:mid|early|late)[\\s-]+(?=${MONTH_RE_SRC}))?(?:\\d{1,2}\\/\\d{1,2}(?![\\/\\d])|yesterday(?:\\s+(?:morning|afternoon|evening))?|last\\s+(?:night|week|month|year|weekend)|this\\s+(?:morning|afternoon)|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day|${DATE_SRC}|(?:19|20)\\d{2}\\b|${MONTH_RE_SRC}\\b\\.?)`),
      needs: ["since"], form: "since", kind: "since",
  },
  // for years, for many years, for several years, many years of, years of
  { re: P(`\\b(?:for\\s+(?:many\\s+|several\\s+|multiple\\s+|a\\s+number\\s+of\\s+)?(?:years|yrs)|(?:many|several|multiple)\\s+(?:years|yrs)|(?:years|yrs)(?=\\s+of\\b))\\b`), needs: ["years", "yrs"], form: "vague", kind: "vagueYears" },
  // for many months, many months of
  { re: P(`\\b(?:for\\s+)?(?:many|multiple)\\s+months\\b`), needs: ["months"], form: "vague", kind: "vagueManyMonths" },
  // for months / for weeks / for days; months of / weeks of
  { re: P(`\\b(?:for\\s+(?:months|weeks|days)|(?:months|weeks|days)(?=\\s+of\\b))\\b`), needs: ["months", "weeks", "days"], form: "vague", kind: "vagueUnit" },
  // a few days, a couple of weeks, several months (standalone; not "in a few weeks")
  {
    re: P(`(?<!\\b(?:in|within|after|next|f/u|follow\\s+up|followup|recheck|return|rtc|another|every)\\s+)\\b(?:a\\s+few|a\\s+couple(?:\\s+of)?|several)\\s+(days|weeks|months|years)\\b`),
      needs: ["few", "couple", "several"], form: "length", kind: "number",
  },
  // chronic, long-standing
  { re: P(`\\b(?:chronic(?:ally)?|long[\\s-]?standing|long[\\s-]term|lifelong|longtime|long\\s+time)\\b`), needs: ["chronic", "long"], form: "vague", kind: "chronic" },
  // last spring, this summer, for a while
  {
    re: P(`\\b(?:(?:last|this|past|in\\s+the)\\s+(?:spring|summer|fall|autumn|winter)|for\\s+(?:a\\s+while|some\\s+time|a\\s+long\\s+time))\\b`),
      needs: ["spring", "summer", "fall", "autumn", "winter", "while", "some", "long"], form: "vague", kind: "unknown",
  },
];

const UNIT_TO_WEEKS: Record<string, number> = { d: 1 / 7, w: 1, f: 2, m: 4.348, y: 52.18 };
const NUMBER_PART_RE = new RegExp(`${APPROX_SRC}${RANGE_SRC}[\\s-]*${UNIT_SHORT_SRC}`, "i");
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function unitKey(u: string): "d" | "w" | "f" | "m" | "y" {
  const c = u.toLowerCase()[0]!;
  return c === "d" ? "d" : c === "w" ? "w" : c === "f" ? "f" : c === "m" ? "m" : "y";
}
function numValue(raw: string): { v: number; vague: boolean } | null {
  const s = raw.toLowerCase().replace(/\s+/g, " ").trim();
  const half = s.endsWith(" 1/2");
  const base = half ? s.slice(0, -4) : s;
  const n = /^\d/.test(base) ? Number(base) : WORD_NUMBERS[base];
  if (n === undefined || Number.isNaN(n)) return null;
  return { v: n + (half ? 0.5 : 0), vague: VAGUE_NUMBERS.has(base) };
}
function round(weeks: number, unit: "d" | "w" | "f" | "m" | "y"): number {
  const f = unit === "m" || unit === "y" ? 10 : 100;
  return Math.round(weeks * f) / f;
}

function numberWeeks(expr: string): { weeks: number; approximate: boolean } | null {
  // "for the past month": one unit
  const bare = /\bthe\s+(?:past|last|previous)\s+(week|month|year)\b/i.exec(expr);
  if (bare) {
    const u = unitKey(bare[1]!);
    return { weeks: round(UNIT_TO_WEEKS[u]!, u), approximate: true };
  }
  const m = NUMBER_PART_RE.exec(expr);
  if (!m) return null;
  const a = numValue(m[1]!);
  if (!a) return null;
  const b = m[2] ? numValue(m[2]) : null;
  const u = unitKey(m[3]!);
  const value = b ? (a.v + b.v) / 2 : a.v;
  const approxWord = /^(?:x\s*)?(?:for\s+|over\s+)?(?:about|approximately|approx|around|roughly|nearly|almost|over|more|at|~|>|<)/i.test(
    expr.replace(/^(?:for|over|during|in|within|x|past|last|previous)\s*(?:the\s+)?(?:past\s+|last\s+)?/i, ""),
  );
  return { weeks: round(value * UNIT_TO_WEEKS[u]!, u), approximate: a.vague || b !== null || approxWord || m[0].includes("+") };
}

function sinceWeeks(expr: string, encounter: string | null): { weeks: number | null; approximate: boolean } {
  const rest = expr
    .replace(/^(?:since|onset(?:\s+(?:on|of|was))?:?|(?:began|started|begun|beginning|starting)(?:\s+on)?)\s+/i, "")
    .replace(/^(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+/i, "")
    .replace(/^(?:mid|early|late)[\s-]+/i, "")
    .replace(/^(?:[a-z'-]+\s+){1,6}?on\s+(?=\S)/i, "")
    .replace(/^last\s+(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day)/i, "")
    .toLowerCase();
  if (rest.startsWith("yesterday") || rest === "last night") return { weeks: round(1 / 7, "d"), approximate: false };
  if (rest.startsWith("this ") || rest === "today") return { weeks: 0, approximate: false };
  if (rest === "last week" || rest === "last weekend") return { weeks: 1, approximate: true };
  if (rest === "last month") return { weeks: round(4.348, "m"), approximate: true };
  if (rest === "last year") return { weeks: round(52.18, "y"), approximate: true };
  const wd = WEEKDAYS.indexOf(rest.slice(0, 3));
  if (/day$/.test(rest) && wd >= 0) {
    if (!encounter) return { weeks: null, approximate: false };
    const encDow = new Date(`${encounter}T00:00:00Z`).getUTCDay();
    const back = (encDow - wd + 7) % 7 || 7;
    return { weeks: round(back / 7, "d"), approximate: false };
  }
  const p = parseDateParts(rest, encounter);
  if (!p || !encounter) return { weeks: null, approximate: p !== null && p.precision !== "day" };
  // "since mid-October", "since the end of September": a point inside a month-precision date
  const within = p.precision === "month" ? (/\b(?:mid|middle)\b/i.test(expr) ? 14 : /\b(?:late|end)\b/i.test(expr) ? 24 : /\bearly\b/i.test(expr) ? 4 : 0) : 0;
  const days = daysBetween(p.iso, encounter) - within;
  if (days < 0) return { weeks: null, approximate: false };
  return { weeks: Math.round((days / 7) * 100) / 100, approximate: p.precision !== "day" };
}

/**
 * Every duration expression in `text`, in text order, non-overlapping, with
 * weeks at the encounter. The caller decides which one is the symptom's.
 */
export function findDurations(text: string, encounterDate: string | null): DurationMention[] {
  const found: DurationMention[] = [];
  // For the `needs` screens only (ASCII letters lower-case to themselves, so no match is missed).
  const lower = text.toLowerCase();
  for (const p of DURATION_PATTERNS) {
    if (p.needs && !p.needs.some((w) => lower.includes(w))) continue;
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      const raw = m[0];
      const start = m.index;
      const end = start + raw.length;
      let weeks: number | null = null;
      let chronic = false;
      let approximate = false;
      switch (p.kind) {
        case "number": {
          // "55 year old", "a 3-month-old" are ages, not durations
          if (/^[\s-]*old\b/i.test(text.slice(end, end + 8))) continue;
          const w = numberWeeks(raw);
          if (!w) continue;
          weeks = w.weeks;
          approximate = w.approximate;
          break;
        }
        case "yesterday":
          weeks = round(1 / 7, "d");
          break;
        case "since": {
          const w = sinceWeeks(raw, encounterDate);
          weeks = w.weeks;
          approximate = w.approximate;
          break;
        }
        case "vagueYears":
          weeks = 104;
          approximate = true;
          break;
        case "vagueManyMonths":
          weeks = 26;
          approximate = true;
          break;
        case "vagueUnit": {
          const u = /month/i.test(raw) ? "m" : /week/i.test(raw) ? "w" : "d";
          weeks = round(2 * UNIT_TO_WEEKS[u]!, u);
          approximate = true;
          break;
        }
        case "chronic":
          chronic = true;
          break;
        case "unknown":
          break;
      }
      found.push({ span: { start, end }, weeks, chronic, form: p.form, approximate, text: raw });
    }
  }
  // Non-overlapping: earliest start wins, then the longest.
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: DurationMention[] = [];
  let lastEnd = -1;
  for (const d of found) {
    if (d.span.start < lastEnd) continue;
    out.push(d);
    lastEnd = d.span.end;
  }
  return out;
}
