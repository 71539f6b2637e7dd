/** Small, pure rendering helpers shared by `eval` and `stats` output. */

export type Align = "l" | "r";

/** A plain-text table with space-padded columns (no trailing spaces). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[], indent = ""): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (align[i] === "r" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** Escapes text for a GitHub-flavoured Markdown table cell. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const sep = align.map((a) => (a === "r" ? "---:" : "---"));
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(header), `|${sep.join("|")}|`, ...rows.map(line)].join("\n") + "\n";
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** RFC 4180 field quoting. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number to fixed digits, or "n/a" when undefined. */
export function fixed(x: number | null, digits = 3): string {
  return x === null ? "n/a" : x.toFixed(digits);
}

/** A proportion as a percentage ("85.0%"), or "n/a". */
export function pct(x: number | null, digits = 1): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(digits)}%`;
}

export function interval(ci: readonly [number, number] | null, f: (x: number) => string): string {
  return ci ? `[${f(ci[0])}, ${f(ci[1])}]` : "";
}

/** "a, b, c and N more" for long id lists. */
export function listSome(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
