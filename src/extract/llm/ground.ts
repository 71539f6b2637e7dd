/**
 * Turns a validated wire reply into NoteFacts: every quote is located in the
 * note (anchor.ts); facts whose quote is not in the note are dropped and
 * counted. The encounter date given from outside wins; a header date from the
 * model is kept only when its quote is in the note and states that date.
 */
import type { Fact, NoteFacts } from "../../facts/schema.js";
import { detectSections, sectionAt, type Section } from "../../text/sections.js";
import { findEncounterDate } from "../../text/time.js";
import type { ExtractInput } from "../extractor.js";
import { QuoteLocator } from "./anchor.js";
import type { WireNote } from "./wire-schema.js";

export interface Grounded {
  facts: Omit<NoteFacts, "extractor">;
  /** Facts (and note-level quotes) dropped because their quote is not in the note. */
  ungrounded: number;
  /** Kinds of the dropped facts, in reply order (no text). */
  ungroundedKinds: string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Does `quote` state the ISO date `iso` (numeric or month-name forms)? */
export function quoteStatesDate(quote: string, iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const nums = (quote.match(/\d+/g) ?? []).map(Number);
  const hasYear = nums.includes(y) || nums.includes(y % 100);
  const lower = quote.toLowerCase();
  const hasMonth = nums.includes(m) || lower.includes(MONTHS[m - 1]!);
  const hasDay = nums.includes(d);
  return hasYear && hasMonth && hasDay;
}

export function groundReply(reply: WireNote, input: ExtractInput): Grounded {
  const text = input.text;
  const locator = new QuoteLocator(text);
  let ungrounded = 0;
  const ungroundedKinds: string[] = [];

  let encounterDate: NoteFacts["encounterDate"] = null;
  if (input.encounterDate) {
    encounterDate = { ...input.encounterDate, span: null };
  } else {
    if (reply.encounterDate) {
      const span = locator.locate(reply.encounterDate.quote, "encounterDate");
      if (span && quoteStatesDate(text.slice(span.start, span.end), reply.encounterDate.value)) {
        encounterDate = { value: reply.encounterDate.value, source: "header", span };
      } else {
        ungrounded++;
        ungroundedKinds.push("encounterDate");
      }
    }
    if (!encounterDate) {
      // The deterministic header reader, so an ungrounded model date never leaves the note without one it states.
      const found = findEncounterDate(text);
      if (found) encounterDate = { value: found.value, source: "header", span: found.span };
    }
  }

  let symptomDuration: NoteFacts["symptomDuration"] = null;
  if (reply.symptomDuration) {
    const span = locator.locate(reply.symptomDuration.quote, "symptomDuration");
    if (span) symptomDuration = { weeks: reply.symptomDuration.weeks, chronic: reply.symptomDuration.chronic, span };
    else {
      ungrounded++;
      ungroundedKinds.push("symptomDuration");
    }
  }

  let sections: Section[] | null = null;
  const sectionOf = (offset: number): Section["category"] | null => {
    sections ??= detectSections(text);
    return sectionAt(sections, offset)?.category ?? null;
  };

  const facts: Fact[] = [];
  const seen = new Set<string>();
  for (const wf of reply.facts) {
    // A quote that occurs more than once ("MRI" in the history and in the plan): prefer the
    // occurrence in the section the model named.
    const prefer = wf.section ? (s: { start: number }) => sectionOf(s.start) === wf.section : undefined;
    const span = locator.locate(wf.quote, wf.kind, prefer);
    if (!span) {
      ungrounded++;
      ungroundedKinds.push(wf.kind);
      continue;
    }
    const section = wf.section ?? sectionOf(span.start);
    const fact = { ...wf, section, span, quote: text.slice(span.start, span.end), source: "llm", cues: [] } as Fact;
    const key = JSON.stringify(fact);
    if (seen.has(key)) continue; // the same fact twice adds nothing
    seen.add(key);
    facts.push(fact);
  }
  // Reading order; ties keep reply order (Array.prototype.sort is stable).
  facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  return {
    facts: {
      encounterDate,
      noteType: reply.noteType,
      inScope: reply.inScope,
      patientAge: reply.patientAge,
      newOnset: reply.newOnset,
      symptomDuration,
      facts,
    },
    ungrounded,
    ungroundedKinds,
  };
}
