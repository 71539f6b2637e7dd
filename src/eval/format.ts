/**
 * Rendering of `eval` results as text, Markdown or JSON. Pure and
 * deterministic: the same result always renders to the same bytes.
 */
import { OUTCOMES } from "../rules/types.js";
import { fixed, interval, listSome, markdownTable, plural, textTable, type Align } from "../stats/render.js";
import type { AgainstResult, EvalResult } from "./evaluate.js";
import { describeRuns, type LabelFile } from "./read.js";
import { PREDICTED, type Interval, type RuleScore } from "./score.js";

export type EvalFormat = "text" | "json" | "markdown";
export const EVAL_FORMATS: readonly EvalFormat[] = ["text", "json", "markdown"];

export interface RenderOptions {
  /** List every disagreement with the gold rationale. */
  errors: boolean;
}

const f3 = (x: number) => x.toFixed(3);
const ABBREV: Record<string, string> = {
  deviation: "dev",
  adherent: "adh",
  not_applicable: "n/a",
  insufficient_data: "insuf",
  missing: "missing",
};

/** The headline line: always the last line of text and Markdown output. */
export function summaryLine(r: EvalResult): string {
  const o = r.score.overall;
  return `deviation-F1 ${fixed(o.f1)}  macro-F1 ${fixed(o.macroF1)}  accuracy ${fixed(o.accuracy)}  (${plural(o.notes, "note")}, ${plural(o.pairs, "note-rule pair")})`;
}

function hasIntervals(r: EvalResult): boolean {
  const b = r.score.intervals;
  return b.method === "wilson" || (b.iterations ?? 0) > 0;
}

function ciText(r: EvalResult): string {
  const b = r.score.intervals;
  if (b.method === "wilson") {
    return `${Math.round(b.level * 100)}% CI: Wilson score intervals for precision, recall and accuracy, note-rule pairs as trials; none for F1`;
  }
  return hasIntervals(r)
    ? `${Math.round(b.level * 100)}% CI: percentile bootstrap over notes, ${b.iterations} resamples, seed ${b.seed}`
    : "no confidence intervals (--bootstrap 0)";
}

/** A zero-width bootstrap interval (e.g. a perfect score) is not certainty; say so. */
function degenerateNote(r: EvalResult): string | null {
  if (r.score.intervals.method !== "bootstrap" || !hasIntervals(r)) return null;
  const cis = [r.score.overall.ci.f1, r.score.overall.ci.accuracy, ...r.score.rules.map((s) => s.ci.f1)];
  if (!cis.some((c) => c !== null && c[0] === c[1])) return null;
  return "note: a zero-width bootstrap interval means every resample gave the same value (e.g. no errors in this set), not certainty; --ci wilson gives binomial intervals that keep their width";
}

function matchingLines(r: EvalResult): string[] {
  const matched = r.goldNotes - r.missing.length - r.ambiguous.length;
  const lines = [
    `matched ${matched} of ${r.goldNotes} gold notes (${r.matchedByBasename} by basename); missing from report: ${r.missing.length}; audit errors: ${r.errored.length}; report notes not in gold (ignored): ${r.notInGold.length}`,
  ];
  if (r.missing.length) lines.push(`missing from report (scored as wrong, predicted "missing"): ${listSome(r.missing)}`);
  if (r.ambiguous.length) {
    lines.push(`ambiguous basename (scored as missing): ${listSome(r.ambiguous.map((a) => `${a.noteId} -> ${a.candidates.join(" | ")}`))}`);
  }
  if (r.errored.length) lines.push(`audit errors (scored as wrong, predicted "missing"): ${listSome(r.errored.map((e) => `${e.noteId} [${e.code}]`))}`);
  if (r.notInGold.length) lines.push(`not in gold (ignored): ${listSome(r.notInGold)}`);
  if (r.ignoredRules.length) lines.push(`rules in the report but not in gold (ignored): ${r.ignoredRules.join(", ")}`);
  return lines;
}

