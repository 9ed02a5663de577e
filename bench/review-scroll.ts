// Issue 14 figure: review at reading speed. The wizard reviews a 400-line plan at 80x24; each sample is one scroll
// key (↓, ↑, Space, PgDn, PgUp, End, Home) and the time from the key reaching the wizard's input to the frame it
// causes being written. The wizard runs in its own process (review-scroll-app.ts, bundled here with esbuild, React
// in production mode as the CLI ships it) on the test rig's fake terminal, so the terminal emulator's and tmux's
// own delays are not counted. Bar: p95 ≤ 50 ms.
// Run: node --experimental-strip-types bench/review-scroll.ts   (SAMPLES=200)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { median } from './support.ts';

const BAR_MS = 50;
const repo = join(import.meta.dirname, '..');
const outdir = join(repo, 'node_modules', '.cache', 'ep-bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'review-scroll-app.mjs');
await build({
  entryPoints: [join(import.meta.dirname, 'review-scroll-app.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile], {
  cwd: repo,
  encoding: 'utf8',
  env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' },
});
if (run.status !== 0) throw new Error(`the review bench failed (${run.status}): ${run.stderr}`);
const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
  lines: number;
  samples: number[];
  missed: number;
};
const sorted = [...result.samples].sort((a, b) => a - b);
const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
const ok = p95 <= BAR_MS && result.missed === 0;
console.log(
  `node ${process.version}; plan of ${result.lines} lines at 80x24; ${sorted.length} keypresses (${result.missed} without a frame)`,
);
console.log(
  `scroll keypress → frame written: median ${median(sorted).toFixed(1)} ms · p95 ${p95.toFixed(1)} ms (bar ≤ ${BAR_MS} ms: ${ok ? 'ok' : 'MISSED'}) · max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms`,
);
process.exit(ok ? 0 : 1);
