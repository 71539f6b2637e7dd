/**
 * findDurations skips a pattern when the note holds none of its `needs`
 * words. That is only a speed-up if no match is ever lost: every match of a
 * screened pattern must come with one of its words in the text. Checked on
 * the repository's sample notes, generated notes and one phrase per pattern
 * form (so a pattern widened without its word list fails here).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DURATION_PATTERNS } from "../../src/text/time.js";
// @ts-expect-error plain JS benchmark helper without types
import { generateNotes } from "../../scripts/gen-notes.mjs";

const ROOT = resolve(import.meta.dirname, "../..");

function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const dir of ["fixtures/notes", "fixtures/styles"]) {
    for (const f of readdirSync(join(ROOT, dir))) if (f.endsWith(".txt")) out.push(readFileSync(join(ROOT, dir, f), "utf8"));
  }
  return out;
}

const PHRASES = [
  "pain x 10 days", "X3 WEEKS", "x10d", "for about two months", "for the past 3 weeks", "over the last 2 months", "in the past 3 days",
  "14 months of L leg pain", "3-day history", "2 week hx", "6 weeks' duration", "now 6 weeks", "Going on 3 weeks", "ongoing for 5 days",
  "present for 2 months", "lasting 4 days", "past 3 weeks", "Last 2 months", "previous 2 weeks", "started 3 days ago", "2 weeks ago",
  "a few days ago", "Began yesterday", "onset last night", "onset 10/01/2026", "began on October 1", "started last Tuesday",
  "symptom onset: 2026-10-20", "beginning on Monday", "for the past month", "over the last week", "in the past year", "Duration: 3 weeks",
  "duration - 2 months", "since yesterday", "SINCE last week", "since 10/13/2025", "since Oct 2", "since Monday", "since 2019",
  "since the beginning of September", "for years", "for many years", "several years", "years of pain", "for many months",
  "multiple months", "for months", "weeks of pain", "days of", "a few days", "a couple of weeks", "several months", "chronic",
  "Chronically", "long-standing", "long term", "lifelong", "longtime", "long time", "last spring", "this summer", "in the fall",
  "for a while", "for some time", "for a long time", "~2 mo", "~ 10 days", "for yrs", "since mid-October", "since 8/1", "10d ago",
  "since lifting a couch on June 8", "left L5 radiculopathy, 10 weeks, pain over the leg",
];

describe("duration pattern screens", () => {
  const texts = [...fixtureTexts(), ...PHRASES, ...PHRASES.map((p) => `Pt reports back pain ${p}.`)];
  for (const rec of generateNotes(3000, 7) as Iterable<{ text: string }>) texts.push(rec.text);

  it("never skip a note a screened pattern would match", () => {
    let screened = 0;
    let matched = 0;
    for (const p of DURATION_PATTERNS) {
      if (!p.needs) continue;
      screened++;
      for (const text of texts) {
        p.re.lastIndex = 0;
        if (!p.re.test(text)) continue;
        matched++;
        const lower = text.toLowerCase();
        expect(p.needs.some((w) => lower.includes(w)), `${p.re.source.slice(0, 60)} matched a text without ${p.needs.join("/")}`).toBe(true);
      }
      p.re.lastIndex = 0;
    }
    expect(screened).toBeGreaterThan(10);
    expect(matched).toBeGreaterThan(1000);
  });

  it("each screened pattern is exercised by at least one phrase", () => {
    for (const p of DURATION_PATTERNS) {
      if (!p.needs) continue;
      const hit = PHRASES.some((t) => {
        p.re.lastIndex = 0;
        return p.re.test(t);
      });
      p.re.lastIndex = 0;
      expect(hit, p.re.source.slice(0, 60)).toBe(true);
    }
  });
});
