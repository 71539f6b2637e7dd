/**
 * `chartcheck serve`: a local web page to paste one note and see, next to the
 * note's own words, which recommendation each sentence meets or misses.
 *
 * Loopback only. No storage, no logging of note text, no third-party
 * requests: the page's static files are read from `web/` at the package root
 * and served with a strict Content-Security-Policy.
 *
 *   GET  /               the page (web/index.html, app.js, style.css, favicon.svg)
 *   POST /api/audit      {"text": "...", "date": "YYYY-MM-DD" | null} -> one JSONL line's object
 *   GET  /api/rules      the pack's rules with severity (after config) and citation
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isIP } from "node:net";
import { auditNote, createAuditor, type Auditor, type AuditorOptions } from "../audit.js";
import { ChartcheckError, errorMessage } from "../common/errors.js";
import { checkText } from "../ingest/decode.js";
import { noteToJson } from "../report/formatters/jsonl.js";
import { parseDate } from "../text/time.js";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export interface ServerOptions {
  /** Loopback address to bind (default 127.0.0.1). Anything else is refused. */
  host?: string;
  /** Port (default 8787; 0 picks a free one). */
  port?: number;
  auditorOptions?: AuditorOptions;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** True for 127.0.0.0/8, ::1 and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

interface StaticFile {
  file: string;
  type: string;
}

const STATIC: Record<string, StaticFile> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/index.html": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
};

/** The web/ folder at the package root, from src/server/ and dist/server/ alike. */
const WEB_ROOT = new URL("../../web/", import.meta.url);

async function loadStatic(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const { file } of Object.values(STATIC)) {
    if (files.has(file)) continue;
    try {
      files.set(file, await readFile(new URL(file, WEB_ROOT)));
    } catch (err) {
      throw new ChartcheckError("CONFIG", `web page asset web/${file} is missing from the installation (${errorMessage(err)})`);
    }
  }
  return files;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}, head = false): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": type,
    "Content-Length": String(buf.length),
    ...extra,
  });
  res.end(head ? undefined : buf);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, `${JSON.stringify(value)}\n`, "application/json; charset=utf-8", { "Cache-Control": "no-store", ...extra });
}

/** Reads the body up to `limit` bytes; rejects with 413 beyond it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HttpError(413, `request body is larger than ${limit} bytes`));
  }
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        reject(new HttpError(413, `request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!done) {
        done = true;
        resolvePromise(Buffer.concat(chunks));
      }
    });
    req.on("error", (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Validates the /api/audit request; throws HttpError(400) naming the problem (never the content). */
export function parseAuditRequest(body: Buffer): { text: string; date: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(body));
  } catch {
    throw new HttpError(400, "request body is not valid JSON (UTF-8)");
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new HttpError(400, 'expected a JSON object {"text": "...", "date": "YYYY-MM-DD" | null}');
  const { text, date } = raw as { text?: unknown; date?: unknown };
  if (typeof text !== "string") throw new HttpError(400, 'missing "text": the note to audit, as a string');
  try {
    checkText(text);
  } catch (err) {
    throw new HttpError(400, errorMessage(err));
  }
  if (text.includes("\u0000")) throw new HttpError(400, "note looks binary (contains NUL characters), not text");
  let iso: string | null = null;
  if (date !== undefined && date !== null && date !== "") {
    iso = typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseDate(date) : null;
    if (!iso) throw new HttpError(400, '"date" must be a date as YYYY-MM-DD, or null');
  }
  return { text, date: iso };
}

function rulesPayload(auditor: Auditor): unknown {
  const resolved = new Map(auditor.rules.map((r) => [r.rule.meta.id, r]));
  return {
    pack: { id: auditor.pack.id, version: auditor.pack.version, source: auditor.pack.source },
    run: auditor.run,
    rules: auditor.pack.rules.map((r) => ({
      id: r.meta.id,
      severity: resolved.get(r.meta.id)?.severity ?? "off",
      defaultSeverity: r.meta.defaultSeverity,
      description: r.meta.description,
      citation: r.meta.citation,
    })),
  };
}

/** Host header check against DNS rebinding: only loopback names are served. */
function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim());
  return Boolean(m && isLoopbackHost(m[1]!));
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    throw new ChartcheckError(
      "USAGE",
      `refusing to listen on ${host}: chartcheck serve binds to this computer only (127.0.0.1, ::1 or localhost), because notes are patient data and the page has no authentication`,
    );
  }
  const port = options.port ?? 8787;
  const files = await loadStatic();
  const auditor = createAuditor(options.auditorOptions);
  const rulesJson = rulesPayload(auditor);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) throw new HttpError(403, "this server answers only to localhost / 127.0.0.1");
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const method = req.method ?? "GET";
    if (path === "/api/audit") {
      if (method !== "POST") throw new HttpError(405, "use POST", { Allow: "POST" });
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/json") throw new HttpError(415, "send the note as application/json");
      const body = await readBody(req, MAX_BODY_BYTES);
      const { text, date } = parseAuditRequest(body);
      const id = "pasted-note";
      let report;
      try {
        report = await auditNote({ ...auditor, date }, { id, text });
      } catch (err) {
        // The message names the problem, never the note's content.
        throw new HttpError(500, `${id}: ${errorMessage(err)}`);
      }
      sendJson(res, 200, noteToJson(report));
      return;
    }
    if (path === "/api/rules") {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "use GET", { Allow: "GET, HEAD" });
      const body = `${JSON.stringify(rulesJson)}\n`;
      send(res, 200, body, "application/json; charset=utf-8", { "Cache-Control": "no-store" }, method === "HEAD");
      return;
    }
    const asset = STATIC[path];
    if (asset) {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "use GET", { Allow: "GET, HEAD" });
      send(res, 200, files.get(asset.file)!, asset.type, { "Cache-Control": "no-cache" }, method === "HEAD");
      return;
    }
    throw new HttpError(404, "not found");
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : "internal error";
      const extra = err instanceof HttpError ? { ...err.headers } : {};
      if (status === 413) {
        // Stop reading the rest of an oversized body; close after answering.
        extra.Connection = "close";
        req.resume();
      }
      if (!res.headersSent) sendJson(res, status, { error: { status, message } }, extra);
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 5 * 60_000;

  await new Promise<void>((resolveListen, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") reject(new ChartcheckError("USAGE", `port ${port} on ${host} is already in use; choose another with --port`));
      else if (err.code === "EADDRNOTAVAIL") reject(new ChartcheckError("USAGE", `cannot listen on ${host}: address not available`));
      else reject(new ChartcheckError("USAGE", `cannot listen on ${host}:${port}: ${err.message}`));
    };
    const onListening = () => {
      server.off("error", onError);
      resolveListen();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${address.port}/`,
    host: address.address,
    port: address.port,
    close() {
      closed ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
