/**
 * The deterministic extractor: sections -> sentences -> target lexicon ->
 * ConText assertion -> facts. Every fact's span satisfies
 * text.slice(span.start, span.end) === quote.
 */
import { classifyMention } from "../../context/index.js";
import type { Fact, FactOf, NoteFacts, SectionCategory, Side, Span } from "../../facts/schema.js";
import { detectSections, sectionAt, type Section } from "../../text/sections.js";
import { sentenceAt, splitSentences } from "../../text/sentences.js";
import { findDurations, findEncounterDate, parseDate } from "../../text/time.js";
import { findLevels, findSides, sideNear } from "./anatomy.js";
import { first, loadTargets, matchAll, test, type CompiledTargets } from "./lexicon.js";

export const LEXICON_EXTRACTOR_VERSION = "1.0.0";

type Base = Pick<Fact, "span" | "quote" | "section" | "assertion" | "temporality" | "experiencer" | "source" | "cues">;
type GivenDate = { value: string; source: "option" | "metadata" } | null;

const PLAN_SECTIONS = new Set<SectionCategory>(["plan", "assessment_plan", "patient_instructions"]);
const HISTORY_SECTIONS = new Set<SectionCategory>(["hpi", "chief_complaint", "past_medical_history", "past_surgical_history", "review_of_systems", "social_history"]);

/** Per-note view: sentences, sections and the mention builder. */
class Doc {
  readonly sentences: Span[];
  readonly sections: Section[];
  private readonly firstPlanStart: number;

  constructor(readonly text: string) {
    this.sentences = splitSentences(text);
    this.sections = detectSections(text);
    const plan = this.sections.find((s) => PLAN_SECTIONS.has(s.category));
    this.firstPlanStart = plan ? plan.header.start : -1;
  }

  sentence(offset: number): Span {
    const s = sentenceAt(this.sentences, offset);
    return s.end > s.start ? s : lineAt(this.text, offset);
  }

  sentenceText(offset: number): string {
    const s = this.sentence(offset);
    return this.text.slice(s.start, s.end);
  }

  section(offset: number): SectionCategory | null {
    const s = sectionAt(this.sections, offset);
    let cat = s?.category ?? null;
    // a title/date header covers its own line only, not the unlabelled text under it
    if (cat === "header" && s && offset >= lineAt(this.text, s.header.start).end) cat = null;
    // "Dx: left S1 radiculopathy." then unlabelled plan lines, in a note without a plan section
    if (cat === "diagnosis" && s && this.firstPlanStart < 0 && offset >= lineAt(this.text, s.header.start).end) cat = null;
    // "Problem list:" holding the assessment and plan of a note that has no plan section
    if (cat === "past_medical_history" && s && /problem/i.test(s.title) && this.firstPlanStart < 0 && s.header.start > this.text.length / 3) cat = "assessment_plan";
    // Text before the first header of a note that has a plan section is its history.
    if ((cat === null || cat === "header") && this.firstPlanStart > offset) return "hpi";
    return cat;
  }

