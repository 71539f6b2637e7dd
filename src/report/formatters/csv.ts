/**
 * CSV for spreadsheets: one row per note and rule (one row per note that
 * could not be audited, outcome "error"). RFC 4180: comma-separated, CRLF
 * line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled.
 *
 * Columns: noteId, encounterDate, one column per metadata key in
 * ctx.metadataColumns, other_metadata (keys not in those columns, as
 * "key=value; ..."), ruleId, outcome, severity, message, evidence (the
 * evidence texts joined with " | ").
 *
 * Formula injection (CWE-1236): a cell that starts with = + - @ TAB or CR is
 * prefixed with an apostrophe so a spreadsheet shows it as text instead of
 * running it; plain numbers ("-3", "+1.5") are left alone. Note text often
 * starts with "- " (bullets), so some evidence cells carry the apostrophe;
 * the JSONL format is the exact machine contract. A cell that itself starts
 * with an apostrophe is prefixed too, so the escaping can be undone exactly
 * (`unescapeCell`), which --resume relies on for note ids.
 */
import { isNoteError } from "../../audit.js";
import type { Formatter, FormatContext } from "../types.js";

const FIXED_BEFORE = ["noteId", "encounterDate"] as const;
const FIXED_AFTER = ["other_metadata", "ruleId", "outcome", "severity", "message", "evidence"] as const;

const NEEDS_GUARD = /^[=+\-@\t\r']/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Guards a cell against formula injection (see the module comment). */
export function guardCell(v: string): string {
  return NEEDS_GUARD.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

/** Undoes guardCell. */
export function unescapeCell(v: string): string {
  return v.startsWith("'") && NEEDS_GUARD.test(v.slice(1)) ? v.slice(1) : v;
}

/** RFC 4180 quoting. */
export function quoteCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function row(cells: readonly string[]): string {
  return `${cells.map((c) => quoteCell(guardCell(c))).join(",")}\r\n`;
}

export function csvColumns(metadataColumns: readonly string[] = []): string[] {
  return [...FIXED_BEFORE, ...metadataColumns, ...FIXED_AFTER];
}

function metaCells(metadata: Record<string, string> | undefined, ctx: FormatContext): string[] {
  const cols = ctx.metadataColumns ?? [];
  const own = cols.map((k) => metadata?.[k] ?? "");
  const other = Object.entries(metadata ?? {})
    .filter(([k]) => !cols.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  return [...own, other];
}

export const csv: Formatter = {
  name: "csv",
  description: "one row per note and rule for spreadsheets (RFC 4180, formula-injection guarded)",
  header: (ctx) => row(csvColumns(ctx.metadataColumns)),
  note(r, _i, ctx) {
    if (isNoteError(r)) {
      const meta = metaCells(r.metadata, ctx);
      return row([r.id, "", ...meta, "", "error", "", `${r.error.code}: ${r.error.message}`, ""]);
    }
    const meta = metaCells(r.metadata, ctx);
    let out = "";
    for (const x of r.results) {
      out += row([r.noteId, r.encounterDate ?? "", ...meta, x.ruleId, x.outcome, x.severity, x.message, x.evidence.map((e) => e.text).join(" | ")]);
    }
    return out;
  },
  footer: () => "",
};
