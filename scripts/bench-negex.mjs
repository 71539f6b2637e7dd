#!/usr/bin/env node
// Benchmarks classifyMention on the NegEx/ConText test kit ("Annotations-1-120",
// 2,376 condition mentions; see ../shared/corpus/negex/README.md). The kit is read
// from its shared location and never copied into the repo. Reports, for the
// negated class: precision/recall/F1/accuracy; for temporality: historical and
// hypothetical ("Not particular") P/R/F1; for experiencer: non-patient P/R/F1.
//
// Usage: npm run bench:negex [-- --kit <file>] [--errors N] [--json]
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = new URL("../dist/context/index.js", import.meta.url);
if (!existsSync(dist)) {
  console.error(`bench-negex: ${fileURLToPath(dist)} is missing. Build first: npm run build (tsc), then rerun npm run bench:negex.`);
  process.exit(2);
}
const { classifyMention } = await import(dist.href);

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const kitPath = opt("--kit", process.env.NEGEX_KIT ?? `${root}../shared/corpus/negex/genConText/rsAnnotations-1-120-random.txt`);
const showErrors = Number(opt("--errors", "0"));
const errorsFor = opt("--errors-for", "negation"); // negation | historical | hypothetical | experiencer
if (!existsSync(kitPath)) {
  console.error(`bench-negex: NegEx kit not found at ${kitPath} (pass --kit <file> or set NEGEX_KIT).`);
  process.exit(2);
}

// genConText/rsAnnotations-1-120-random.txt: 7 tab-separated columns, no header:
// number, annotator note, phrase, sentence, negation, temporality, experiencer.
const rows = [];
for (const line of readFileSync(kitPath, "utf8").split(/\r?\n/)) {
  if (!line.trim()) continue;
  const c = line.split("\t");
  if (c.length < 7 || !/^\d+$/.test(c[0])) continue;
  rows.push({ n: c[0], phrase: c[2].trim(), sentence: c[3], negation: c[4].trim(), temporality: c[5].trim(), experiencer: c[6].trim() });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Locates the annotated phrase: the upper-cased occurrence first, else any case; whitespace-insensitive. */
function locate(sentence, phrase) {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const src = words.map(escape).join("\\s+");
  const upper = new RegExp(words.map((w) => escape(w.toUpperCase())).join("\\s+"));
  let m = upper.exec(sentence);
  if (m && /[A-Z]/.test(m[0])) return { start: m.index, end: m.index + m[0].length };
  m = new RegExp(src, "i").exec(sentence);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

const items = [];
let notLocated = 0;
for (const r of rows) {
  const span = locate(r.sentence, r.phrase);
  if (!span) {
    notLocated++;
    continue;
  }
  items.push({ ...r, span });
}

// Warm-up, then timed run.
// Every kit mention is a condition (symptom, finding, disease): mentionType "finding".
const OPTIONS = { mentionType: "finding" };
// One untimed warm-up pass (JIT), then the median of 5 timed passes. Items are in the
// kit's random order, so consecutive mentions rarely share a sentence: caches do not help.
const t00 = performance.now();
let results = items.map((it) => classifyMention(it.sentence, it.span, OPTIONS));
const coldMs = performance.now() - t00;
const times = [];
for (let pass = 0; pass < 5; pass++) {
  const t0 = performance.now();
  results = items.map((it) => classifyMention(it.sentence, it.span, OPTIONS));
  times.push(performance.now() - t0);
}
const ms = times.sort((a, b) => a - b)[2];

function prf(pred, gold) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < pred.length; i++) {
    if (pred[i] && gold[i]) tp++;
    else if (pred[i]) fp++;
    else if (gold[i]) fn++;
    else tn++;
  }
  const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1);
  return { tp, fp, fn, tn, p, r, f1: (2 * p * r) / (p + r || 1), acc: (tp + tn) / (pred.length || 1) };
}
const f3 = (x) => x.toFixed(3);
const line = (name, s) =>
  `${name.padEnd(28)} TP ${String(s.tp).padStart(4)}  FP ${String(s.fp).padStart(3)}  FN ${String(s.fn).padStart(3)}  TN ${String(s.tn).padStart(4)}  P ${f3(s.p)}  R ${f3(s.r)}  F1 ${f3(s.f1)}  acc ${f3(s.acc)}`;

const neg = prf(results.map((r) => r.assertion === "negated"), items.map((i) => i.negation === "Negated"));
const negOrPossible = prf(results.map((r) => r.assertion !== "affirmed"), items.map((i) => i.negation === "Negated"));
const hist = prf(results.map((r) => r.temporality === "historical"), items.map((i) => i.temporality === "Historical"));
const hyp = prf(results.map((r) => r.temporality === "hypothetical"), items.map((i) => i.temporality === "Not particular"));
const exp = prf(results.map((r) => r.experiencer !== "patient"), items.map((i) => i.experiencer !== "Patient"));
const fam = prf(results.map((r) => r.experiencer === "family"), items.map((i) => i.experiencer === "Family member"));

const summary = {
  kit: kitPath,
  mentions: rows.length,
  located: items.length,
  notLocated,
  mentionsPerSecond: Math.round(items.length / (ms / 1000)),
  negated: neg,
  negatedOrPossible: negOrPossible,
  historical: hist,
  hypothetical: hyp,
  nonPatient: exp,
  family: fam,
};
if (args.includes("--json")) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(`NegEx kit: ${kitPath}`);
  console.log(`located ${items.length} of ${rows.length} mentions (${notLocated} not found in their sentence)`);
  console.log(`speed: ${summary.mentionsPerSecond} mentions/s (median of 5 passes: ${ms.toFixed(1)} ms for ${items.length}; first, unwarmed pass ${coldMs.toFixed(1)} ms)`);
  console.log(line("negation (negated)", neg));
  console.log(line("negation (negated|possible)", negOrPossible));
  console.log(line("temporality historical", hist));
  console.log(line("temporality hypothetical*", hyp));
  console.log(line("experiencer non-patient", exp));
  console.log(line("experiencer family", fam));
  console.log("* gold 'Not particular' is read as hypothetical.");
  console.log("reference (negation): NegEx Python P 0.951 R 0.912 F1 0.931 acc 0.972; GenNegEx 1.2 F 0.946; genConText F 0.981");
}
if (showErrors > 0) {
  // Prints the error class and the cue; the kit text is shown only on request (de-identified public data).
  let shown = 0;
  for (let i = 0; i < items.length && shown < showErrors; i++) {
    const it = items[i], r = results[i];
    const [g, p] =
      errorsFor === "historical" ? [it.temporality === "Historical", r.temporality === "historical"]
      : errorsFor === "hypothetical" ? [it.temporality === "Not particular", r.temporality === "hypothetical"]
      : errorsFor === "experiencer" ? [it.experiencer !== "Patient", r.experiencer !== "patient"]
      : [it.negation === "Negated", r.assertion === "negated"];
    if (g !== p) {
      shown++;
      const s = it.sentence;
      const ctx = s.slice(0, it.span.start) + "[[" + s.slice(it.span.start, it.span.end) + "]]" + s.slice(it.span.end);
      console.log(`${g ? "FN" : "FP"} #${it.n} cues=${r.cues.map((c) => c.category + ":" + c.text).join("|")}  ${ctx.replace(/\s+/g, " ").slice(0, 300)}`);
    }
  }
}
