/// <reference lib="dom" />
/**
 * End to end in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core): paste a note, audit, see highlighted evidence linked to
 * rule cards; keyboard only; no console errors or CSP violations.
 * Skipped when Chromium is not installed (CI's .ci/run installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { SCRIPTED_NOTE, ScriptedExtractor } from "../server/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT_DIR = join(process.cwd(), "test-output");

interface ApiResult {
  ruleId: string;
  outcome: string;
  severity: string;
  message: string;
  evidence: Array<{ start: number; end: number; text: string }>;
}

const REAL_NOTE = [
  "Date of service: 11/20/2026",
  "Chief complaint: low back pain with pain down the left leg.",
  "HPI: 45 yo with low back pain radiating down the left leg for 2 weeks. Denies saddle anesthesia, bowel or bladder incontinence. No fever or weight loss.",
  "Exam: positive straight leg raise on the left. Reduced left ankle reflex.",
  "Plan: Strict bed rest for 5 days. Ibuprofen 600 mg TID. Follow up in 2 weeks.",
  "",
].join("\n");

describe.skipIf(!HAVE_CHROMIUM)(`review page in headless Chromium${HAVE_CHROMIUM ? "" : " (skipped: /usr/bin/chromium not installed)"}`, () => {
  let scripted: RunningServer;
  let lexicon: RunningServer;
  let profile: string;
  let context: BrowserContext;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    scripted = await startServer({ port: 0, auditorOptions: { extractor: new ScriptedExtractor() } });
    lexicon = await startServer({ port: 0 });
    profile = mkdtempSync(join(tmpdir(), "chartcheck-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // Record CSP violations as the page sees them.
    await context.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await scripted?.close();
    await lexicon?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const pages: Page[] = [];
  afterEach(async () => {
    // A failed test must not leave its page open for the next one.
    for (const p of pages.splice(0)) if (!p.isClosed()) await p.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    pages.push(page);
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("request", (r) => {
      if (!r.url().startsWith(url)) problems.push(`request to another origin: ${r.url()}`);
    });
    await page.goto(url);
    await expect.poll(() => page.textContent("#pack-info")).toMatch(/lumbosacral-radiculopathy/);
    return page;
  }

  async function auditWith(page: Page, submit: () => Promise<void>): Promise<{ results: ApiResult[]; encounterDate: string | null }> {
    const response = page.waitForResponse((r) => r.url().endsWith("/api/audit"));
    await submit();
    const body = (await (await response).json()) as { results: ApiResult[]; encounterDate: string | null };
    await page.waitForSelector("#results:not([hidden]) .rule-card");
    return body;
  }

  async function cspViolations(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  }

  it("paste a note, press Audit: evidence highlighted and linked to rule cards, deviations first", async () => {
    const page = await open(scripted.url);
    await page.fill("#note", SCRIPTED_NOTE);
    await page.fill("#visit-date", "2026-11-20");
    const body = await auditWith(page, () => page.click("#audit-button"));
    expect(body.encounterDate).toBe("2026-11-20");

    // Every evidence span of a shown outcome is a <mark> whose text equals the evidence text.
    const marks = await page.$$eval("#note-view mark", (ms) => ms.map((m) => ({ text: m.textContent, id: m.id, tab: m.getAttribute("tabindex"), describedBy: m.getAttribute("aria-describedby") })));
    const shown = body.results.filter((r) => r.outcome !== "not_applicable");
    const evidence = shown.flatMap((r) => r.evidence.map((e) => ({ ruleId: r.ruleId, text: e.text })));
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      const mark = marks.find((m) => m.text === e.text && (m.describedBy ?? "").split(" ").includes(`card-${e.ruleId}`));
      expect(mark, `mark for ${e.ruleId}: ${e.text}`).toBeDefined();
      expect(mark!.tab).toBe("0");
    }
    // The note is shown verbatim around the marks.
    expect(await page.textContent("#note-view")).toBe(SCRIPTED_NOTE);

    // Cards: one per shown rule; deviations first; the expected outcomes.
    const cards = await page.$$eval(".rule-card", (cs) => cs.map((c) => ({ id: c.id, cls: c.className, text: c.textContent ?? "" })));
    expect(cards.map((c) => c.id).sort()).toEqual(shown.map((r) => `card-${r.ruleId}`).sort());
    expect(cards[0]!.cls).toContain("outcome-deviation");
    const bedRest = cards.find((c) => c.id === "card-no-bed-rest")!;
    expect(bedRest.cls).toContain("outcome-deviation");
    expect(bedRest.text).toContain("Do not prescribe complete bed rest, as remaining active is more effective");
    expect(bedRest.text).toContain("warning");
    const esi = cards.find((c) => c.id === "card-esi-after-conservative-care")!;
    expect(esi.cls).toContain("outcome-insufficient_data");
    expect(esi.text.toLowerCase()).toContain("duration not documented");
    const firstNonDev = cards.findIndex((c) => !c.cls.includes("outcome-deviation"));
    expect(cards.slice(firstNonDev).some((c) => c.cls.includes("outcome-deviation"))).toBe(false);
    // Summary tiles count all 16 rules.
    const counts = await page.$$eval("#summary .count", (cs) => cs.map((c) => Number(c.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(body.results.length);

    // Clicking a highlight activates its card; focusing a card activates its highlights.
    const bedMark = page.locator('#note-view mark[aria-describedby~="card-no-bed-rest"]').first();
    await bedMark.click();
    await expect.poll(() => page.getAttribute("#card-no-bed-rest", "class")).toContain("active");
    await page.focus("#card-esi-after-conservative-care");
    await expect.poll(() => page.locator('#note-view mark[aria-describedby~="card-esi-after-conservative-care"]').first().getAttribute("class")).toContain("active");
    // The results region is announced.
    expect(await page.getAttribute("#results", "aria-live")).toBe("polite");

    await page.locator("#card-no-bed-rest").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT_DIR, "review-page.png"), fullPage: true });
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it("keyboard only: type, Ctrl+Enter submits; Tab reaches the button; Enter on a highlight focuses its card", async () => {
    const page = await open(scripted.url);
    await page.focus("#note");
    await page.keyboard.insertText(SCRIPTED_NOTE);
    await auditWith(page, () => page.keyboard.press("Control+Enter"));
    expect(await page.locator(".rule-card").count()).toBeGreaterThan(0);

    // Tab from the note reaches the Audit button (through the date field's parts).
    await page.focus("#note");
    let onButton = false;
    for (let i = 0; i < 8 && !onButton; i++) {
      await page.keyboard.press("Tab");
      onButton = await page.evaluate(() => document.activeElement?.id === "audit-button");
    }
    expect(onButton).toBe(true);
    const again = page.waitForResponse((r) => r.url().endsWith("/api/audit"));
    await page.keyboard.press("Enter");
    expect((await again).status()).toBe(200);

    // Tab on into the note view's highlights, then Enter jumps to the card.
    const mark = page.locator('#note-view mark[aria-describedby~="card-no-bed-rest"]').first();
    await mark.focus();
    await page.keyboard.press("Enter");
    // focus moves in the page's handler; poll rather than read once (the first read can race it under load)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("card-no-bed-rest");
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it("note text is shown as text, never parsed as HTML", async () => {
    const page = await open(scripted.url);
    const hostile = `${SCRIPTED_NOTE}Addendum: <img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script> <b>bold</b>\n`;
    await page.fill("#note", hostile);
    await auditWith(page, () => page.click("#audit-button"));
    expect(await page.textContent("#note-view")).toBe(hostile);
    expect(await page.locator("#note-view img, #note-view script, #note-view b").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    await page.close();
  });

  it("shows a 400 as a readable error (empty note is caught before sending)", async () => {
    const page = await open(scripted.url);
    await page.fill("#note", "   ");
    await page.click("#audit-button");
    await expect.poll(() => page.textContent("#error")).toMatch(/Paste a note first/);
    expect(await page.isHidden("#results")).toBe(true);
    await page.close();
  });

  it("with the real lexicon extractor: the bed-rest order is a highlighted no-bed-rest deviation", async () => {
    const page = await open(lexicon.url);
    await page.fill("#note", REAL_NOTE);
    const body = await auditWith(page, () => page.click("#audit-button"));
    const bedRest = body.results.find((r) => r.ruleId === "no-bed-rest")!;
    expect(bedRest.outcome).toBe("deviation");
    const markTexts = await page.$$eval('#note-view mark[aria-describedby~="card-no-bed-rest"]', (ms) => ms.map((m) => m.textContent));
    expect(markTexts).toEqual(bedRest.evidence.map((e) => e.text));
    expect(markTexts.join(" ")).toContain("Strict bed rest for 5 days.");
    expect(await page.getAttribute("#card-no-bed-rest", "class")).toContain("outcome-deviation");
    await page.screenshot({ path: join(OUT_DIR, "review-page-lexicon.png"), fullPage: true });
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it("no console errors, failed requests, other-origin requests or CSP violations in any test", () => {
    expect(problems).toEqual([]);
  });
});
