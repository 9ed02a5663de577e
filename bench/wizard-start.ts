// Issue 4 bar: from starting the wizard to the picker's first frame ≤ 300 ms (median, this machine). The CLI gets a
// real pty from `script`, sized with `stty`, and the clock stops at the first stdout bytes that show an endpoint
// path. Needs `npm run build` first. Run: node --experimental-strip-types bench/wizard-start.ts   (RUNS=21)
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quote } from 'shell-quote';
import { median, report, timeCommand, timesFloor } from './support.ts';

const runs = Number(process.env.RUNS ?? 15);
const repo = join(import.meta.dirname, '..');
// CLI=path/to/cli.js measures another build (e.g. a copy of dist/ from before a change).
const cli = resolve(process.env.CLI ?? join(repo, 'dist', 'cli.js'));
const BAR_MS = 300;
const TIMEOUT_MS = 10_000;

/**
 * Milliseconds from spawning `command` in a 120×36 pty until its output contains `marker`. Then it presses `q` and
 * waits for the process to end, so the next sample starts on an idle machine: killing `script` instead leaves the
 * wizard (in the pty's own session) finishing its background loading while the next sample starts, which measured
 * ~60 ms slower.
 */
function timeToScreen(
  command: readonly string[],
  marker: string,
  cwd: string,
  env: Record<string, string>,
): Promise<number> {
  const shell = `stty cols 120 rows 36 2>/dev/null; exec ${quote(command)}`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', shell, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, TERM: 'xterm-256color', ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
    });
    let out = '';
    let ms: number | undefined;
    // The `q` can meet a pty that already closed (a slow machine, a crash): that is the sample's end, not an error.
    child.stdin.on('error', () => undefined);
    const kill = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill();
      if (ms === undefined) reject(new Error(`no "${marker}" within ${TIMEOUT_MS} ms; output:\n${out}`));
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      out += data;
      if (ms === undefined && out.includes(marker)) {
        ms = performance.now() - t0;
        child.stdin.write('q');
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (ms !== undefined) resolve(ms);
      else reject(new Error(`exited before "${marker}"; output:\n${out}`));
    });
    child.on('error', reject);
  });
}

/** The floors of this run: `node -e 0` as a plain process, and node printing the marker through the same pty. */
const floors = { node: 0, pty: 0 };

async function sample(
  name: string,
  command: readonly string[],
  marker: string,
  cwd: string,
  env: Record<string, string>,
  bar: number | undefined,
): Promise<number> {
  await timeToScreen(command, marker, cwd, env);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeToScreen(command, marker, cwd, env));
  const sorted = [...times].sort((a, b) => a - b);
  const ms = median(times);
  const ratios =
    floors.pty === 0 ? [] : [timesFloor(ms, floors.node), timesFloor(ms, floors.pty, 'pty floor')];
  const ok = report(
    name,
    ms,
    bar,
    [...ratios, `min ${sorted[0]?.toFixed(0)} · max ${sorted[sorted.length - 1]?.toFixed(0)} ms`].join(' · '),
  );
  if (!ok) failed = true;
  return ms;
}

let failed = false;

const project = mkdtempSync(join(tmpdir(), 'ep-bench-wizard-'));
cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
const node = process.execPath;
const picker = '/api/flashcards';
try {
  console.log(`node ${process.version}, ${runs} runs each after a warm-up, 120×36 pty via script(1)\n`);
  floors.node = median(timeCommand(node, ['-e', '0'], runs));
  report('node -e 0 (floor)', floors.node, undefined);
  floors.pty = await sample(
    'pty floor: node prints one line',
    [node, '-e', 'console.log("/api/flashcards")'],
    picker,
    project,
    {},
    undefined,
  );
  await sample('wizard --offline → picker', [node, cli, '--offline'], picker, project, {}, BAR_MS);
  await sample(
    'wizard, model configured → picker',
    [node, cli, '--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4.1-mini'],
    picker,
    project,
    { OPENAI_API_KEY: 'sk-bench' },
    BAR_MS,
  );
  await sample(
    'wizard, no model → choose-engine screen',
    [node, cli],
    'No model is configured',
    project,
    {},
    BAR_MS,
  );
} finally {
  rmSync(project, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
