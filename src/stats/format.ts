/**
 * Rendering of adherence statistics: table (text), csv, json, markdown and a
 * self-contained html page with an inline SVG interval plot per rule. Pure
 * and deterministic; every piece of input text is escaped for its format.
 */
import {
  denominator,
  insufficientShare,
  isSmallCell,
  SMALL_CELL,
  type AdherenceResult,
  type AdherenceRow,
} from "./adherence.js";
import { csvField, escapeHtml, interval, listSome, markdownTable, pct, plural, textTable, type Align } from "./render.js";

export type StatsFormat = "table" | "csv" | "json" | "markdown" | "html";
export const STATS_FORMATS: readonly StatsFormat[] = ["table", "csv", "json", "markdown", "html"];

/** What the report said about itself, for the header of human formats. */
export interface StatsContext {
  file: string;
  runLines: string[];
  runWarning: string | null;
  /** Ids of error lines (audit failures), in report order. */
  errorIds: string[];
}

const pct1 = (x: number) => pct(x);

function stratumLabel(s: AdherenceRow["stratum"]): string {
  return s === null ? "(all)" : Object.entries(s).map(([k, v]) => `${k}=${v}`).join(", ");
}

function headerLines(res: AdherenceResult, ctx: StatsContext): string[] {
  const lines = [`report: ${ctx.file} (${plural(res.notes, "note")} audited, ${plural(res.errors, "error line")})`];
  for (const l of ctx.runLines) lines.push(`run: ${l}`);
  if (ctx.runWarning) lines.push(`warning: ${ctx.runWarning}`);
  if (res.errors) {
    lines.push(`error lines (audit failed; counted in no rate): ${listSome(ctx.errorIds)}`);
    for (const e of res.errorsByStratum) lines.push(`  errors in ${stratumLabel(e.stratum)}: ${e.errors}`);
  }
  for (const f of res.absentFields) lines.push(`warning: no line carries the field "${f}"; every note is in stratum "unknown"`);
  if (res.by.length) lines.push(`stratified by: ${res.by.join(", ")}`);
  return lines;
}

const FOOTNOTE = `rate = adherent / (adherent + deviation), 95% Wilson score interval; insufficient share = insufficient_data / (adherent + deviation + insufficient_data), not folded into the rate; * small cell: fewer than ${SMALL_CELL} notes in the denominator.`;

function humanRows(res: AdherenceResult): { header: string[]; rows: string[][]; align: Align[] } {
  const header = ["rule", "stratum", "adherent", "deviation", "n", "rate", "95% CI", "insufficient", "insuff. share", "not_applicable", ""];
  const align: Align[] = ["l", "l", "r", "r", "r", "r", "l", "r", "r", "r", "l"];
  let prevRule = "";
  const rows = res.rows.map((r) => {
    const first = r.ruleId !== prevRule;
    prevRule = r.ruleId;
    return [
      first ? r.ruleId : "",
      stratumLabel(r.stratum),
      String(r.adherent),
      String(r.deviation),
      String(denominator(r)),
      pct(r.rate),
      interval(r.ci, pct1),
      String(r.insufficient_data),
      pct(insufficientShare(r)),
      String(r.not_applicable),
      isSmallCell(r) ? "*" : "",
    ];
  });
  return { header, rows, align };
}

export function renderTable(res: AdherenceResult, ctx: StatsContext): string {
  const t = humanRows(res);
  return `${headerLines(res, ctx).join("\n")}\n\n${textTable(t.header, t.rows, t.align)}\n${FOOTNOTE}\n`;
}

export function renderMarkdown(res: AdherenceResult, ctx: StatsContext): string {
  const t = humanRows(res);
  const rows = t.rows.map((r) => r.map((c, i) => (i === 0 && c ? `\`${c}\`` : c)));
  return `# Guideline adherence\n\n${headerLines(res, ctx).map((l) => `- ${l}`).join("\n")}\n\n${markdownTable(t.header, rows, t.align)}\n${FOOTNOTE}\n`;
}

/** The JSON contract: an array of rows, exactly these keys. */
export function rowsToJson(res: AdherenceResult): Array<Record<string, unknown>> {
  return res.rows.map((r) => ({
    ruleId: r.ruleId,
    stratum: r.stratum,
    adherent: r.adherent,
    deviation: r.deviation,
    insufficient_data: r.insufficient_data,
    not_applicable: r.not_applicable,
    rate: r.rate,
    ci: r.ci,
  }));
}

export function renderJson(res: AdherenceResult): string {
  return `${JSON.stringify(rowsToJson(res), null, 2)}\n`;
}

const num = (x: number | null) => (x === null ? "" : String(Number(x.toFixed(6))));

