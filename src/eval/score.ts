/**
 * Scoring predicted outcomes against gold outcomes. Pure: no I/O.
 *
 * Unit of scoring: a note-rule pair. A note missing from the report, or a
 * note the audit failed on, predicts "missing" for every rule (always wrong);
 * so does a rule absent from a report line.
 *
 * - deviation P/R/F1 per rule: tp = gold deviation & predicted deviation,
 *   fp = predicted deviation & gold not, fn = gold deviation & predicted not.
 *   precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn);
 *   each is null when its denominator is 0.
 * - micro deviation-F1: the same over all pairs pooled.
 * - macro-F1: mean of per-rule F1 over rules with a gold or predicted deviation.
 * - accuracy: share of pairs whose predicted outcome equals gold (4 classes).
 * - 95% intervals, by default a percentile bootstrap resampling notes (the
 *   unit that was sampled) with replacement, seeded so output is
 *   deterministic. Alternatively Wilson score intervals for precision, recall
 *   and accuracy (binomial proportions; none for F1). Wilson treats note-rule
 *   pairs as independent, which understates the width when errors cluster in
 *   notes, but unlike the bootstrap it still has width at a perfect score.
 */
import { OUTCOMES, type OutcomeName } from "../rules/types.js";
import { bootstrap } from "../stats/bootstrap.js";
import { wilsonInterval } from "../stats/wilson.js";

export type Predicted = OutcomeName | "missing";
export const PREDICTED: readonly Predicted[] = [...OUTCOMES, "missing"];

export interface EvalNote {
  /** The gold note id. */
  noteId: string;
  gold: ReadonlyMap<string, OutcomeName>;
  /** null when the note is missing from the report or its audit failed. */
  predicted: ReadonlyMap<string, OutcomeName> | null;
  rationale?: Readonly<Record<string, string>>;
}

export type IntervalMethod = "bootstrap" | "wilson";

export interface ScoreOptions {
  /** Interval method; default bootstrap. */
  method?: IntervalMethod;
  /** Bootstrap resamples; 0 disables bootstrap intervals. */
  iterations: number;
  seed: number;
  level?: number;
}

export interface IntervalInfo {
  method: IntervalMethod;
  /** What was resampled (bootstrap) or counted as a trial (Wilson). */
  unit: "note" | "note-rule pair";
  level: number;
  /** Bootstrap only. */
  iterations: number | null;
  seed: number | null;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export type Interval = [number, number] | null;

export interface RuleScore extends Prf {
  ruleId: string;
  /** Note-rule pairs scored (= gold notes). */
  n: number;
  correct: number;
  accuracy: number | null;
  /** confusion[gold][predicted] = count. */
  confusion: Record<OutcomeName, Record<Predicted, number>>;
  ci: { precision: Interval; recall: Interval; f1: Interval; accuracy: Interval };
}

export interface OverallScore extends Prf {
  notes: number;
  pairs: number;
  correct: number;
  accuracy: number | null;
  /** Mean per-rule F1 over `macroRules` rules (those with a gold or predicted deviation). */
  macroF1: number | null;
  macroRules: number;
  ci: { precision: Interval; recall: Interval; f1: Interval; macroF1: Interval; accuracy: Interval };
}

export interface Disagreement {
  noteId: string;
  ruleId: string;
  gold: OutcomeName;
  predicted: Predicted;
  rationale: string | null;
}

export interface EvalScore {
  rules: RuleScore[];
  overall: OverallScore;
  disagreements: Disagreement[];
  intervals: IntervalInfo;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
    f1: 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null,
  };
}

function emptyConfusion(): Record<OutcomeName, Record<Predicted, number>> {
  return Object.fromEntries(
    OUTCOMES.map((g) => [g, Object.fromEntries(PREDICTED.map((p) => [p, 0])) as Record<Predicted, number>]),
  ) as Record<OutcomeName, Record<Predicted, number>>;
}

/** Per-note, per-rule contributions, packed for fast bootstrap sums. */
interface NoteCells {
  tp: Uint8Array;
  fp: Uint8Array;
  fn: Uint8Array;
  correct: Uint8Array;
}

interface Totals {
  tp: number[];
  fp: number[];
  fn: number[];
  correct: number[];
  notes: number;
}

function sum(cells: readonly NoteCells[], nRules: number): Totals {
  const t: Totals = {
    tp: new Array<number>(nRules).fill(0),
    fp: new Array<number>(nRules).fill(0),
    fn: new Array<number>(nRules).fill(0),
    correct: new Array<number>(nRules).fill(0),
    notes: cells.length,
  };
  for (const c of cells) {
    for (let r = 0; r < nRules; r++) {
      t.tp[r]! += c.tp[r]!;
      t.fp[r]! += c.fp[r]!;
      t.fn[r]! += c.fn[r]!;
      t.correct[r]! += c.correct[r]!;
    }
  }
  return t;
}

