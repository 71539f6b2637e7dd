/**
 * chartcheck library API. The CLI is one consumer of it.
 */
export { auditItem, auditNote, auditStream, auditText, createAuditor, isNoteError } from "./audit.js";
export type { Auditor, AuditorOptions, NoteOutcome, NoteReport } from "./audit.js";
export { classifyMention } from "./context/index.js";
export type { ClassifyOptions, MentionContext } from "./context/index.js";
export * from "./facts/schema.js";
export { createExtractor } from "./extract/index.js";
export type { Extractor, ExtractInput, ExtractResult } from "./extract/extractor.js";
export { LexiconExtractor } from "./extract/lexicon/index.js";
export { readInputs } from "./ingest/index.js";
export type { IngestItem, NoteError, NoteInput } from "./ingest/types.js";
export { loadConfig } from "./config/load.js";
export { parseConfig, resolveRules } from "./config/schema.js";
export type { ConfigFile } from "./config/schema.js";
export { evaluateNote } from "./rules/engine.js";
export { lumbosacralRadiculopathy } from "./rules/packs/lumbosacral-radiculopathy/index.js";
export type { Outcome, OutcomeName, RuleModule, RulePack, RuleResult, Severity } from "./rules/types.js";
export { formatters } from "./report/index.js";
export { run } from "./cli/run.js";
export { VERSION } from "./version.js";
export { startServer } from "./server/index.js";
export type { RunningServer, ServerOptions } from "./server/index.js";
export { renderReview } from "./review/render.js";
export { wilsonInterval } from "./stats/wilson.js";
export { cohenKappa } from "./stats/kappa.js";
export { scoreEval } from "./eval/score.js";
export { GoldLineSchema } from "./eval/gold.js";
export type { GoldLine } from "./eval/gold.js";