  mention(start: number, end: number): Base {
    const section = this.section(start);
    const ctx = classifyMention(this.text, { start, end }, { section, sentence: this.sentence(start) });
    // Instructions given at the visit are current advice ("Discharge instructions: bed rest x 2 days");
    // only a hypothetical trigger ("return if") makes a mention there hypothetical.
    if (ctx.temporality === "hypothetical" && section === "patient_instructions" && !ctx.cues.some((c) => c.category === "hypothetical")) {
      ctx.temporality = "current";
    }
    // A backward negation does not reach across a clause break (" - ", ";", " but ").
    if (ctx.assertion === "negated") {
      const cue = ctx.cues.find((c) => c.category === "negated");
      if (
        cue &&
        ((cue.start >= end && /\s[-–—]\s|;|\bbut\b|\band that\b/.test(this.text.slice(end, cue.start))) ||
          // "MRI with and without contrast 07/2026: herniation compressing ..." — a colon ends a forward negation
          // ("Denies: fever, chills" keeps its negation: the colon right after the cue is the cue's own)
          (cue.end <= start && /\w[^:]*:\s/.test(this.text.slice(cue.end, start)) && !/^\s*(?:(?:any|all)\s+of\s+)?(?:the\s+)?(?:following|below|these|those)?\s*:/i.test(this.text.slice(cue.end, start))))
      ) {
        ctx.assertion = "affirmed";
        ctx.cues = ctx.cues.filter((c) => c !== cue);
      }
    }
    // Template answers decide last, over any cue scope (checkboxes, "item - no", Q&A).
    // Checkbox templates: "[ ] fever" is not checked (screened, absent); "[x] fever" is checked (present).
    const box = /(\[\s?\]|\(\s?\)|☐|\[[xX✓✔]\]|☒|☑)\s*$/.exec(this.text.slice(Math.max(0, start - 5), start));
    if (box) {
      const checked = /[xX✓✔☒☑]/.test(box[1]!);
      ctx.assertion = checked ? "affirmed" : "negated";
      ctx.cues = [...ctx.cues.filter((c) => c.category !== "negated"), { start: start - box[0].length, end: start - box[0].length + box[1]!.length, text: box[1]!, category: checked ? "pseudo" : "negated" }];
    }
    // "Saddle anesthesia   [ ] yes  [x] no": the ticked answer after the item decides
    const lineEnd = this.text.indexOf("\n", end);
    const tail = this.text.slice(end, Math.min(lineEnd < 0 ? this.text.length : lineEnd, end + 40));
    const ticked = /^[^\n]*?(?:\[[xX✓✔]\]|☒|☑)\s*(no|yes|absent|present|neg(?:ative)?|pos(?:itive)?|none|n|y)\b/i.exec(tail);
    if (ticked) ctx.assertion = /^(?:no|absent|neg|negative|none|n)$/i.test(ticked[1]!) ? "negated" : "affirmed";
    // "bowel/bladder sx - no | fever - no": a template answer right after the item
    const answer = /^\s*(?:[-–:=]|\?)\s*(no|none|neg(?:ative)?|denies|denied|absent|yes|pos(?:itive)?|present|endorses)\b/i.exec(tail);
    if (!ticked && answer) ctx.assertion = /^(?:yes|pos|positive|present|endorses)$/i.test(answer[1]!) ? "affirmed" : "negated";
    // A question ("Any trouble controlling your bladder ...?") is answered in the next sentence ("No to all of those.")
    const sent = this.sentence(start);
    if (/\?\s*$/.test(this.text.slice(sent.start, sent.end))) {
      // the answer: the first following sentence that is not itself a question
      let k = this.sentences.findIndex((x) => x.start >= sent.end);
      // (skipping further questions and bare speaker labels such as "Patient:")
      while (k >= 0 && k < this.sentences.length - 1 && /\?\s*$|^[A-Za-z .,]{1,30}(?:\d{1,2}:\d{2})?:\s*$/.test(this.text.slice(this.sentences[k]!.start, this.sentences[k]!.end)) && this.sentences[k]!.start - sent.end < 200) k++;
      const from = k >= 0 ? this.sentences[k]!.start : sent.end;
      const next = this.text.slice(from, from + 80);
      if (/^[\s"]*(?:[A-Z][a-z.]+(?:,?\s*\d{1,2}:\d{2})?:?\s*)?(?:no|nope|none|denies|negative|not)\b/i.test(next)) ctx.assertion = "negated";
      else if (/^[\s"]*(?:[A-Z][a-z.]+(?:,?\s*\d{1,2}:\d{2})?:?\s*)?(?:yes|yeah|endorses|positive)\b/i.test(next)) ctx.assertion = "affirmed";
      else if (ctx.assertion === "affirmed") ctx.assertion = "possible";
    }
    return {
      span: { start, end },
      quote: this.text.slice(start, end),
      section,
      assertion: ctx.assertion,
      temporality: ctx.temporality,
      experiencer: ctx.experiencer,
      source: "lexicon",
      cues: ctx.cues,
    };
  }

  /** The clause around an offset: the sentence cut at semicolons. */
  clause(offset: number): Span {
    const s = this.sentence(offset);
    let start = s.start;
    let end = s.end;
    for (let i = offset - 1; i >= s.start; i--) if (this.text[i] === ";") { start = i + 1; break; }
    for (let i = offset; i < s.end; i++) if (this.text[i] === ";") { end = i; break; }
    return { start, end };
  }
}

/** Moves an offset back to the start of the word it falls in, so a window never begins mid-word ("fe|lt"). */
function wordStart(text: string, i: number): number {
  while (i > 0 && /\w/.test(text[i - 1]!) && /\w/.test(text[i] ?? "")) i--;
  return i;
}

function lineAt(text: string, offset: number): Span {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const nl = text.indexOf("\n", offset);
  return { start, end: nl < 0 ? text.length : nl };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function extractFacts(text: string, given: GivenDate): NoteFacts {
  const T = loadTargets();
  const doc = new Doc(text);
  const facts: Fact[] = [];

  const header = findEncounterDate(text) ?? titleLineDate(text);
  const encounterDate = given
    ? { value: given.value, source: given.source, span: null }
    : header
      ? { value: header.value, source: "header" as const, span: header.span }
      : null;

  const authorSpecialty = detectAuthorSpecialty(T, doc) ?? signatureSpecialty(T, text);
  const noteType = detectNoteType(T, doc);

  symptoms(T, doc, facts);
  redFlags(T, doc, facts);
  imaging(T, doc, facts, authorSpecialty?.specialty === "emergency");
  imagingFindings(T, doc, facts);
  conservativeCare(T, doc, facts);
  opioids(T, doc, facts, noteType);
  painSeverity(doc, facts);
  simpleList(T.disabling, doc, facts, "disabling_pain");
  simpleList(T.functionalLimitation, doc, facts, "functional_limitation");
  simpleList(T.treatmentFailure, doc, facts, "treatment_failure");
  bedRest(T, doc, facts);
  education(T, doc, facts);
  esi(T, doc, facts, noteType);
  surgery(T, doc, facts, noteType);
  fusionIndications(T, doc, facts);
  referrals(T, doc, facts, authorSpecialty);
  clinicalRoots(doc, facts);
  candidacy(T, doc, facts);
  priorSurgery(T, doc, facts);

  facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.kind.localeCompare(b.kind));

  const symptomDuration = chooseDuration(T, doc, encounterDate?.value ?? null);
  const patientAge = findAge(T, text);
  return {
    encounterDate,
    noteType,
    inScope: isInScope(T, doc, facts),
    patientAge,
    newOnset: newOnset(T, doc, symptomDuration, facts),
    symptomDuration,
    facts,
    extractor: { name: "lexicon", version: LEXICON_EXTRACTOR_VERSION, model: null, promptHash: null },
  };
}

// ---------------------------------------------------------------------------

function symptoms(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  for (const entry of T.symptoms) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      const sentence = doc.sentenceText(m.start);
      const from = wordStart(doc.text, Math.max(0, m.start - 30));
      const side = sideNear(doc.text.slice(from, m.end), m.start - from);
      out.push({ kind: "symptom", ...doc.mention(m.start, m.end), finding: entry.finding, side: test(T.excludeScope, sentence) && entry.finding === "radiculopathy" ? null : side });
    }
  }
}

function isInScope(T: CompiledTargets, doc: Doc, facts: Fact[]): boolean {
  // a lumbar epidural injection at a named level, or a lumbar disc finding with an injection or operation planned
  const lumbarEsi = facts.some((f) => f.kind === "esi" && f.assertion === "affirmed" && f.level !== null);
  const lumbarDisc = facts.some((f) => f.kind === "imaging_finding" && f.assertion === "affirmed" && f.level !== null);
  const invasive = facts.some((f) => (f.kind === "esi" || f.kind === "surgery") && f.assertion === "affirmed" && (f.status === "planned" || f.status === "performed"));
  if (lumbarEsi || (lumbarDisc && invasive)) return true;
  // a post-operative or post-injection visit for a lumbar disc ("2 weeks s/p R L5-S1 microdiscectomy")
  if (facts.some((f) => (f.kind === "prior_lumbar_surgery" || (f.kind === "surgery" && f.procedure !== "other")) && f.assertion === "affirmed" && f.experiencer === "patient" && /\b(?:L[1-5]|S1|lumbar|lumbosacral|disc|disk)\b/i.test(doc.sentenceText(f.span.start)))) return true;
  return facts.some((f) => {
    if (f.kind !== "symptom" || f.experiencer !== "patient" || f.assertion === "negated") return false;
    if (f.temporality === "hypothetical") return false;
    if (f.section === "past_medical_history" || f.section === "family_history") return false;
    if ((f.finding === "radiculopathy" || f.finding === "disc_herniation") && test(T.excludeScope, doc.sentenceText(f.span.start))) {
      return /lumb|L[1-5]|S1|sciatic/i.test(doc.sentenceText(f.span.start));
    }
    return true;
  });
}

const ABNORMAL = /\b(?:incontinen\w*|retention|retaining|dysfunction|loss of|changes?|problems?|trouble|difficult\w*|abnormal|impaired|decreased|urgency|accidents?)\b/i;
const NORMAL_AFTER = /^[^.;\n]{0,25}\b(?:normal|nl|wnl|intact|preserved|present|good|symmetric)\b/i;

function redFlags(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  const found: Array<FactOf<"red_flag"> & { fallback: boolean }> = [];
  for (const entry of T.redFlags) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      const start = m.start + (m.text.length - m.text.trimStart().length);
      const base = doc.mention(start, m.end);
      if (entry.alwaysNegated) base.assertion = "negated";
      if (entry.inherentNegation && base.assertion === "negated" && !base.cues.some((c) => c.category === "negated" && c.end <= start)) {
        base.assertion = "affirmed";
      }
      if (entry.examFinding) {
        const after = doc.text.slice(m.end, m.end + 40);
        const before = doc.text.slice(Math.max(0, start - 25), start);
        if (/^\s*(?:is |was |are )?(?:reduced|decreased|diminished|absent|lax|poor|impaired|weak|altered|abnormal|lost)\b/i.test(after)) base.assertion = "affirmed";
        else if (NORMAL_AFTER.test(after) || /\b(?:normal|intact|good)\s*$/i.test(before)) base.assertion = "negated";
        else if (!/\b(?:decreased|diminished|reduced|absent|lax|poor|loss|weak|impaired|numb\w*|altered|abnormal)\b/i.test(doc.sentenceText(start)) && base.assertion === "affirmed") {
          base.assertion = "negated";
        }
      }
      // "No change in bladder or bowel control": "no change" is a pseudo-trigger elsewhere, but here it screens negative
      if (base.assertion === "affirmed" && /^changes?\b/i.test(m.text.trimStart()) && /\bno\s+$/i.test(doc.text.slice(Math.max(0, start - 4), start))) base.assertion = "negated";
      if (entry.neutral && base.assertion === "affirmed") {
        const clause = doc.clause(start);
        const ct = doc.text.slice(clause.start, clause.end);
        if (/\bno (?:change|changes) in\b/i.test(ct) || !ABNORMAL.test(ct) || NORMAL_AFTER.test(doc.text.slice(m.end, m.end + 40))) base.assertion = "negated";
      }
      if (entry.screenOnly && base.assertion === "affirmed") continue;
      found.push({ kind: "red_flag", ...base, category: entry.category, finding: entry.finding, fallback: entry.fallback === true });
    }
  }
  // Keep the longest mention where mentions of the same category overlap; fallbacks only alone.
  found.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start));
  const kept: typeof found = [];
  for (const f of found) {
    const clash = kept.some((k) => overlaps(k.span, f.span) && (k.category === f.category || f.fallback));
    if (!clash) kept.push(f);
  }
  for (const { fallback: _f, ...f } of kept) out.push(f);
}

