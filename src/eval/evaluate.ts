/**
 * `eval` orchestration: read the gold file and stream the report, match notes,
 * score. The I/O lives here; the math is in score.ts / agreement.ts.
 */
import { ChartcheckError } from "../common/errors.js";
import type { OutcomeName } from "../rules/types.js";
import { compareLabels, type AgreementResult } from "./agreement.js";
import { matchNotes } from "./match.js";
import { readGold, readLabels, readReport, RunTally, type GoldFile, type LabelFile } from "./read.js";
import { scoreEval, type EvalNote, type EvalScore, type ScoreOptions } from "./score.js";

export interface EvalResult {
  goldFile: string;
  reportFile: string;
  goldNotes: number;
  ruleIds: string[];
  report: { lines: number; audited: number; errors: number };
  runs: RunTally;
  matchedByBasename: number;
  /** Gold notes with no report line (scored as wrong). */
  missing: string[];
  /** Gold notes whose report line is an audit error (scored as wrong). */
  errored: Array<{ noteId: string; reportNoteId: string; code: string }>;
  /** Gold notes whose basename matches several report lines (scored as missing). */
  ambiguous: Array<{ noteId: string; candidates: string[] }>;
  /** Report notes not in gold (ignored). */
  notInGold: string[];
  /** Rules in the report that gold does not have (ignored). */
  ignoredRules: string[];
  score: EvalScore;
}

interface ReportEntry {
  noteId: string;
  outcomes: Map<string, OutcomeName> | null;
  code: string | null;
}

export async function evaluateReport(goldPath: string, reportPath: string, cwd: string, options: ScoreOptions): Promise<EvalResult> {
  const gold: GoldFile = await readGold(goldPath, cwd);
  const entries: ReportEntry[] = [];
  const ids = new Map<string, number>();
  const runs = new RunTally();
  const reportRules: string[] = [];
  const seenRules = new Set<string>();
  let audited = 0;
  let errors = 0;
  for await (const rec of readReport(reportPath, cwd)) {
    const prev = ids.get(rec.noteId);
    if (prev !== undefined) {
      throw new ChartcheckError("REPORT_FORMAT", `${reportPath}:${rec.line}: noteId ${rec.noteId} already appears on line ${prev}`);
    }
    ids.set(rec.noteId, rec.line);
    if (rec.kind === "error") {
      errors++;
      entries.push({ noteId: rec.noteId, outcomes: null, code: rec.code });
      continue;
    }
    audited++;
    runs.add(rec.run);
    for (const id of rec.outcomes.keys()) {
      if (!seenRules.has(id)) {
        seenRules.add(id);
        reportRules.push(id);
      }
    }
    entries.push({ noteId: rec.noteId, outcomes: rec.outcomes, code: null });
  }

  const m = matchNotes(
    gold.notes.map((g) => g.noteId),
    entries.map((e) => e.noteId),
  );
  const missing: string[] = [];
  const errored: EvalResult["errored"] = [];
  const ambiguous: EvalResult["ambiguous"] = [];
  let byBase = 0;
  const notes: EvalNote[] = gold.notes.map((g, i) => {
    const mm = m.left[i]!;
    const base = { noteId: g.noteId, gold: g.outcomes, rationale: g.rationale };
    if (mm.right === null) {
      if (mm.ambiguous) ambiguous.push({ noteId: g.noteId, candidates: mm.ambiguous });
      else missing.push(g.noteId);
      return { ...base, predicted: null };
    }
    if (mm.method === "basename") byBase++;
    const e = entries[mm.right]!;
    if (!e.outcomes) errored.push({ noteId: g.noteId, reportNoteId: e.noteId, code: e.code ?? "UNKNOWN" });
    return { ...base, predicted: e.outcomes };
  });
  const goldRules = new Set(gold.ruleIds);
  return {
    goldFile: goldPath,
    reportFile: reportPath,
    goldNotes: gold.notes.length,
    ruleIds: gold.ruleIds,
    report: { lines: entries.length, audited, errors },
    runs,
    matchedByBasename: byBase,
    missing,
    errored,
    ambiguous,
    notInGold: m.unmatchedRight.map((j) => entries[j]!.noteId),
    ignoredRules: reportRules.filter((r) => !goldRules.has(r)),
    score: scoreEval(notes, gold.ruleIds, options),
  };
}

export interface AgainstResult {
  a: LabelFile;
  b: LabelFile;
  agreement: AgreementResult;
}

export async function compareFiles(aPath: string, bPath: string, cwd: string): Promise<AgainstResult> {
  const a = await readLabels(aPath, cwd);
  const b = await readLabels(bPath, cwd);
  return { a, b, agreement: compareLabels(a.notes, a.ruleIds, b.notes, b.ruleIds) };
}
