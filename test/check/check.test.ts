/**
 * `chartcheck check` through run() with a fake CliIO. Notes are short and
 * synthetic; expectations follow RULES.md for no-bed-rest and
 * esi-after-conservative-care.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { lumbosacralRadiculopathy } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import { MARK_CLOSE, MARK_OPEN } from "../../src/review/render.js";
import { fakeIO } from "./helpers.js";

const BED_REST_QUOTE = lumbosacralRadiculopathy.rules.find((r) => r.meta.id === "no-bed-rest")!.meta.citation.quote;

const DEVIATION_NOTE = [
  "Date of service: 11/20/2026",
  "HPI: 45 yo with low back pain radiating down the left leg for 2 weeks. Denies saddle anesthesia, bowel or bladder incontinence. No fever or weight loss.",
  "Plan: Strict bed rest for 5 days. Ibuprofen 600 mg TID.",
  "",
].join("\n");

const ADHERENT_NOTE = [
  "Date of service: 11/20/2026",
  "HPI: 45 yo with low back pain radiating down the left leg for 2 weeks. Denies saddle anesthesia, bowel or bladder incontinence. No fever or weight loss.",
  "Plan: Ibuprofen 600 mg TID. Stay active. Bed rest is not recommended.",
  "",
].join("\n");

const MISSING_DURATION_NOTE = [
  "HPI: Low back pain radiating down the left leg. Denies saddle anesthesia, bowel or bladder incontinence. No fever.",
  "Plan: Will schedule an epidural steroid injection.",
  "",
].join("\n");

/** The lines of one section of the review (from its heading to the next blank-line-separated heading). */
function section(out: string, heading: RegExp): string {
  const lines = out.split("\n");
  const i = lines.findIndex((l) => heading.test(l));
  if (i === -1) return "";
  const rest = lines.slice(i + 1);
  const j = rest.findIndex((l, k) => /^\S/.test(l) && k > 0);
  return rest.slice(0, j === -1 ? undefined : j).join("\n");
}

describe("chartcheck check", () => {
  it("a bed-rest order: a no-bed-rest deviation with the guideline sentence and the note's words marked", async () => {
    const io = fakeIO(DEVIATION_NOTE);
    const code = await run(["check"], io);
    const out = io.out();
    expect(io.err()).toBe("");
    expect(code).toBe(0); // no-bed-rest is a warning; --fail-on defaults to error
    const devs = section(out, /^Deviations \(\d+\)$/);
    expect(devs).toContain("WARNING  no-bed-rest");
    expect(devs).toContain(`Guideline: "${BED_REST_QUOTE}"`);
    expect(devs).toContain("Bed rest is advised");
    expect(devs).toContain(`${MARK_OPEN}Strict bed rest for 5 days.${MARK_CLOSE}`);
    // The evidence is shown in its context on the note's line 3.
    expect(devs).toMatch(/note, line 3:\n\s+Plan: »Strict bed rest for 5 days\.« Ibuprofen 600 mg TID\./);
    expect(out).toContain("visit date 2026-11-20");
    // Deviations come before the other sections.
    expect(out.indexOf("Deviations (")).toBeLessThan(out.indexOf("Adherent ("));
    expect(out).not.toMatch(/\x1b\[/);
  });

  it("--fail-on warning turns the bed-rest deviation into exit code 1; none keeps 0", async () => {
    expect(await run(["check", "--fail-on", "warning"], fakeIO(DEVIATION_NOTE))).toBe(1);
    expect(await run(["check", "--fail-on", "none"], fakeIO(DEVIATION_NOTE))).toBe(0);
  });

  it("'Bed rest is not recommended' is adherent for no-bed-rest", async () => {
    const io = fakeIO(ADHERENT_NOTE);
    const code = await run(["check", "--fail-on", "warning"], io);
    const out = io.out();
    expect(section(out, /^Deviations \(/)).not.toContain("no-bed-rest");
    expect(section(out, /^Adherent \(\d+\)$/)).toMatch(/✔ no-bed-rest: /);
    // Its only deviation under RULES.md is patient-education (info): nothing at warning or above.
    expect(section(out, /^Deviations \(/)).not.toMatch(/WARNING|ERROR/);
    expect(code).toBe(0);
  });

  it("an ESI planned with no duration documented: insufficient data naming the missing fact", async () => {
    const io = fakeIO(MISSING_DURATION_NOTE);
    const code = await run(["check"], io);
    const out = io.out();
    expect(code).toBe(0);
    const insuff = section(out, /^Could not be judged/);
    expect(insuff).toMatch(/\? esi-after-conservative-care: /);
    expect(insuff.toLowerCase()).toContain("duration not documented");
    expect(insuff).toContain(`${MARK_OPEN}Will schedule an`);
    // Deviations, adherent, then could-not-be-judged, then the not-applicable count.
    expect(out.indexOf("Adherent (")).toBeLessThan(out.indexOf("Could not be judged"));
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^\d+ rules? do(es)? not apply to this note\.$/);
    expect(out).toContain("no visit date found");
  });

  it("counts every rule exactly once across the sections", async () => {
    const io = fakeIO(MISSING_DURATION_NOTE);
    await run(["check"], io);
    const m = /(\d+) deviations? · (\d+) adherent · (\d+) could not be judged · (\d+) not applicable/.exec(io.out());
    expect(m).not.toBeNull();
    const total = m!.slice(1).map(Number).reduce((a, b) => a + b, 0);
    expect(total).toBe(lumbosacralRadiculopathy.rules.length);
    expect(io.out()).toContain(`${m![4]} rule${m![4] === "1" ? "" : "s"} do`);
  });

  it("--date sets the visit date of a note without one", async () => {
    const io = fakeIO(MISSING_DURATION_NOTE);
    await run(["check", "--date", "2026-11-20"], io);
    expect(io.out()).toContain("visit date 2026-11-20");
    expect(await run(["check", "--date", "20/11/2026"], fakeIO(MISSING_DURATION_NOTE))).toBe(2);
  });

  it("--file reads the note from a file; a missing file is exit 2 naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chartcheck-check-"));
    writeFileSync(join(dir, "note.txt"), DEVIATION_NOTE);
    const io = fakeIO("", { cwd: dir });
    expect(await run(["check", "--file", "note.txt", "--fail-on", "warning"], io)).toBe(1);
    expect(io.out()).toContain("chartcheck review of note.txt\n");
    const missing = fakeIO("", { cwd: dir });
    expect(await run(["check", "--file", "nope.txt"], missing)).toBe(2);
    expect(missing.err()).toContain("nope.txt: file not found");
  });

  it("is deterministic: same note, same bytes", async () => {
    const a = fakeIO(DEVIATION_NOTE);
    const b = fakeIO(DEVIATION_NOTE);
    await run(["check"], a);
    await run(["check"], b);
    expect(a.out()).toBe(b.out());
  });
});