function imaging(T: CompiledTargets, doc: Doc, out: Fact[], edNote: boolean): void {
  // "prior" about the study, not "(prior surgery at this level)" giving the reason for contrast
  const STRONG_PRIOR = /\b(?:yesterday|was scheduled|(?:prior|previous)(?!\s+(?:lumbar\s+|back\s+|spine\s+|spinal\s+)?(?:surgery|surgeries|operation|discectomy|microdiscectomy|fusion|laminectomy|decompression|history|hardware))|outside|old|last (?:year|month|week)|ago|in (?:19|20)\d\d|dated|from (?:\d|last|an outside|outside))\b|^\s*\(?\d{1,2}\/\d{2,4}\)?|^\s*\(?(?:19|20)\d\d\)?/im;
  for (const entry of T.imaging) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      const base = doc.mention(m.start, m.end);
      const sent = doc.sentence(m.start);
      const before = doc.text.slice(Math.max(sent.start, m.start - 40), m.start);
      const after = doc.text.slice(m.end, Math.min(sent.end, m.end + 60));
      const windowText = before + m.text + after;
      const sentenceText = doc.text.slice(sent.start, sent.end);
      const afterNear = doc.text.slice(m.end, Math.min(sent.end, m.end + 35));
      const region = test(T.lumbarRegion, afterNear) || test(T.lumbarRegion, before.slice(-15))
        ? "lumbar"
        : test(T.otherRegion, afterNear) || test(T.otherRegion, before.slice(-15))
          ? "other"
          : test(T.otherRegion, sentenceText) && !test(T.lumbarRegion, sentenceText)
            ? "other"
            : "lumbar";
      let contrast: FactOf<"imaging">["contrast"] = "unspecified";
      const cwin = doc.text.slice(m.end, Math.min(sent.end, m.end + 50));
      if (test(T.contrast.withAndWithout, cwin)) contrast = "with_and_without";
      else if (test(T.contrast.without, cwin)) contrast = "without";
      else if (test(T.contrast.with, cwin)) contrast = "with";
      const guidance = /(?:guid|under)\W*$/i.test(before) || /^\W*(?:-|\s)?guid/i.test(after);
      const conditional =
        base.temporality === "hypothetical" ||
        base.assertion === "possible" ||
        /\?\s*$/.test(sentenceText) ||
        // "I would recommend MRI if symptoms persist"
        /^[^.;]{0,50}\b(?:if|unless|in case|should (?:he|she|they|symptoms|pain|it|this))\b/i.test(after) ||
        /\b(?:if|unless|should|consider(?:ing)?|depending|may need|might need|possible|possibly|would (?:like|want)|wants?|requests?|asked (?:about|for))\b[^.;]*$/i.test(before);
      // ordered at another visit ("MRI ordered there", "ordered by his PCP") is not ordered at this encounter
      const elsewhere =
        /\bordered (?:there|elsewhere|previously|by (?:(?:his|her|their|the|an?) )?(?:PCP|primary|referring|outside|other|Dr\.?|ortho\w*|ED|ER|urgent care)\w*|at (?:the |an? )?(?:outside|urgent care|another|other))\b/i.test(windowText) ||
        // "MRI L-spine w/o contrast (11/05/2026, ...): large extrusion ..." — a dated study with its result
        /^[^.;\n]{0,40}\(\s*\d{1,2}\/\d{1,2}\/\d{2,4}[^)]*\)\s*:/.test(after);
      // done and resulted during this visit or stay ("obtained in the ED", "on the day of admission")
      // (read on the whole line: "done in ED: large extrusion" may be split at the inline "ED:")
      const lineSpan = lineAt(doc.text, m.start);
      const thisVisit =
        base.section === "course" ||
        /\b(?:in (?:the )?(?:ED|ER|emergency (?:department|room))|on the day of admission|during (?:this|the) (?:visit|admission|stay|hospitalization)|on admission)\b/i.test(doc.text.slice(lineSpan.start, lineSpan.end));
      const strongPrior = elsewhere || STRONG_PRIOR.test(windowText) || /^\s*\(?\d{1,2}\/\d{2,4}/.test(after) || /^\s*:/.test(after);
      const weakPrior = test(T.imagingPrior, windowText);
      const inPlan = base.section !== null && PLAN_SECTIONS.has(base.section);
      const orderCue = test(T.imagingOrder, windowText);
      let status: FactOf<"imaging">["status"];
      if (guidance) status = "guidance";
      else if (conditional) status = "conditional";
      else if (elsewhere) status = "prior";
      else if (thisVisit && !STRONG_PRIOR.test(windowText) && base.temporality !== "historical") status = "ordered";
      else if (strongPrior || base.temporality === "historical") status = "prior";
      else if (weakPrior && !(edNote && /\b(?:obtained|performed|done|showed|shows|reveal\w*|demonstrat\w*)\b/i.test(windowText))) status = "prior";
      else if (inPlan || orderCue || base.section === null) status = "ordered";
      // outside the plan, without an order word, a study is one already done ("concordant w/ MRI")
      else status = "prior";
      if (status === "prior" && base.temporality === "current") base.temporality = "historical";
      out.push({ kind: "imaging", ...base, modality: entry.modality, region, contrast, status });
    }
  }
}

function imagingFindings(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  const ROOT_AFTER = /\b(L[1-5]|S[12])\s+(?:nerve\s+)?(?:root|nerve)\b/i;
  const IMAGING_CONTEXT = /\b(?:MRI|CT|imaging|myelogram|scan|study|studies|films?)\b/i;
  const priorImaging = out.some((f) => f.kind === "imaging" && f.status === "prior" && f.assertion === "affirmed" && f.modality !== "xray");
  for (const m of matchAll(T.findingTerms, doc.text)) {
    const clause = doc.clause(m.start);
    const clauseText = doc.text.slice(clause.start, clause.end);
    const rel = m.start - clause.start;
    const levels = findLevels(clauseText);
    const sentence = doc.sentenceText(m.start);
    const sec = doc.section(m.start);
    const findingLine = lineAt(doc.text, m.start);
    const explicit = IMAGING_CONTEXT.test(sentence) || IMAGING_CONTEXT.test(doc.text.slice(findingLine.start, m.start)) || sec === "imaging";
    const imagingContext = explicit || sec === "diagnosis" || sec === "indications" || sec === "assessment" || sec === "assessment_plan";
    if (levels.length === 0 && !ROOT_AFTER.test(clauseText.slice(rel))) continue;
    if (!imagingContext && !/\b(?:HNP|herniat\w*|protrusion|extrusion)\b/i.test(m.text)) continue;
    // Without any study in the note, "L5-S1 HNP" in an assessment is a clinical impression, not an imaging finding.
    if (!explicit && !priorImaging && !(ROOT_AFTER.test(clauseText.slice(rel)) && test(T.compression, clauseText.slice(rel)))) continue;
    // nearest level to the term
    let level = null as (typeof levels)[number]["level"] | null;
    let best = Infinity;
    for (const l of levels) {
      const d = Math.abs(l.index - rel);
      if (d < best) { best = d; level = l.level; }
    }
    const before = clauseText.slice(0, rel);
    const segStart = Math.max(before.lastIndexOf(","), before.lastIndexOf(":"), before.lastIndexOf(" and "), 0);
    const seg = clauseText.slice(segStart, rel + m.text.length);
    const sides = findSides(seg);
    let side: Side | null = sides.length ? sides[sides.length - 1]!.side : null;
    let zone: FactOf<"imaging_finding">["zone"] = null;
    const zoneWin = clauseText.slice(Math.max(0, rel - 30), rel + m.text.length + 20);
    for (const z of T.zones) if (test(z.pattern, zoneWin)) { zone = z.zone; break; }
    if (zone === "central" && side === null) side = "central";
    const afterText = clauseText.slice(rel);
    const rootM = ROOT_AFTER.exec(afterText);
    const root = rootM ? (rootM[1]!.toUpperCase() as FactOf<"imaging_finding">["root"]) : null;
    if (side === null && rootM) {
      const s = findSides(afterText.slice(wordStart(afterText, Math.max(0, rootM.index - 12)), rootM.index));
      if (s.length) side = s[s.length - 1]!.side;
    }
    const compression = test(T.compression, afterText.slice(0, 80)) || /stenosis/i.test(m.text);
    const base = doc.mention(m.start, m.end);
    if (base.temporality === "hypothetical") continue;
    out.push({ kind: "imaging_finding", ...base, level, side, zone, root, compression });
  }
}

function conservativeCare(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  for (const entry of T.conservativeCare) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      // "PT" the abbreviation only in care context (not "pt" = patient)
      if (entry.item === "physical_therapy" && (m.text === "pt" || m.text === "Pt" || /^\s*:/.test(doc.text.slice(m.end, m.end + 2)))) continue;
      if (entry.item === "physical_therapy" && /^PT$/i.test(m.text) && /\b(?:pt|patient)\s+(?:is|was|has|states|reports|denies)\b/i.test(doc.text.slice(m.start, m.start + 14))) continue;
      out.push({ kind: "conservative_care", ...doc.mention(m.start, m.end), item: entry.item });
    }
  }
}

