/**
 * Shared clinical definitions of the pack (RULES.md "Shared definitions").
 * Rules import these; they never re-implement them.
 */
import type { Fact, FactKind, FactOf, NoteFacts } from "../../../facts/schema.js";

export const PACK_SOURCE_FILE = "000_f8600c591f16344c.txt";

export function factsOf<K extends FactKind>(facts: NoteFacts, kind: K): FactOf<K>[] {
  return facts.facts.filter((f): f is FactOf<K> => f.kind === kind);
}

/** Affirmed, current, about the patient. */
export function affirmedCurrentPatient(f: Fact): boolean {
  return f.assertion === "affirmed" && f.temporality === "current" && f.experiencer === "patient";
}
