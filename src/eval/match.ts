/**
 * Matching notes between two files (gold and report, or two reports): by
 * noteId exactly, else by basename (a report's noteId is the input path as
 * given, e.g. `../notes/d001.txt`; gold usually has `d001.txt`). Pure.
 */

/** The last path segment, for both / and \ separators. */
export function basename(id: string): string {
  const i = Math.max(id.lastIndexOf("/"), id.lastIndexOf("\\"));
  return i >= 0 ? id.slice(i + 1) : id;
}

export type MatchMethod = "exact" | "basename";

export interface NoteMatch {
  /** Index into `right`, or null when unmatched. */
  right: number | null;
  method: MatchMethod | null;
  /** Set when a basename match was possible but not unique. */
  ambiguous?: string[];
}

export interface Matching {
  /** One entry per `left` id, same order. */
  left: NoteMatch[];
  /** Indices into `right` that no left id matched, in right order. */
  unmatchedRight: number[];
}

/**
 * Matches every left id (e.g. gold) to at most one right id (e.g. report).
 * Exact matches are made first; then each remaining left id matches the
 * remaining right id with the same basename, if there is exactly one and no
 * other remaining left id has that basename. Ids are assumed unique per side.
 */
export function matchNotes(left: readonly string[], right: readonly string[]): Matching {
  const exact = new Map<string, number>();
  right.forEach((id, i) => exact.set(id, i));
  const claimed = new Set<number>();
  const result: NoteMatch[] = left.map((id) => {
    const j = exact.get(id);
    if (j !== undefined) {
      claimed.add(j);
      return { right: j, method: "exact" };
    }
    return { right: null, method: null };
  });
  const rightByBase = new Map<string, number[]>();
  right.forEach((id, j) => {
    if (claimed.has(j)) return;
    const b = basename(id);
    const list = rightByBase.get(b);
    if (list) list.push(j);
    else rightByBase.set(b, [j]);
  });
  const leftByBase = new Map<string, number>();
  left.forEach((id, i) => {
    if (result[i]!.right === null) leftByBase.set(basename(id), (leftByBase.get(basename(id)) ?? 0) + 1);
  });
  left.forEach((id, i) => {
    const m = result[i]!;
    if (m.right !== null) return;
    const b = basename(id);
    const cands = rightByBase.get(b) ?? [];
    if (cands.length === 1 && leftByBase.get(b) === 1) {
      m.right = cands[0]!;
      m.method = "basename";
      claimed.add(cands[0]!);
    } else if (cands.length > 0) {
      m.ambiguous = cands.map((j) => right[j]!);
    }
  });
  const unmatchedRight = right.map((_, j) => j).filter((j) => !claimed.has(j));
  return { left: result, unmatchedRight };
}