const FREQ: Array<[RegExp, number]> = [
  [/\bq\s?2h\b/i, 12], [/\bq\s?3h\b/i, 8], [/\bq\s?4h\b|\bq\s?4-6h\b/i, 6], [/\bq\s?6h\b|\bq\s?6-8h\b/i, 4], [/\bq\s?8h\b/i, 3], [/\bq\s?12h\b/i, 2],
  [/\bevery 2 hours\b/i, 12], [/\bevery 3 hours\b/i, 8], [/\bevery 4(?: to 6|-6)? hours\b/i, 6], [/\bevery 6(?: to 8|-8)? hours\b/i, 4], [/\bevery 8 hours\b/i, 3], [/\bevery 12 hours\b/i, 2],
  [/\bQID\b|\bfour times (?:a|per) day\b/i, 4], [/\bTID\b|\bthree times (?:a|per) day\b/i, 3], [/\bBID\b|\btwice (?:a|per) day\b/i, 2],
  [/\b(?:daily|qd|qhs|once (?:a|per) day|at bedtime|nightly|qam)\b/i, 1],
];

function opioids(T: CompiledTargets, doc: Doc, out: Fact[], noteType: NoteFacts["noteType"]): void {
  const taken: Span[] = [];
  for (const entry of T.opioids) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      if (taken.some((t) => overlaps(t, m))) continue;
      taken.push(m);
      const line = lineAt(doc.text, m.start);
      const sent = doc.sentence(m.start);
      // the opioid's own order: up to the end of its line or sentence, and before the next drug named
      let win = doc.text.slice(m.start, Math.min(Math.max(sent.end, line.end), m.start + 120));
      const nl = win.indexOf("\n");
      if (nl > 0) win = win.slice(0, nl);
      let cutAt = win.length;
      for (const c of T.conservativeCare) {
        if (c.item === "activity" || c.item === "heat_cold" || c.item === "physical_therapy" || c.item === "home_exercise") continue;
        c.pattern.lastIndex = m.end - m.start;
        const other = c.pattern.exec(win);
        if (other && other.index > m.end - m.start + 1 && other.index < cutAt && !/[-/]\s*$/.test(win.slice(0, other.index))) cutAt = other.index;
      }
      T.conservativeCare.forEach((c) => (c.pattern.lastIndex = 0));
      win = win.slice(0, cutAt);
      const base = doc.mention(m.start, m.end);
      let supplyDays: number | null = null;
      const days = /\bx\s?(\d{1,2})\s?(?:days?|d)\b|\bfor (\d{1,2}) days\b|(\d{1,2})[- ]day supply\b/i.exec(win);
      if (days) supplyDays = Number(days[1] ?? days[2] ?? days[3]);
      else {
        // the quantity dispensed ("#20", "disp 30", "qty: 12", "dispense 20 tablets"), not the tablets per dose ("1-2 tabs q4h")
        const count = /(?:#\s?|\bqty:?\s?|\bdispense[d:]?\s?|\bdisp:?\s?|\bquantity:?\s?)(\d{1,3})\b|\b(?:dispense[d:]?|disp\.?|qty:?|quantity:?|supply of)\s+(\d{1,3})\s?(?:tabs|tablets|pills|capsules)\b/i.exec(win);
        const perDay = FREQ.find(([re]) => re.test(win))?.[1];
        if (count && perDay) supplyDays = Number(count[1] ?? count[2]) / perDay;
      }
      const refills = test(T.refillCue, win) && !test(T.noRefillCue, win);
      const longActing = entry.longActing === true || test(T.longActingCue, doc.text.slice(m.start, m.end + 12));
      const sentenceText = doc.text.slice(sent.start, sent.end);
      const anesthesia = test(T.anesthesiaCue, sentenceText) || (noteType === "procedure" && (base.section === "procedure" || base.section === null) && !/\b(?:prescri|rx|discharge|home)\b/i.test(sentenceText));
      const administered = test(T.administeredCue, win) || base.section === "course";
      // In the history or the medication list an opioid is what the patient has, not what this visit prescribes;
      // only a dose given here ("received morphine IV in the ED") counts from there.
      const listOnly =
        base.section === "medications" ||
        (base.section !== null && HISTORY_SECTIONS.has(base.section) && !(administered && /\b(?:today|here|in (?:the )?(?:ED|ER|clinic|office)|this visit)\b/i.test(sentenceText)));
      const scheduledLongTerm = test(T.scheduledCue, win);
      // "tramadol ... (not taking)", "Tramadol removed from med list": not prescribed or continued
      if (/\b(?:removed|discontinu\w*|stopped|stop|d\/c'?d?|not taking|no longer tak\w*|hold(?:ing)?|held|taper(?:ed)? off|declined|expired)\b/i.test(win)) base.assertion = "negated";
      out.push({
        kind: "medication",
        ...base,
        drugClass: "opioid",
        drug: entry.drug,
        longActing,
        supplyDays: supplyDays === null ? null : Math.round(supplyDays * 100) / 100,
        refills,
        scheduledLongTerm,
        administered,
        anesthesia,
        listOnly,
      });
    }
  }
}

/**
 * A severity word or score describes the pain as it is: hedges on the
 * diagnosis ("most likely a disc herniation, with severe pain") and a sig's
 * indication ("prn severe pain") do not make it uncertain or hypothetical.
 */
function severityMention(doc: Doc, start: number, end: number): Base {
  const base = doc.mention(start, end);
  if (base.assertion === "possible") base.assertion = "affirmed";
  if (base.temporality === "hypothetical" && !/\bif\b/i.test(doc.text.slice(doc.sentence(start).start, start))) base.temporality = "current";
  return base;
}

function painSeverity(doc: Doc, out: Fact[]): void {
  for (const m of matchAll(/\b(10|[0-9](?:\.5)?)\s?(?:\/|out of)\s?10\b/g, doc.text)) {
    const sentence = doc.sentenceText(m.start);
    if (/\b(?:goal|target|was|previously|used to be|at best)\b/i.test(doc.text.slice(Math.max(0, m.start - 20), m.start))) continue;
    if (!/pain|ache|sciatica|hurts|VAS|NRS|rated|severity|\d\/10/i.test(sentence)) continue;
    out.push({ kind: "pain_severity", ...severityMention(doc, m.start, m.end), score: Number(m.groups[0]), severe: false });
  }
  for (const m of matchAll(/\b(?:severe|excruciating|unbearable|agonizing|10\+\/10)\b/gi, doc.text)) {
    const after = doc.text.slice(m.end, m.end + 30);
    if (/^\s*(?:(?:central |foraminal |canal |spinal )?stenosis|narrowing|degenerat|DDD|spondylosis|arthritis|facet|disc|disk|osteoarthritis)/i.test(after)) continue;
    const sentence = doc.sentenceText(m.start);
    if (!/pain|ache|sciatica|hurt|radiat|shooting|symptoms/i.test(sentence)) continue;
    out.push({ kind: "pain_severity", ...severityMention(doc, m.start, m.end), score: null, severe: true });
  }
}

function simpleList(
  patterns: RegExp[],
  doc: Doc,
  out: Fact[],
  kind: "disabling_pain" | "functional_limitation" | "treatment_failure",
): void {
  const taken: Span[] = [];
  for (const re of patterns) {
    for (const m of matchAll(re, doc.text)) {
      if (taken.some((t) => overlaps(t, m))) continue;
      taken.push(m);
      const base = doc.mention(m.start, m.end);
      // "has not been able to work" carries its own negative wording: only a cue before it negates it
      if (base.assertion === "negated" && kind !== "treatment_failure" && !base.cues.some((c) => c.category === "negated" && c.end <= m.start)) base.assertion = "affirmed";
      out.push({ kind, ...base });
    }
  }
}

function bedRest(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  for (const m of matchAll(T.bedRest, doc.text)) {
    const base = doc.mention(m.start, m.end);
    const clause = doc.clause(m.start);
    const before = doc.text.slice(Math.max(clause.start, m.start - 40), m.start);
    const after = doc.text.slice(m.end, Math.min(clause.end, m.end + 40));
    if (test(T.actionNegation, before.slice(-30)) || /^\s*(?:is|was)?\s*(?:not (?:recommended|advised|needed|necessary|helpful)|discouraged|counterproductive|should be avoided|is harmful|harmful|unhelpful|does(?:n't| not) help|do(?:es)? more harm|delays? recovery|slows? recovery|makes? (?:it|things|back pain) worse)/i.test(after)) {
      base.assertion = "negated";
    }
    // "lying in bed all day tends to slow recovery": said to harm, not advised
    if (/^[^.;]{0,40}\b(?:slow\w* (?:down )?recovery|delay\w* recovery|does(?:n't| not) help|not help\w*|harmful|counterproductive|makes? \w+ worse|is bad for)\b/i.test(doc.text.slice(m.end, clause.end))) {
      base.assertion = "negated";
    }
    out.push({ kind: "bed_rest", ...base });
  }
}

function education(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  const taken: Array<Span & { topic: string }> = [];
  for (const entry of T.education) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      const sent = doc.sentence(m.start);
      const sentenceText = doc.text.slice(sent.start, sent.end);
      const sec = doc.section(m.start);
      // education is something said to the patient: a cue verb, or the plan
      // (in a note without sections, a statement made after the history, e.g. a clinician's reply, counts too)
      if (!test(T.educationCue, sentenceText) && !(sec !== null && PLAN_SECTIONS.has(sec)) && !(sec === null && m.start > doc.text.length / 3)) continue;
      if (taken.some((t) => overlaps(t, m) || (t.start >= sent.start && t.end <= sent.end && t.topic === entry.topic))) continue;
      taken.push({ start: m.start, end: m.end, topic: entry.topic });
      const base = doc.mention(m.start, m.end);
      // "without surgery" inside the education sentence is part of its message, not a negation of it
      if (base.assertion === "negated" && /\bwithout (?:another |an? |further )?(?:surgery|operation|intervention|pain|symptoms)\b/i.test(m.text)) base.assertion = "affirmed";
      if (base.temporality === "hypothetical" && !/\bif\b/i.test(sentenceText.slice(0, m.start - sent.start))) base.temporality = "current";
      base.assertion = base.assertion === "possible" ? "affirmed" : base.assertion;
      out.push({ kind: "education", ...base, topic: entry.topic });
    }
  }
}

function status(
  base: Base,
  plannedCue: boolean,
  performed: boolean,
): "planned" | "performed" | "conditional" | "prior" | "declined" {
  if (base.assertion === "negated") return "declined";
  if (base.temporality === "hypothetical" || base.assertion === "possible") return "conditional";
  if (performed) return "performed";
  if (base.temporality === "historical") return "prior";
  if (base.section !== null && HISTORY_SECTIONS.has(base.section) && !plannedCue) return "prior";
  return "planned";
}

/**
 * Shared refinements of a planned act (injection, surgery): a past one
 * ("since her injection", "underwent a discectomy") is prior; one listed among
 * treatment options ("We discussed options: 1. ... 3. Surgery.") is conditional.
 */
function refinePlanned(doc: Doc, st: ReturnType<typeof status>, start: number, sentence: Span): ReturnType<typeof status> {
  if (st !== "planned") return st;
  const before = doc.text.slice(Math.max(sentence.start, start - 45), start);
  if (/\b(?:since|following|s\/p|status post|underwent|received|had (?:a|an|his|her|two|three|\d|several|multiple)|has had|got|tried)\b[^.;]*$/i.test(before)) return "prior";
  const sentencePrefix = doc.text.slice(sentence.start, start);
  if (/\b(?:failed|failing|despite|tried|has had|have had|underwent|s\/p|status post|unresponsive to|refractory to|no (?:response|relief) (?:to|from)|did not respond to|without relief from)\b/i.test(sentencePrefix) && !/\b(?:schedul\w*|recommend\w*|plan\w*|order\w*|will|refer\w*|book\w*)\b/i.test(sentencePrefix)) return "prior";
  const after = doc.text.slice(start, sentence.end);
  if (/^[^.;]{0,60}\b(?:gave|helped|provided|relieved|was (?:performed|done|helpful|effective)|did not help|without (?:lasting )?(?:relief|benefit))\b/i.test(after)) return "prior";
  const sec = sectionAt(doc.sections, start);
  const lookback = doc.text.slice(Math.max(sec?.body.start ?? 0, start - 250), sentence.start);
  if (/\b(?:options?|alternatives?)\b[^.]{0,40}(?::|\bincluding\b|\binclude\b)[^]*$/i.test(lookback) && /^\W*(?:\d+[.)]|[-*•])?\s*\S/.test(doc.text.slice(lineAt(doc.text, start).start, start + 1))) {
    const line = lineAt(doc.text, start);
    if (line.end - line.start < 60) return "conditional";
  }
  return st;
}

const CONDITIONAL_CUE = /\b(?:if|unless|depending on|depends on|should (?:symptoms|pain|he|she|it)|in case|may (?:need|benefit|consider)|might|could consider|would consider|consider(?:ing)?|possible|option(?:s)? (?:include|of)|alternatives?|vs\.?|versus|or)\b/i;

function esi(T: CompiledTargets, doc: Doc, out: Fact[], noteType: NoteFacts["noteType"]): void {
  for (const m of matchAll(T.esi, doc.text)) {
    const base = doc.mention(m.start, m.end);
    const sent = doc.sentence(m.start);
    const sentenceText = doc.text.slice(sent.start, sent.end);
    const relStart = m.start - sent.start;
    let approach: FactOf<"esi">["approach"] = "unspecified";
    const awin = sentenceText.slice(Math.max(0, relStart - 40), relStart + m.text.length + 40);
    for (const a of T.esiApproach) if (test(a.pattern, awin)) { approach = a.approach; break; }
    const inProcedure = noteType === "procedure" && (base.section === "procedure" || base.section === "header" || base.section === null || base.section === "diagnosis");
    const performed = inProcedure || /\b(?:performed|was done|was injected|administered|completed today|done today)\b/i.test(sentenceText);
    // guidance: the sentence; for a performed injection, the whole procedure text
    const gtext = performed && noteType === "procedure" ? doc.text : sentenceText;
    let guidance: FactOf<"esi">["guidance"] = "unspecified";
    for (const g of T.esiGuidance) if (test(g.pattern, gtext)) { guidance = g.guidance; break; }
    const levels = findLevels(awin);
    let side = sideNear(sentenceText, relStart, 30);
    if (side === null && performed) {
      const approach = /\b(left|right|L|R)[\s-]+(?:paramedian|parasagittal|sided|side|lateral)\b|\bfrom the (left|right)\b|\bon the (left|right) side\b/i.exec(noteType === "procedure" ? doc.text : sentenceText);
      if (approach) side = /^l/i.test((approach[1] ?? approach[2] ?? approach[3])!) ? "left" : "right";
    }
    const before = sentenceText.slice(0, relStart);
    const plannedCue = /\b(?:schedul|order|recommend|plan|refer|book|will (?:proceed|perform|do|schedule)|proceed|set up|request)/i.test(sentenceText);
    let st = status(base, plannedCue, performed);
    // "unresponsive to physiotherapy, NSAIDs and a transforaminal epidural" in an operative note's diagnosis: past
    if (st === "performed" && /\b(?:failed|failing|despite|tried|unresponsive to|refractory to|no (?:response|relief) (?:to|from)|did not respond to|without relief from|s\/p|status post|prior|previous)\b/i.test(before)) st = "prior";
    if (st === "planned" && CONDITIONAL_CUE.test(before) && !/\b(?:schedul|order|recommend|refer|book)\w*/i.test(before)) st = "conditional";
    if (st === "planned" && /\b(?:one|two|three|\d|prior|previous|several|multiple|had)\b[^.;]{0,10}$/i.test(before) && base.section !== null && !PLAN_SECTIONS.has(base.section)) st = "prior";
    if (st === "planned" && /\b(?:depending on|if)\b/i.test(sentenceText.slice(relStart))) st = "conditional";
    // "he wants to discuss an epidural injection with them": considered, not planned
    if (st === "planned" && /\b(?:to discuss|discuss(?:ed|ing)?|consider(?:ing)?|talk about|wants? to|would like to|interested in|ask(?:ed|s)? about|options? (?:of|for))\b[^.;]{0,30}$/i.test(before) && !/\bfor\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}$/i.test(before)) st = "conditional";
    st = refinePlanned(doc, st, m.start, sent);
    out.push({ kind: "esi", ...base, approach, guidance, level: levels[0]?.level ?? null, side, status: st });
  }
}

const NON_SPINE_SURGERY = /\b(?:dental|tooth|teeth|wisdom|oral|cardiac|heart|bypass|CABG|eye|cataract|lasik|abdominal|gallbladder|cholecystectomy|appendix|appendectomy|hernia|cesarean|c-section|tonsil\w*|breast|thyroid|hysterectomy|sinus|carpal|rotator|ACL|meniscus|bariatric|gastric)\b/i;

function surgery(T: CompiledTargets, doc: Doc, out: Fact[], noteType: NoteFacts["noteType"]): void {
  const taken: Span[] = [];
  for (const entry of T.surgery) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      if (taken.some((t) => overlaps(t, m))) continue;
      const sent = doc.sentence(m.start);
      const sentenceText = doc.text.slice(sent.start, sent.end);
      // "pedicle screws" / "instrumented" only in a fusion context
      if (entry.procedure === "fusion" && /^(?:pedicle screws?|instrumented|interbody)$/i.test(m.text) && !/\bfusion|arthrodesis|LIF\b/i.test(sentenceText) && noteType !== "procedure") continue;
      // a section label ("OPERATION: epidural block") is not a surgery
      const line = lineAt(doc.text, m.start);
      if (/^[\sA-Z&/-]*$/.test(doc.text.slice(line.start, m.start)) && /^\s*:/.test(doc.text.slice(m.end, m.end + 3))) continue;
      // surgery of another region (hip, knee, cervical spine...) is not lumbar surgery for the radiculopathy
      if (test(T.otherRegion, sentenceText) && !test(T.lumbarRegion, sentenceText)) continue;
      const clauseSpan = doc.clause(m.start);
      const clauseText = doc.text.slice(clauseSpan.start, clauseSpan.end);
      if (NON_SPINE_SURGERY.test(clauseText) && !test(T.lumbarRegion, clauseText)) continue;
      // "referral to spine surgery", "neurosurgery consult": a specialty, not an operation
      if (entry.procedure === "other" && (/\b(?:spine|spinal|neuro|orthop(?:a)?edic|ortho)[\s-]*$/i.test(doc.text.slice(Math.max(0, m.start - 14), m.start)) || /^\s*(?:consult\w*|clinic|referral|team|service|evaluation|follow[- ]?up|office|department|dept)\b/i.test(doc.text.slice(m.end, m.end + 16)))) continue;
      // "nerve root decompression" seen as dye spread during an injection is not surgery
      if (entry.procedure === "decompression" && /\b(?:dye|contrast|catheter|injection|injectate|epidur\w*|needle|lysis)\b/i.test(sentenceText)) continue;
      taken.push(m);
      const base = doc.mention(m.start, m.end);
      const relStart = m.start - sent.start;
      const before = sentenceText.slice(0, relStart);
      const inProcedure = noteType === "procedure" && base.section !== null && ["procedure", "header", "diagnosis", "indications"].includes(base.section) && !/\b(?:s\/p|prior|previous|history)\b/i.test(before);
      // only a named procedure is "performed" by a procedure note; "surgery" / "operation" there is a label or history
      // a named operation listed under "Procedure(s):" of a discharge summary or evaluation note was done during the stay
      const listedProcedure = base.section === "procedure" && !/\b(?:s\/p|prior|previous|history|plan\w*|recommend\w*|schedul\w*|consider\w*)\b/i.test(sentenceText);
      const performed = entry.procedure !== "other" && (inProcedure || listedProcedure || (noteType === "procedure" && base.section === null));
      const plannedCue = test(T.surgeryPlannedCue, sentenceText);
      let st = status(base, plannedCue, performed);
      if (st === "planned" && /\b(?:to discuss|discuss(?:ed|ing)?|consider(?:ation|ing)?|evaluat\w* for|opinion|candidacy|whether)\b[^.;]{0,40}$/i.test(before) && !/\brecommend/i.test(before)) st = "conditional";
      if (st === "planned" && !plannedCue && !(base.section !== null && PLAN_SECTIONS.has(base.section))) st = "prior";
      // "a year out from her surgery": a possessive without a planning word is a past operation
      if (st === "planned" && !plannedCue && /\b(?:his|her|their|from (?:the|his|her))\s+(?:\w+\s+)?$/i.test(before)) st = "prior";
      if (st === "planned" && /\b(?:depending on|if)\b/i.test(sentenceText.slice(relStart))) st = "conditional";
      if (st === "planned" && /\b(?:s\/p|status post|prior|previous|history of|hx of|h\/o)\b/i.test(before)) st = "prior";
      if (st === "planned" && /\bwithout\b[^.;]{0,15}$/i.test(before)) st = "declined";
      // a generic past "surgery" is lumbar surgery only when the clause says so
      if (st === "prior" && entry.procedure === "other" && !/\b(?:lumbar|back|spine|spinal|L[1-5]|S1|disc|disk|lumbosacral)\b/i.test(clauseText)) continue;
      st = refinePlanned(doc, st, m.start, sent);
      const levels = findLevels(sentenceText.slice(Math.max(0, relStart - 30), relStart + m.text.length + 30));
      out.push({ kind: "surgery", ...base, procedure: entry.procedure, level: levels[0]?.level ?? null, side: sideNear(sentenceText, relStart, 20), status: st });
    }
  }
}

