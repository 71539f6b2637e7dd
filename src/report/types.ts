import type { NoteOutcome, RunInfo } from "../audit.js";
import type { RulePack } from "../rules/types.js";
import type { Summary } from "./summary.js";

export interface FormatContext {
  pack: RulePack;
  /** ANSI colours allowed (TTY and no NO_COLOR). */
  color: boolean;
  /** Run information recorded in reports (tool version, pack version, config hash, extractor). */
  run?: RunInfo;
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
  note(result: NoteOutcome, index: number, ctx: FormatContext): string;
  footer(summary: Summary, ctx: FormatContext): string;
}
