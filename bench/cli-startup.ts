// Issue 2 bars: `--version` ≤ 120 ms; `list --json` on a generated 1,000-endpoint plan ≤ 300 ms (medians, whole
// process, this machine). Each figure is also printed as a ratio to `node -e 0` measured in the same run, which
// compares across machines and busy moments. Needs `npm run build` first.
// Run: node --experimental-strip-types bench/cli-startup.ts   (CLI=path/to/cli.js measures another build)
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateApiPlan } from './parse-scaling.ts';
import { median, report, timeCommand, timesFloor } from './support.ts';

const runs = Number(process.env.RUNS ?? 15);
const cli = resolve(process.env.CLI ?? join(import.meta.dirname, '..', 'dist', 'cli.js'));
const node = process.execPath;

console.log(`node ${process.version}, ${runs} runs each after a warm-up\n`);
const floor = median(timeCommand(node, ['-e', '0'], runs));
report('node -e 0 (floor)', floor, undefined);
const version = median(timeCommand(node, [cli, '--version'], runs));
report('endpoint-planner --version', version, 120, timesFloor(version, floor));
const help = median(timeCommand(node, [cli, '--help'], runs));
report('endpoint-planner --help', help, 120, timesFloor(help, floor));

const project = mkdtempSync(join(tmpdir(), 'ep-bench-'));
try {
  mkdirSync(join(project, '.ai'), { recursive: true });
  writeFileSync(join(project, '.ai', 'api-plan.md'), generateApiPlan(1000));
  const list = median(timeCommand(node, [cli, 'list', '--json'], runs, project));
  report('list --json, 1,000 endpoints', list, 300, timesFloor(list, floor));
} finally {
  rmSync(project, { recursive: true, force: true });
}

// Issue 14: stale plans cost `list` nothing noticeable. Plans saved with a fingerprint are checked against the
// facts cache (the other docs read as plain text, not parsed); only a docs change parses them, once.
const example = mkdtempSync(join(tmpdir(), 'ep-bench-stale-'));
try {
  cpSync(join(import.meta.dirname, '..', 'examples', 'flashcards'), example, { recursive: true });
  const plain = median(timeCommand(node, [cli, 'list', '--json'], runs, example));
  report('list --json, example, no plans', plain, undefined, timesFloor(plain, floor));
  spawnSync(node, [cli, 'generate', '--all', '--offline', '--yes'], {
    cwd: example,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const planned = median(timeCommand(node, [cli, 'list', '--json'], runs, example));
  report(
    'list --json, example, 10 fingerprinted plans',
    planned,
    undefined,
    `${timesFloor(planned, floor)}; ${planned >= plain ? '+' : '−'}${Math.abs(planned - plain).toFixed(1)} ms against no plans`,
  );
  const misses: number[] = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    appendFileSync(join(example, '.ai', 'db-plan.md'), `\nA note ${i}.\n`);
    const started = performance.now();
    spawnSync(node, [cli, 'list', '--json'], { cwd: example, env: { ...process.env, NO_COLOR: '1' } });
    misses.push(performance.now() - started);
  }
  report(
    'list --json, right after a docs change (once)',
    median(misses),
    undefined,
    timesFloor(median(misses), floor),
  );
} finally {
  rmSync(example, { recursive: true, force: true });
}
