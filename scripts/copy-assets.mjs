// Makes the built CLI executable. Lexicons and prompts stay at the package root
// (lexicon/, prompts/) and are read relative to the module, so nothing is copied.
import { chmodSync, existsSync } from "node:fs";
const bin = new URL("../dist/cli/index.js", import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
