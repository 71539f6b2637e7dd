import { describe, expect, it } from "vitest";
import type { OutcomeName } from "../../src/rules/types.js";
import {
  AdherenceBuilder,
  compareStratumValues,
  insufficientShare,
  isSmallCell,
  stratumValue,
  type AdherenceRecord,
} from "../../src/stats/adherence.js";
import { renderCsv, renderHtml, renderJson, renderMarkdown, renderTable, rowsToJson, svgPlot } from "../../src/stats/format.js";
import { wilsonInterval } from "../../src/stats/wilson.js";

function rec(date: string | null, metadata: Record<string, string>, outcomes: Record<string, OutcomeName> | null): AdherenceRecord {
  return { encounterDate: date, metadata, outcomes: outcomes ? new Map(Object.entries(outcomes)) : null };
}

const ctx = { file: "r.jsonl", runLines: ["chartcheck 0.1.0, pack p 1.0, config abc, extractor lexicon"], runWarning: null, errorIds: [] };

describe("stratumValue", () => {
  it("derives month, quarter and year from the encounter date, unknown without one", () => {
    const r = { encounterDate: "2026-08-31", metadata: {} };
    expect(stratumValue("month", r)).toBe("2026-08");
    expect(stratumValue("quarter", r)).toBe("2026-Q3");
    expect(stratumValue("quarter", { encounterDate: "2026-01-01", metadata: {} })).toBe("2026-Q1");
    expect(stratumValue("quarter", { encounterDate: "2026-12-01", metadata: {} })).toBe("2026-Q4");
    expect(stratumValue("year", r)).toBe("2026");
    expect(stratumValue("month", { encounterDate: null, metadata: {} })).toBe("unknown");
  });

  it("reads metadata fields (also as metadata.X), unknown when absent or blank", () => {
    const r = { encounterDate: null, metadata: { site: "North", month: "custom", blank: " " } };
    expect(stratumValue("site", r)).toBe("North");
    expect(stratumValue("metadata.month", r)).toBe("custom");
    expect(stratumValue("ward", r)).toBe("unknown");
    expect(stratumValue("blank", r)).toBe("unknown");
    expect(stratumValue("toString", r)).toBe("unknown");
  });

  it("sorts strata by code unit with unknown last", () => {
    expect(["b", "unknown", "B", "a"].sort(compareStratumValues)).toEqual(["B", "a", "b", "unknown"]);
  });
});

describe("AdherenceBuilder", () => {
  it("counts outcomes and computes rate = adherent/(adherent+deviation) with a Wilson interval", () => {
    const b = new AdherenceBuilder([]);
    for (let i = 0; i < 9; i++) b.add(rec(null, {}, { r1: "adherent", r2: "not_applicable" }));
    b.add(rec(null, {}, { r1: "deviation", r2: "not_applicable" }));
    b.add(rec(null, {}, { r1: "insufficient_data", r2: "not_applicable" }));
    b.add(rec(null, {}, { r1: "not_applicable", r2: "not_applicable" }));
    b.add(rec(null, {}, null));
    const res = b.build();
    expect(res.notes).toBe(12);
    expect(res.errors).toBe(1);
    const [r1, r2] = res.rows;
    expect(r1).toMatchObject({ ruleId: "r1", stratum: null, adherent: 9, deviation: 1, insufficient_data: 1, not_applicable: 1 });
    expect(r1!.rate).toBeCloseTo(0.9, 12);
    expect(r1!.ci).toEqual(wilsonInterval(9, 10));
    // insufficient_data is beside the rate, not in it: 1 / (9 + 1 + 1).
    expect(insufficientShare(r1!)).toBeCloseTo(1 / 11, 12);
    expect(isSmallCell(r1!)).toBe(false);
    // An empty denominator has no rate and no interval.
    expect(r2).toMatchObject({ ruleId: "r2", adherent: 0, deviation: 0, not_applicable: 12, rate: null, ci: null });
    expect(insufficientShare(r2!)).toBeNull();
  });

  it("stratifies by a metadata field: overall row first, then sorted strata, every rule in first-seen order", () => {
    const b = new AdherenceBuilder(["site"]);
    b.add(rec("2026-01-05", { site: "South" }, { "z-rule": "adherent", "a-rule": "deviation" }));
    b.add(rec("2026-01-06", { site: "North" }, { "z-rule": "deviation", "a-rule": "deviation" }));
    b.add(rec("2026-01-07", { site: "North" }, { "z-rule": "adherent", "a-rule": "adherent" }));
    b.add(rec("2026-01-08", {}, { "z-rule": "adherent", "a-rule": "insufficient_data" }));
    b.add(rec("2026-01-09", { site: "West" }, null));
    const res = b.build();
    const z = res.rows.filter((r) => r.ruleId === "z-rule");
    expect(res.rows.map((r) => r.ruleId)).toEqual([...Array(5).fill("z-rule"), ...Array(5).fill("a-rule")]);
    expect(z.map((r) => r.stratum)).toEqual([null, { site: "North" }, { site: "South" }, { site: "West" }, { site: "unknown" }]);
    expect(z.map((r) => [r.adherent, r.deviation])).toEqual([[3, 1], [1, 1], [1, 0], [0, 0], [1, 0]]);
    expect(z[1]!.rate).toBe(0.5);
    expect(z[3]!.rate).toBeNull(); // only an error line in West
    expect(res.errorsByStratum).toEqual([{ stratum: { site: "West" }, errors: 1 }]);
    expect(res.absentFields).toEqual([]);
  });

  it("stratifies by month and crosses two fields", () => {
    const b = new AdherenceBuilder(["month", "site"]);
    b.add(rec("2026-02-01", { site: "A" }, { r: "adherent" }));
    b.add(rec("2026-01-31", { site: "B" }, { r: "deviation" }));
    b.add(rec("2026-01-02", { site: "B" }, { r: "adherent" }));
    b.add(rec(null, { site: "A" }, { r: "adherent" }));
    const rows = b.build().rows;
    expect(rows.map((r) => r.stratum)).toEqual([
      null,
      { month: "2026-01", site: "B" },
      { month: "2026-02", site: "A" },
      { month: "unknown", site: "A" },
    ]);
    expect(rows[1]).toMatchObject({ adherent: 1, deviation: 1, rate: 0.5 });
  });

  it("reports --by fields no line carries", () => {
    const b = new AdherenceBuilder(["ward", "quarter"]);
    b.add(rec(null, { site: "A" }, { r: "adherent" }));
    expect(b.build().absentFields).toEqual(["ward"]);
  });
});

