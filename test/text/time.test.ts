import { describe, expect, it } from "vitest";
import { findDurations, findEncounterDate, parseDate, parseDateParts } from "../../src/text/time.js";

describe("parseDate", () => {
  it.each([
    ["02/02/2026", "2026-02-02"],
    ["2026-11-20", "2026-11-20"],
    ["2/2/26", "2026-02-02"],
    ["11-20-2026", "2026-11-20"],
    ["Oct 2, 2026", "2026-10-02"],
    ["October 2 2026", "2026-10-02"],
    ["2/30/2026", null],
    ["07/2026", null],
  ])("%s", (raw, iso) => expect(parseDate(raw)).toBe(iso));
  it("year from a reference, partial dates", () => {
    expect(parseDate("October 2", "2026-11-09")).toBe("2026-10-02");
    expect(parseDate("Dec 20", "2026-11-09")).toBe("2025-12-20");
    expect(parseDateParts("07/2026")).toMatchObject({ year: 2026, month: 7, day: null, precision: "month" });
    expect(parseDateParts("2019")).toMatchObject({ precision: "year", iso: "2019-01-01" });
  });
});

describe("findEncounterDate", () => {
  it.each([
    ["Date of service: 02/02/2026\nS: pain", "2026-02-02"],
    ["EMERGENCY DEPARTMENT NOTE\nDOS: 04/04/2026  03:15", "2026-04-04"],
    ["DOS 11/09/2026", "2026-11-09"],
    ["Visit date: Oct 2, 2026", "2026-10-02"],
    ["Date: 2026-01-05", "2026-01-05"],
    ["Encounter date - 3/4/26", "2026-03-04"],
    ["Name: Jane Doe   DOS: 06/08/2026", "2026-06-08"],
  ])("%s", (t, iso) => {
    const d = findEncounterDate(t);
    expect(d?.value).toBe(iso);
    expect(parseDate(t.slice(d!.span.start, d!.span.end))).toBe(iso);
  });
  it("first header wins; never a date from the body", () => {
    expect(findEncounterDate("DOS: 01/02/2026\nDate: 03/04/2026")?.value).toBe("2026-01-02");
    expect(findEncounterDate("MRI 07/2026: L4-5 disc\nPain since 10/13/2025.")).toBeNull();
  });
});

describe("findDurations", () => {
  const enc = "2026-11-09";
  const one = (t: string) => {
    const ds = findDurations(t, enc);
    expect(ds.length, t).toBeGreaterThan(0);
    const d = ds[0]!;
    expect(t.slice(d.span.start, d.span.end)).toBe(d.text);
    return d;
  };
  it.each([
    ["sciatica x 10 days", "x 10 days", 1.43, "length"],
    ["pain x 3 wks", "x 3 wks", 3, "length"],
    ["pain x3 weeks", "x3 weeks", 3, "length"],
    ["for about two months", "for about two months", 8.7, "length"],
    ["for 3 months", "for 3 months", 13, "length"],
    ["14 months of L leg pain", "14 months", 60.9, "length"],
    ["9 wks of R leg pain", "9 wks", 9, "length"],
    ["a 3-day history of pain", "3-day", 0.43, "length"],
    ["for the past 2 years", "for the past 2 years", 104.4, "length"],
    ["numbness since yesterday", "since yesterday", 0.14, "since"],
    ["since last week", "since last week", 1, "since"],
    ["since 10/13/2025", "since 10/13/2025", 56, "since"],
    ["since Oct 2", "since Oct 2", 5.43, "since"],
    ["3 days ago", "3 days ago", 0.43, "ago"],
    ["2 weeks ago", "2 weeks ago", 2, "ago"],
    ["pain started 5 days ago", "started 5 days ago", 0.71, "ago"],
    ["for years", "for years", 104, "vague"],
    ["for many years", "for many years", 104, "vague"],
    ["many months of pain", "many months", 26, "vague"],
    ["a few days", "a few days", 0.43, "length"],
  ])("%s", (t, text, weeks, form) => {
    const d = one(t);
    expect([d.text, d.weeks, d.form]).toEqual([text, weeks, form]);
    expect(d.chronic).toBe(false);
  });
  it("vague markers", () => {
    expect(one("for years").approximate).toBe(true);
    expect(one("a few days").approximate).toBe(true);
    expect(one("x 3 wks").approximate).toBe(false);
    expect(one("chronic LBP")).toMatchObject({ weeks: null, chronic: true, form: "vague" });
    expect(one("long-standing pain")).toMatchObject({ weeks: null, chronic: true });
    expect(one("started last spring")).toMatchObject({ weeks: null, chronic: false, form: "vague" });
  });
  it("since a date needs the encounter date", () => {
    expect(findDurations("since 10/13/2025", null)[0]).toMatchObject({ weeks: null, form: "since" });
  });
  it("follow-up intervals are not durations; every expression is found in order", () => {
    expect(findDurations("If no better in 6 wks, f/u in a few weeks", enc)).toEqual([]);
    const all = findDurations("L leg pain x 9 wks, PT x 5 wks, back pain for years", enc).map((d) => d.text);
    expect(all).toEqual(["x 9 wks", "x 5 wks", "for years"]);
  });
});
