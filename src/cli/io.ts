import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ChartcheckError, errorMessage } from "../common/errors.js";
/** Everything the CLI touches of the process, injectable for tests. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  readStdin(): Promise<Uint8Array>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdin is a terminal (no piped input). */
  stdinIsTTY?: boolean;
}

export async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks);
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org) or FORCE_COLOR forces it. */
export function useColor(stream: OutStream, env: CliIO["env"]): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY);
}

/** Writes a whole text report to `--output` (relative to the CLI's folder), or to stdout when none. */
export async function writeTextOutput(io: CliIO, output: string | undefined, text: string): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, output), text, "utf8");
  } catch (err) {
    throw new ChartcheckError("USAGE", `cannot write ${output}: ${errorMessage(err)}`);
  }
}
