import { describe, expect, it } from "vitest";
import { findDurations } from "../../src/text/time.js";

const ENC = "2026-11-20";
function weeksOf(text: string): Array<number | null> {
  return findDurations(text, ENC).map((d) => d.weeks);
}

describe("more duration forms", () => {
  it.each([
    ["L sciatica, onset 10/01/2026.", 7.14],
    ["L leg pain that began on October 1.", 7.14],
    ["sciatica, symptom onset 2026-10-20.", 4.43],
    ["L sciatica since the beginning of September.", 11.43],
    ["Back pain began last Tuesday.", 0.43],
    ["L leg pain for the past month.", 4.35],
    ["Duration: 3 weeks.", 3],
  ])("%s -> %d weeks", (text, weeks) => {
    const w = weeksOf(text)[0];
    expect(w).not.toBeNull();
    expect(w!).toBeCloseTo(weeks, 0);
  });

  it("'since Thanksgiving' gives no number", () => {
    expect(weeksOf("L leg pain since Thanksgiving.").filter((w) => w !== null)).toEqual([]);
  });
});
