import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryable, retryAfterMs, withRetries, type RetryPolicy } from "../../src/extract/llm/retry.js";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { message: "x" }, "x", new Headers(headers));

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 5000 };

describe("retry policy", () => {
  it("retries 408, 409, 429, 5xx and connection errors; not 400/401/404 or aborts", () => {
    for (const s of [408, 409, 429, 500, 502, 503]) expect(isRetryable(apiError(s)), String(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(isRetryable(apiError(s)), String(s)).toBe(false);
    expect(isRetryable(new OpenAI.APIConnectionError({ message: "reset" }))).toBe(true);
    expect(isRetryable(new OpenAI.APIConnectionTimeoutError())).toBe(true);
    expect(isRetryable(new OpenAI.APIUserAbortError())).toBe(false);
    expect(isRetryable(new SyntaxError("x"))).toBe(false);
  });

  it("reads retry-after-ms first, then Retry-After seconds or HTTP date", () => {
    expect(retryAfterMs(apiError(429, { "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(retryAfterMs(apiError(429, { "retry-after": "2" }))).toBe(2000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(apiError(503, { "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
    expect(retryAfterMs(apiError(503))).toBeNull();
    expect(retryAfterMs(apiError(503, { "retry-after": "soon" }))).toBeNull();
  });

  it("caps server hints; otherwise jittered exponential backoff up to maxDelayMs", () => {
    expect(backoffDelay(apiError(429, { "retry-after": "3600" }), 1, policy)).toBe(5000);
    expect(backoffDelay(apiError(500), 1, policy, () => 1)).toBe(100);
    expect(backoffDelay(apiError(500), 1, policy, () => 0)).toBe(75);
    expect(backoffDelay(apiError(500), 3, policy, () => 1)).toBe(400);
    expect(backoffDelay(apiError(500), 10, policy, () => 1)).toBe(1000);
  });

  it("stops after maxAttempts and rethrows the last error", async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw apiError(503, { "retry-after-ms": "0" });
        },
        policy,
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(4);
  });

  it("does not retry a final error", async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw apiError(400);
      }, policy),
    ).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(1);
  });

  it("an abort interrupts the backoff sleep", async () => {
    const ac = new AbortController();
    const t0 = performance.now();
    const p = withRetries(
      async () => {
        throw apiError(429, { "retry-after": "30" });
      },
      policy,
      { signal: ac.signal },
    );
    setTimeout(() => ac.abort(new Error("stop")), 20);
    await expect(p).rejects.toThrow("stop");
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("failure descriptions", () => {
  it("name the status and the API's code/param, never the free-text message", async () => {
    const { describeFailure } = await import("../../src/extract/llm/retry.js");
    const err = OpenAI.APIError.generate(
      400,
      { error: { message: "note text echoed: patient has sciatica", code: "unsupported_value", param: "temperature" } },
      undefined,
      new Headers(),
    );
    expect(describeFailure(err)).toBe("HTTP 400: unsupported_value, param temperature");
    const weird = OpenAI.APIError.generate(400, { error: { message: "m", code: "has spaces in it", param: null } }, undefined, new Headers());
    expect(describeFailure(weird)).toBe("HTTP 400");
    expect(describeFailure(new OpenAI.APIConnectionTimeoutError())).toBe("request timed out");
  });
});
