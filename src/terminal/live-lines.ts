/**
 * A few lines redrawn in place at the bottom of a terminal (the live progress of `generate`), with finished
 * lines printed above them for good. Redraws are throttled: per-chunk updates only mark the view dirty.
 */
export type LiveLines = {
  /** Prints a finished line above the live region. */
  log(line: string): void;
  /** Replaces the live lines (drawn at the next tick). */
  set(lines: readonly string[]): void;
  /** Clears the live region and stops redrawing. */
  stop(): void;
};

const CLEAR_LINE = '\u001b[2K';
const UP = (n: number): string => (n > 0 ? `\u001b[${n}A` : '');

/** Live lines on a TTY; `write` is the terminal's stdout writer. */
export function createLiveLines(write: (text: string) => void, columns: number, intervalMs = 100): LiveLines {
  let drawn = 0;
  let lines: readonly string[] = [];
  let dirty = false;
  const clip = (line: string): string =>
    line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
  const erase = (): string => `${UP(drawn)}\r${`${CLEAR_LINE}\n`.repeat(drawn)}${UP(drawn)}\r`;
  const draw = (): void => {
    if (!dirty) return;
    dirty = false;
    write(`${erase()}${lines.map((l) => `${CLEAR_LINE}${clip(l)}\n`).join('')}`);
    drawn = lines.length;
  };
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    log(line) {
      write(`${erase()}${line}\n`);
      drawn = 0;
      dirty = true;
      draw();
    },
    set(next) {
      lines = next;
      dirty = true;
    },
    stop() {
      clearInterval(timer);
      write(erase());
      drawn = 0;
    },
  };
}
