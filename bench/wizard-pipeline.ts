// Issue 14 figure: pipelined generation. Five endpoints, a model that takes T per plan (the fake server spreads each
// answer over T ms) and a reviewer that takes R per plan (scripted keys: `s` shortly before R is up, Enter when it
// is, so reading, saving and moving on take R; the last plan counts until its save or R, whichever is later). Wall time from Enter on the picker to the fifth "Saved", with --prefetch 1 and with --prefetch 0, for
// T = R, T = 2R and R = 2T. Bar: with prefetch ≤ 1.1 × (5 × max(T, R) + min(T, R)); without, about 5 × (T + R).
// The built CLI runs in a tmux pane (80x24) against the fake server in its own process. Needs `npm run build`.
// Run: node --experimental-strip-types bench/wizard-pipeline.ts   (UNIT_MS=2000: a unit of seconds keeps the fixed cost of each keypress and save small beside T and R)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { startTerminal } from '../test/support/tmux.ts';
import { startFakeProcess } from './support.ts';

const repo = join(import.meta.dirname, '..');
const cli = process.env.CLI ?? join(repo, 'dist', 'cli.js');
const UNIT = Number(process.env.UNIT_MS ?? 2000);
const ENDPOINTS = 5;
/** How long before the end of R the reviewer presses `s`, so the save falls inside R. */
const SAVE_LEAD_MS = 400;

/** A fake server whose every answer is a valid plan for the endpoint asked, streamed over `modelMs`. */
async function startFake(modelMs: number, dir: string) {
  const module = join(dir, `fake-${modelMs}.ts`);
  writeFileSync(
    module,
    `import { aPlanReply } from ${JSON.stringify(join(repo, 'test', 'support', 'plan-replies.ts'))};\n` +
      `export const script = (request) => aPlanReply(request, { spreadMs: ${modelMs}, chunkSize: 24 });\n`,
  );
  return startFakeProcess(['--module', module]);
}

/** One run: pick five endpoints, review each for `reviewMs`, save it; returns ms from Enter to the last save. */
async function run(baseURL: string, reviewMs: number, prefetch: number): Promise<number> {
  const project = mkdtempSync(join(tmpdir(), 'ep-bench-pipeline-'));
  cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
  const t = startTerminal({
    command: [
      process.execPath,
      cli,
      '--base-url',
      baseURL,
      '--model',
      'gpt-4.1-mini',
      '--prefetch',
      String(prefetch),
    ],
    cwd: project,
    columns: 80,
    rows: 24,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: project,
      TERM: 'screen-256color',
      LANG: 'C.UTF-8',
      OPENAI_API_KEY: 'sk-bench',
    },
  });
  try {
    await t.waitFor((s) => /^10 selected/m.test(s), 20_000, 'the picker');
    t.sendKeys('a');
    await t.waitFor((s) => /^0 selected/m.test(s), 5000, '0 selected');
    for (let i = 1; i <= ENDPOINTS; i++) {
      t.sendKeys('Space');
      await t.waitFor((s) => new RegExp(`^${i} selected`, 'm').test(s), 5000, `${i} selected`);
      t.sendKeys('Down');
      await delay(50);
    }
    const started = performance.now();
    t.sendKeys('Enter');
    for (let i = 1; i <= ENDPOINTS; i++) {
      await t.waitFor((s) => s.includes(`Review ${i} of ${ENDPOINTS}`), 60_000, `review ${i}`);
      // The reviewer's R per plan covers reading it, saving it and going on: `s` a little before R is up, Enter at R.
      const shown = performance.now();
      await delay(Math.max(0, reviewMs - SAVE_LEAD_MS));
      t.sendKeys('s');
      await t.waitFor((s) => s.includes(`Saved 00${i}-`), 10_000, `save ${i}`);
      await delay(Math.max(0, shown + reviewMs - performance.now()));
      if (i === ENDPOINTS) return performance.now() - started;
      t.sendKeys('Enter');
    }
    return Number.NaN;
  } finally {
    t.kill();
    rmSync(project, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ep-bench-fake-'));
const cases = [
  { name: 'T = R', modelMs: UNIT, reviewMs: UNIT },
  { name: 'T = 2R', modelMs: 2 * UNIT, reviewMs: UNIT },
  { name: 'R = 2T', modelMs: UNIT, reviewMs: 2 * UNIT },
];
console.log(
  `node ${process.version}; ${ENDPOINTS} endpoints; unit ${UNIT} ms; wall time from Enter to the last save\n`,
);
let failed = 0;
try {
  for (const c of cases) {
    const fake = await startFake(c.modelMs, dir);
    try {
      const withPrefetch = await run(fake.baseURL, c.reviewMs, 1);
      const without = await run(fake.baseURL, c.reviewMs, 0);
      const max = Math.max(c.modelMs, c.reviewMs);
      const min = Math.min(c.modelMs, c.reviewMs);
      const bar = 1.1 * (ENDPOINTS * max + min);
      const serial = ENDPOINTS * (c.modelMs + c.reviewMs);
      const ok = withPrefetch <= bar;
      if (!ok) failed++;
      console.log(
        `${c.name.padEnd(7)} T=${c.modelMs} R=${c.reviewMs}: prefetch ${withPrefetch.toFixed(0)} ms (bar ≤ ${bar.toFixed(0)}: ${ok ? 'ok' : 'MISSED'}) · without ${without.toFixed(0)} ms (5 × (T + R) = ${serial}) · saved ${(100 * (1 - withPrefetch / without)).toFixed(0)}%`,
      );
    } finally {
      fake.child.kill('SIGTERM');
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
