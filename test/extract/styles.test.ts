import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const ROOT = new URL("../..", import.meta.url).pathname;

interface Gold {
  noteId: string;
  noteType: string;
  encounterDate: string | null;
  symptomWeeks: number | null;
  outcomes: Record<string, string>;
}

const gold = readFileSync(`${ROOT}fixtures/styles/gold.jsonl`, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Gold);

describe("notes in other styles (fixtures/styles, annotated by hand)", async () => {
  const r = await runCli(["audit", "fixtures/styles", "-f", "jsonl"], { cwd: ROOT });
  const reports = new Map(
    r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { noteId: string; encounterDate: string | null; facts: { noteType: string; symptomDuration: { weeks: number | null } | null }; results: Array<{ ruleId: string; outcome: string }> })
      .map((x) => [x.noteId.split("/").pop()!, x]),
  );

  it.each(gold.map((g) => [g.noteId, g] as const))("%s", (_id, g) => {
    const rep = reports.get(g.noteId);
    expect(rep).toBeDefined();
    expect(rep!.encounterDate).toBe(g.encounterDate);
    expect(rep!.facts.noteType).toBe(g.noteType);
    const weeks = rep!.facts.symptomDuration?.weeks ?? null;
    if (g.symptomWeeks === null) expect(weeks).toBeNull();
    else expect(weeks).toBeCloseTo(g.symptomWeeks, 1);
    expect(Object.fromEntries(rep!.results.map((x) => [x.ruleId, x.outcome]))).toEqual(g.outcomes);
  });
});