function fusionIndications(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  for (const entry of T.fusionIndications) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      out.push({ kind: "fusion_indication", ...doc.mention(m.start, m.end), indication: entry.indication });
    }
  }
}

type AuthorSpecialty = { specialty: FactOf<"referral">["specialty"]; span: Span } | null;

/** The author's specialty from a letter's signature block (its last three non-empty lines). */
function signatureSpecialty(T: CompiledTargets, text: string): AuthorSpecialty {
  let end = text.length;
  for (let n = 0; n < 3 && end > 0; ) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim()) {
      n++;
      // a signature line: short, no label, no referral wording, at the end of a note of some length
      if (line.length <= 80 && !line.includes(":") && !test(T.referralVerb, line) && text.split("\n").length >= 5) {
        for (const a of T.authorSpecialty) {
          if (a.specialty === "emergency") continue;
          const m = first(a.pattern, line);
          if (m) return { specialty: a.specialty, span: { start: start + m.index, end: start + m.index + m[0].length } };
        }
      }
    }
    end = start - 1;
  }
  return null;
}

/** The specialty of the note's author, from its title lines (first three non-empty lines). */
function detectAuthorSpecialty(T: CompiledTargets, doc: Doc): AuthorSpecialty {
  const text = doc.text;
  const headerStarts = new Set(doc.sections.filter((s) => s.category !== "header").map((s) => lineAt(text, s.header.start).start));
  let lines = 0;
  let offset = 0;
  while (offset < text.length && lines < 3) {
    const nl = text.indexOf("\n", offset);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(offset, end);
    if (line.trim()) {
      lines++;
      // a title line: short, and not a section of the note ("Plan: refer to neurosurgery")
      if (line.length > 80 || headerStarts.has(offset)) {
        offset = end + 1;
        continue;
      }
      for (const a of T.authorSpecialty) {
        const m = first(a.pattern, line);
        if (m) return { specialty: a.specialty, span: { start: offset + m.index, end: offset + m.index + m[0].length } };
      }
    }
    offset = end + 1;
  }
  return null;
}

