#!/usr/bin/env node
/**
 * Throughput and memory benchmark of the batch path (npm run bench).
 *
 *   npm run build && node scripts/bench.mjs [--notes 100000] [--jobs N] [--format jsonl] [--keep]
 *
 * Generates N synthetic notes (scripts/gen-notes.mjs) as JSONL in a temp
 * folder, audits them with the real CLI (node dist/cli/index.js audit ...,
 * streaming in and out, worker threads per --jobs) and prints notes/s, MB/s
 * and peak RSS (VmHWM of the CLI process, read from /proc while it runs;
 * worker threads share that process), with the CPU time it used (all its
 * threads; ms/note is the figure to compare on a busy machine, where wall
 * time depends on what else runs) and the load average before and after
 * (the machine is shared: quote it with every figure). Beside it: one
 * `grep -E -i` pass of the lexicons' trigger terms over the same bytes, the
 * practical floor.
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNotes } from "./gen-notes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist/cli/index.js");
if (!existsSync(cli)) {
  console.error("bench: dist/ is missing; run `npm run build` first");
  process.exit(2);
}
const { VERSION } = await import("../dist/version.js");

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const notes = Number(arg("--notes", "100000"));
const jobs = arg("--jobs", null);
const format = arg("--format", "jsonl");
const keep = process.argv.includes("--keep");

const dir = mkdtempSync(join(tmpdir(), "chartcheck-bench-"));
const input = join(dir, "notes.jsonl");
const output = join(dir, `out.${format}`);
let t = performance.now();
const bytes = await writeNotes(input, notes);
console.log(`generated ${notes} notes, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);

const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat times are in 1/100 s
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

/** Runs a command, sampling /proc/<pid>/status for the peak resident set and /proc/<pid>/stat for CPU time. */
function timed(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", opts.stdout ?? "ignore", "pipe"], ...opts });
    let hwm = 0;
    let cpu = 0;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const sample = () => {
      try {
        const s = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
        if (kb > hwm) hwm = kb;
        // utime and stime: fields 14 and 15, counted after the ")" that ends the command name.
        const f = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        const ticks = Number(f[11]) + Number(f[12]);
        if (ticks > cpu) cpu = ticks;
      } catch {}
    };
    const timer = setInterval(sample, 20);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve({ code, seconds: (performance.now() - start) / 1000, peakMB: hwm / 1024, cpuSeconds: cpu / CLK_TCK, stderr });
    });
  });
}

const args = [cli, "audit", input, "--format", format, "--output", output, "--quiet", "--fail-on", "none", ...(jobs ? ["--jobs", jobs] : [])];
console.log(`chartcheck ${VERSION}: node ${args.slice(1).join(" ").replace(dir + "/", "")}`);
const loadBefore = load();
const r = await timed(process.execPath, args);
const loadAfter = load();
if (r.code !== 0) {
  console.error(`bench: audit exited ${r.code}\n${r.stderr.slice(0, 2000)}`);
  process.exit(1);
}
let outLines = null;
if (format === "jsonl") {
  outLines = 0;
  for await (const chunk of createReadStream(output)) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) outLines++;
}
console.log(
  `audit:  ${notes} notes in ${r.seconds.toFixed(2)} s = ${Math.round(notes / r.seconds)} notes/s, ${(bytes / 1e6 / r.seconds).toFixed(1)} MB/s in, ` +
    `peak RSS ${r.peakMB.toFixed(0)} MB, output ${(statSync(output).size / 1e6).toFixed(0)} MB${outLines !== null ? ` (${outLines} lines)` : ""}`,
);
console.log(
  `cpu:    ${r.cpuSeconds.toFixed(1)} s on all threads (sampled every 20 ms) = ${((1000 * r.cpuSeconds) / notes).toFixed(3)} ms/note; ` +
    `${availableParallelism()} CPUs; load average ${loadBefore} before, ${loadAfter} after`,
);

// --- grep floor: the lexicons' trigger terms as one ERE pattern list -----------------------
function lexiconPatterns() {
  const out = new Set();
  const dirPath = join(root, "lexicon");
  const files = existsSync(dirPath) ? readdirSync(dirPath).filter((f) => f.endsWith(".json")) : [];
  const ere = (s) => s.replace(/[.[\]()*+?{}|^$\\]/g, "\\$&");
  const fromPhrase = (p) =>
    ere(p)
      .replace(/<NUM>/g, "[0-9]+")
      .replace(/<YEAR>/g, "[0-9]{4}")
      .replace(/<ANY>/g, "[^ ]+");
  // JS regex (targets) to GNU ERE; patterns with lookaround are left out.
  const fromRegex = (p) =>
    /\(\?[=!<]/.test(p) ? null : p.replace(/\(\?:/g, "(").replace(/\\d/g, "[0-9]").replace(/\(\?i\)/g, "");
  const walk = (v, key) => {
    if (typeof v === "string") {
      if (key === "pattern" || key === "excludeScope") {
        const x = fromRegex(v);
        if (x) out.add(x);
      } else if (["phrases", "headers", "terms", "triggers", "synonyms", "keywords"].includes(key)) {
        out.add(fromPhrase(v));
      }
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (!k.startsWith("$") && k !== "comment" && k !== "note") walk(x, k);
  };
  for (const f of files) walk(JSON.parse(readFileSync(join(dirPath, f), "utf8")), "");
  if (!out.size) for (const p of ["back pain", "sciatica", "radiculopathy", "MRI", "bed rest", "no ", "denies", "epidural", "fusion", "opioid"]) out.add(p);
  return { patterns: [...out], files };
}
const { patterns, files } = lexiconPatterns();
const patFile = join(dir, "patterns.txt");
writeFileSync(patFile, `${patterns.join("\n")}\n`);
const check = spawnSync("grep", ["-E", "-i", "-c", "-f", patFile, "/dev/null"]);
if (check.status === 2) {
  console.log(`grep:   pattern list rejected by grep (${check.stderr.toString().trim().slice(0, 200)})`);
} else {
  const g = await timed("grep", ["-E", "-i", "-c", "-f", patFile, input]);
  console.log(
    `grep:   grep -E -i -c with ${patterns.length} patterns from ${files.length ? `lexicon/{${files.join(",")}}` : "a fixed list"}: ` +
      `${g.seconds.toFixed(2)} s = ${(bytes / 1e6 / g.seconds).toFixed(1)} MB/s (floor; audit is ${(r.seconds / g.seconds).toFixed(1)}x that)`,
  );
}
if (!keep) rmSync(dir, { recursive: true, force: true });
