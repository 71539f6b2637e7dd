/**
 * Progress on stderr for long runs: a redrawn bar on a terminal, plain lines
 * every `intervalMs` otherwise. Nothing is shown for runs shorter than
 * `delayMs`. Only counts and rates are printed, never note content.
 * The clock is injectable for tests.
 */
import type { OutStream } from "./io.js";

export interface ProgressOptions {
  stream: OutStream;
  tty: boolean;
  /** Total notes, when known without reading the inputs. */
  totalNotes?: number | null;
  /** Total input bytes (for an ETA when the note count is unknown). */
  totalBytes?: number;
  now?: () => number;
  /** Nothing is shown before this much time has passed (default 2000 ms). */
  delayMs?: number;
  /** Plain-line period (default 5000 ms); the TTY bar redraws at most every 200 ms. */
  intervalMs?: number;
  width?: number;
}

export class Progress {
  private readonly now: () => number;
  private readonly start: number;
  private done = 0;
  private failed = 0;
  private bytes = 0;
  private lastDraw = 0;
  private shown = false;
  private drawnWidth = 0;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
    this.lastDraw = this.start;
  }

  /** Input bytes consumed (for the byte-based ETA). */
  addBytes(n: number): void {
    this.bytes += n;
  }

  /** One note done (audited or failed). */
  tick(failed = false): void {
    this.done++;
    if (failed) this.failed++;
    this.maybeDraw();
  }

  maybeDraw(): void {
    const t = this.now();
    const elapsed = t - this.start;
    if (elapsed < (this.o.delayMs ?? 2000)) return;
    const period = this.o.tty ? 200 : (this.o.intervalMs ?? 5000);
    if (this.shown && t - this.lastDraw < period) return;
    this.lastDraw = t;
    this.shown = true;
    this.draw(elapsed);
  }

  /** The fraction done, from the note count when known, else from bytes. */
  fraction(): number | null {
    if (this.o.totalNotes) return Math.min(1, this.done / this.o.totalNotes);
    if (this.o.totalBytes) return Math.min(1, this.bytes / this.o.totalBytes);
    return null;
  }

  line(elapsedMs: number): string {
    const rate = elapsedMs > 0 ? (this.done * 1000) / elapsedMs : 0;
    const f = this.fraction();
    const total = this.o.totalNotes ? `/${this.o.totalNotes}` : "";
    const pct = f !== null ? ` (${Math.floor(f * 100)}%)` : "";
    const eta = f !== null && f > 0 && f < 1 ? `, ETA ${duration((elapsedMs * (1 - f)) / f)}` : "";
    const failed = this.failed ? `, ${this.failed} failed` : "";
    return `${this.done}${total} notes${pct}, ${Math.round(rate)} notes/s${eta}${failed}`;
  }

  private draw(elapsed: number): void {
    const text = this.line(elapsed);
    if (!this.o.tty) {
      this.o.stream.write(`chartcheck: ${text}\n`);
      return;
    }
    const f = this.fraction();
    const w = this.o.width ?? 24;
    const bar = f === null ? "" : `[${"#".repeat(Math.round(f * w)).padEnd(w, ".")}] `;
    const s = `${bar}${text}`;
    this.o.stream.write(`\r${s.padEnd(this.drawnWidth)}`);
    this.drawnWidth = s.length;
  }

  /** Ends the display: clears the bar, and prints a final line if anything was shown. */
  finish(): void {
    if (!this.shown) return;
    const elapsed = this.now() - this.start;
    if (this.o.tty) this.o.stream.write(`\r${" ".repeat(this.drawnWidth)}\r`);
    const rate = elapsed > 0 ? Math.round((this.done * 1000) / elapsed) : 0;
    this.o.stream.write(`chartcheck: ${this.done} notes in ${duration(elapsed)} (${rate} notes/s)\n`);
  }
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
