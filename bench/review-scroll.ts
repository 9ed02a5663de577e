// Issue 14 figure: review at reading speed. A 400-line plan reviewed at 80x24 in a real terminal (tmux); each
// sample is one scroll key (↓, ↑, Space, PgDn, PgUp, End, Home) and the time from sending it until the terminal
// has received the frame it causes (the pane's output grows). tmux's own client start is inside every sample, so
// the figure is an upper bound of the wizard's part. Bar: p95 ≤ 50 ms. Needs `npm run build`.
// Run: node --experimental-strip-types bench/review-scroll.ts   (SAMPLES=80)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { aPlanAnswer } from '../test/support/plan-replies.ts';
import { startTerminal, type TmuxKey } from '../test/support/tmux.ts';
import { median, startFakeProcess } from './support.ts';

const repo = join(import.meta.dirname, '..');
const cli = process.env.CLI ?? join(repo, 'dist', 'cli.js');
const SAMPLES = Number(process.env.SAMPLES ?? 80);
const BAR_MS = 50;
const endpoint = { method: 'GET', path: '/api/flashcards', errorCodes: [400, 401] };

/** An answer whose plan has at least 400 lines (the filler paragraphs wrap to several rows at 80 columns). */
function longAnswer(): { text: string; lines: number } {
  for (let filler = 100; ; filler += 10) {
    const text = aPlanAnswer(endpoint, { fillerParagraphs: filler });
    const lines = text.slice(text.indexOf('</analysis>')).split('\n').length;
    if (lines >= 400) return { text, lines };
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Keys in an order where each one moves the view (never pressing ↓ at the end or ↑ at the top). */
function keySequence(count: number): TmuxKey[] {
  const round: TmuxKey[] = [
    'Down',
    'Down',
    'Down',
    'Space',
    'PageDown',
    'Down',
    'Up',
    'PageUp',
    'End',
    'Up',
    'Home',
  ];
  return Array.from({ length: count }, (_, i) => round[i % round.length] ?? 'Down');
}

const dir = mkdtempSync(join(tmpdir(), 'ep-bench-scroll-'));
const project = join(dir, 'project');
cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
const answer = longAnswer();
const fake = await startFakeProcess([JSON.stringify({ fallback: { kind: 'text', text: answer.text } })]);
const t = startTerminal({
  command: [process.execPath, cli, '--base-url', fake.baseURL, '--model', 'gpt-4.1-mini', '--prefetch', '0'],
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
let ok = false;
try {
  await t.waitFor((s) => /^10 selected/m.test(s), 20_000, 'the picker');
  t.sendKeys('a');
  await t.waitFor((s) => /^0 selected/m.test(s), 5000, '0 selected');
  t.sendKeys('Space');
  await t.waitFor((s) => /^1 selected/m.test(s), 5000, '1 selected');
  t.sendKeys('Enter');
  await t.waitFor((s) => s.includes('Review 1 of 1') && /rows 1–/.test(s), 60_000, 'the review');
  await delay(300);
  const samples: number[] = [];
  let missed = 0;
  for (const key of keySequence(SAMPLES)) {
    const before = t.rawOutput().length;
    const started = performance.now();
    t.sendKeys(key);
    let ms = Number.NaN;
    while (performance.now() - started < 2000) {
      if (t.rawOutput().length > before) {
        ms = performance.now() - started;
        break;
      }
      await delay(1);
    }
    if (Number.isNaN(ms)) missed++;
    else samples.push(ms);
    // Let the frame settle and Ink's 30 fps throttle pass, as between a reader's keypresses.
    await delay(60);
  }
  const p95 = percentile(samples, 95);
  ok = p95 <= BAR_MS && missed === 0;
  console.log(
    `node ${process.version}; plan of ${answer.lines} lines at 80x24; ${samples.length} keypresses (${missed} without a frame)`,
  );
  console.log(
    `scroll keypress → frame written: median ${median(samples).toFixed(1)} ms · p95 ${p95.toFixed(1)} ms (bar ≤ ${BAR_MS} ms: ${ok ? 'ok' : 'MISSED'}) · max ${Math.max(...samples).toFixed(1)} ms`,
  );
} finally {
  t.kill();
  fake.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
