/**
 * `chartcheck serve`: the local review page (src/server/). Prints the URL and
 * runs until SIGINT or SIGTERM, then closes cleanly (exit 0).
 */
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { EXIT } from "../../common/errors.js";
import { loadConfig } from "../../config/load.js";
import { createExtractor, type ExtractorName } from "../../extract/index.js";
import { startServer } from "../../server/index.js";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export interface ServeCliOptions {
  port: number;
  host: string;
  config?: string;
  extractor?: ExtractorName;
  model?: string;
}

function portArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number 0-65535");
  return n;
}

export function registerServe(program: Command, io: CliIO, exit: ExitHolder): void {
  program
    .command("serve")
    .description("local web page: paste a note, see which recommendations it meets or misses (this computer only)")
    .option("--port <port>", "port (0 picks a free one)", portArg, 8787)
    .option("--host <host>", "loopback address to bind: 127.0.0.1, ::1 or localhost", "127.0.0.1")
    .option("-c, --config <file>", "config file (default: chartcheck.config.json if present)")
    .addOption(new Option("--extractor <name>", "fact extractor (default: lexicon, offline)").choices(["lexicon", "llm", "hybrid"]))
    .option("--model <model>", "LLM model name (llm/hybrid extractors)")
    .action(async (opts: ServeCliOptions) => {
      exit.code = await serveCommand(opts, io);
    });
}

/** `stopped` resolves on the first SIGINT or SIGTERM; `dispose` removes the listeners. */
function onStopSignal(): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let on: (sig: NodeJS.Signals) => void = () => {};
  const dispose = () => {
    process.off("SIGINT", on);
    process.off("SIGTERM", on);
  };
  const stopped = new Promise<NodeJS.Signals>((resolveSignal) => {
    on = (sig) => {
      dispose();
      resolveSignal(sig);
    };
  });
  process.on("SIGINT", on);
  process.on("SIGTERM", on);
  return { stopped, dispose };
}

export async function serveCommand(opts: ServeCliOptions, io: CliIO): Promise<number> {
  const { config } = loadConfig(opts.config, io.cwd);
  const extractorName = opts.extractor ?? config.extractor ?? "lexicon";
  const extractor = createExtractor({
    extractor: extractorName,
    ...(opts.model ? { model: opts.model } : {}),
    config,
    env: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  // Listen for signals before the URL is printed, so a prompt Ctrl-C is never missed.
  const stop = onStopSignal();
  try {
    const server = await startServer({ host: opts.host, port: opts.port, auditorOptions: { config, extractor } });
    io.stdout.write(`chartcheck: review page at ${server.url}\n`);
    io.stderr.write(
      extractorName === "lexicon"
        ? "chartcheck: notes stay on this computer (lexicon extractor); nothing is stored. Press Ctrl-C to stop.\n"
        : `chartcheck: the ${extractorName} extractor sends note text to the configured LLM endpoint; nothing is stored. Press Ctrl-C to stop.\n`,
    );
    const sig = await stop.stopped;
    io.stderr.write(`chartcheck: ${sig} received, stopping\n`);
    await server.close();
    return EXIT.OK;
  } finally {
    stop.dispose();
    await extractor.close?.();
  }
}
