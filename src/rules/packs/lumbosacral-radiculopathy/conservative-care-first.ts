// PLACEHOLDER: to be written from RULES.md.
import { z } from "zod";
import { defineRule } from "../../types.js";

export default defineRule({
  meta: {
    id: "conservative-care-first",
    description: "TODO",
    defaultSeverity: "info",
    citation: { source: "000_f8600c591f16344c.txt", quote: "TODO" },
    reads: [],
    options: z.object({}).strict(),
    messages: {},
  },
  evaluate: (ctx) => ctx.notApplicable(),
});