export function renderCsv(res: AdherenceResult): string {
  const header = [
    "ruleId",
    ...res.by.map((f) => `stratum.${f}`),
    "adherent",
    "deviation",
    "insufficient_data",
    "not_applicable",
    "n",
    "rate",
    "ci_low",
    "ci_high",
    "insufficient_share",
    "small_cell",
  ];
  const lines = [header.map(csvField).join(",")];
  for (const r of res.rows) {
    lines.push(
      [
        r.ruleId,
        ...res.by.map((f) => (r.stratum ? r.stratum[f]! : "")),
        String(r.adherent),
        String(r.deviation),
        String(r.insufficient_data),
        String(r.not_applicable),
        String(denominator(r)),
        num(r.rate),
        num(r.ci?.[0] ?? null),
        num(r.ci?.[1] ?? null),
        num(insufficientShare(r)),
        isSmallCell(r) ? "true" : "false",
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------- html

const PLOT = { label: 260, width: 360, right: 150, row: 22, top: 26, bottom: 8 };

/** One SVG forest plot: a row per stratum, the point estimate and its interval on a 0–100% axis. */
export function svgPlot(rows: readonly AdherenceRow[]): string {
  const h = PLOT.top + rows.length * PLOT.row + PLOT.bottom;
  const w = PLOT.label + PLOT.width + PLOT.right;
  const x = (v: number) => (PLOT.label + v * PLOT.width).toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="adherence rates with 95% intervals">`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(t)}" y1="${PLOT.top - 6}" x2="${x(t)}" y2="${h - PLOT.bottom}" class="grid"/>`);
    parts.push(`<text x="${x(t)}" y="${PLOT.top - 10}" class="tick">${t * 100}%</text>`);
  }
  rows.forEach((r, i) => {
    const y = PLOT.top + i * PLOT.row + PLOT.row / 2;
    const yy = y.toFixed(1);
    const small = isSmallCell(r);
    parts.push(`<text x="${PLOT.label - 8}" y="${(y + 4).toFixed(1)}" class="label">${escapeHtml(stratumLabel(r.stratum))}</text>`);
    if (r.rate === null || r.ci === null) {
      parts.push(`<text x="${x(0)}" y="${(y + 4).toFixed(1)}" class="none">no denominator</text>`);
      return;
    }
    parts.push(`<line x1="${x(r.ci[0])}" y1="${yy}" x2="${x(r.ci[1])}" y2="${yy}" class="ci"/>`);
    parts.push(`<circle cx="${x(r.rate)}" cy="${yy}" r="4.5" class="${small ? "pt small" : "pt"}"><title>${escapeHtml(`${pct(r.rate)} ${interval(r.ci, pct1)}, n=${denominator(r)}`)}</title></circle>`);
    parts.push(
      `<text x="${PLOT.label + PLOT.width + 10}" y="${(y + 4).toFixed(1)}" class="val">${escapeHtml(`${pct(r.rate)} (n=${denominator(r)})${small ? " *" : ""}`)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h2{font-size:1.1em;margin-top:2em}code{background:#f3f3f3;padding:0 .2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;text-align:right}th:first-child,td:first-child{text-align:left}
.grid{stroke:#ddd}.tick{font-size:11px;text-anchor:middle;fill:#666}.label{font-size:12px;text-anchor:end}.val{font-size:12px}.none{font-size:12px;fill:#999}
.ci{stroke:#1f5fa8;stroke-width:2}.pt{fill:#1f5fa8}.pt.small{fill:#fff;stroke:#1f5fa8;stroke-width:2}.meta{color:#555}`;

export function renderHtml(res: AdherenceResult, ctx: StatsContext): string {
  const out: string[] = [];
  out.push(`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Guideline adherence</title>\n<style>${CSS}</style>\n</head>\n<body>\n<h1>Guideline adherence</h1>\n`);
  out.push(`<ul class="meta">${headerLines(res, ctx).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>\n`);
  out.push(`<p class="meta">${escapeHtml(FOOTNOTE)} Hollow points mark small cells.</p>\n`);
  const byRule = new Map<string, AdherenceRow[]>();
  for (const r of res.rows) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  for (const [ruleId, rows] of byRule) {
    out.push(`<section>\n<h2><code>${escapeHtml(ruleId)}</code></h2>\n${svgPlot(rows)}\n`);
    out.push(
      `<table><thead><tr><th>stratum</th><th>adherent</th><th>deviation</th><th>n</th><th>rate</th><th>95% CI</th><th>insufficient</th><th>insuff. share</th><th>not_applicable</th></tr></thead><tbody>`,
    );
    for (const r of rows) {
      const cells = [
        stratumLabel(r.stratum),
        String(r.adherent),
        String(r.deviation),
        `${denominator(r)}${isSmallCell(r) ? " *" : ""}`,
        pct(r.rate),
        interval(r.ci, pct1),
        String(r.insufficient_data),
        pct(insufficientShare(r)),
        String(r.not_applicable),
      ];
      out.push(`<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`);
    }
    out.push(`</tbody></table>\n</section>\n`);
  }
  out.push(`</body>\n</html>\n`);
  return out.join("");
}

export function renderStats(res: AdherenceResult, format: StatsFormat, ctx: StatsContext): string {
  switch (format) {
    case "csv":
      return renderCsv(res);
    case "json":
      return renderJson(res);
    case "markdown":
      return renderMarkdown(res, ctx);
    case "html":
      return renderHtml(res, ctx);
    default:
      return renderTable(res, ctx);
  }
}