describe("stats output", () => {
  function sample() {
    const b = new AdherenceBuilder(["site"]);
    for (let i = 0; i < 12; i++) b.add(rec("2026-03-01", { site: "A" }, { r1: i < 9 ? "adherent" : "deviation" }));
    b.add(rec("2026-03-02", { site: '<b>"x"&</b>' }, { r1: "deviation" }));
    return b.build();
  }

  it("json is an array of rows with exactly the documented keys", () => {
    const rows = JSON.parse(renderJson(sample())) as Array<Record<string, unknown>>;
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(["ruleId", "stratum", "adherent", "deviation", "insufficient_data", "not_applicable", "rate", "ci"]);
    }
    expect(rows[0]).toMatchObject({ ruleId: "r1", stratum: null, adherent: 9, deviation: 4 });
    expect(rowsToJson(sample())).toEqual(rows);
  });

  it("table marks small cells and keeps insufficient_data beside the rate", () => {
    const t = renderTable(sample(), ctx);
    const lines = t.split("\n");
    const overall = lines.find((l) => l.includes("(all)"))!;
    const small = lines.find((l) => l.includes('site=<b>"x"&</b>'))!;
    expect(overall).toContain("69.2%"); // 9/13
    expect(overall.trimEnd().endsWith("*")).toBe(false);
    expect(small.trimEnd().endsWith("*")).toBe(true);
    expect(t).toContain("run: chartcheck 0.1.0");
    expect(t).toMatch(/small cell: fewer than 10/);
  });

  it("csv quotes fields and has one stratum column per --by field", () => {
    const csv = renderCsv(sample()).split("\r\n");
    expect(csv[0]).toBe("ruleId,stratum.site,adherent,deviation,insufficient_data,not_applicable,n,rate,ci_low,ci_high,insufficient_share,small_cell");
    expect(csv[1]).toMatch(/^r1,,9,4,0,0,13,0\.692308,/);
    expect(csv).toContain('r1,"<b>""x""&</b>",0,1,0,0,1,0,0,0.793451,0,true');
  });

  it("html is self-contained, escapes input text and draws an interval per row", () => {
    const html = renderHtml(sample(), ctx);
    expect(html).not.toContain('<b>"x"&</b>');
    expect(html).toContain("site=&lt;b&gt;&quot;x&quot;&amp;&lt;/b&gt;");
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/class="ci"/g)).toHaveLength(3); // (all), A, the escaped site
    const svgEmpty = svgPlot([{ ruleId: "r", stratum: null, adherent: 0, deviation: 0, insufficient_data: 2, not_applicable: 0, rate: null, ci: null }]);
    expect(svgEmpty).toContain("no denominator");
    expect(svgEmpty).not.toContain("<circle");
  });

  it("markdown escapes pipes in stratum values", () => {
    const b = new AdherenceBuilder(["site"]);
    b.add(rec(null, { site: "a|b" }, { r: "adherent" }));
    expect(renderMarkdown(b.build(), ctx)).toContain("site=a\\|b");
  });
});
