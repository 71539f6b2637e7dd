/**
 * Content-addressed on-disk cache of validated model replies.
 * Key = sha256(model, prompt hash, schema hash, output mode, note text), so a
 * changed prompt, schema or model never reuses an old reply. Writes are atomic
 * (temp file + rename): concurrent runs sharing a folder never see half a file.
 * Entries hold the reply content (facts quoted from the note): the folder is
 * as sensitive as the notes themselves.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface CacheEntry {
  /** The model's reply content (JSON text), already validated against the wire schema. */
  content: string;
  usage: { promptTokens: number; completionTokens: number };
}

export function cacheKey(parts: { model: string; promptHash: string; schemaHash: string; mode: string; text: string }): string {
  const h = createHash("sha256");
  for (const p of [parts.model, parts.promptHash, parts.schemaHash, parts.mode, parts.text]) {
    h.update(String(Buffer.byteLength(p)));
    h.update(":");
    h.update(p);
  }
  return h.digest("hex");
}

/** $XDG_CACHE_HOME/chartcheck/llm, else ~/.cache/chartcheck/llm. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && xdg.trim() ? xdg : join(env.HOME && env.HOME.trim() ? env.HOME : homedir(), ".cache");
  return join(base, "chartcheck", "llm");
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  #path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CacheEntry | null> {
    let raw: string;
    try {
      raw = await readFile(this.#path(key), "utf8");
    } catch {
      return null;
    }
    try {
      const v = JSON.parse(raw) as Partial<CacheEntry> & { v?: number };
      if (v.v !== 1 || typeof v.content !== "string") return null;
      const u = v.usage;
      return {
        content: v.content,
        usage: { promptTokens: Number(u?.promptTokens) || 0, completionTokens: Number(u?.completionTokens) || 0 },
      };
    } catch {
      return null; // a damaged entry is a miss; it is overwritten on the next store
    }
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    const path = this.#path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify({ v: 1, ...entry }), { mode: 0o600 });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => {});
      throw err;
    }
  }
}