function ruleRow(s: Pick<RuleScore, "tp" | "fp" | "fn" | "precision" | "recall" | "f1">, ci: { precision: Interval; recall: Interval; f1: Interval }, acc: string): string[] {
  return [
    String(s.tp),
    String(s.fp),
    String(s.fn),
    fixed(s.precision),
    interval(ci.precision, f3),
    fixed(s.recall),
    interval(ci.recall, f3),
    fixed(s.f1),
    interval(ci.f1, f3),
    acc,
  ];
}

function perRuleTable(r: EvalResult): { header: string[]; rows: string[][]; align: Align[] } {
  const header = ["rule", "tp", "fp", "fn", "precision", "95% CI", "recall", "95% CI", "F1", "95% CI", "accuracy"];
  const align: Align[] = ["l", "r", "r", "r", "r", "l", "r", "l", "r", "l", "r"];
  const rows = r.score.rules.map((s) => [s.ruleId, ...ruleRow(s, s.ci, `${fixed(s.accuracy)} (${s.correct}/${s.n})`)]);
  const o = r.score.overall;
  rows.push(["all (micro)", ...ruleRow(o, o.ci, `${fixed(o.accuracy)} (${o.correct}/${o.pairs})`)]);
  return { header, rows, align };
}

function confusionTable(s: RuleScore): { header: string[]; rows: string[][]; align: Align[] } {
  const header = ["gold \\ predicted", ...PREDICTED.map((p) => ABBREV[p]!)];
  const rows = OUTCOMES.map((g) => [g, ...PREDICTED.map((p) => String(s.confusion[g][p]))]);
  return { header, rows, align: ["l", ...PREDICTED.map((): Align => "r")] };
}

function disagreementRows(r: EvalResult): string[][] {
  return r.score.disagreements.map((d) => [d.noteId, d.ruleId, d.gold, d.predicted, d.rationale ?? ""]);
}

function headlineCiLine(r: EvalResult): string | null {
  const c = r.score.overall.ci;
  if (!hasIntervals(r)) return null;
  return `95% CI: deviation-F1 ${interval(c.f1, f3) || "n/a"}  macro-F1 ${interval(c.macroF1, f3) || "n/a"}  accuracy ${interval(c.accuracy, f3) || "n/a"}`;
}

export function renderEvalText(r: EvalResult, opts: RenderOptions): string {
  const runs = describeRuns(r.runs);
  let out = `gold:   ${r.goldFile} (${plural(r.goldNotes, "note")}, ${plural(r.ruleIds.length, "rule")})\n`;
  out += `report: ${r.reportFile} (${plural(r.report.lines, "line")}: ${r.report.audited} audited, ${plural(r.report.errors, "error")})\n`;
  for (const l of runs.lines) out += `run:    ${l}\n`;
  if (runs.warning) out += `warning: ${runs.warning}\n`;
  for (const l of matchingLines(r)) out += `${l}\n`;
  out += `\nDeviation detection per rule (${ciText(r)})\n`;
  const t = perRuleTable(r);
  out += textTable(t.header, t.rows, t.align);
  out += `macro-F1 ${fixed(r.score.overall.macroF1)} over ${plural(r.score.overall.macroRules, "rule")} with a gold or predicted deviation\n`;
  const dn = degenerateNote(r);
  if (dn) out += `${dn}\n`;
  out += `\nConfusion matrices (rows gold, columns predicted; dev = deviation, adh = adherent, n/a = not_applicable, insuf = insufficient_data)\n`;
  for (const s of r.score.rules) {
    const c = confusionTable(s);
    out += `\n${s.ruleId}\n${textTable(c.header, c.rows, c.align, "  ")}`;
  }
  if (opts.errors) {
    out += `\nDisagreements (${r.score.disagreements.length})\n`;
    if (r.score.disagreements.length) {
      out += textTable(["noteId", "rule", "gold", "predicted", "gold rationale"], disagreementRows(r), ["l", "l", "l", "l", "l"]);
    }
  }
  out += "\n";
  const ci = headlineCiLine(r);
  if (ci) out += `${ci}\n`;
  out += `${summaryLine(r)}\n`;
  return out;
}

