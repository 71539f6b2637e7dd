/**
 * The versioned prompt (prompts/<id>/ at the package root) and the messages
 * sent for one note. The note is always the whole content of the last user
 * message, never spliced into instructions.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type OpenAI from "openai";
import { ChartcheckError } from "../../common/errors.js";
import { wireJsonSchema } from "./wire-schema.js";

export const PROMPT_ID = "extract-facts.v1";
export const PROMPT_FILES = ["system.md", "instructions.md", "example-note.txt", "example-output.json"] as const;

export type OutputMode = "json_schema" | "json_object";

export interface Prompt {
  id: string;
  system: string;
  instructions: string;
  exampleNote: string;
  exampleOutput: string;
  /** sha256 (first 16 hex) of the prompt files and the wire schema. */
  hash: string;
}

/** Works from src/extract/llm/ (tests) and dist/extract/llm/ (built CLI). */
export function promptDir(id: string = PROMPT_ID): URL {
  return new URL(`../../../prompts/${id}/`, import.meta.url);
}

export function loadPrompt(id: string = PROMPT_ID): Prompt {
  const dir = promptDir(id);
  const files: string[] = [];
  for (const name of PROMPT_FILES) {
    try {
      files.push(readFileSync(new URL(name, dir), "utf8"));
    } catch (err) {
      throw new ChartcheckError("LLM_CONFIG", `prompt file missing: prompts/${id}/${name}`, { cause: err });
    }
  }
  const [system, instructions, exampleNote, exampleOutputRaw] = files as [string, string, string, string];
  let exampleOutput: string;
  try {
    exampleOutput = JSON.stringify(JSON.parse(exampleOutputRaw));
  } catch (err) {
    throw new ChartcheckError("LLM_CONFIG", `prompts/${id}/example-output.json is not valid JSON`, { cause: err });
  }
  const h = createHash("sha256");
  for (const [i, f] of files.entries()) h.update(`${PROMPT_FILES[i]}\u0000${f}\u0000`);
  h.update(`schema\u0000${wireJsonSchema().text}`);
  return { id, system, instructions, exampleNote, exampleOutput, hash: h.digest("hex").slice(0, 16) };
}

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

const systemCache = new WeakMap<Prompt, Map<OutputMode, string>>();

function systemMessage(prompt: Prompt, mode: OutputMode): string {
  let byMode = systemCache.get(prompt);
  if (!byMode) systemCache.set(prompt, (byMode = new Map()));
  let system = byMode.get(mode);
  if (system === undefined) {
    system = `${prompt.system.trim()}\n\n${prompt.instructions.trim()}`;
    if (mode === "json_object") {
      // Servers without json_schema support get the schema as text; the reply is validated all the same.
      system += `\n\nYour reply must be a JSON object that satisfies this JSON Schema:\n${wireJsonSchema().text}`;
    }
    byMode.set(mode, system);
  }
  return system;
}

export function buildMessages(prompt: Prompt, noteText: string, mode: OutputMode): Message[] {
  const system = systemMessage(prompt, mode);
  return [
    { role: "system", content: system },
    { role: "user", content: prompt.exampleNote },
    { role: "assistant", content: prompt.exampleOutput },
    { role: "user", content: noteText },
  ];
}

/** The follow-up after an invalid reply: shows the validation errors (never note text). */
export function repairMessages(previous: Message[], badReply: string, problems: string[]): Message[] {
  return [
    ...previous,
    { role: "assistant", content: badReply },
    {
      role: "user",
      content:
        "Your previous reply could not be used. It must be one JSON object matching the schema exactly. Problems found:\n" +
        problems.map((p) => `- ${p}`).join("\n") +
        "\nReply again with the corrected JSON object only, for the same note.",
    },
  ];
}
