import { describe, expect, it } from "vitest";
import type { NoteOutcome, NoteReport } from "../../src/audit.js";
import { escapeHtml, highlight, html } from "../../src/report/formatters/html.js";
import { SummaryBuilder } from "../../src/report/summary.js";
import type { FormatContext } from "../../src/report/types.js";
import { lumbosacralRadiculopathy } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";

const run = { tool: "chartcheck", version: "0", pack: "p", packVersion: "1", configHash: "h", extractor: "lexicon" } as const;
const ctx: FormatContext = { pack: lumbosacralRadiculopathy, color: false, run };
const rule = lumbosacralRadiculopathy.rules[0]!.meta;

const text = "Plan: MRI now. <script>alert('x')</script> & rest";
const mri = text.indexOf("MRI now");
const report: NoteReport = {
  noteId: "note<1>",
  encounterDate: null,
  metadata: { unit: "<b>ED</b>" },
  facts: {} as NoteReport["facts"],
  results: [
    { ruleId: rule.id, outcome: "deviation", severity: "warning", message: "Imaging <too> early", evidence: [{ start: mri, end: mri + 7, text: "MRI now" }] },
    { ruleId: "other", outcome: "adherent", severity: "info", message: "ok", evidence: [{ start: mri, end: mri + 3, text: "MRI" }] },
  ],
  run,
};

function page(outcomes: NoteOutcome[], texts: Array<string | undefined>): string {
  const sb = new SummaryBuilder(lumbosacralRadiculopathy.rules.map((r) => r.meta.id));
  outcomes.forEach((o) => sb.add(o));
  const s = sb.build();
  return html.header(ctx) + html.summaryFirst!(s, ctx) + outcomes.map((o, i) => html.note(o, i, ctx, texts[i])).join("") + html.footer(s, ctx);
}

describe("html formatter", () => {
  const err: NoteOutcome = { id: "broken<1>", error: { code: "INVALID_UTF8", message: "broken<1>: note is not valid UTF-8" } };
  const out = page([report, err], [text, undefined]);

  it("puts the summary with an inline SVG chart before the notes", () => {
    const summary = out.indexOf('<section id="summary">');
    expect(summary).toBeGreaterThan(0);
    expect(out.indexOf("<svg")).toBeGreaterThan(summary);
    expect(out.indexOf('<details class="note"')).toBeGreaterThan(out.indexOf("</svg>"));
    expect(out).toContain(`<title>${rule.id}: 1 deviation</title>`);
    expect(out).toMatch(/<b>1<\/b>notes audited/);
    expect(out).toMatch(/<b>1<\/b>notes could not be audited/);
  });

  it("is self-contained: no external scripts, styles, fonts or URLs fetched", () => {
    expect(out).not.toMatch(/<script[^>]+src=/);
    expect(out).not.toMatch(/<link\b/);
    expect(out).not.toMatch(/@import|url\(/);
    expect(out.match(/<script>/g)).toHaveLength(1);
  });

  it("escapes note text and metadata, so <script> in a note renders as text", () => {
    expect(out).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; rest");
    expect(out).not.toContain("<script>alert");
    expect(out).toContain("&lt;b&gt;ED&lt;/b&gt;");
    expect(out).toContain('data-id="note&lt;1&gt;"');
    expect(out).toContain("Imaging &lt;too&gt; early");
    expect(out).toContain("broken&lt;1&gt;: note is not valid UTF-8");
  });

  it("highlights evidence, deviation over adherent where they overlap, and shows the guideline sentence", () => {
    expect(out).toContain(`<mark class="d" title="${rule.id}">MRI</mark><mark class="d" title="${rule.id}"> now</mark>`);
    expect(out).toContain(`<blockquote>${escapeHtml(rule.citation.quote)}</blockquote>`);
    expect(out).toContain(`data-r="${rule.id}=deviation other=adherent"`);
  });

  it("marks adherent-only evidence differently and keeps offsets exact", () => {
    const h = highlight("abc def", [{ ruleId: "r", outcome: "adherent", severity: "info", message: "", evidence: [{ start: 4, end: 7, text: "def" }] }]);
    expect(h).toBe('abc <mark class="a" title="r">def</mark>');
  });
});
