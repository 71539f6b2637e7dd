/**
 * Agreement between two sets of labels (two reports, two gold files, or one
 * of each): Cohen's kappa over the four outcomes per rule and pooled over
 * all note-rule pairs, observed agreement, and the disagreements. Pure.
 */
import { OUTCOMES, type OutcomeName } from "../rules/types.js";
import { cohenKappa } from "../stats/kappa.js";
import { matchNotes } from "./match.js";

export interface LabelledNote {
  noteId: string;
  /** null when the note's audit failed (report error line). */
  outcomes: ReadonlyMap<string, OutcomeName> | null;
}

export interface AgreementCell {
  /** Pairs rated on both sides. */
  n: number;
  agreement: number | null;
  expected: number | null;
  kappa: number | null;
  /** table[a][b] in OUTCOMES order. */
  table: number[][];
}

export interface AgreementDisagreement {
  noteId: string;
  /** The other side's id when it differs (basename match). */
  otherNoteId: string | null;
  ruleId: string;
  a: OutcomeName;
  b: OutcomeName;
}

export interface AgreementResult {
  notesA: number;
  notesB: number;
  matchedNotes: number;
  matchedByBasename: number;
  onlyInA: string[];
  onlyInB: string[];
  /** Notes matched but without outcomes on a side (audit error). */
  failed: string[];
  rulesOnlyInA: string[];
  rulesOnlyInB: string[];
  rules: Array<AgreementCell & { ruleId: string }>;
  overall: AgreementCell;
  disagreements: AgreementDisagreement[];
}

export function compareLabels(
  a: readonly LabelledNote[],
  aRules: readonly string[],
  b: readonly LabelledNote[],
  bRules: readonly string[],
): AgreementResult {
  const bRuleSet = new Set(bRules);
  const aRuleSet = new Set(aRules);
  const rules = aRules.filter((r) => bRuleSet.has(r));
  const m = matchNotes(
    a.map((n) => n.noteId),
    b.map((n) => n.noteId),
  );
  const pairs = rules.map(() => [] as Array<[OutcomeName, OutcomeName]>);
  const all: Array<[OutcomeName, OutcomeName]> = [];
  const disagreements: AgreementDisagreement[] = [];
  const onlyInA: string[] = [];
  const failed: string[] = [];
  let matched = 0;
  let byBase = 0;
  a.forEach((na, i) => {
    const mm = m.left[i]!;
    if (mm.right === null) {
      onlyInA.push(na.noteId);
      return;
    }
    matched++;
    if (mm.method === "basename") byBase++;
    const nb = b[mm.right]!;
    if (!na.outcomes || !nb.outcomes) {
      failed.push(na.noteId);
      return;
    }
    rules.forEach((ruleId, r) => {
      const x = na.outcomes!.get(ruleId);
      const y = nb.outcomes!.get(ruleId);
      if (x === undefined || y === undefined) return;
      pairs[r]!.push([x, y]);
      all.push([x, y]);
      if (x !== y) {
        disagreements.push({ noteId: na.noteId, otherNoteId: nb.noteId === na.noteId ? null : nb.noteId, ruleId, a: x, b: y });
      }
    });
  });
  const cell = (p: Array<[OutcomeName, OutcomeName]>): AgreementCell => {
    const k = cohenKappa(p, OUTCOMES);
    return { n: k.n, agreement: k.observed, expected: k.expected, kappa: k.kappa, table: k.table };
  };
  return {
    notesA: a.length,
    notesB: b.length,
    matchedNotes: matched,
    matchedByBasename: byBase,
    onlyInA,
    onlyInB: m.unmatchedRight.map((j) => b[j]!.noteId),
    failed,
    rulesOnlyInA: aRules.filter((r) => !bRuleSet.has(r)),
    rulesOnlyInB: bRules.filter((r) => !aRuleSet.has(r)),
    rules: rules.map((ruleId, r) => ({ ruleId, ...cell(pairs[r]!) })),
    overall: cell(all),
    disagreements,
  };
}
