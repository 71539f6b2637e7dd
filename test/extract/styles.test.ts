import { existsSync, readFileSync } from "node:fs";
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

interface Report {
  noteId: string;
  encounterDate: string | null;
  facts: { noteType: string; symptomDuration: { weeks: number | null } | null };
  results: Array<{ ruleId: string; outcome: string }>;
}

/** Annotated sets written for chartcheck in styles unlike the development notes (see each folder's README). */
const SETS = ["fixtures/styles", "fixtures/blind", "fixtures/blind2", "fixtures/blind3", "fixtures/blind4", "fixtures/blind5", "fixtures/blind6", "fixtures/blind7", "fixtures/blind8", "fixtures/blind9", "fixtures/blind10", "fixtures/blind11", "fixtures/blind12", "fixtures/blind13"].filter((d) => existsSync(`${ROOT}${d}/gold.jsonl`));

for (const set of SETS) {
  describe(`annotated notes in other styles: ${set}`, async () => {
    const gold = readFileSync(`${ROOT}${set}/gold.jsonl`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Gold);
    const r = await runCli(["audit", set, "-f", "jsonl", "--jobs", "1"], { cwd: ROOT });
    const reports = new Map(
      r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Report)
        .map((x) => [x.noteId.split("/").pop()!, x]),
    );

    it.each(gold.map((g) => [g.noteId, g] as const))("%s", (_id, g) => {
      const rep = reports.get(g.noteId);
      expect(rep).toBeDefined();
      expect(rep!.facts.noteType).toBe(g.noteType);
      expect(Object.fromEntries(rep!.results.map((x) => [x.ruleId, x.outcome]))).toEqual(g.outcomes);
    });
  });
}
