/**
 * The clinician's review of one note (`chartcheck check`): a pure function
 * from a NoteReport, the note text and the rule pack to printable text.
 *
 * Order: deviations (most severe first, then pack order), adherent, could not
 * be judged (insufficient_data), and a one-line count of not-applicable rules.
 * Each evidence span is quoted in context (the evidence sentence plus a little
 * text on either side), with the span highlighted: ANSI inverse+bold when
 * colour is on, »…« markers when it is off.
 */
import type { NoteReport } from "../audit.js";
import type { RulePack, RuleResult, Severity } from "../rules/types.js";
import { SEVERITY_RANK } from "../rules/types.js";

export interface ReviewOptions {
  /** ANSI colours (TTY and no NO_COLOR). */
  color: boolean;
  /** Wrap width in columns (default 100, clamped to 60..160). */
  width?: number;
  /** Characters of context shown on each side of an evidence span (default 60). */
  contextChars?: number;
}

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  inverse: "\x1b[7m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  magenta: "\x1b[35m",
  cyan: "\x1b[36m",
} as const;

export const MARK_OPEN = "»";
export const MARK_CLOSE = "«";

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

type Paint = (codes: string, s: string) => string;

function painter(on: boolean): Paint {
  return on ? (codes, s) => (s ? `${codes}${s}${ANSI.reset}` : s) : (_codes, s) => s;
}

/** A piece of quoted note text, with whether it is the evidence itself. */
export interface SnippetPart {
  text: string;
  highlight: boolean;
}

/**
 * The evidence [start, end) with up to `radius` characters of context on each
 * side, kept within the evidence's own line(s), cut at word boundaries,
 * whitespace collapsed to single spaces. Returns the parts in order (context,
 * evidence, context) and whether the line was cut before / after.
 */
export function contextSnippet(
  text: string,
  start: number,
  end: number,
  radius = 60,
): { parts: SnippetPart[]; clippedBefore: boolean; clippedAfter: boolean } {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", Math.max(start, end - 1));
  const lineEnd = nl === -1 ? text.length : nl;
  let from = Math.max(lineStart, start - radius);
  if (from > lineStart) {
    // Start at the next word boundary so no word is cut in half.
    const ws = text.slice(from, start).search(/\s/);
    from = ws === -1 ? start : from + ws;
  }
  let to = Math.min(lineEnd, end + radius);
  if (to < lineEnd) {
    const tail = text.slice(end, to);
    const ws = Math.max(tail.lastIndexOf(" "), tail.lastIndexOf("\t"));
    to = ws === -1 ? end : end + ws;
  }
  const collapse = (s: string) => s.replace(/\s+/g, " ");
  const before = collapse(text.slice(from, start)).replace(/^ /, "");
  const match = collapse(text.slice(start, end)).trim();
  const after = collapse(text.slice(end, to)).replace(/ $/, "");
  const parts: SnippetPart[] = [];
  if (before) parts.push({ text: before, highlight: false });
  parts.push({ text: match, highlight: true });
  if (after) parts.push({ text: after, highlight: false });
  return {
    parts,
    clippedBefore: text.slice(lineStart, from).trim().length > 0,
    clippedAfter: text.slice(to, lineEnd).trim().length > 0,
  };
}

/** 1-based line number of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Word {
  text: string;
  highlight: boolean;
  /** Whether a space separates this word from the previous one. */
  spaceBefore: boolean;
}

function toWords(parts: readonly SnippetPart[]): Word[] {
  const words: Word[] = [];
  let pendingSpace = false;
  for (const p of parts) {
    const re = /(\s*)(\S+)|(\s+)$/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text))) {
      if (m[3] !== undefined) {
        pendingSpace = true;
        continue;
      }
      const space = (m[1] ?? "").length > 0 || pendingSpace;
      words.push({ text: m[2]!, highlight: p.highlight, spaceBefore: words.length > 0 && space });
      pendingSpace = false;
    }
  }
  return words;
}

/**
 * Word-wraps the snippet to `width` visible columns, then styles each line:
 * evidence runs get markers (no colour) or inverse+bold (colour).
 */
function wrapSnippet(parts: readonly SnippetPart[], width: number, indent: string, color: boolean, paint: Paint): string[] {
  const words = toWords(parts);
  const lines: Word[][] = [];
  let current: Word[] = [];
  let used = 0;
  for (const w of words) {
    const visible = w.text.length + (w.spaceBefore && current.length ? 1 : 0) + (color ? 0 : 1);
    if (current.length && used + visible > width) {
      lines.push(current);
      current = [];
      used = 0;
    }
    current.push(w);
    used += current.length === 1 ? w.text.length + (color ? 0 : 1) : visible;
  }
  if (current.length) lines.push(current);
  return lines.map((line, li) => {
    let out = "";
    let i = 0;
    while (i < line.length) {
      const hl = line[i]!.highlight;
      let j = i;
      let run = "";
      while (j < line.length && line[j]!.highlight === hl) {
        run += (j > i && line[j]!.spaceBefore ? " " : "") + line[j]!.text;
        j++;
      }
      const sep = i > 0 && line[i]!.spaceBefore ? " " : "";
      if (hl && color) out += sep + paint(`${ANSI.inverse}${ANSI.bold}`, run);
      else if (hl) {
        // Markers where the evidence starts and ends, not at every line break.
        const prev = i > 0 ? line[i - 1] : lines[li - 1]?.[lines[li - 1]!.length - 1];
        const next = j < line.length ? line[j] : lines[li + 1]?.[0];
        out += sep + (prev?.highlight ? "" : MARK_OPEN) + run + (next?.highlight ? "" : MARK_CLOSE);
      } else out += sep + run;
      i = j;
    }
    return indent + out;
  });
}

