// Issue 3 bars: `generate` of 50 endpoints against a fake server that answers each request in 1 s (its chunks
// spread over that second), `--concurrency 8`: wall ≤ 1.15 × the ideal 7 s, peak memory of the CLI ≤ 150 MB
// (medians, this machine). The fake runs as its own process so only the CLI's memory is measured.
// Needs `npm run build` first. Run: node --experimental-strip-types bench/batch.ts   (RUNS=5 for more runs)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FakeServerOptions } from '../test/support/fake-openai-server.ts';
import { aPlanReply } from '../test/support/plan-replies.ts';
import { generateApiPlan } from './parse-scaling.ts';
import { type FakeProcess, median, report, startFakeProcess } from './support.ts';

const ENDPOINTS = 50;
const CONCURRENCY = 8;
const ANSWER_MS = 1_000;
/** Deltas per answer, spread evenly over ANSWER_MS. */
const CHUNKS = 50;
const IDEAL_MS = Math.ceil(ENDPOINTS / CONCURRENCY) * ANSWER_MS;
const WALL_BAR_MS = Math.round(IDEAL_MS * 1.15);
const MEMORY_BAR_MB = 150;

/** Loaded by fake-openai-cli.ts `--module`: a valid plan for whichever endpoint a request names, in CHUNKS deltas over 1 s. */
export const options: FakeServerOptions = {
  script: (request) => {
    const reply = aPlanReply(request);
    const chars = reply.kind === 'text' ? Array.from(reply.text).length : CHUNKS;
    return { ...reply, chunkSize: Math.ceil(chars / CHUNKS), spreadMs: ANSWER_MS };
  },
};

type Fake = FakeProcess;

function startFake(): Promise<Fake> {
  return startFakeProcess(['--module', fileURLToPath(import.meta.url)]);
}

type Measured = {
  readonly wallMs: number;
  /** From the first request to the summary, as the CLI's summary line reports it. */
  readonly generateMs: number;
  /** CPU of the CLI process, when /usr/bin/time reports it. */
  readonly cpuMs: number | undefined;
  readonly peakMb: number;
  readonly plans: number;
};

/** One batch run; peak RSS from `/usr/bin/time -v` when present, else VmHWM sampled from /proc. */
function runBatch(cli: string, project: string, baseURL: string): Promise<Measured> {
  const args = [
    cli,
    'generate',
    '--all',
    '--yes',
    '--concurrency',
    String(CONCURRENCY),
    '--base-url',
    baseURL,
    '--model',
    'gpt-4.1-mini',
  ];
  const timed = existsSync('/usr/bin/time');
  const env = { ...process.env, OPENAI_API_KEY: 'sk-bench', NO_COLOR: '1' };
  const t0 = performance.now();
  const child = timed
    ? spawn('/usr/bin/time', ['-v', process.execPath, ...args], { cwd: project, env })
    : spawn(process.execPath, args, { cwd: project, env });
  let stderr = '';
  let stdout = '';
  let sampledKb = 0;
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const sampler = timed
    ? undefined
    : setInterval(() => (sampledKb = Math.max(sampledKb, vmHwmKb(child.pid))), 50);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearInterval(sampler);
      if (code !== 0) {
        reject(new Error(`generate exited ${code}:\n${stdout}\n${stderr}`));
        return;
      }
      const rssKb = timed
        ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0)
        : sampledKb;
      const seconds = (label: string): number =>
        Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? Number.NaN);
      const cpuMs = timed ? (seconds('User') + seconds('System')) * 1000 : undefined;
      const generateMs = Number(/ · ([\d.]+)s\n/.exec(stdout)?.[1] ?? Number.NaN) * 1000;
      const plans = readdirSync(join(project, '.ai', 'documents', 'api-plans')).filter((f) =>
        f.endsWith('.md'),
      ).length;
      resolve({ wallMs, generateMs, cpuMs, peakMb: rssKb / 1024, plans });
    });
  });
}

function vmHwmKb(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    // The process may have exited between two samples.
    return 0;
  }
}

async function main(): Promise<void> {
  const repo = join(import.meta.dirname, '..');
  const cli = join(repo, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const runs = Number(process.env.RUNS ?? 3);
  const fake = await startFake();
  const results: Measured[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const project = mkdtempSync(join(tmpdir(), 'ep-bench-batch-'));
      try {
        cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
        writeFileSync(join(project, '.ai', 'api-plan.md'), generateApiPlan(ENDPOINTS));
        const measured = await runBatch(cli, project, fake.baseURL);
        if (measured.plans !== ENDPOINTS)
          throw new Error(`expected ${ENDPOINTS} plans, found ${measured.plans}`);
        results.push(measured);
        const cpu = measured.cpuMs === undefined ? '' : `, CLI CPU ${(measured.cpuMs / 1000).toFixed(2)} s`;
        console.log(
          `run ${i + 1}: wall ${(measured.wallMs / 1000).toFixed(2)} s (generating ${(measured.generateMs / 1000).toFixed(1)} s)${cpu}, peak ${measured.peakMb.toFixed(1)} MB`,
        );
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    }
  } finally {
    fake.child.kill('SIGTERM');
  }
  console.log(
    `\nnode ${process.version}, ${ENDPOINTS} endpoints, --concurrency ${CONCURRENCY}, ${ANSWER_MS} ms per answer, ideal ${IDEAL_MS} ms, ${runs} runs\n`,
  );
  const wallOk = report(
    `generate --all, ${ENDPOINTS} endpoints (wall)`,
    median(results.map((r) => r.wallMs)),
    WALL_BAR_MS,
  );
  // The CLI's summary times the generation itself; the rest is loading the docs, starting and exiting.
  report('  of which generating (CLI summary)', median(results.map((r) => r.generateMs)), undefined);
  report(
    '  of which loading, startup and exit',
    median(results.map((r) => r.wallMs - r.generateMs)),
    undefined,
  );
  const cpus = results.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  if (cpus.length > 0) report('generate --all, CPU time of the CLI', median(cpus), undefined);
  const peak = median(results.map((r) => r.peakMb));
  const memoryOk = peak <= MEMORY_BAR_MB;
  console.log(
    `${'generate --all, peak resident memory'.padEnd(44)} median ${peak.toFixed(1).padStart(7)} MB (bar ≤ ${MEMORY_BAR_MB} MB: ${memoryOk ? 'ok' : 'MISSED'})`,
  );
  if (!wallOk || !memoryOk) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
