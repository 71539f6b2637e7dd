/**
 * chartcheck.config.json: per-rule "off" / severity / [severity, options],
 * validated strictly against each rule's own options schema, with errors that
 * name the exact path (e.g. rules.no-early-imaging[1].ageOver50IsRedFlag).
 */
import { z } from "zod";
import { ChartcheckError } from "../common/errors.js";
import type { ResolvedRule } from "../rules/engine.js";
import { SEVERITIES, type RulePack, type Severity } from "../rules/types.js";

export const SeveritySchema = z.enum(SEVERITIES);
export const RuleSettingSchema = z.union([
  z.literal("off"),
  SeveritySchema,
  z.tuple([SeveritySchema]),
  z.tuple([SeveritySchema, z.record(z.string(), z.unknown())]),
]);
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

export const LlmConfigSchema = z
  .object({
    model: z.string().min(1).optional(),
    baseURL: z.string().url().optional(),
    apiKey: z.string().optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
    timeoutMs: z.number().int().min(1000).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    retryAfterCapMs: z.number().int().min(0).optional(),
    structuredOutput: z.enum(["json_schema", "json_object"]).optional(),
    cacheDir: z.string().optional(),
    cache: z.boolean().optional(),
    /** Sampling temperature; null leaves it to the server (some models accept only their default). */
    temperature: z.number().min(0).max(2).nullable().optional(),
  })
  .strict();

export const ConfigFileSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.record(z.string(), RuleSettingSchema).optional(),
    extractor: z.enum(["lexicon", "llm", "hybrid"]).optional(),
    llm: LlmConfigSchema.optional(),
    failOn: z.enum(["error", "warning", "info", "none"]).optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || "(root)";
}

export function formatZodIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): string[] {
  return error.issues.map((i) => `${formatPath([...prefix, ...i.path])}: ${i.message}`);
}

/** Validates a parsed config object; throws ChartcheckError("CONFIG") naming every bad path. */
export function parseConfig(raw: unknown, where: string): ConfigFile {
  const res = ConfigFileSchema.safeParse(raw);
  if (!res.success) {
    throw new ChartcheckError("CONFIG", `invalid config ${where}:\n  ${formatZodIssues(res.error).join("\n  ")}`);
  }
  return res.data;
}

/** Resolves severity and options of every rule; unknown ids and options are errors. */
export function resolveRules(pack: RulePack, rules: ConfigFile["rules"] = {}, where = "config"): ResolvedRule[] {
  const known = new Set(pack.rules.map((r) => r.meta.id));
  const problems: string[] = [];
  for (const id of Object.keys(rules)) {
    if (!known.has(id)) problems.push(`rules.${id}: unknown rule id (known: ${[...known].join(", ")})`);
  }
  const out: ResolvedRule[] = [];
  for (const rule of pack.rules) {
    const setting = rules[rule.meta.id];
    if (setting === "off") continue;
    let severity: Severity = rule.meta.defaultSeverity;
    let rawOptions: unknown = {};
    if (typeof setting === "string") severity = setting;
    else if (Array.isArray(setting)) {
      severity = setting[0];
      if (setting.length > 1) rawOptions = setting[1];
    }
    const parsed = rule.meta.options.safeParse(rawOptions);
    if (!parsed.success) {
      problems.push(...formatZodIssues(parsed.error, ["rules", rule.meta.id, 1]));
      continue;
    }
    out.push({ rule, severity, options: parsed.data });
  }
  if (problems.length) throw new ChartcheckError("CONFIG", `invalid config ${where}:\n  ${problems.join("\n  ")}`);
  return out;
}
