import type { Formatter } from "../types.js";
import { noteToJson } from "./jsonl.js";

export const json: Formatter = {
  name: "json",
  description: "one JSON document: run information, notes and the summary",
  header: (ctx) => `{"run":${JSON.stringify(ctx.run ?? {})},"notes":[`,
  note: (r, i) => `${i ? "," : ""}\n${JSON.stringify(noteToJson(r))}`,
  footer: (summary) => `\n],"summary":${JSON.stringify(summary)}}\n`,
};