function wrapPlain(s: string, width: number, indent: string): string[] {
  return wrapSnippet([{ text: s, highlight: false }], width, indent, true, (_c, x) => x);
}

const OUTCOME_ICON = { deviation: "✖", adherent: "✔", insufficient_data: "?", not_applicable: "-" } as const;

/** Review text for one audited note. Deterministic: same inputs, same bytes. */
export function renderReview(report: NoteReport, text: string, pack: RulePack, options: ReviewOptions): string {
  const color = options.color;
  const paint = painter(color);
  const width = Math.min(160, Math.max(60, options.width ?? 100));
  const radius = options.contextChars ?? 60;
  const rulesById = new Map(pack.rules.map((r) => [r.meta.id, r]));
  const order = new Map(pack.rules.map((r, i) => [r.meta.id, i]));
  const byPackOrder = (a: RuleResult, b: RuleResult) => (order.get(a.ruleId) ?? 1e9) - (order.get(b.ruleId) ?? 1e9);

  const deviations = report.results
    .filter((r) => r.outcome === "deviation")
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || byPackOrder(a, b));
  const adherent = report.results.filter((r) => r.outcome === "adherent").sort(byPackOrder);
  const insufficient = report.results.filter((r) => r.outcome === "insufficient_data").sort(byPackOrder);
  const notApplicable = report.results.filter((r) => r.outcome === "not_applicable");

  const out: string[] = [];
  const heading = (label: string, count: number, code: string) => {
    out.push("");
    out.push(paint(`${ANSI.bold}${code}`, `${label} (${count})`));
  };
  const evidenceLines = (r: RuleResult, indent: string) => {
    for (const e of r.evidence) {
      const snip = contextSnippet(text, e.start, e.end, radius);
      const parts = [...snip.parts];
      if (snip.clippedBefore) parts.unshift({ text: "… ", highlight: false });
      if (snip.clippedAfter) parts.push({ text: " …", highlight: false });
      out.push(`${indent}${paint(ANSI.dim, `note, line ${lineOf(text, e.start)}:`)}`);
      out.push(...wrapSnippet(parts, width - indent.length - 2, `${indent}  `, color, paint));
    }
  };

  /** "  ✔ text" with continuation lines indented under the text. */
  const bullet = (icon: string, line: string): string[] => {
    const lines = wrapPlain(line, width - 4, "    ");
    if (lines[0] !== undefined) lines[0] = `  ${icon} ${lines[0].slice(4)}`;
    return lines;
  };

  const date = report.encounterDate ? `visit date ${report.encounterDate}` : "no visit date found (use --date YYYY-MM-DD)";
  out.push(paint(ANSI.bold, `chartcheck review of ${report.noteId}`));
  out.push(...wrapPlain(`${date}; pack ${pack.id} ${pack.version}; ${report.run.extractor} extractor`, width, "").map((l) => paint(ANSI.dim, l)));
  const counts: Array<[string, string]> = [
    [deviations.length ? `${ANSI.bold}${ANSI.red}` : ANSI.green, `${deviations.length} deviation${deviations.length === 1 ? "" : "s"}`],
    [ANSI.green, `${adherent.length} adherent`],
    [ANSI.magenta, `${insufficient.length} could not be judged`],
    [ANSI.dim, `${notApplicable.length} not applicable`],
  ];
  // One line when it fits, otherwise wrapped between the counts.
  let line = "";
  let visible = 0;
  for (const [code, label] of counts) {
    if (visible > 0 && visible + 3 + label.length > width) {
      out.push(line);
      line = "";
      visible = 0;
    }
    line += (visible ? " · " : "") + paint(code, label);
    visible += (visible ? 3 : 0) + label.length;
  }
  out.push(line);

  if (deviations.length) {
    heading("Deviations", deviations.length, ANSI.red);
    for (const d of deviations) {
      const meta = rulesById.get(d.ruleId)?.meta;
      out.push("");
      out.push(
        `  ${paint(SEVERITY_COLOR[d.severity], `${OUTCOME_ICON.deviation} ${d.severity.toUpperCase()}`)}  ${paint(ANSI.bold, d.ruleId)}`,
      );
      if (meta) out.push(...wrapPlain(`Guideline: "${meta.citation.quote}"`, width - 4, "    ").map((l) => paint(ANSI.dim, l)));
      out.push(...wrapPlain(d.message, width - 4, "    "));
      if (d.evidence.length === 0) out.push(paint(ANSI.dim, "    (no sentence of the note addresses this)"));
      evidenceLines(d, "    ");
    }
  }
  if (adherent.length) {
    heading("Adherent", adherent.length, ANSI.green);
    for (const a of adherent) {
      out.push(...bullet(paint(ANSI.green, OUTCOME_ICON.adherent), `${a.ruleId}: ${a.message}`));
      evidenceLines(a, "    ");
    }
  }
  if (insufficient.length) {
    heading("Could not be judged: a fact is not documented", insufficient.length, ANSI.magenta);
    for (const r of insufficient) {
      out.push(...bullet(paint(ANSI.magenta, OUTCOME_ICON.insufficient_data), `${r.ruleId}: ${r.message}`));
      evidenceLines(r, "    ");
    }
  }
  out.push("");
  out.push(
    paint(
      ANSI.dim,
      notApplicable.length === 1
        ? "1 rule does not apply to this note."
        : `${notApplicable.length} rules do not apply to this note.`,
    ),
  );
  return `${out.join("\n")}\n`;
}