export function renderEvalMarkdown(r: EvalResult, opts: RenderOptions): string {
  const runs = describeRuns(r.runs);
  let out = `# chartcheck eval\n\n`;
  out += `- gold: \`${r.goldFile}\` (${plural(r.goldNotes, "note")}, ${plural(r.ruleIds.length, "rule")})\n`;
  out += `- report: \`${r.reportFile}\` (${plural(r.report.lines, "line")}: ${r.report.audited} audited, ${plural(r.report.errors, "error")})\n`;
  for (const l of runs.lines) out += `- run: ${l}\n`;
  if (runs.warning) out += `- **warning:** ${runs.warning}\n`;
  for (const l of matchingLines(r)) out += `- ${l}\n`;
  out += `\n## Deviation detection per rule\n\n${ciText(r)}.\n\n`;
  const t = perRuleTable(r);
  out += markdownTable(t.header, t.rows, t.align);
  out += `\nmacro-F1 ${fixed(r.score.overall.macroF1)} over ${plural(r.score.overall.macroRules, "rule")} with a gold or predicted deviation.\n`;
  const dn = degenerateNote(r);
  if (dn) out += `\n${dn}\n`;
  out += `\n## Confusion matrices\n\nRows gold, columns predicted.\n`;
  for (const s of r.score.rules) {
    const c = confusionTable(s);
    out += `\n### ${s.ruleId}\n\n${markdownTable(c.header, c.rows, c.align)}`;
  }
  if (opts.errors) {
    out += `\n## Disagreements (${r.score.disagreements.length})\n\n`;
    if (r.score.disagreements.length) {
      out += markdownTable(["noteId", "rule", "gold", "predicted", "gold rationale"], disagreementRows(r), ["l", "l", "l", "l", "l"]);
    }
  }
  out += "\n";
  const ci = headlineCiLine(r);
  if (ci) out += `${ci}\n\n`;
  out += `${summaryLine(r)}\n`;
  return out;
}

export function evalToJson(r: EvalResult, opts: RenderOptions): Record<string, unknown> {
  const o = r.score.overall;
  return {
    gold: { file: r.goldFile, notes: r.goldNotes, rules: r.ruleIds },
    report: { file: r.reportFile, ...r.report, runs: r.runs.list(), linesWithoutRun: r.runs.withoutRun, mixedRuns: r.runs.mixed },
    matching: {
      matchedByBasename: r.matchedByBasename,
      missing: r.missing,
      errored: r.errored,
      ambiguous: r.ambiguous,
      notInGold: r.notInGold,
      ignoredRules: r.ignoredRules,
    },
    confidenceIntervals: r.score.intervals,
    rules: r.score.rules.map((s) => ({
      ruleId: s.ruleId,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      correct: s.correct,
      n: s.n,
      accuracy: s.accuracy,
      ci: s.ci,
      confusion: s.confusion,
    })),
    overall: {
      notes: o.notes,
      pairs: o.pairs,
      tp: o.tp,
      fp: o.fp,
      fn: o.fn,
      precision: o.precision,
      recall: o.recall,
      deviationF1: o.f1,
      macroF1: o.macroF1,
      macroRules: o.macroRules,
      correct: o.correct,
      accuracy: o.accuracy,
      ci: { precision: o.ci.precision, recall: o.ci.recall, deviationF1: o.ci.f1, macroF1: o.ci.macroF1, accuracy: o.ci.accuracy },
    },
    ...(opts.errors ? { disagreements: r.score.disagreements } : {}),
    summary: summaryLine(r),
  };
}

export function renderEval(r: EvalResult, format: EvalFormat, opts: RenderOptions): string {
  if (format === "json") return `${JSON.stringify(evalToJson(r, opts), null, 2)}\n`;
  if (format === "markdown") return renderEvalMarkdown(r, opts);
  return renderEvalText(r, opts);
}

// ---------------------------------------------------------------- --against

export function agreementLine(x: AgainstResult): string {
  const o = x.agreement.overall;
  return `kappa ${fixed(o.kappa)}  agreement ${fixed(o.agreement)}  (${plural(x.agreement.matchedNotes - x.agreement.failed.length, "note")}, ${plural(o.n, "note-rule pair")})`;
}

