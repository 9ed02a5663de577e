// Figures of issue 13 (fail fast, lose nothing), measured through the built CLI with its default retry timing:
// a server that is not running under 21 endpoints (time to exit, lines printed), a wrong key (requests sent at
// --concurrency 1 and 4), a plans folder that cannot take plans (requests sent) and a save failing after the
// answer (the text found at the path named). Figures, not assertions: the tests hold the behaviour.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type FakeServer, startFakeOpenAI } from '../test/support/fake-openai-server.ts';
import { scriptByEndpoint } from '../test/support/plan-replies.ts';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const KEY = 'sk-bench-SECRET-0123456789';
const ENDPOINTS = 21;

type Run = {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
};

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

/** A project whose API plan has `count` endpoints, one resource each. */
function project(count: number): string {
  const root = mkdtempSync(join(tmpdir(), 'ep-bench-failfast-'));
  mkdirSync(join(root, '.ai'));
  const sections = Array.from(
    { length: count },
    (_, i) =>
      `### GET /api/things${i + 1}\n\nLists the things of kind ${i + 1}.\n\n- Errors: 401 when not signed in.\n`,
  );
  writeFileSync(
    join(root, '.ai', 'api-plan.md'),
    `# REST API Plan\n\n## Endpoints\n\n${sections.join('\n')}`,
  );
  return root;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const lines = (r: Run): number => `${r.stdout}${r.stderr}`.trim().split('\n').length;
const generate = (baseURL: string, extra: readonly string[] = []): string[] => [
  'generate',
  '--all',
  '--yes',
  '--base-url',
  baseURL,
  '--model',
  'gpt-4.1-mini',
  ...extra,
];

const notRunning = await run(generate(`http://127.0.0.1:${await closedPort()}/v1`), project(ENDPOINTS), {
  OPENAI_API_KEY: KEY,
});
console.log(
  `server not running, ${ENDPOINTS} endpoints: exit ${notRunning.code} after ${(notRunning.ms / 1000).toFixed(1)} s, ${lines(notRunning)} lines (goal ≤ 10 s, failure on ≤ 2 lines; before: 84.5 s, 42 lines)`,
);
console.log(`  ${`${notRunning.stdout}${notRunning.stderr}`.trim().split('\n').join('\n  ')}`);

for (const concurrency of [1, 4]) {
  const server: FakeServer = await startFakeOpenAI({ script: () => ({ kind: 'auth', echoKey: true }) });
  const wrongKey = await run(
    generate(server.baseURL, ['--concurrency', String(concurrency)]),
    project(ENDPOINTS),
    {
      OPENAI_API_KEY: KEY,
    },
  );
  const leaked = `${wrongKey.stdout}${wrongKey.stderr}`.includes(KEY);
  console.log(
    `wrong key at --concurrency ${concurrency}: ${server.chatRequests().length} request(s) sent, exit ${wrongKey.code}, key printed: ${leaked ? 'YES' : 'no'}`,
  );
  await server.close();
}

{
  const server = await startFakeOpenAI({ script: scriptByEndpoint() });
  const root = project(ENDPOINTS);
  const out = join(root, 'read-only-plans');
  mkdirSync(out);
  let mounted = false;
  if (process.getuid?.() === 0) {
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', out]).status === 0;
  } else chmodSync(out, 0o555);
  if (process.getuid?.() === 0 && !mounted) {
    console.log('read-only plans folder: not measured (root without mount)');
  } else {
    const readOnly = await run(generate(server.baseURL, ['--out', out]), root, { OPENAI_API_KEY: KEY });
    console.log(
      `read-only plans folder: exit ${readOnly.code}, ${server.requests.length} request(s) sent: ${readOnly.stderr.trim()}`,
    );
    if (mounted) spawnSync('umount', [out]);
  }
  await server.close();
}

{
  const root = project(3);
  const plans = join(root, '.ai', 'documents', 'api-plans');
  const state = mkdtempSync(join(tmpdir(), 'ep-bench-state-'));
  const answer = scriptByEndpoint();
  const server = await startFakeOpenAI({
    script: (request, index) => {
      rmSync(plans, { recursive: true, force: true });
      writeFileSync(plans, '');
      return answer(request, index);
    },
  });
  const failedSave = await run(generate(server.baseURL, ['--concurrency', '1']), root, {
    OPENAI_API_KEY: KEY,
    XDG_STATE_HOME: state,
  });
  const kept = /the plan is kept at (\S+)\. /.exec(failedSave.stderr)?.[1];
  const text = kept === undefined ? '' : readFileSync(kept, 'utf8');
  console.log(
    `save failing after the answer: exit ${failedSave.code}, ${server.chatRequests().length} request(s), the text (${text.length} chars, starts "${text.split('\n')[0] ?? ''}") found at ${kept ?? 'NOWHERE'}`,
  );
  await server.close();
}
