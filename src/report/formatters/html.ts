/**
 * One self-contained HTML file for people who do not read JSON: inline CSS,
 * inline SVG and a little inline JS, nothing fetched from the network.
 * Summary first (counts and adherence per rule, as a bar chart), then every
 * note as a collapsed <details>, filterable by rule, outcome and id. Each
 * note shows its deviations with the guideline sentence the rule enforces
 * and the note text with evidence highlighted (<mark>).
 *
 * The summary needs the whole run, so this formatter uses `summaryFirst`:
 * the caller spools note sections (a temporary file) and assembles the
 * document at the end. Everything from the note or its metadata is
 * HTML-escaped.
 */
import { isNoteError, type NoteReport } from "../../audit.js";
import type { RuleResult } from "../../rules/types.js";
import type { RuleSummary, Summary } from "../summary.js";
import type { FormatContext, Formatter } from "../types.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

const OUTCOME_LABEL: Record<string, string> = {
  deviation: "deviation",
  adherent: "adherent",
  insufficient_data: "insufficient data",
  not_applicable: "not applicable",
};

const CSS = `
:root{--dev:#b3261e;--ok:#1e7d3a;--ins:#b26a00;--na:#9aa0a6;--err:#6a1b9a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1f1f1f;line-height:1.45}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.run{color:#555;font-size:.85rem}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.kpi{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0 1rem}.kpi div{border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem}.kpi b{display:block;font-size:1.3rem}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
#filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd;display:flex;gap:.8rem;flex-wrap:wrap;align-items:center;z-index:1}
details.note{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}details.note[open]{background:#fcfcfc}
details.note>summary{cursor:pointer;font-weight:600}details.note>summary small{font-weight:400;color:#555;margin-left:.5rem}
.badge{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.75rem;color:#fff;margin-left:.3rem;font-weight:600}
.b-deviation{background:var(--dev)}.b-adherent{background:var(--ok)}.b-insufficient_data{background:var(--ins)}.b-not_applicable{background:var(--na)}.b-error{background:var(--err)}
.dev{border-left:3px solid var(--dev);padding-left:.6rem;margin:.5rem 0}
blockquote{margin:.3rem 0;padding:.3rem .6rem;background:#f3f6fb;border-left:3px solid #7a9cc6;font-style:italic}
pre.text{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #eee;padding:.6rem;font-size:.85rem;max-height:40rem;overflow:auto}
mark{background:#ffe08a;padding:0 1px}mark.d{background:#f8c4c0;outline:1px solid var(--dev)}mark.a{background:#cdebd5}
.meta{font-size:.8rem;color:#444}.meta td,.meta th{padding:.1rem .5rem}
.muted{color:#666;font-size:.85rem}
`;

// Filters notes by rule / outcome / id without any library. data-r holds "ruleId=outcome" tokens.
const JS = `
(function(){
var notes=document.querySelectorAll('details.note');var rule=document.getElementById('f-rule');var outc=document.getElementById('f-outcome');var q=document.getElementById('f-id');var count=document.getElementById('f-count');
function apply(){var r=rule.value,o=outc.value,s=q.value.trim().toLowerCase(),shown=0;
for(var i=0;i<notes.length;i++){var n=notes[i],t=' '+n.getAttribute('data-r')+' ',ok=true;
if(o==='error'){ok=n.hasAttribute('data-error')&&!r;}
else if(r&&o){ok=t.indexOf(' '+r+'='+o+' ')>=0;}
else if(r){ok=t.indexOf(' '+r+'=')>=0&&!n.hasAttribute('data-error');}
else if(o){ok=t.indexOf('='+o+' ')>=0;}
if(ok&&s){ok=n.getAttribute('data-id').toLowerCase().indexOf(s)>=0;}
n.hidden=!ok;if(ok)shown++;}
count.textContent=shown+' of '+notes.length+' notes shown';}
rule.addEventListener('change',apply);outc.addEventListener('change',apply);q.addEventListener('input',apply);apply();
})();
`;

function pct(x: number | null): string {
  return x === null ? "–" : `${(x * 100).toFixed(1)}%`;
}

const COLORS: Array<[keyof RuleSummary["counts"], string]> = [
  ["deviation", "#b3261e"],
  ["adherent", "#1e7d3a"],
  ["insufficient_data", "#b26a00"],
  ["not_applicable", "#c8ccd0"],
];

