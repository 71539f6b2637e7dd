import { isNoteError } from "../../audit.js";
import type { Formatter } from "../types.js";

const C = {
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
  dim: "\x1b[2m",
  bold: "\x1b[1m",
  underline: "\x1b[4m",
  reset: "\x1b[0m",
};

function paint(on: boolean, code: string, s: string): string {
  return on ? `${code}${s}${C.reset}` : s;
}

const SEV_COLOR = { error: C.red, warning: C.yellow, info: C.cyan } as const;

/** Collapses whitespace so evidence prints on one line. */
function oneLine(s: string, max = 200): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Per note: each deviation with its quoted evidence; a total at the end. */
export const stylish: Formatter = {
  name: "stylish",
  description: "human-readable: per note, each deviation with its quoted evidence",
  header: () => "",
  note(r, _i, ctx) {
    const c = ctx.color;
    if (isNoteError(r)) return `\n${paint(c, C.underline, r.id)}\n  ${paint(c, C.red, "error")}  ${r.error.code}: ${r.error.message}\n`;
    const devs = r.results.filter((x) => x.outcome === "deviation");
    const insuff = r.results.filter((x) => x.outcome === "insufficient_data").length;
    const adher = r.results.filter((x) => x.outcome === "adherent").length;
    const lines = [`\n${paint(c, C.underline, r.noteId)}  ${paint(c, C.dim, `(${r.encounterDate ?? "no encounter date"}; ${devs.length} deviation(s), ${adher} adherent, ${insuff} insufficient data)`)}`];
    for (const d of devs) {
      lines.push(`  ${paint(c, SEV_COLOR[d.severity], d.severity.padEnd(7))} ${paint(c, C.bold, d.ruleId)}  ${d.message}`);
      for (const e of d.evidence) lines.push(`           ${paint(c, C.dim, `[${e.start}-${e.end}]`)} "${oneLine(e.text)}"`);
    }
    return `${lines.join("\n")}\n`;
  },
  footer(s, ctx) {
    const total = s.deviationsBySeverity.error + s.deviationsBySeverity.warning + s.deviationsBySeverity.info;
    const line = `\n${total} deviation(s) in ${s.notes} note(s) (${s.deviationsBySeverity.error} error, ${s.deviationsBySeverity.warning} warning, ${s.deviationsBySeverity.info} info)${s.errors ? `; ${s.errors} note(s) could not be audited` : ""}\n`;
    return paint(ctx.color, total || s.errors ? C.bold : C.dim, line);
  },
};
