// LLM extraction throughput benchmark (loopback only, bounded).
// Starts an OpenAI-compatible mock server on 127.0.0.1 (port 0) that answers every
// chat completion after a fixed latency, audits synthetic notes through the real
// pipeline (createExtractor -> auditStream) at several concurrency levels, and
// prints throughput as a fraction of the ideal (notes x latency / concurrency).
// Then a cached run and a re-run: the re-run must make 0 requests.
// Needs `npm run build` first (imports ../dist).
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { auditStream, createAuditor, isNoteError } from "../dist/audit.js";
import { createExtractor } from "../dist/extract/index.js";

const NOTES = Number(process.env.BENCH_NOTES ?? 300);
// latency_ms:concurrency,... groups. 50 ms shows the client's own CPU ceiling (loopback,
// shared cores); 250 ms is still far below real LLM latencies (seconds).
const PLAN = (process.env.BENCH_PLAN ?? "50:1,4,16;250:4,16").split(";").map((g) => {
  const [lat, levels] = g.split(":");
  return { latency: Number(lat), levels: levels.split(",").map(Number) };
});

function syntheticNote(i) {
  const weeks = 1 + (i % 12);
  return [
    `Visit date: 2026-0${1 + (i % 9)}-1${i % 10}`,
    `HPI: ${30 + (i % 50)} yo patient #${i} with left-sided sciatica for ${weeks} weeks. No saddle anesthesia.`,
    "Exam: SLR positive on the left.",
    `Plan: MRI lumbar spine without contrast ordered today. Naproxen 500 mg BID x ${5 + (i % 10)} days. Stay active.`,
  ].join("\n");
}

function replyFor(note) {
  const m = /for (\d+) weeks/.exec(note);
  const date = /Visit date: (\S+)/.exec(note)[1];
  const base = { section: "hpi", assertion: "affirmed", temporality: "current", experiencer: "patient" };
  const content = {
    encounterDate: { value: date, quote: date },
    noteType: "evaluation",
    inScope: true,
    patientAge: null,
    newOnset: true,
    symptomDuration: { weeks: Number(m[1]), chronic: false, quote: m[0] },
    facts: [
      { kind: "symptom", quote: "left-sided sciatica", ...base, finding: "sciatica", side: "left" },
      { kind: "duration", quote: m[0], ...base, weeks: Number(m[1]), chronic: false },
      { kind: "red_flag", quote: "No saddle anesthesia", ...base, assertion: "negated", category: "cauda_equina", finding: "saddle_anesthesia" },
      { kind: "imaging", quote: "MRI lumbar spine without contrast ordered today", ...base, section: "plan", modality: "mri", region: "lumbar", contrast: "without", status: "ordered" },
      { kind: "conservative_care", quote: "Stay active", ...base, section: "plan", item: "activity" },
    ],
  };
  return {
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1767225600,
    model: "bench-model",
    choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(content), refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 3600, completion_tokens: 300, total_tokens: 3900 },
  };
}

// The mock server runs in a child process (like a real endpoint, it does not share the
// auditor's event loop). It reports its request count and peak in-flight on demand.
if (process.argv[2] === "--server") {
  let requests = 0;
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    if (req.url === "/stats") {
      const out = JSON.stringify({ requests, peak });
      requests = 0;
      peak = 0;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(out);
      return;
    }
    const latency = Number(/^\/lat\/(\d+)\//.exec(req.url)?.[1] ?? 50);
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      requests++;
      inFlight++;
      peak = Math.max(peak, inFlight);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const note = body.messages[3].content;
      setTimeout(() => {
        inFlight--;
        const out = JSON.stringify(replyFor(note));
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
        res.end(out);
      }, latency);
    });
  });
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
  process.on("disconnect", () => server.close());
} else {
  await main();
}

async function main() {
const child = fork(fileURLToPath(import.meta.url), ["--server"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const port = await new Promise((resolve, reject) => {
  child.once("message", (m) => resolve(m.port));
  child.once("exit", (code) => reject(new Error(`mock server exited (${code})`)));
});
const base = `http://127.0.0.1:${port}`;
const envFor = (latency) => ({ OPENAI_BASE_URL: `${base}/lat/${latency}/v1`, HOME: tmpdir() });
const serverStats = async () => (await fetch(`${base}/stats`)).json();

async function* items() {
  for (let i = 0; i < NOTES; i++) yield { ok: true, note: { id: `note-${String(i).padStart(4, "0")}.txt`, text: syntheticNote(i) } };
}

async function runOnce(concurrency, cacheDir, latency = 50) {
  const logs = [];
  const extractor = createExtractor({
    extractor: "llm",
    model: "bench-model",
    concurrency,
    ...(cacheDir ? { cacheDir, cache: true } : { cache: false }),
    config: {},
    env: envFor(latency),
    log: (l) => logs.push(l),
  });
  const auditor = createAuditor({ extractor });
  await serverStats(); // reset counters
  let ok = 0;
  let llmFacts = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const r of auditStream(auditor, items(), { concurrency })) {
    if (isNoteError(r)) throw new Error(`${r.id}: ${r.error.message}`);
    if (r.facts.extractor.name === "llm") llmFacts++;
    ok++;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await extractor.close();
  const { requests, peak } = await serverStats();
  return { ms, ok, llmFacts, requests, peak, cpuMsPerNote: (cpu.user + cpu.system) / 1000 / NOTES, usage: logs.at(-1) ?? "" };
}

console.log(`bench-llm: ${NOTES} synthetic notes per run, node ${process.version}`);
console.log(`machine: ${availableParallelism()} cpu(s), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes compete for the same cores)`);
console.log("latency_ms  concurrency  wall_ms  ideal_ms  fraction_of_ideal  requests  peak_in_flight  auditor_cpu_ms_per_note");
const rows = [];
for (const { latency, levels } of PLAN) {
  for (const c of levels) {
    const r = await runOnce(c, null, latency);
    const ideal = (NOTES * latency) / c;
    const fraction = ideal / r.ms;
    rows.push({ latency, c, fraction });
    if (r.ok !== NOTES || r.llmFacts !== NOTES) throw new Error(`expected ${NOTES} LLM-extracted notes, got ${r.llmFacts}/${r.ok}`);
    console.log(
      `${String(latency).padStart(10)}  ${String(c).padStart(11)}  ${r.ms.toFixed(0).padStart(7)}  ${ideal.toFixed(0).padStart(8)}  ${fraction.toFixed(3).padStart(17)}  ${String(r.requests).padStart(8)}  ${String(r.peak).padStart(14)}  ${r.cpuMsPerNote.toFixed(2).padStart(23)}`,
    );
  }
}

const cacheDir = mkdtempSync(join(tmpdir(), "chartcheck-bench-cache-"));
try {
  if (process.env.BENCH_CACHE === "0") throw Object.assign(new Error("skip"), { skip: true });
  const first = await runOnce(16, cacheDir);
  const again = await runOnce(16, cacheDir);
  console.log(`cache: first run ${first.requests} requests (${first.ms.toFixed(0)} ms); re-run ${again.requests} requests (${again.ms.toFixed(0)} ms)`);
  console.log(again.usage);
  if (again.requests !== 0) throw new Error("cache re-run made requests");
} catch (err) {
  if (!err.skip) throw err;
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
  child.disconnect();
}
for (const r of rows.filter((x) => x.c === 16 && x.fraction < 0.9)) {
  console.log(`WARNING: ${r.latency} ms latency, concurrency 16 reached ${r.fraction.toFixed(3)} of ideal (target >= 0.9)`);
  process.exitCode = 1;
}
}