/** Horizontal stacked bars (outcome counts per rule) with adherence at the right, as inline SVG. */
export function chartSvg(summary: Summary): string {
  const rowH = 22;
  const labelW = 260;
  const barW = 520;
  const width = labelW + barW + 80;
  const height = summary.rules.length * rowH + 24;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Outcomes per rule" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12" font-family="system-ui,sans-serif">`,
    `<text x="${labelW + barW + 8}" y="14" fill="#333" font-weight="600">adherence</text>`,
  ];
  summary.rules.forEach((r, i) => {
    const y = 20 + i * rowH;
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
    parts.push(`<text x="${labelW - 6}" y="${y + 14}" text-anchor="end" fill="#222">${escapeHtml(r.ruleId)}</text>`);
    let x = labelW;
    for (const [k, color] of COLORS) {
      const n = r.counts[k];
      if (!n || !total) continue;
      const w = (n / total) * barW;
      parts.push(`<rect x="${x.toFixed(2)}" y="${y + 2}" width="${w.toFixed(2)}" height="${rowH - 6}" fill="${color}"><title>${escapeHtml(r.ruleId)}: ${n} ${OUTCOME_LABEL[k]}</title></rect>`);
      x += w;
    }
    if (!total) parts.push(`<rect x="${labelW}" y="${y + 2}" width="${barW}" height="${rowH - 6}" fill="none" stroke="#ccc"/>`);
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 14}" fill="#222">${pct(r.adherence)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

function ruleMeta(ctx: FormatContext, ruleId: string) {
  return ctx.pack.rules.find((r) => r.meta.id === ruleId)?.meta;
}

/**
 * Note text with evidence marked: deviation evidence as <mark class="d">,
 * other outcomes' evidence as <mark class="a">. Overlaps are cut at every
 * span boundary; a piece covered by any deviation span is a deviation mark.
 */
export function highlight(text: string, results: readonly RuleResult[]): string {
  type Sp = { start: number; end: number; dev: boolean; rule: string };
  const spans: Sp[] = [];
  for (const r of results) {
    if (r.outcome === "not_applicable") continue;
    for (const e of r.evidence) {
      const start = Math.max(0, Math.min(text.length, e.start));
      const end = Math.max(start, Math.min(text.length, e.end));
      if (end > start) spans.push({ start, end, dev: r.outcome === "deviation", rule: r.ruleId });
    }
  }
  if (!spans.length) return escapeHtml(text);
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = escapeHtml(text.slice(a, b));
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) {
      out += piece;
      continue;
    }
    const dev = cover.some((s) => s.dev);
    const rules = [...new Set(cover.filter((s) => s.dev === dev).map((s) => s.rule))].join(", ");
    out += `<mark class="${dev ? "d" : "a"}" title="${escapeHtml(rules)}">${piece}</mark>`;
  }
  return out;
}

function metadataTable(meta: Record<string, string> | undefined): string {
  if (!meta || !Object.keys(meta).length) return "";
  const rows = Object.entries(meta)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  return `<table class="meta">${rows}</table>`;
}

function noteSection(r: NoteReport, ctx: FormatContext, text: string | undefined): string {
  const tokens = r.results.map((x) => `${x.ruleId}=${x.outcome}`).join(" ");
  const devs = r.results.filter((x) => x.outcome === "deviation");
  const insuff = r.results.filter((x) => x.outcome === "insufficient_data");
  const adher = r.results.filter((x) => x.outcome === "adherent").length;
  const badges =
    (devs.length ? `<span class="badge b-deviation">${devs.length} deviation${devs.length > 1 ? "s" : ""}</span>` : "") +
    (insuff.length ? `<span class="badge b-insufficient_data">${insuff.length} insufficient</span>` : "") +
    (adher ? `<span class="badge b-adherent">${adher} adherent</span>` : "");
  const devHtml = devs
    .map((d) => {
      const meta = ruleMeta(ctx, d.ruleId);
      const ev = d.evidence.length
        ? `<div class="muted">Evidence: ${d.evidence.map((e) => `“${escapeHtml(e.text)}”`).join(" · ")}</div>`
        : `<div class="muted">Evidence: nothing documented (the deviation is an omission).</div>`;
      const quote = meta
        ? `<blockquote>${escapeHtml(meta.citation.quote)}</blockquote><div class="muted">Source: ${escapeHtml(meta.citation.source)}</div>`
        : "";
      return `<div class="dev"><b>${escapeHtml(d.ruleId)}</b> <span class="badge b-deviation">${escapeHtml(d.severity)}</span><div>${escapeHtml(d.message)}</div>${ev}${quote}</div>`;
    })
    .join("");
  const insHtml = insuff.length
    ? `<div class="muted"><b>Insufficient data:</b> ${insuff.map((x) => `${escapeHtml(x.ruleId)} (${escapeHtml(x.message)})`).join("; ")}</div>`
    : "";
  const body = text === undefined ? "" : `<pre class="text">${highlight(text, r.results)}</pre>`;
  return (
    `<details class="note" data-id="${escapeHtml(r.noteId)}" data-r="${escapeHtml(tokens)}">` +
    `<summary>${escapeHtml(r.noteId)}<small>${escapeHtml(r.encounterDate ?? "no encounter date")}</small>${badges}</summary>` +
    `${metadataTable(r.metadata)}${devHtml}${insHtml}${body}</details>\n`
  );
}

export const html: Formatter = {
  name: "html",
  description: "one self-contained HTML page: summary chart first, then each note with highlighted evidence",
  header(ctx) {
    const run = ctx.run
      ? `${escapeHtml(ctx.run.tool)} ${escapeHtml(ctx.run.version)} · pack ${escapeHtml(ctx.run.pack)} ${escapeHtml(ctx.run.packVersion)} · config ${escapeHtml(ctx.run.configHash)} · extractor ${escapeHtml(ctx.run.extractor)}`
      : "";
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>chartcheck audit report</title><style>${CSS}</style></head><body>\n<header><h1>chartcheck audit report</h1><div class="run">${run}</div></header>\n`;
  },
  summaryFirst(s, ctx) {
    const totalDev = s.deviationsBySeverity.error + s.deviationsBySeverity.warning + s.deviationsBySeverity.info;
    const ruleRows = s.rules
      .map((r) => {
        const meta = ruleMeta(ctx, r.ruleId);
        const title = meta ? ` title="${escapeHtml(meta.description)}"` : "";
        return `<tr><td${title}>${escapeHtml(r.ruleId)}</td><td class="n">${r.counts.deviation}</td><td class="n">${r.counts.adherent}</td><td class="n">${r.counts.insufficient_data}</td><td class="n">${r.counts.not_applicable}</td><td class="n">${pct(r.adherence)}</td></tr>`;
      })
      .join("");
    const legend = COLORS.map(([k, c]) => `<span><i style="background:${c}"></i>${OUTCOME_LABEL[k]}</span>`).join("");
    const ruleOptions = s.rules.map((r) => `<option value="${escapeHtml(r.ruleId)}">${escapeHtml(r.ruleId)}</option>`).join("");
    return (
      `<section id="summary"><h2>Summary</h2>` +
      `<div class="kpi"><div><b>${s.notes}</b>notes audited</div><div><b>${totalDev}</b>deviations</div>` +
      `<div><b>${s.deviationsBySeverity.error}</b>error · ${s.deviationsBySeverity.warning} warning · ${s.deviationsBySeverity.info} info</div>` +
      `<div><b>${s.errors}</b>notes could not be audited</div></div>` +
      `<p class="muted">Adherence = adherent / (adherent + deviation); notes with insufficient data are counted beside it, not in it.</p>` +
      `<div class="legend">${legend}</div>${chartSvg(s)}` +
      `<table><thead><tr><th>rule</th><th>deviation</th><th>adherent</th><th>insufficient data</th><th>not applicable</th><th>adherence</th></tr></thead><tbody>${ruleRows}</tbody></table>` +
      `</section>\n<section id="notes"><h2>Notes</h2>` +
      `<div id="filters"><label>Rule <select id="f-rule"><option value="">any rule</option>${ruleOptions}</select></label>` +
      `<label>Outcome <select id="f-outcome"><option value="">any outcome</option><option value="deviation">deviation</option><option value="insufficient_data">insufficient data</option><option value="adherent">adherent</option><option value="not_applicable">not applicable</option><option value="error">could not be audited</option></select></label>` +
      `<label>Note id <input id="f-id" type="search" size="18"></label><span id="f-count" class="muted"></span></div>\n`
    );
  },
  note(r, _i, ctx, text) {
    if (isNoteError(r)) {
      return (
        `<details class="note" data-id="${escapeHtml(r.id)}" data-r="" data-error=""><summary>${escapeHtml(r.id)}<span class="badge b-error">could not be audited</span></summary>` +
        `${metadataTable(r.metadata)}<div>${escapeHtml(r.error.code)}: ${escapeHtml(r.error.message)}</div></details>\n`
      );
    }
    return noteSection(r, ctx, text);
  },
  footer: () => `</section>\n<script>${JS}</script>\n</body></html>\n`,
};
