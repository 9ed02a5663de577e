// Issue 3 bars: `generate` of 50 endpoints against a fake server that answers each request in 1 s (its chunks
// spread over that second), `--concurrency 8`: wall ≤ 1.15 × the ideal 7 s, peak memory of the CLI ≤ 150 MB
// (medians, this machine). The fake runs as its own process so only the CLI's memory is measured.
// Needs `npm run build` first. Run: node --experimental-strip-types bench/batch.ts   (RUNS=5 for more runs)
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FakeServerOptions } from '../test/support/fake-openai-server.ts';
import { aPlanReply } from '../test/support/plan-replies.ts';
import { median, report } from './support.ts';

const ENDPOINTS = 50;
const CONCURRENCY = 8;
const ANSWER_MS = 1_000;
/** Deltas per answer: the fake waits ANSWER_MS / CHUNKS before each one. */
const CHUNKS = 50;
const IDEAL_MS = Math.ceil(ENDPOINTS / CONCURRENCY) * ANSWER_MS;
const WALL_BAR_MS = Math.round(IDEAL_MS * 1.15);
const MEMORY_BAR_MB = 150;

/** Loaded by fake-openai-cli.ts `--module`: a valid plan for whichever endpoint a request names, in CHUNKS deltas over 1 s. */
export const options: FakeServerOptions = {
  script: (request) => {
    const reply = aPlanReply(request);
    const chars = reply.kind === 'text' ? Array.from(reply.text).length : CHUNKS;
    return { ...reply, chunkSize: Math.ceil(chars / CHUNKS), delayMs: ANSWER_MS / CHUNKS };
  },
};

const RESOURCES = [
  'decks',
  'cards',
  'reviews',
  'tags',
  'users',
  'teams',
  'invites',
  'exports',
  'imports',
  'notes',
];

/** A realistic API plan of `n` endpoints in the example's format: CRUD per resource, errors listed per endpoint. */
export function generateBatchApiPlan(n: number): string {
  const shapes = [
    { method: 'GET', suffix: '', success: '200 OK', errors: '`401 Unauthorized`' },
    {
      method: 'POST',
      suffix: '',
      success: '201 Created',
      errors: '`400 Bad Request`, `401 Unauthorized`, `409 Conflict`',
    },
    { method: 'GET', suffix: '/{id}', success: '200 OK', errors: '`401 Unauthorized`, `404 Not Found`' },
    {
      method: 'PATCH',
      suffix: '/{id}',
      success: '200 OK',
      errors: '`400 Bad Request`, `401 Unauthorized`, `404 Not Found`',
    },
    {
      method: 'DELETE',
      suffix: '/{id}',
      success: '204 No Content',
      errors: '`401 Unauthorized`, `404 Not Found`',
    },
  ] as const;
  const blocks = ['# REST API Plan', '', '## 1. Endpoints', ''];
  for (let i = 0; i < n; i++) {
    const shape = shapes[i % shapes.length] ?? shapes[0];
    const group = Math.floor(i / shapes.length);
    const resource = `${RESOURCES[group % RESOURCES.length]}${group >= RESOURCES.length ? `-${group}` : ''}`;
    if (i % shapes.length === 0) blocks.push(`### 1.${group + 1} ${resource}`, '');
    blocks.push(
      `#### ${shape.method} /api/${resource}${shape.suffix}`,
      '',
      `- **Description:** ${shape.method} on ${resource} of the current user.`,
      ...(shape.suffix === '' ? [] : ['- **Path parameters:** `id` (required, integer)']),
      ...(shape.method === 'POST' || shape.method === 'PATCH'
        ? [
            '- **Request JSON:**',
            '',
            '  ```json',
            '  { "name": "Spanish verbs", "description": "Irregular ones" }',
            '  ```',
            '',
          ]
        : []),
      `- **Success:** \`${shape.success}\``,
      `- **Errors:** ${shape.errors}`,
      '',
    );
  }
  return blocks.join('\n');
}

type Fake = { readonly baseURL: string; readonly child: ChildProcess };

function startFake(repo: string): Promise<Fake> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      join(repo, 'test/support/fake-openai-cli.ts'),
      '--module',
      fileURLToPath(import.meta.url),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined)
        resolve({ baseURL: (JSON.parse(line) as { baseURL: string }).baseURL, child });
    });
    child.on('exit', (code) => reject(new Error(`the fake server exited (${code}) before it was ready`)));
  });
}

type Measured = { readonly wallMs: number; readonly peakMb: number; readonly plans: number };

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
      const plans = readdirSync(join(project, '.ai', 'documents', 'api-plans')).filter((f) =>
        f.endsWith('.md'),
      ).length;
      resolve({ wallMs, peakMb: rssKb / 1024, plans });
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
  const fake = await startFake(repo);
  const results: Measured[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const project = mkdtempSync(join(tmpdir(), 'ep-bench-batch-'));
      try {
        cpSync(join(repo, 'examples', 'flashcards'), project, { recursive: true });
        writeFileSync(join(project, '.ai', 'api-plan.md'), generateBatchApiPlan(ENDPOINTS));
        const measured = await runBatch(cli, project, fake.baseURL);
        if (measured.plans !== ENDPOINTS)
          throw new Error(`expected ${ENDPOINTS} plans, found ${measured.plans}`);
        results.push(measured);
        console.log(
          `run ${i + 1}: ${(measured.wallMs / 1000).toFixed(2)} s, peak ${measured.peakMb.toFixed(1)} MB`,
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
  const peak = median(results.map((r) => r.peakMb));
  const memoryOk = peak <= MEMORY_BAR_MB;
  console.log(
    `${'generate --all, peak resident memory'.padEnd(44)} median ${peak.toFixed(1).padStart(7)} MB (bar ≤ ${MEMORY_BAR_MB} MB: ${memoryOk ? 'ok' : 'MISSED'})`,
  );
  if (!wallOk || !memoryOk) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
