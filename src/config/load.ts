import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ChartcheckError } from "../common/errors.js";
import { parseConfig, type ConfigFile } from "./schema.js";

export const DEFAULT_CONFIG_FILE = "chartcheck.config.json";

/**
 * Loads `--config FILE`, or chartcheck.config.json in cwd when present.
 * Returns {} when neither exists. Throws ChartcheckError("CONFIG").
 */
export function loadConfig(explicit: string | undefined, cwd: string): { config: ConfigFile; path: string | null } {
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit) throw new ChartcheckError("CONFIG", `config file not found: ${explicit}`);
    return { config: {}, path: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ChartcheckError("CONFIG", `config ${explicit ?? DEFAULT_CONFIG_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  return { config: parseConfig(raw, explicit ?? DEFAULT_CONFIG_FILE), path };
}
