// Shared helpers for the benchmarks: timing whole processes and printing medians.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs a command `runs` times (after one warm-up) and returns the wall times in ms. */
export function timeCommand(command: string, args: readonly string[], runs: number, cwd?: string): number[] {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const result = spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const ms = performance.now() - t0;
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
    if (i > 0) times.push(ms);
  }
  return times;
}

/** One result line: name, median, the bar, and whether it holds. */
export function report(name: string, medianMs: number, barMs: number | undefined, extra = ''): boolean {
  const ok = barMs === undefined || medianMs <= barMs;
  const bar = barMs === undefined ? '' : ` (bar ≤ ${barMs} ms: ${ok ? 'ok' : 'MISSED'})`;
  console.log(
    `${name.padEnd(44)} median ${medianMs.toFixed(1).padStart(7)} ms${bar}${extra ? `  ${extra}` : ''}`,
  );
  return ok;
}
