/** `chartcheck serve` through run(): prints the URL, serves, stops cleanly on SIGINT/SIGTERM. */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fakeIO } from "../check/helpers.js";
import { postJson, rawRequest } from "./helpers.js";

async function waitFor<T>(probe: () => T | null | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("chartcheck serve", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`prints the URL, serves the page and the API, and exits 0 on ${signal}`, async () => {
      const before = new Set(process.listeners(signal));
      const io = fakeIO("");
      const exit = run(["serve", "--port", "0"], io);
      const url = await waitFor(() => /review page at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1]);
      expect((await rawRequest(url)).status).toBe(200);
      const secret = "UNIQUE-NOTE-WORDS-7f3a low back pain";
      expect((await postJson(url, { text: secret, date: null })).status).toBe(200);
      // Our stop handler is registered; call it as the signal would.
      const ours = process.listeners(signal).filter((l) => !before.has(l));
      expect(ours).toHaveLength(1);
      (ours[0] as (s: string) => void)(signal);
      expect(await exit).toBe(0);
      expect(io.err()).toContain(`${signal} received, stopping`);
      // Handlers removed, port closed, and the note was never logged.
      expect(process.listeners(signal).filter((l) => !before.has(l))).toHaveLength(0);
      await expect(rawRequest(url)).rejects.toThrow();
      expect(io.out() + io.err()).not.toContain("UNIQUE-NOTE-WORDS");
    });
  }

  it("refuses a non-loopback --host with exit 2 and an explanation", async () => {
    const before = process.listenerCount("SIGINT");
    const io = fakeIO("");
    expect(await run(["serve", "--host", "0.0.0.0", "--port", "0"], io)).toBe(2);
    expect(io.err()).toMatch(/refusing to listen on 0\.0\.0\.0: .*this computer only/);
    expect(io.out()).toBe("");
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("rejects a bad --port with exit 2", async () => {
    const io = fakeIO("");
    expect(await run(["serve", "--port", "http"], io)).toBe(2);
    expect(io.err()).toMatch(/port number/);
  });

  it("a port in use is exit 2 naming the port", async () => {
    const { startServer } = await import("../../src/server/index.js");
    const first = await startServer({ port: 0 });
    try {
      const io = fakeIO("");
      expect(await run(["serve", "--port", String(first.port)], io)).toBe(2);
      expect(io.err()).toContain(`port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.close();
    }
  });
});
