import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditNote, createAuditor } from "../../src/audit.js";
import { ChartcheckError } from "../../src/common/errors.js";
import { lumbosacralRadiculopathy } from "../../src/rules/packs/lumbosacral-radiculopathy/index.js";
import { noteToJson } from "../../src/report/formatters/jsonl.js";
import { CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, isLoopbackHost, startServer, type RunningServer } from "../../src/server/index.js";
import { SCRIPTED_NOTE, ScriptedExtractor, postJson, rawRequest } from "./helpers.js";

const RULE_COUNT = lumbosacralRadiculopathy.rules.length;

describe("review server (scripted extractor)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, auditorOptions: { extractor: new ScriptedExtractor() } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("binds to 127.0.0.1 on the port the OS picked", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it("serves the page with the strict security headers", async () => {
    const res = await rawRequest(server.url);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.body).toContain('<textarea id="note"');
    expect(res.body).toContain('src="/app.js"');
    // No third-party origin anywhere in the page.
    expect(res.body).not.toMatch(/https?:\/\//);
  });

  it("serves the script, stylesheet and icon with their types", async () => {
    for (const [path, type] of [
      ["/app.js", "text/javascript; charset=utf-8"],
      ["/style.css", "text/css; charset=utf-8"],
      ["/favicon.svg", "image/svg+xml"],
    ] as const) {
      const res = await rawRequest(server.url, { path });
      expect(res.status, path).toBe(200);
      expect(res.headers["content-type"], path).toBe(type);
      expect(res.headers["content-security-policy"], path).toBe(CONTENT_SECURITY_POLICY);
    }
    const js = await rawRequest(server.url, { path: "/app.js" });
    expect(js.body).not.toContain("innerHTML");
    expect(js.body).not.toMatch(/https?:\/\//);
  });

  it("POST /api/audit answers with one JSONL line's object", async () => {
    const res = await postJson(server.url, { text: SCRIPTED_NOTE, date: "2026-11-20" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    const body = res.json();
    expect(Object.keys(body)).toEqual(["noteId", "encounterDate", "facts", "results", "run"]);
    expect(body.noteId).toBe("pasted-note");
    expect(body.encounterDate).toBe("2026-11-20");
    expect(body.results).toHaveLength(RULE_COUNT);
    expect(body.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(lumbosacralRadiculopathy.rules.map((r) => r.meta.id));
    for (const r of body.results) {
      expect(Object.keys(r)).toEqual(["ruleId", "outcome", "severity", "message", "evidence"]);
      for (const e of r.evidence) expect(SCRIPTED_NOTE.slice(e.start, e.end)).toBe(e.text);
    }
    const bedRest = body.results.find((r: { ruleId: string }) => r.ruleId === "no-bed-rest");
    expect(bedRest.outcome).toBe("deviation");
    expect(bedRest.evidence.map((e: { text: string }) => e.text).join(" ")).toContain("Strict bed rest for 5 days.");
    const esi = body.results.find((r: { ruleId: string }) => r.ruleId === "esi-after-conservative-care");
    expect(esi.outcome).toBe("insufficient_data");
    expect(esi.message.toLowerCase()).toContain("duration not documented");
  });

  it("date null (or absent) leaves the encounter date to the note", async () => {
    const a = (await postJson(server.url, { text: SCRIPTED_NOTE, date: null })).json();
    const b = (await postJson(server.url, { text: SCRIPTED_NOTE })).json();
    expect(a.encounterDate).toBeNull();
    expect(b).toEqual(a);
  });

  it("is deterministic: the same request gives byte-identical answers", async () => {
    const a = await postJson(server.url, { text: SCRIPTED_NOTE, date: "2026-11-20" });
    const b = await postJson(server.url, { text: SCRIPTED_NOTE, date: "2026-11-20" });
    expect(a.body).toBe(b.body);
  });

  it("GET /api/rules lists the pack's rules with citations", async () => {
    const res = await rawRequest(server.url, { path: "/api/rules" });
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body.pack.id).toBe(lumbosacralRadiculopathy.id);
    expect(body.rules).toHaveLength(RULE_COUNT);
    const bedRest = body.rules.find((r: { id: string }) => r.id === "no-bed-rest");
    expect(bedRest.citation.quote).toBe("Do not prescribe complete bed rest, as remaining active is more effective");
    expect(bedRest.severity).toBe("warning");
    expect(body.run.extractor).toBe("lexicon");
  });

  it.each([
    ["invalid JSON", "{not json", /not valid JSON/],
    ["a JSON array", "[1,2]", /JSON object/],
    ["missing text", JSON.stringify({ date: null }), /missing "text"/],
    ["text not a string", JSON.stringify({ text: 42 }), /missing "text"/],
    ["empty text", JSON.stringify({ text: "  \n " }), /empty/],
    ["a bad date", JSON.stringify({ text: "back pain", date: "20/11/2026" }), /YYYY-MM-DD/],
    ["an impossible date", JSON.stringify({ text: "back pain", date: "2026-02-30" }), /YYYY-MM-DD/],
    ["a NUL character", JSON.stringify({ text: "back\u0000pain" }), /binary/],
  ])("400 with a JSON error for %s", async (_name, body, message) => {
    const res = await postJson(server.url, body);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.json().error.message).toMatch(message);
  });

  it("400 for a body that is not UTF-8", async () => {
    const res = await postJson(server.url, Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x7d]) as unknown as string);
    expect(res.status).toBe(400);
  });

  it("400 error messages never echo the note text", async () => {
    const res = await postJson(server.url, JSON.stringify({ text: "SECRET-PATIENT-WORDS", date: "not-a-date" }));
    expect(res.status).toBe(400);
    expect(res.body).not.toContain("SECRET-PATIENT-WORDS");
  });

  it("415 for a content type other than JSON", async () => {
    const res = await rawRequest(server.url, { method: "POST", path: "/api/audit", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ text: "x" }) });
    expect(res.status).toBe(415);
    expect(res.json().error.status).toBe(415);
    const none = await rawRequest(server.url, { method: "POST", path: "/api/audit", body: JSON.stringify({ text: "x" }) });
    expect(none.status).toBe(415);
  });

  it("accepts application/json with a charset parameter", async () => {
    const res = await postJson(server.url, { text: SCRIPTED_NOTE }, { "Content-Type": "application/json; charset=utf-8" });
    expect(res.status).toBe(200);
  });

  it("413 for a body above 1 MB, from the declared length or the bytes received", async () => {
    const big = JSON.stringify({ text: "a".repeat(MAX_BODY_BYTES) });
    const res = await postJson(server.url, big);
    expect(res.status).toBe(413);
    expect(res.json().error.message).toMatch(/larger than/);
    // Chunked (no Content-Length): the limit is enforced while reading.
    const chunked = await rawRequest(server.url, {
      method: "POST",
      path: "/api/audit",
      headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      body: big,
    });
    expect(chunked.status).toBe(413);
    // Just under the limit is accepted.
    const ok = await postJson(server.url, JSON.stringify({ text: `back pain ${"a".repeat(MAX_BODY_BYTES - 40)}` }));
    expect(ok.status).toBe(200);
  });

  it("404 for unknown paths, including traversal attempts (only listed files are served)", async () => {
    for (const path of ["/etc/passwd", "/package.json", "/web/index.html", "/%2e%2e/package.json", "/api", "/api/audit/x"]) {
      const res = await rawRequest(server.url, { path });
      expect(res.status, path).toBe(404);
      expect(res.json().error.status, path).toBe(404);
    }
  });

  it("405 for a wrong method, with Allow", async () => {
    const getAudit = await rawRequest(server.url, { path: "/api/audit" });
    expect(getAudit.status).toBe(405);
    expect(getAudit.headers.allow).toBe("POST");
    const postRules = await rawRequest(server.url, { method: "POST", path: "/api/rules", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(postRules.status).toBe(405);
    const deletePage = await rawRequest(server.url, { method: "DELETE", path: "/" });
    expect(deletePage.status).toBe(405);
    // CORS preflight is not answered with CORS headers: other sites cannot post notes here.
    const preflight = await rawRequest(server.url, { method: "OPTIONS", path: "/api/audit", headers: { Origin: "https://evil.example" } });
    expect(preflight.status).toBe(405);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("403 for a Host header that is not loopback (DNS rebinding)", async () => {
    const res = await rawRequest(server.url, { headers: { Host: "evil.example:8787" } });
    expect(res.status).toBe(403);
    const ok = await rawRequest(server.url, { headers: { Host: `localhost:${server.port}` } });
    expect(ok.status).toBe(200);
  });
});

describe("review server (default lexicon extractor)", () => {
  it("answers exactly what the library gives for the same note", async () => {
    const server = await startServer({ port: 0 });
    try {
      const text = "Date of service: 11/20/2026\nLow back pain radiating to the left leg for 2 weeks.\nPlan: ibuprofen, stay active. Bed rest is not recommended.\n";
      const res = await postJson(server.url, { text, date: null });
      expect(res.status).toBe(200);
      const expected = noteToJson(await auditNote(createAuditor(), { id: "pasted-note", text }));
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await server.close();
    }
  });
});

describe("loopback only", () => {
  it("recognises loopback hosts", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "localhost.evil.com", "128.0.0.1"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("refuses a non-loopback host with an explanation", async () => {
    for (const host of ["0.0.0.0", "192.168.1.10", "::"]) {
      const err = await startServer({ host, port: 0 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, host).toBeInstanceOf(ChartcheckError);
      expect((err as ChartcheckError).code).toBe("USAGE");
      expect((err as Error).message).toMatch(/this computer only/);
    }
  });

  it("close() is idempotent and frees the port", async () => {
    const server = await startServer({ port: 0 });
    await server.close();
    await server.close();
    await expect(rawRequest(server.url)).rejects.toThrow();
  });
});
