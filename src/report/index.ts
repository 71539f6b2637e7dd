/** Static registry of formatters (textlint style). */
import { csv } from "./formatters/csv.js";
import { html } from "./formatters/html.js";
import { json } from "./formatters/json.js";
import { jsonl } from "./formatters/jsonl.js";
import { stylish } from "./formatters/stylish.js";
import type { Formatter } from "./types.js";

export const formatters: Record<string, Formatter> = { stylish, json, jsonl, csv, html };

/** Formats whose output can be appended to by --resume (line-oriented, no summary in the file). */
export const RESUMABLE_FORMATS: readonly string[] = ["jsonl", "csv"];

export function formatterNames(): string[] {
  return Object.keys(formatters);
}

export type { Formatter, FormatContext } from "./types.js";
