// Issue 4 bars: the wizard's CPU while streaming 20k tokens at full speed ≤ 1.0 s, and the saved plan byte-identical
// to the plan part of the streamed answer. The built CLI runs in a tmux pane under /usr/bin/time and is driven
// through one endpoint (pick, stream, review, save, exit); the fake server runs as its own process. Reported:
// the CLI's user+system CPU for the long answer minus the same flow with a tiny answer (so startup, the picker and
// the review are not counted), medians over RUNS runs. Needs `npm run build` first.
// Run: node --experimental-strip-types bench/wizard-stream.ts   (RUNS=7)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeReply } from '../test/support/fake-openai-server.ts';
import { aPlanAnswer, type PlannedEndpoint } from '../test/support/plan-replies.ts';
import { startTerminal } from '../test/support/tmux.ts';
import { type FakeProcess, median, startFakeProcess } from './support.ts';

const runs = Number(process.env.RUNS ?? 5);
const repo = join(import.meta.dirname, '..');
const cli = process.env.CLI ?? join(repo, 'dist', 'cli.js');
const TOKENS = 20_000;
const CHARS_PER_TOKEN = 4;
const BAR_MS = 1000;
const endpoint: PlannedEndpoint = { method: 'GET', path: '/api/flashcards', errorCodes: [400, 401] };

/** An answer of about `tokens` tokens: a valid plan padded with step details, cut at a line end. */
function answerOf(tokens: number): string {
  const limit = tokens * CHARS_PER_TOKEN;
  let paragraphs = 1;
  let text = aPlanAnswer(endpoint, { fillerParagraphs: paragraphs });
  while (text.length < limit) {
    paragraphs *= 2;
    text = aPlanAnswer(endpoint, { fillerParagraphs: paragraphs });
  }
  // End on a text line, as a model does: a cut inside the blank line between two paragraphs would leave a
  // trailing blank line, which the wizard drops from the saved plan.
  return `${text.slice(0, text.lastIndexOf('\n', limit)).trimEnd()}\n`;
}

/** What the wizard must save: everything after the analysis, as the model sent it. */
function planPart(answer: string): string {
  const end = '</analysis>';
  return answer.slice(answer.indexOf(end) + end.length).replace(/^\n+/, '');
}

type Fake = FakeProcess;

function startFake(reply: FakeReply, dir: string): Promise<Fake> {
  const module = join(dir, 'fake-script.mjs');
  writeFileSync(module, `export const options = ${JSON.stringify({ fallback: reply })};\n`);
  return startFakeProcess(['--module', module]);
}

type Sample = { readonly cpuMs: number; readonly saved: string };

/** One wizard run through one endpoint; returns the CLI's CPU time and the saved plan. */
async function runWizard(baseURL: string): Promise<Sample> {
  const project = mkdtempSync(join(tmpdir(), 'ep-bench-stream-'));
  cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
  const timeFile = join(project, 'cpu-time');
  const t = startTerminal({
    command: ['/usr/bin/time', '-o', timeFile, '-f', '%U %S', process.execPath, cli, '--base-url', baseURL],
    cwd: project,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: project,
      TERM: 'screen-256color',
      LANG: 'C.UTF-8',
      OPENAI_API_KEY: 'sk-bench',
    },
  });
  try {
    await t.waitFor((s) => /^10 selected/m.test(s), 15_000, 'the picker');
    t.sendKeys('a');
    await t.waitFor((s) => /^0 selected/m.test(s), 5000, '0 selected');
    t.sendKeys('Space');
    await t.waitFor((s) => /^1 selected/m.test(s), 5000, '1 selected');
    t.sendKeys('Enter');
    await t.waitForText('Review 1 of 1', 60_000);
    t.sendKeys('s');
    await t.waitForText('Saved 001-get-flashcards.md', 10_000);
    t.sendKeys('Enter');
    await t.waitForText('1 saved', 10_000);
    t.sendKeys('Enter');
    const code = await t.waitForExit(10_000);
    if (code !== 0) throw new Error(`the wizard exited ${code}`);
    const [user = 0, system = 0] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    const saved = readFileSync(
      join(project, '.ai', 'documents', 'api-plans', '001-get-flashcards.md'),
      'utf8',
    );
    return { cpuMs: Math.round((user + system) * 1000), saved };
  } finally {
    t.kill();
    rmSync(project, { recursive: true, force: true });
  }
}

async function measure(answer: string, dir: string): Promise<{ cpu: number[]; identical: boolean }> {
  // One token per delta, as real providers stream, and no pause between them.
  const fake = await startFake({ kind: 'text', text: answer, chunkSize: CHARS_PER_TOKEN }, dir);
  try {
    const cpu: number[] = [];
    let identical = true;
    await runWizard(fake.baseURL);
    for (let i = 0; i < runs; i++) {
      const sample = await runWizard(fake.baseURL);
      cpu.push(sample.cpuMs);
      identical = identical && sample.saved === planPart(answer);
    }
    return { cpu, identical };
  } finally {
    fake.child.kill('SIGTERM');
  }
}

if (!existsSync('/usr/bin/time')) throw new Error('This benchmark needs /usr/bin/time (GNU time).');
const dir = mkdtempSync(join(tmpdir(), 'ep-bench-fake-'));
try {
  const long = answerOf(TOKENS);
  const tiny = aPlanAnswer(endpoint);
  console.log(
    `node ${process.version}, ${runs} runs each after a warm-up; long answer ${long.length.toLocaleString('en')} chars in ${Math.ceil(long.length / CHARS_PER_TOKEN).toLocaleString('en')} deltas, tiny ${tiny.length} chars\n`,
  );
  const base = await measure(tiny, dir);
  const big = await measure(long, dir);
  const streaming = median(big.cpu) - median(base.cpu);
  const ok = streaming <= BAR_MS && big.identical && base.identical;
  const line = (name: string, ms: number, extra = ''): void =>
    console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms CPU${extra}`);
  line('whole flow, tiny answer (baseline)', median(base.cpu), `  runs: ${base.cpu.join(', ')}`);
  line('whole flow, 20k-token answer', median(big.cpu), `  runs: ${big.cpu.join(', ')}`);
  line(
    'streaming 20k tokens (difference)',
    streaming,
    ` (bar ≤ ${BAR_MS} ms: ${streaming <= BAR_MS ? 'ok' : 'MISSED'})`,
  );
  console.log(
    `saved plan byte-identical to the streamed plan: ${big.identical && base.identical ? 'yes' : `NO (tiny: ${base.identical}, 20k: ${big.identical})`}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
