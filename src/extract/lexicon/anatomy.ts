/**
 * Small parsers for sides, disc levels and nerve roots as clinicians write
 * them: "R", "L-sided", "left", "bilat"; "L4-5", "L4-L5", "L5/S1"; "S1 root".
 */
import type { DiscLevel, Root, Side } from "../../facts/schema.js";

// "L" / "R" stand alone (not part of L5, PM&R, R/O, L/S, B/L).
const SIDE_RE =
  /(?<![A-Za-z0-9&/])(left|right|bilateral|bilaterally|bilat|both (?:legs|sides|lower extremities)|rt|lt|b\/l|R|L)(?:-sided| sided)?(?![A-Za-z0-9/&]|-(?!sided))/gi;

/** Sides named in a string, in order of appearance, with their offsets. */
export function findSides(s: string): Array<{ side: Side; index: number }> {
  const out: Array<{ side: Side; index: number }> = [];
  SIDE_RE.lastIndex = 0;
  for (const m of s.matchAll(SIDE_RE)) {
    const w = m[1]!;
    const lw = w.toLowerCase();
    let side: Side | null = null;
    if (lw === "left" || lw === "lt" || w === "L") side = "left";
    else if (lw === "right" || lw === "rt" || w === "R") side = "right";
    else if (lw === "bilateral" || lw === "bilaterally" || lw === "bilat" || lw === "b/l" || lw.startsWith("both ")) side = "bilateral";
    // single capital letters must be capitals: "l" or "r" in prose are not sides
    if ((lw === "l" || lw === "r") && w !== w.toUpperCase()) side = null;
    if (side) out.push({ side, index: m.index });
  }
  return out;
}

const LEVEL_RE = /\b(L[1-5]|S1)\s*(?:-|–|\/|to|and)\s*(L?[1-5]|S1)\b|\bL([1-5])([1-5])\b/gi;

/** Canonical disc level ("L4-5", "L5-S1") of adjacent vertebrae. */
export function canonLevel(a: string, b: string): DiscLevel | null {
  const ua = a.toUpperCase();
  let ub = b.toUpperCase();
  if (/^\d$/.test(ub)) ub = `L${ub}`;
  const order = ["L1", "L2", "L3", "L4", "L5", "S1"];
  const ia = order.indexOf(ua);
  const ib = order.indexOf(ub);
  if (ia < 0 || ib !== ia + 1) return null;
  const map: Record<string, DiscLevel> = { L1: "L1-2", L2: "L2-3", L3: "L3-4", L4: "L4-5", L5: "L5-S1" };
  return map[ua] ?? null;
}

export function findLevels(s: string): Array<{ level: DiscLevel; index: number; end: number }> {
  const out: Array<{ level: DiscLevel; index: number; end: number }> = [];
  for (const m of s.matchAll(LEVEL_RE)) {
    const level = m[1] ? canonLevel(m[1], m[2]!) : canonLevel(`L${m[3]}`, m[4]!);
    if (level) out.push({ level, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

const ROOT_RE = /\b(L[1-5]|S[12])\b(?!\s*(?:-|–|\/)\s*(?:L?[1-5]|S1)\b)/gi;

/** Roots named outside of level expressions ("the L5 root", "S1 radiculopathy"). */
export function findRoots(s: string): Array<{ root: Root; index: number }> {
  const levels = findLevels(s);
  const out: Array<{ root: Root; index: number }> = [];
  for (const m of s.matchAll(ROOT_RE)) {
    if (levels.some((l) => m.index >= l.index && m.index < l.end)) continue;
    out.push({ root: m[1]!.toUpperCase() as Root, index: m.index });
  }
  return out;
}

/** The side nearest before `index` (within `window` chars), else the first after it. */
export function sideNear(s: string, index: number, window = 40): Side | null {
  const sides = findSides(s);
  let best: { side: Side; d: number } | null = null;
  for (const x of sides) {
    const d = x.index <= index ? index - x.index : (x.index - index) * 1.5;
    if (d <= window && (!best || d < best.d)) best = { side: x.side, d };
  }
  return best?.side ?? null;
}
