/**
 * Meta-test of the lumbosacral-radiculopathy pack (ESLint Makefile.js
 * checkRuleFiles style): registry, files, tests, RULES.md and the source agree.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lumbosacralRadiculopathy as pack } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import { checkRuleMeta } from "../../src/rules/tester.js";
import type { RuleModule } from "../../src/rules/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const guidelineDir = resolve(here, "../../../shared/guideline");
const packDir = resolve(here, "../../src/rules/packs/lumbosacral-radiculopathy");
const source = readFileSync(join(guidelineDir, pack.source), "utf8");
const rulesMd = readFileSync(join(guidelineDir, "RULES.md"), "utf8");

/** The rule table of RULES.md: id, severity, quote, in order. */
const specRows = [...rulesMd.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info) \| "(.*)" \|\s*$/gm)].map((m) => ({
  id: m[1] ?? "",
  severity: m[2] ?? "",
  quote: m[3] ?? "",
}));

const ruleFiles = readdirSync(packDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "derived.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();

/** A quote may elide text with "..."; each piece must appear verbatim, in order. */
function quoteAppearsIn(quote: string, text: string): boolean {
  let from = 0;
  for (const piece of quote.split("...").map((p) => p.trim())) {
    if (!piece) return false;
    const at = text.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

describe("pack lumbosacral-radiculopathy", () => {
  it("RULES.md lists 16 rules", () => {
    expect(specRows).toHaveLength(16);
  });

  it("registry has exactly RULES.md's ids, in RULES.md's order", () => {
    expect(pack.rules.map((r) => r.meta.id)).toEqual(specRows.map((r) => r.id));
  });

  it("rule ids are unique", () => {
    const ids = pack.rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every rule file is registered, and no other", () => {
    expect([...pack.rules.map((r) => r.meta.id)].sort()).toEqual(ruleFiles);
  });

  it.each(ruleFiles)("%s.ts default-exports the rule whose id is its file name", async (file) => {
    const mod = (await import(join(packDir, `${file}.ts`))) as { default: RuleModule };
    expect(mod.default.meta.id).toBe(file);
    expect(pack.rules).toContain(mod.default);
  });

  it.each(ruleFiles)("%s.ts is not a placeholder", (file) => {
    expect(readFileSync(join(packDir, `${file}.ts`), "utf8")).not.toMatch(/PLACEHOLDER|description: "TODO"/);
  });

  it.each(ruleFiles)("%s has a test file", (file) => {
    expect(readdirSync(here)).toContain(`${file}.test.ts`);
  });

  describe.each(pack.rules.map((r) => [r.meta.id, r] as const))("%s", (id, rule) => {
    const spec = specRows.find((r) => r.id === id);

    it("has valid meta", () => {
      expect(checkRuleMeta(rule)).toEqual([]);
    });

    it("cites the pack source with RULES.md's quote and severity", () => {
      expect(rule.meta.citation.source).toBe(pack.source);
      expect(rule.meta.citation.quote).toBe(spec?.quote);
      expect(rule.meta.defaultSeverity).toBe(spec?.severity);
    });

    it("citation quote appears verbatim in the source", () => {
      expect(rule.meta.citation.quote).not.toMatch(/^(TODO)?$/);
      expect(quoteAppearsIn(rule.meta.citation.quote, source)).toBe(true);
    });
  });

  it("only red-flag-screening, patient-education and conservative-care-first are restricted to evaluation notes", () => {
    const restricted = pack.rules.filter((r) => r.meta.noteTypes !== undefined);
    expect(restricted.map((r) => r.meta.id).sort()).toEqual(["conservative-care-first", "patient-education", "red-flag-screening"]);
    for (const r of restricted) expect(r.meta.noteTypes).toEqual(["evaluation"]);
  });

  it("no-early-imaging has the ageOver50IsRedFlag option, default true", () => {
    const rule = pack.rules.find((r) => r.meta.id === "no-early-imaging");
    expect(rule?.meta.options.parse({})).toEqual({ ageOver50IsRedFlag: true });
  });
});
