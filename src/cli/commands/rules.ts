import type { Command } from "commander";
import { Option } from "commander";
import { loadConfig } from "../../config/load.js";
import { resolveRules } from "../../config/schema.js";
import { lumbosacralRadiculopathy } from "../../rules/packs/lumbosacral-radiculopathy/index.js";
import type { CliIO } from "../io.js";
import type { ExitHolder } from "../run.js";

export function registerRules(program: Command, io: CliIO, _exit: ExitHolder): void {
  program
    .command("rules")
    .description("list the rules of the pack with their severity (after config) and citation")
    .option("-c, --config <file>", "config file (default: chartcheck.config.json if present)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((opts: { config?: string; format: "text" | "json" }) => {
      const pack = lumbosacralRadiculopathy;
      const { config } = loadConfig(opts.config, io.cwd);
      const resolved = new Map(resolveRules(pack, config.rules).map((r) => [r.rule.meta.id, r]));
      const rows = pack.rules.map((r) => ({
        id: r.meta.id,
        severity: resolved.get(r.meta.id)?.severity ?? "off",
        defaultSeverity: r.meta.defaultSeverity,
        description: r.meta.description,
        noteTypes: r.meta.noteTypes ?? ["evaluation", "procedure"],
        citation: r.meta.citation,
        options: resolved.get(r.meta.id)?.options ?? null,
      }));
      if (opts.format === "json") {
        io.stdout.write(`${JSON.stringify({ pack: { id: pack.id, version: pack.version, source: pack.source }, rules: rows }, null, 2)}\n`);
        return;
      }
      io.stdout.write(`${pack.id} ${pack.version} (source: ${pack.source})\n\n`);
      for (const r of rows) {
        io.stdout.write(`${r.id.padEnd(32)} ${r.severity.padEnd(8)} ${r.description}\n${" ".repeat(42)}"${r.citation.quote}"\n`);
      }
    });
}
