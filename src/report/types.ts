import type { NoteOutcome, RunInfo } from "../audit.js";
import type { RulePack } from "../rules/types.js";
import type { Summary } from "./summary.js";

export interface FormatContext {
  pack: RulePack;
  /** ANSI colours allowed (TTY and no NO_COLOR). */
  color: boolean;
  /** Run information recorded in reports (tool version, pack version, config hash, extractor). */
  run?: RunInfo;
  /**
   * Metadata keys given their own columns by tabular formatters (CSV), in
   * order. The caller fixes them before the header (from the first records
   * or, on --resume, from the existing file's header).
   */
  metadataColumns?: readonly string[];
}

/**
 * A formatter is a set of pure functions. Streaming formatters produce their
 * output piecewise: header, one chunk per note (in order), then footer with
 * the summary. Each returns a string; the caller writes it.
 */
export interface Formatter {
  name: string;
  description: string;
  header(ctx: FormatContext): string;
  /**
   * One note's chunk. `text` is the note text when the caller has it (the
   * audit command passes it); formatters that show the note (HTML) use it,
   * others ignore it.
   */
  note(result: NoteOutcome, index: number, ctx: FormatContext, text?: string): string;
  footer(summary: Summary, ctx: FormatContext): string;
  /**
   * Optional, for document formats that show the run summary before the notes
   * (HTML). When present, the caller cannot stream: it keeps each `note()`
   * chunk out of memory (a temporary file) and at the end writes
   * header + summaryFirst(summary) + the note chunks in order + footer.
   * Formatters without it stream: header, notes as they come, footer.
   */
  summaryFirst?(summary: Summary, ctx: FormatContext): string;
}
