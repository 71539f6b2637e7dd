/**
 * Test helpers for the review server: raw HTTP requests (node:http, so the
 * Host header and odd bodies can be sent) and a scripted extractor whose facts
 * are fixed by the test, so server and page tests do not depend on the
 * lexicon extractor's coverage.
 */
import { request as httpRequest } from "node:http";
import type { Extractor, ExtractInput, ExtractResult } from "../../src/extract/extractor.js";
import type { Fact, NoteFacts } from "../../src/facts/schema.js";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

export function rawRequest(
  url: string,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const u = new URL(opts.path ?? "/", url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? "GET", headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function postJson(url: string, value: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, {
    method: "POST",
    path: "/api/audit",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof value === "string" ? value : JSON.stringify(value),
  });
}

type FactTemplate = (span: { start: number; end: number }, quote: string) => Fact;

const base = (span: { start: number; end: number }, quote: string) => ({
  span,
  quote,
  section: "plan" as const,
  assertion: "affirmed" as const,
  temporality: "current" as const,
  experiencer: "patient" as const,
  source: "lexicon" as const,
  cues: [],
});

/** Phrase -> fact: each occurrence of the phrase in the note becomes that fact. */
export const SCRIPT: Array<[string, FactTemplate]> = [
  ["bed rest", (span, quote) => ({ kind: "bed_rest", ...base(span, quote) })],
  [
    "epidural steroid injection",
    (span, quote) => ({
      kind: "esi",
      ...base(span, quote),
      approach: "unspecified",
      guidance: "unspecified",
      level: null,
      side: null,
      status: "planned",
    }),
  ],
];

/** An extractor that finds the SCRIPT phrases literally (case-sensitive), nothing else. */
export class ScriptedExtractor implements Extractor {
  readonly name = "lexicon" as const;
  async extract(input: ExtractInput): Promise<ExtractResult> {
    const facts: Fact[] = [];
    for (const [phrase, make] of SCRIPT) {
      let i = input.text.indexOf(phrase);
      while (i !== -1) {
        facts.push(make({ start: i, end: i + phrase.length }, phrase));
        i = input.text.indexOf(phrase, i + phrase.length);
      }
    }
    const noteFacts: NoteFacts = {
      encounterDate: input.encounterDate ? { ...input.encounterDate, span: null } : null,
      noteType: "evaluation",
      inScope: true,
      patientAge: null,
      newOnset: null,
      symptomDuration: null,
      facts,
      extractor: { name: "lexicon", version: "test", model: null, promptHash: null },
    };
    return { facts: noteFacts };
  }
}

/** A short synthetic note: a bed-rest order (deviation) and an ESI with no duration (insufficient data). */
export const SCRIPTED_NOTE = [
  "Chief complaint: low back pain radiating down the left leg.",
  "Exam: positive straight leg raise on the left.",
  "Plan: Strict bed rest for 5 days. Will schedule an epidural steroid injection.",
  "",
].join("\n");
