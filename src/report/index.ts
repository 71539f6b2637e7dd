/** Static registry of formatters (textlint style). */
import { json } from "./formatters/json.js";
import { jsonl } from "./formatters/jsonl.js";
import { stylish } from "./formatters/stylish.js";
import type { Formatter } from "./types.js";

export const formatters: Record<string, Formatter> = { stylish, json, jsonl };

export function formatterNames(): string[] {
  return Object.keys(formatters);
}

export type { Formatter, FormatContext } from "./types.js";