function sideLines(label: string, f: LabelFile): string[] {
  const lines = [`${label}: ${f.file} (${f.kind}, ${plural(f.notes.length, "note")}, ${plural(f.ruleIds.length, "rule")})`];
  if (f.kind === "report") {
    const runs = describeRuns(f.runs);
    for (const l of runs.lines) lines.push(`${label} run: ${l}`);
    if (runs.warning) lines.push(`warning: ${label}: ${runs.warning}`);
  }
  return lines;
}

function againstInfo(x: AgainstResult): string[] {
  const g = x.agreement;
  const lines = [...sideLines("A", x.a), ...sideLines("B", x.b)];
  lines.push(`matched ${g.matchedNotes} notes (${g.matchedByBasename} by basename); only in A: ${g.onlyInA.length}; only in B: ${g.onlyInB.length}; audit errors (left out): ${g.failed.length}`);
  if (g.onlyInA.length) lines.push(`only in A (left out): ${listSome(g.onlyInA)}`);
  if (g.onlyInB.length) lines.push(`only in B (left out): ${listSome(g.onlyInB)}`);
  if (g.failed.length) lines.push(`audit errors (left out): ${listSome(g.failed)}`);
  if (g.rulesOnlyInA.length) lines.push(`rules only in A (left out): ${g.rulesOnlyInA.join(", ")}`);
  if (g.rulesOnlyInB.length) lines.push(`rules only in B (left out): ${g.rulesOnlyInB.join(", ")}`);
  return lines;
}

function againstTable(x: AgainstResult): { header: string[]; rows: string[][]; align: Align[] } {
  const rows = x.agreement.rules.map((r) => [r.ruleId, String(r.n), fixed(r.agreement), fixed(r.expected), fixed(r.kappa)]);
  const o = x.agreement.overall;
  rows.push(["all (pooled)", String(o.n), fixed(o.agreement), fixed(o.expected), fixed(o.kappa)]);
  return { header: ["rule", "pairs", "agreement", "chance", "kappa"], rows, align: ["l", "r", "r", "r", "r"] };
}

function againstDisagreements(x: AgainstResult): string[][] {
  return x.agreement.disagreements.map((d) => [d.otherNoteId ? `${d.noteId} (${d.otherNoteId})` : d.noteId, d.ruleId, d.a, d.b]);
}

const KAPPA_NOTE = "Cohen's kappa over the four outcomes; n/a when chance agreement is 1, i.e. both sides used one outcome throughout";

export function renderAgainst(x: AgainstResult, format: EvalFormat): string {
  if (format === "json") {
    return `${JSON.stringify(
      {
        a: { file: x.a.file, kind: x.a.kind, notes: x.a.notes.length, runs: x.a.runs.list() },
        b: { file: x.b.file, kind: x.b.kind, notes: x.b.notes.length, runs: x.b.runs.list() },
        ...x.agreement,
        summary: agreementLine(x),
      },
      null,
      2,
    )}\n`;
  }
  const t = againstTable(x);
  const dis = againstDisagreements(x);
  const dh = ["noteId", "rule", "A", "B"];
  const da: Align[] = ["l", "l", "l", "l"];
  if (format === "markdown") {
    let out = `# chartcheck eval --against\n\n${againstInfo(x).map((l) => `- ${l}`).join("\n")}\n\n## Agreement per rule\n\n${KAPPA_NOTE}\n\n`;
    out += markdownTable(t.header, t.rows, t.align);
    out += `\n## Disagreements (${dis.length})\n\n`;
    if (dis.length) out += markdownTable(dh, dis, da);
    return `${out}\n${agreementLine(x)}\n`;
  }
  let out = `${againstInfo(x).join("\n")}\n\nAgreement per rule (${KAPPA_NOTE})\n`;
  out += textTable(t.header, t.rows, t.align);
  out += `\nDisagreements (${dis.length})\n`;
  if (dis.length) out += textTable(dh, dis, da);
  return `${out}\n${agreementLine(x)}\n`;
}
