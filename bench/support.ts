// Shared helpers for the benchmarks: timing whole processes and printing medians.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
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

/** A start-up figure relative to the floor measured in the same run, which the machine's drift moves alike. */
export function timesFloor(ms: number, floorMs: number, floorName = 'node -e 0'): string {
  return `${(ms / floorMs).toFixed(2)}× ${floorName}`;
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

/** The fake OpenAI server running as its own process, so a benchmark measures the CLI alone. */
export type FakeProcess = { readonly baseURL: string; readonly child: ChildProcess };

/**
 * Starts `test/support/fake-openai-cli.ts` with `args` (e.g. `--module FILE`) and `env`, and resolves once it has
 * printed its `{"baseURL": …}` line.
 */
export function startFakeProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<FakeProcess> {
  const cli = join(import.meta.dirname, '..', 'test', 'support', 'fake-openai-cli.ts');
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (data: string) => {
      out += data;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        resolve({ baseURL: (JSON.parse(line) as { baseURL: string }).baseURL, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`the fake server exited (${code}) before it was ready`)));
  });
}