function headline(t: Totals, nRules: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  let macroSum = 0;
  let macroRules = 0;
  const perRule: Prf[] = [];
  for (let r = 0; r < nRules; r++) {
    const p = prf(t.tp[r]!, t.fp[r]!, t.fn[r]!);
    perRule.push(p);
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
    correct += t.correct[r]!;
    if (p.f1 !== null) {
      macroSum += p.f1;
      macroRules++;
    }
  }
  const pairs = t.notes * nRules;
  return {
    perRule,
    micro: prf(tp, fp, fn),
    correct,
    pairs,
    accuracy: pairs ? correct / pairs : null,
    macroF1: macroRules ? macroSum / macroRules : null,
    macroRules,
  };
}

/**
 * Scores `notes` over `ruleIds` (the gold rules, in order). Every note must
 * have a gold outcome for every rule id.
 */
export function scoreEval(notes: readonly EvalNote[], ruleIds: readonly string[], options: ScoreOptions): EvalScore {
  const R = ruleIds.length;
  const confusion = ruleIds.map(() => emptyConfusion());
  const disagreements: Disagreement[] = [];
  const cells: NoteCells[] = notes.map((note) => {
    const c: NoteCells = { tp: new Uint8Array(R), fp: new Uint8Array(R), fn: new Uint8Array(R), correct: new Uint8Array(R) };
    ruleIds.forEach((ruleId, r) => {
      const g = note.gold.get(ruleId);
      if (g === undefined) throw new RangeError(`scoreEval: note ${note.noteId} has no gold outcome for ${ruleId}`);
      const p: Predicted = note.predicted?.get(ruleId) ?? "missing";
      confusion[r]![g][p]++;
      const gd = g === "deviation";
      const pd = p === "deviation";
      c.tp[r] = gd && pd ? 1 : 0;
      c.fp[r] = !gd && pd ? 1 : 0;
      c.fn[r] = gd && !pd ? 1 : 0;
      c.correct[r] = g === p ? 1 : 0;
      if (g !== p) disagreements.push({ noteId: note.noteId, ruleId, gold: g, predicted: p, rationale: note.rationale?.[ruleId] ?? null });
    });
    return c;
  });

  const point = headline(sum(cells, R), R);

  const keys: string[] = ["precision", "recall", "f1", "macroF1", "accuracy"];
  ruleIds.forEach((_, r) => keys.push(`${r}.precision`, `${r}.recall`, `${r}.f1`, `${r}.accuracy`));
  const level = options.level ?? 0.95;
  const method = options.method ?? "bootstrap";
  const boot = bootstrap(
    cells,
    keys,
    (sample) => {
      const t = sum(sample, R);
      const h = headline(t, R);
      const out: Record<string, number | null> = {
        precision: h.micro.precision,
        recall: h.micro.recall,
        f1: h.micro.f1,
        macroF1: h.macroF1,
        accuracy: h.accuracy,
      };
      h.perRule.forEach((p, r) => {
        out[`${r}.precision`] = p.precision;
        out[`${r}.recall`] = p.recall;
        out[`${r}.f1`] = p.f1;
        out[`${r}.accuracy`] = t.notes ? t.correct[r]! / t.notes : null;
      });
      return out;
    },
    { iterations: method === "bootstrap" ? options.iterations : 0, seed: options.seed, level },
  );
  const ci = (k: string): Interval => (method === "bootstrap" && options.iterations > 0 ? (boot.ci[k] ?? null) : null);
  if (method === "wilson" && level !== 0.95) throw new RangeError("scoreEval: Wilson intervals are computed at the 95% level only");
  const w = (k: number, n: number): Interval => (method === "wilson" ? wilsonInterval(k, n) : null);
  const pick = (a: Interval, b: Interval): Interval => (method === "wilson" ? b : a);

  const rules: RuleScore[] = ruleIds.map((ruleId, r) => {
    const p = point.perRule[r]!;
    const correct = OUTCOMES.reduce((s, o) => s + confusion[r]![o][o], 0);
    return {
      ruleId,
      ...p,
      n: notes.length,
      correct,
      accuracy: notes.length ? correct / notes.length : null,
      confusion: confusion[r]!,
      ci: {
        precision: pick(ci(`${r}.precision`), w(p.tp, p.tp + p.fp)),
        recall: pick(ci(`${r}.recall`), w(p.tp, p.tp + p.fn)),
        f1: ci(`${r}.f1`),
        accuracy: pick(ci(`${r}.accuracy`), w(correct, notes.length)),
      },
    };
  });
  return {
    rules,
    overall: {
      ...point.micro,
      notes: notes.length,
      pairs: point.pairs,
      correct: point.correct,
      accuracy: point.accuracy,
      macroF1: point.macroF1,
      macroRules: point.macroRules,
      ci: {
        precision: pick(ci("precision"), w(point.micro.tp, point.micro.tp + point.micro.fp)),
        recall: pick(ci("recall"), w(point.micro.tp, point.micro.tp + point.micro.fn)),
        f1: ci("f1"),
        macroF1: ci("macroF1"),
        accuracy: pick(ci("accuracy"), w(point.correct, point.pairs)),
      },
    },
    disagreements,
    intervals:
      method === "bootstrap"
        ? { method, unit: "note", level, iterations: options.iterations, seed: options.seed }
        : { method, unit: "note-rule pair", level, iterations: null, seed: null },
  };
}

