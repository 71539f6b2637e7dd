import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goldJsonSchema, GoldLineSchema } from "../../src/eval/gold.js";
import { readGold } from "../../src/eval/read.js";

const DEV_GOLD = fileURLToPath(new URL("../../../shared/eval-dev/gold.jsonl", import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL("../../schemas/gold.schema.json", import.meta.url));

const valid = {
  noteId: "d001.txt",
  noteType: "evaluation",
  inScope: true,
  encounterDate: "2026-02-02",
  symptomWeeks: 1.43,
  redFlagCategories: ["cauda_equina", "infection"],
  outcomes: { "no-bed-rest": "adherent", "no-early-imaging": "deviation" },
  rationale: { "no-early-imaging": "MRI ordered at 2 weeks." },
};

describe("gold format", () => {
  it("every line of the shared dev gold validates", () => {
    const lines = readFileSync(DEV_GOLD, "utf8").split(/\r?\n/).filter((l) => l.trim());
    expect(lines.length).toBe(24);
    lines.forEach((l, i) => {
      const r = GoldLineSchema.safeParse(JSON.parse(l));
      expect(r.success, `line ${i + 1}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
    });
  });

  it("readGold reads the dev gold: 24 notes, 16 rules, outcome counts as its README says", async () => {
    const g = await readGold(DEV_GOLD, process.cwd());
    expect(g.notes).toHaveLength(24);
    expect(g.ruleIds).toHaveLength(16);
    expect(g.ruleIds[0]).toBe("red-flag-screening");
    const totals: Record<string, number> = {};
    for (const n of g.notes) for (const o of n.outcomes.values()) totals[o] = (totals[o] ?? 0) + 1;
    expect(totals).toEqual({ deviation: 25, adherent: 87, not_applicable: 264, insufficient_data: 8 });
  });

  it("accepts a minimal line (noteId + outcomes) and a full one", () => {
    expect(GoldLineSchema.safeParse({ noteId: "n", outcomes: { r: "adherent" } }).success).toBe(true);
    expect(GoldLineSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    [{ ...valid, outcomes: { "no-bed-rest": "adherant" } }, "outcomes.no-bed-rest"],
    [{ ...valid, outcomes: { No_Bed_Rest: "adherent" } }, "outcomes.No_Bed_Rest"],
    [{ ...valid, outcomes: {} }, "outcomes"],
    [{ ...valid, noteId: "" }, "noteId"],
    [{ ...valid, encounterDate: "02/02/2026" }, "encounterDate"],
    [{ ...valid, symptomWeeks: -1 }, "symptomWeeks"],
    [{ ...valid, noteType: "consult" }, "noteType"],
    [{ ...valid, redFlagCategories: ["infection", "cauda_equina"] }, "redFlagCategories.1"],
    [{ ...valid, redFlagCategories: ["fever"] }, "redFlagCategories.0"],
    [{ ...valid, rationale: { "no-fusion-for-isolated-disc": "x" } }, "rationale.no-fusion-for-isolated-disc"],
    [{ ...valid, inScope: false }, "outcomes.no-bed-rest"],
    [{ ...valid, outcome: {} }, ""],
  ])("rejects a bad line (%#) naming the path", (line, path) => {
    const r = GoldLineSchema.safeParse(line);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("the committed JSON Schema is the one generated from the zod schema", () => {
    const committed = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
    expect(committed).toEqual(goldJsonSchema());
    expect(committed.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(committed.required).toEqual(["noteId", "outcomes"]);
    expect(committed.additionalProperties).toBe(false);
  });
});
