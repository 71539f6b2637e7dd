/**
 * Error taxonomy. Expected errors carry a stable code and map to exit code 2;
 * their messages never contain note text.
 */
export type ErrorCode =
  | "USAGE"
  | "CONFIG"
  | "INPUT_NOT_FOUND"
  | "INPUT_UNREADABLE"
  | "EMPTY_NOTE"
  | "BINARY_NOTE"
  | "INVALID_UTF8"
  | "NOTE_TOO_LARGE"
  | "MALFORMED_RECORD"
  | "MISSING_TEXT"
  | "EXTRACTION_FAILED"
  | "RULE_FAILED"
  | "LLM_CONFIG"
  | "GOLD_FORMAT"
  | "REPORT_FORMAT";

export class ChartcheckError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ChartcheckError";
  }
}

/** Exit codes, ESLint style. */
export const EXIT = { OK: 0, DEVIATIONS: 1, ERROR: 2 } as const;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