/**
 * Procedure note (injection procedure note, operative report) or evaluation
 * note. A note that evaluates (history, exam or assessment sections) and plans
 * management beyond follow-up is an evaluation note even when it also
 * performs a procedure the same day (RULES.md "Scope and note types").
 */
function detectNoteType(T: CompiledTargets, doc: Doc): NoteFacts["noteType"] {
  const head = doc.text.slice(0, 300).split("\n").slice(0, 4).join("\n");
  const titled = test(T.procedureTitle, head);
  const hasProcedure = doc.sections.some((s) => s.category === "procedure");
  if (!titled && !(hasProcedure && test(T.procedureActs, doc.text))) return "evaluation";
  // "Spine clinic visit and office procedure", "consult and injection": an evaluation that also injects
  if (titled && /\b(?:visit|consult(?:ation)?|evaluation|follow[- ]?up|new patient|clinic note|office note|H&P)\b/i.test(head)) return "evaluation";
  const cats = new Set(doc.sections.map((s) => s.category));
  // a full history, examination and assessment: an evaluation note
  if ((cats.has("hpi") || cats.has("chief_complaint")) && cats.has("exam") && (cats.has("assessment") || cats.has("assessment_plan"))) return "evaluation";
  const evaluates = doc.sections.some((s) => ["hpi", "chief_complaint", "exam", "assessment", "assessment_plan", "review_of_systems"].includes(s.category));
  const planText = doc.sections
    .filter((s) => s.category === "plan" || s.category === "assessment_plan")
    .map((s) => doc.text.slice(s.body.start, s.body.end))
    .join("\n");
  const manages = /\b(?:MRI|CT|x-?rays?|refer\w*|prescri\w*|start\w*|physical therapy|PT|NSAIDs?|naproxen|ibuprofen|meloxicam|gabapentin|oxycodone|hydrocodone|tramadol|recommend\w*|surgery|discectomy|bed rest)\b/i.test(planText);
  return evaluates && manages ? "evaluation" : "procedure";
}

