/**
 * The ConText trigger lexicon (lexicon/context.json): zod schema, loader and
 * compiler to a token trie. Loaded and compiled once, at module load.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CueSchema } from "../facts/schema.js";
import { tokenize } from "./tokens.js";

/** Modifier categories: the cue categories of the fact schema, less "section" (which only sections set). */
const ModifierCategorySchema = CueSchema.shape.category.exclude(["section"]);
export const MODIFIER_CATEGORIES = ModifierCategorySchema.options;
export type ModifierCategory = z.infer<typeof ModifierCategorySchema>;
/** Categories whose triggers modify mentions (not pseudo / terminate). */
const TriggerCategorySchema = ModifierCategorySchema.exclude(["pseudo", "terminate"]);
export type TriggerCategory = z.infer<typeof TriggerCategorySchema>;
export const TRIGGER_CATEGORIES: readonly TriggerCategory[] = TriggerCategorySchema.options;

export const DIRECTIONS = ["forward", "backward", "bidirectional", "terminate", "pseudo"] as const;
export type Direction = (typeof DIRECTIONS)[number];

const phrase = z
  .string()
  .min(1)
  .refine((p) => p.trim() === p && !/\s{2,}/.test(p), { message: "phrase must be trimmed, single-spaced" });

export const ContextGroupSchema = z
  .strictObject({
    category: ModifierCategorySchema,
    direction: z.enum(DIRECTIONS),
    phrases: z.array(phrase).min(1),
    /** Maximum scope in word tokens (ConText max_scope). */
    maxScope: z.number().int().positive().optional(),
    /** For terminators: the categories whose scope they cut (default: all). */
    terminates: z.array(TriggerCategorySchema).min(1).optional(),
    /** Extra categories whose triggers cut this group's scope (ConText terminated_by). */
    terminatedBy: z.array(TriggerCategorySchema).min(1).optional(),
    /** Mention types the trigger applies to (options.mentionType); null = type not given. */
    appliesTo: z.array(z.string().min(1).nullable()).min(1).optional(),
    note: z.string().optional(),
  })
  .superRefine((g, ctx) => {
    const isTrig = g.category !== "pseudo" && g.category !== "terminate";
    if (g.category === "pseudo" && g.direction !== "pseudo")
      ctx.addIssue({ code: "custom", message: 'category "pseudo" needs direction "pseudo"', path: ["direction"] });
    if (g.category === "terminate" && g.direction !== "terminate")
      ctx.addIssue({ code: "custom", message: 'category "terminate" needs direction "terminate"', path: ["direction"] });
    if (isTrig && (g.direction === "pseudo" || g.direction === "terminate"))
      ctx.addIssue({ code: "custom", message: `a ${g.category} trigger needs forward, backward or bidirectional`, path: ["direction"] });
    if (g.terminates && g.category !== "terminate")
      ctx.addIssue({ code: "custom", message: '"terminates" is only for terminators', path: ["terminates"] });
    if (!isTrig && (g.maxScope !== undefined || g.appliesTo !== undefined || g.terminatedBy !== undefined))
      ctx.addIssue({ code: "custom", message: "maxScope/appliesTo/terminatedBy are only for triggers", path: ["category"] });
  });

export const ContextLexiconSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(1),
  defaults: z.strictObject({ maxScope: z.number().int().positive().nullable() }),
  groups: z.array(ContextGroupSchema).min(1),
});
export type ContextLexicon = z.infer<typeof ContextLexiconSchema>;

/** One compiled trigger (a phrase in a group). */
export interface CompiledRule {
  phrase: string;
  category: ModifierCategory;
  direction: Direction;
  maxScope: number | null;
  terminates: readonly TriggerCategory[] | null;
  terminatedBy: readonly TriggerCategory[] | null;
  appliesTo: ReadonlyArray<string | null> | null;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  any: TrieNode | null;
  num: TrieNode | null;
  year: TrieNode | null;
  rules: CompiledRule[];
}

export interface CompiledLexicon {
  root: TrieNode;
  rules: CompiledRule[];
}

function node(): TrieNode {
  return { next: new Map(), any: null, num: null, year: null, rules: [] };
}

/** Formats zod issues as "file: groups[3].phrases[2]: message (value)". */
export function formatIssues(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path
        .map((p, k) => (typeof p === "number" ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`))
        .join("");
      let v: unknown = data;
      for (const p of i.path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
      const shown = v === undefined ? "" : ` (got ${JSON.stringify(v)?.slice(0, 120)})`;
      return `${file}: ${path || "(root)"}: ${i.message}${shown}`;
    })
    .join("\n");
}

export function parseContextLexicon(data: unknown, file = "lexicon/context.json"): ContextLexicon {
  const r = ContextLexiconSchema.safeParse(data);
  if (!r.success) throw new Error(`Invalid ConText lexicon\n${formatIssues(file, data, r.error.issues)}`);
  // Every phrase must tokenize to at least one token.
  r.data.groups.forEach((g, gi) =>
    g.phrases.forEach((p, pi) => {
      if (tokenize(p).length === 0) throw new Error(`${file}: groups[${gi}].phrases[${pi}]: phrase has no tokens (${JSON.stringify(p)})`);
    }),
  );
  return r.data;
}

export function compileLexicon(lex: ContextLexicon): CompiledLexicon {
  const root = node();
  const rules: CompiledRule[] = [];
  for (const g of lex.groups) {
    for (const p of g.phrases) {
      const rule: CompiledRule = {
        phrase: p,
        category: g.category,
        direction: g.direction,
        maxScope: g.maxScope ?? lex.defaults.maxScope,
        terminates: g.terminates ?? null,
        terminatedBy: g.terminatedBy ?? null,
        appliesTo: g.appliesTo ?? null,
      };
      rules.push(rule);
      let n = root;
      // Special tokens are written <NUM>, <YEAR>, <ANY>; tokenize() splits them into "<" "num" ">".
      const toks = tokenize(p).map((t) => t.norm);
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (t === "<" && toks[i + 2] === ">" && (toks[i + 1] === "num" || toks[i + 1] === "year" || toks[i + 1] === "any")) {
          const kind = toks[i + 1] as "num" | "year" | "any";
          n = n[kind] ??= node();
          i += 2;
          continue;
        }
        let child = n.next.get(t);
        if (!child) n.next.set(t, (child = node()));
        n = child;
      }
      // The same phrase listed twice in one category/direction is kept once.
      if (!n.rules.some((r) => r.category === rule.category && r.direction === rule.direction && r.maxScope === rule.maxScope))
        n.rules.push(rule);
    }
  }
  return { root, rules };
}

const LEXICON_URL = new URL("../../lexicon/context.json", import.meta.url);

export function loadContextLexicon(url: URL = LEXICON_URL): CompiledLexicon {
  const file = fileURLToPath(url);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, "utf8"));
  } catch (e) {
    throw new Error(`${file}: cannot read ConText lexicon: ${(e as Error).message}`);
  }
  return compileLexicon(parseContextLexicon(data, file));
}
