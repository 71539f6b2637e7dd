import type { CliIO } from "../../src/cli/io.js";

export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

/** A CliIO whose stdin holds `stdin` and whose outputs are captured. */
export function fakeIO(stdin: string | Uint8Array, opts: { env?: Record<string, string | undefined>; tty?: boolean; stdinIsTTY?: boolean; cwd?: string } = {}): FakeIO {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    readStdin: async () => (typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    stdinIsTTY: opts.stdinIsTTY ?? false,
    out: () => out,
    err: () => err,
  };
}