describe("chartcheck check: colour", () => {
  it("colours on a TTY: the evidence in inverse bold, no »« markers", async () => {
    const io = fakeIO(DEVIATION_NOTE, { tty: true });
    await run(["check"], io);
    expect(io.out()).toContain("\x1b[7m\x1b[1mStrict bed rest for 5 days.\x1b[0m");
    expect(io.out()).not.toContain(MARK_OPEN);
  });

  it("NO_COLOR turns colour off even on a TTY", async () => {
    const io = fakeIO(DEVIATION_NOTE, { tty: true, env: { NO_COLOR: "1" } });
    await run(["check"], io);
    expect(io.out()).not.toMatch(/\x1b\[/);
    expect(io.out()).toContain(`${MARK_OPEN}Strict bed rest for 5 days.${MARK_CLOSE}`);
  });

  it("no colour when stdout is not a TTY", async () => {
    const io = fakeIO(DEVIATION_NOTE, { tty: false });
    await run(["check"], io);
    expect(io.out()).not.toMatch(/\x1b\[/);
  });
});

describe("chartcheck check: bad input is exit 2 with a clear message", () => {
  it.each([
    ["empty stdin", new Uint8Array(), /stdin: note is empty/],
    ["whitespace only", new TextEncoder().encode(" \n\t\n"), /stdin: note is empty/],
    ["binary", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), /stdin: note looks binary/],
    ["invalid UTF-8", new Uint8Array([0x62, 0x61, 0x63, 0x6b, 0x20, 0xc3, 0x28, 0xff]), /stdin: note is not valid UTF-8/],
  ])("%s", async (_name, bytes, message) => {
    const io = fakeIO(bytes);
    expect(await run(["check"], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe("");
  });

  it("an LLM extractor without endpoint or model is refused before reading the note", async () => {
    let read = false;
    const io = fakeIO(DEVIATION_NOTE);
    const readStdin = io.readStdin;
    io.readStdin = () => {
      read = true;
      return readStdin();
    };
    expect(await run(["check", "--extractor", "llm"], io)).toBe(2);
    expect(io.err()).toMatch(/no API key or endpoint|no model/);
    expect(read).toBe(false);
  });

  it("error messages never contain the note text", async () => {
    const io = fakeIO("SECRET-PATIENT-WORDS \u0000 binary");
    expect(await run(["check"], io)).toBe(2);
    expect(io.err()).not.toContain("SECRET-PATIENT-WORDS");
  });
});

describe("chartcheck check: stdin hint", () => {
  it("prints a paste hint on stderr when stdin is a terminal", async () => {
    const io = fakeIO(DEVIATION_NOTE, { stdinIsTTY: true });
    await run(["check"], io);
    expect(io.err()).toMatch(/Paste a note, then press Ctrl-D/);
    expect(io.out()).not.toMatch(/Paste a note/);
  });

  it("no hint when stdin is piped or --file is given", async () => {
    const piped = fakeIO(DEVIATION_NOTE, { stdinIsTTY: false });
    await run(["check"], piped);
    expect(piped.err()).not.toMatch(/Paste a note/);
    const dir = mkdtempSync(join(tmpdir(), "chartcheck-check-"));
    writeFileSync(join(dir, "n.txt"), DEVIATION_NOTE);
    const file = fakeIO("", { stdinIsTTY: true, cwd: dir });
    await run(["check", "--file", "n.txt"], file);
    expect(file.err()).not.toMatch(/Paste a note/);
  });
});