function referrals(T: CompiledTargets, doc: Doc, out: Fact[], author: AuthorSpecialty): void {
  if (author) {
    const base = doc.mention(author.span.start, author.span.end);
    out.push({ kind: "referral", ...base, assertion: "affirmed", temporality: "current", experiencer: "patient", specialty: author.specialty, existing: true });
  }
  const taken: Span[] = author ? [author.span] : [];
  for (const entry of T.specialties) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      if (taken.some((t) => overlaps(t, m))) continue;
      const clause = doc.clause(m.start);
      const clauseText = doc.text.slice(clause.start, clause.end);
      const rel = m.start - clause.start;
      const near = clauseText.slice(Math.max(0, rel - 45), rel + m.text.length + 30);
      if (!test(T.referralVerb, near)) continue;
      // "spine" alone is a specialty only as "spine surgery/clinic" or after refer/consult
      if (entry.specialty === "spine_surgery" && /^spine$/i.test(m.text) && !/\b(?:refer\w*|consult\w*) (?:to )?(?:the )?spine\b/i.test(near) && !/^\s*(?:referral|consult\w*|clinic|team|service|specialist)\b/i.test(doc.text.slice(m.end, m.end + 16))) continue;
      if (entry.specialty === "emergency" && !/\b(?:to|send|sent|transfer\w*|go|present|direct\w*|refer\w*)\b[^.;]{0,12}$/i.test(clauseText.slice(0, rel))) continue;
      if (entry.specialty === "physical_therapy" && /^PT$/i.test(m.text) === false && false) continue;
      taken.push(m);
      const base = doc.mention(m.start, m.end);
      const sentenceText = doc.sentenceText(m.start);
      const existing = /\b(?:follows? with|followed by|under the care of|established with|sees|seeing)\b[^.;]{0,25}$|\b(?:his|her|their) (?:\w+ )?$/i.test(clauseText.slice(Math.max(0, rel - 45), rel)) || /\b(?:already|currently|previously) (?:seeing|sees|follows|referred|under)\b/i.test(sentenceText);
      out.push({ kind: "referral", ...base, specialty: entry.specialty, existing });
    }
  }
}

const ROOT_DX = /\b(?:(left|right|L|R|bilateral|bilat)\s+)?(L[2-5]|S1)(?:\s*(?:and|\/|,|-)\s*(?:L[2-5]|S1))?\s+(?:radiculopathy|radiculitis|radicular (?:pain|symptoms|pattern)|sciatica|distribution|pattern|dermatom\w*|nerve root (?:irritation|compression|impingement)|root irritation)/g;
const EHL = /\b(?:(R|L|right|left|bilateral|bilat|Bilateral)\s+)?(?:EHL|great toe extension|toe extensors?|ankle dorsiflexion|dorsiflexion|DF)\s*(?:strength\s*)?(?:is\s*)?([0-4][+-]?\/5|5-\/5|weak(?:ness)?)/g;
const PF = /\b(?:(R|L|right|left|bilateral|bilat|Bilateral)\s+)?(?:PF|plantar ?flexion|gastrocnemius|gastroc|toe walking)\s*(?:strength\s*)?(?:is\s*)?([0-4][+-]?\/5|5-\/5|weak(?:ness)?)/g;
const ACHILLES = /\b(?:(R|L|right|left|bilateral|bilat|Bilateral)\s+)?(?:Achilles|ankle jerks?|ankle reflex(?:es)?|AJ)(?:\s+reflex(?:es)?)?\s*(?:is\s*)?(absent|trace|diminished|decreased|reduced|hypoactive|0|1\+)(?:\s+(?:on the\s+)?(R|L|right|left|bilaterally)\b)?/g;
const PATELLAR = /\b(?:(R|L|right|left|bilateral|bilat|Bilateral)\s+)?(?:patellar|knee jerks?|quadriceps reflex(?:es)?|KJ)(?:\s+reflex(?:es)?)?\s*(?:is\s*)?(absent|trace|diminished|decreased|reduced|hypoactive|0|1\+)(?:\s+(?:on the\s+)?(R|L|right|left|bilaterally)\b)?/g;

const REFLEX_BEFORE = /\b(absent|reduced|diminished|decreased|hypoactive|trace|depressed)\s+(?:(R|L|right|left|bilateral)\s+)?(Achilles|ankle jerks?|ankle reflex(?:es)?|AJ|patellar|knee jerks?|quadriceps reflex)\b/gi;

function sideWord(w: string | undefined): Side | null {
  if (!w) return null;
  const l = w.toLowerCase();
  if (l === "r" || l === "right") return "right";
  if (l === "l" || l === "left") return "left";
  if (l.startsWith("bilat")) return "bilateral";
  return null;
}

function clinicalRoots(doc: Doc, out: Fact[]): void {
  const text = doc.text;
  const push = (start: number, end: number, root: FactOf<"clinical_root">["root"], side: Side | null, basis: FactOf<"clinical_root">["basis"]) => {
    const base = doc.mention(start, end);
    if (base.temporality === "hypothetical" || base.experiencer !== "patient") return;
    // an exam finding carries its own abnormal word ("ankle jerks absent"): only a cue before it negates it
    if (base.assertion === "negated" && !base.cues.some((c) => c.category === "negated" && c.end <= start)) base.assertion = "affirmed";
    out.push({ kind: "clinical_root", ...base, root, side, basis });
  };
  for (const m of text.matchAll(ROOT_DX)) {
    const start = m.index;
    let side = sideWord(m[1]);
    if (!side) side = sideNear(doc.sentenceText(m.index), m.index - doc.sentence(m.index).start, 40);
    push(start, m.index + m[0].length, m[2]!.toUpperCase() as FactOf<"clinical_root">["root"], side, "diagnosis");
  }
  // "Reduced left Achilles reflex": the qualifier before the reflex
  for (const m of text.matchAll(REFLEX_BEFORE)) {
    push(m.index, m.index + m[0].length, /achilles|ankle|AJ/i.test(m[3]!) ? "S1" : "L4", sideWord(m[2]), "reflex");
  }
  for (const [re, root, basis] of [
    [EHL, "L5", "myotome"],
    [PF, "S1", "myotome"],
    [ACHILLES, "S1", "reflex"],
    [PATELLAR, "L4", "reflex"],
  ] as const) {
    for (const m of text.matchAll(re)) {
      if (/^5\/5$/.test(m[2] ?? "")) continue;
      const side = sideWord(m[1]) ?? sideWord(m[3]);
      push(m.index, m.index + m[0].length, root, side, basis);
    }
  }
  // The side of radicular symptoms: leg pain / sciatica / radiculopathy with a side.
  for (const f of out.slice()) {
    if (f.kind !== "symptom" || !f.side || f.side === "central") continue;
    if (f.finding === "low_back_pain" || f.finding === "disc_herniation") continue;
    if (f.assertion !== "affirmed" || f.experiencer !== "patient" || f.temporality === "hypothetical") continue;
    const { kind: _k, finding: _f, side, ...base } = f;
    out.push({ kind: "clinical_root", ...base, root: null, side, basis: "symptom_side" });
  }
}

