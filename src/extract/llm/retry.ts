/**
 * Our own retry policy for LLM requests (the SDK client is created with
 * maxRetries: 0, because openai 6.x sleeps for any Retry-After without a cap
 * and abort does not interrupt that sleep).
 *
 * Retried: 408, 409, 429, 5xx, timeouts and connection errors. The server's
 * retry-after-ms / Retry-After (seconds or HTTP date) is honoured up to a cap;
 * otherwise jittered exponential backoff. At most `maxAttempts` attempts, so a
 * request ends in bounded time: attempts x (timeout + cap).
 */
import OpenAI from "openai";

export interface RetryPolicy {
  /** Total attempts including the first (>= 1). */
  maxAttempts: number;
  /** First backoff delay without a server hint. */
  baseDelayMs: number;
  /** Largest backoff delay without a server hint. */
  maxDelayMs: number;
  /** Largest delay taken from Retry-After / retry-after-ms. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  retryAfterCapMs: 30_000,
};

export function isRetryable(err: unknown): boolean {
  if (err instanceof OpenAI.APIUserAbortError) return false;
  if (err instanceof OpenAI.APIConnectionError) return true; // includes APIConnectionTimeoutError
  if (err instanceof OpenAI.APIError) {
    const s = err.status;
    return s === 408 || s === 409 || s === 429 || (typeof s === "number" && s >= 500);
  }
  return false;
}

/** Server-requested delay in ms, or null when the response names none. */
export function retryAfterMs(err: unknown, now: number = Date.now()): number | null {
  if (!(err instanceof OpenAI.APIError) || !err.headers) return null;
  const ms = err.headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = err.headers.get("retry-after");
  if (ra !== null && ra.trim() !== "") {
    const secs = Number(ra);
    if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
    const date = Date.parse(ra);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return null;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(err: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const hinted = retryAfterMs(err);
  if (hinted !== null) return Math.min(hinted, policy.retryAfterCapMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp * (0.75 + 0.25 * random()));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A short, content-free description of a request failure (status / class only). */
export function describeFailure(err: unknown): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return "request timed out";
  if (err instanceof OpenAI.APIConnectionError) return "connection error";
  if (err instanceof OpenAI.APIError) {
    // The API's machine-readable code / param (e.g. "unsupported_value", "temperature") help fix a
    // rejected request; the free-text message is left out because some servers echo the request.
    const ident = (v: unknown): string | null => (typeof v === "string" && /^[\w.-]{1,60}$/.test(v) ? v : null);
    const extra = [ident(err.code), ident(err.param) ? `param ${err.param}` : null].filter(Boolean);
    return `HTTP ${err.status ?? "error"}${extra.length ? `: ${extra.join(", ")}` : ""}`;
  }
  if (err instanceof Error) return err.name;
  return "error";
}

export interface RetryHooks {
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
}

/** Runs `fn` with the policy; rethrows the last error when attempts run out or the error is final. */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryHooks & { signal?: AbortSignal; random?: () => number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (options.signal?.aborted || attempt >= policy.maxAttempts || !isRetryable(err)) throw err;
      const delayMs = backoffDelay(err, attempt, policy, options.random);
      options.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs, options.signal);
    }
  }
}