function candidacy(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  const taken: Span[] = [];
  for (const entry of T.candidacy) {
    for (const m of matchAll(entry.pattern, doc.text)) {
      if (taken.some((t) => overlaps(t, m))) continue;
      taken.push(m);
      const hasEsi = /\b(?:injections?|shots?|ESIs?|TFESIs?|epidurals?)\b/i.test(m.text);
      const hasSurgery = /\b(?:surg\w*|operation|discectomy|microdiscectomy|decompression)\b/i.test(m.text);
      const intervention = hasEsi && hasSurgery ? "either" : hasEsi ? "esi" : hasSurgery ? "surgery" : "either";
      const base = doc.mention(m.start, m.end);
      // the stance itself carries its polarity ("not interested in"): keep it affirmed
      base.assertion = "affirmed";
      if (base.temporality === "hypothetical") base.temporality = "current";
      // "told him last year he is not a surgical candidate, and he declines any injections": still true now
      if (base.temporality === "historical" && /\b(?:is|are|declines|refuses|does|doesn't|wants|would|will|remains)\b/i.test(doc.text.slice(Math.max(doc.sentence(m.start).start, m.start - 20), m.end))) base.temporality = "current";
      out.push({ kind: "candidacy", ...base, intervention, stance: entry.stance });
    }
  }
}

function priorSurgery(T: CompiledTargets, doc: Doc, out: Fact[]): void {
  for (const m of matchAll(T.priorSurgery, doc.text)) {
    const sentence = doc.sentenceText(m.start);
    if (/\b(?:cervical|knee|hip|shoulder|cardiac|abdominal|appendectomy|cholecystectomy|hernia)\b/i.test(m.text)) continue;
    if (/\bcervical\b/i.test(sentence) && !/\blumbar|L[1-5]/i.test(sentence)) continue;
    const base = doc.mention(m.start, m.end);
    if (base.assertion !== "affirmed") continue;
    out.push({ kind: "prior_lumbar_surgery", ...base, temporality: "historical" });
  }
}

// ---------------------------------------------------------------------------
// Note-level facts

const MONTHS_SRC = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const TITLE_DATE = new RegExp(`\\b(\\d{1,2}\\/\\d{1,2}\\/(?:(?:19|20)\\d\\d|\\d\\d(?!\\d))|(?:19|20)\\d\\d-\\d{2}-\\d{2}|${MONTHS_SRC}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d\\d|\\d{1,2} ${MONTHS_SRC}\\.? (?:19|20)\\d\\d)\\b`, "i");
const NOT_ENCOUNTER = /\b(?:DOB|D\.O\.B|birth|born|MRI|CT|x-?ray|since|injur\w*|accident|admi\w*|discharg\w*|surgery|onset)\b/i;

/** A full date on one of the first two lines ("Progress note 05/22/2026"), when no header names it. */
function titleLineDate(text: string): { value: string; span: Span } | null {
  let offset = 0;
  for (let n = 0; n < 4 && offset < text.length; ) {
    const nl = text.indexOf("\n", offset);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(offset, end);
    if (line.trim()) {
      n++;
      const m = TITLE_DATE.exec(line);
      if (m && !NOT_ENCOUNTER.test(line.slice(Math.max(0, m.index - 40), m.index + m[0].length + 10))) {
        const value = parseDate(m[1]!);
        if (value) return { value, span: { start: offset + m.index, end: offset + m.index + m[1]!.length } };
      }
    }
    offset = end + 1;
  }
  return null;
}

const RADICULAR_WORDS = /\b(?:legs?|sciatica|radicul\w*|buttocks?|thighs?|calf|calves|foot|feet|toes?|heel|numbness|tingl\w*|paresthes\w*|L[2-5]|S1)\b/i;

/** The local segment around a duration: from the previous clause break to the next one. */
function durationSegment(doc: Doc, span: Span, sent: Span): string {
  const before = doc.text.slice(sent.start, span.start);
  const cut = Math.max(before.lastIndexOf(","), before.lastIndexOf(";"), before.lastIndexOf(":"), before.lastIndexOf("("), before.search(/\s(?:and|with|but|now)\s(?!.*\s(?:and|with|but|now)\s)/i));
  const after = doc.text.slice(span.end, sent.end);
  const stop = after.search(/[,;.)]|\s(?:and|but|with)\s/);
  return doc.text.slice(sent.start + Math.max(0, cut), stop < 0 ? sent.end : span.end + stop);
}

/**
 * The duration of the presenting complaint: the radicular symptoms' where the
 * note gives one ("back pain for years, leg pain for 5 days" -> 5 days), else
 * the first symptom duration; "chronic" without a number only when nothing
 * else is given. Treatment, follow-up and medication durations are skipped.
 */
function chooseDuration(T: CompiledTargets, doc: Doc, encounterDate: string | null): NoteFacts["symptomDuration"] {
  const all = findDurations(doc.text, encounterDate);
  let chronic: NoteFacts["symptomDuration"] = null;
  let firstNumeric: NoteFacts["symptomDuration"] = null;
  for (const d of all) {
    const sec = doc.section(d.span.start);
    if (sec !== null && (PLAN_SECTIONS.has(sec) || sec === "family_history" || sec === "past_medical_history" || sec === "past_surgical_history" || sec === "medications")) continue;
    const sent = doc.sentence(d.span.start);
    const sentenceText = doc.text.slice(sent.start, sent.end);
    const before = doc.text.slice(Math.max(sent.start, d.span.start - 25), d.span.start);
    const labelled = /\b(?:duration|onset)\b[^.\n]{0,15}$/i.test(before);
    if (!labelled && !test(T.durationSymptomCue, sentenceText)) continue;
    if (!labelled && test(T.durationTreatmentCue, before)) continue;
    // a medication's dates ("on alendronate since 2022", "last dose 10 days ago")
    if (/\b(?:on|taking|takes|took|dose|doses|dosed|started on)\s+[A-Za-z-]+(?:\s+\d+\s*mg)?\s*$|\blast dose\s*$/i.test(before)) continue;
    // inside parentheses, only a parenthetical about the symptoms counts
    const open = sentenceText.lastIndexOf("(", d.span.start - sent.start);
    if (open >= 0 && sentenceText.indexOf(")", open) > d.span.start - sent.start) {
      const close = sentenceText.indexOf(")", open);
      if (/\b(?:on|dose|doses|mg|tabs?|tablets?|taking|took|started|since (?:19|20)\d\d)\b/i.test(sentenceText.slice(open, close))) continue;
    }
    const expr = doc.text.slice(d.span.start, d.span.end);
    if (/^(?:in|within|after|every|for the next)\b/i.test(expr) && d.form === "length") continue;
    const ctx = classifyMention(doc.text, d.span, { section: sec, sentence: sent });
    // the presenting complaint's duration: a friend or relative named in the sentence ("after helping a friend move") does not make it theirs
    if (ctx.temporality === "hypothetical") continue;
    // "long-standing L sciatica, worse over the last month": the number dates a flare of a chronic complaint
    if (d.weeks !== null && /\b(?:chronic\w*|long[\s-]?standing|longtime)\b/i.test(sentenceText) && /\b(?:worse|worsening|flare\w*|exacerbat\w*|aggravat\w*|increas\w*)\b[^.;]{0,20}$/i.test(doc.text.slice(sent.start, d.span.start))) {
      const c = /\b(?:chronic\w*|long[\s-]?standing|longtime)\b/i.exec(sentenceText)!;
      chronic ??= { weeks: null, chronic: true, span: { start: sent.start + c.index, end: sent.start + c.index + c[0].length } };
      continue;
    }
    if (d.weeks !== null) {
      const found = { weeks: Math.round(d.weeks * 100) / 100, chronic: d.chronic, span: d.span };
      if (RADICULAR_WORDS.test(durationSegment(doc, d.span, sent))) return found;
      firstNumeric ??= found;
      continue;
    }
    if (d.chronic && chronic === null) chronic = { weeks: null, chronic: true, span: d.span };
  }
  return firstNumeric ?? chronic;
}

function findAge(T: CompiledTargets, text: string): number | null {
  const m = first(T.ageExpr, text);
  if (!m) return null;
  const n = Number(m[1] ?? m[2] ?? m[3]);
  return Number.isInteger(n) && n >= 0 && n <= 120 ? n : null;
}

function newOnset(T: CompiledTargets, doc: Doc, duration: NoteFacts["symptomDuration"], facts: Fact[]): boolean | null {
  for (const m of matchAll(T.newOnsetCue, doc.text)) {
    const ctx = classifyMention(doc.text, m, { section: doc.section(m.start) });
    if (ctx.experiencer === "patient") return true;
  }
  if (facts.some((f) => f.kind === "prior_lumbar_surgery")) return false;
  for (const m of matchAll(T.notNewOnsetCue, doc.text)) {
    const sec = doc.section(m.start);
    if (sec === "family_history") continue;
    const sentence = doc.sentenceText(m.start);
    if (/\b(?:pain|sciatica|back|leg|radicul|symptom|episode|s\/p)\b/i.test(sentence)) return false;
  }
  if (duration?.chronic) return false;
  if (duration?.weeks != null) return duration.weeks < 12;
  return null;
}
