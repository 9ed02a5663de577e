import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, copyExample, runCli } from '../support/cli.ts';
import {
  type FakeReply,
  type FakeServer,
  type FakeServerOptions,
  startFakeOpenAI,
} from '../support/fake-openai-server.ts';
import { closedPort } from '../support/fake-servers.ts';
import { aPlanAnswerFor, scriptByEndpoint } from '../support/plan-replies.ts';
import { expectKeyNowhere, plansDir, plansIn } from '../support/project.ts';
import { readOnlyFolders } from '../support/read-only.ts';

// Failures of the run, not of one endpoint: the first one stops the run, says so once, lists what was not
// attempted with the command that resumes it, and exits 1. Checks of the plans folder come before any request.
// Every binary here runs at once; retries wait milliseconds (ENDPOINT_PLANNER_RETRY_MS).

const KEY = 'sk-test-SECRET123';
const MODEL = 'gpt-4.1-mini';
const ENDPOINTS = 10;

const readOnly = readOnlyFolders();

function generate(
  project: string,
  baseURL: string,
  args: readonly string[],
  env: Record<string, string> = {},
) {
  return runCli(['generate', '--all', '--yes', '--base-url', baseURL, '--model', MODEL, ...args], {
    cwd: project,
    env: { OPENAI_API_KEY: KEY, ENDPOINT_PLANNER_RETRY_MS: '20', ...env },
  });
}

/** Everything the run printed, both streams. */
const output = (run: CliRun): string => `${run.stdout}${run.stderr}`;

/** The run stopped once with `sentence`, attempted nothing more and named the command that resumes. */
function expectStopped(run: CliRun, sentence: RegExp, notAttempted: number): void {
  expect(run.code, output(run)).toBe(1);
  const stops = output(run)
    .split('\n')
    .filter((line) => line.startsWith('Stopped: '));
  expect(stops, output(run)).toHaveLength(1);
  expect(stops[0]).toMatch(sentence);
  expect(output(run)).not.toMatch(/^✗/m);
  const listed = /^Not attempted \((\d+)\): (.*?)\. Resume with: /m.exec(run.stderr);
  expect(listed?.[2]?.split(', '), output(run)).toHaveLength(notAttempted);
  expect(listed?.[1]).toBe(String(notAttempted));
  expect(run.stderr).toMatch(
    /\. Resume with: endpoint-planner generate --all --yes --base-url \S+ --model \S+/,
  );
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fake server closed after the file: the tests of a block run at once, so none may close another's. */
async function serverWith(options: FakeServerOptions): Promise<FakeServer> {
  const server = await startFakeOpenAI(options);
  servers.push(server);
  return server;
}

const always = (reply: FakeReply): FakeServerOptions => ({ script: () => reply });

describe.concurrent('run-level failures stop the run', () => {
  it('server not running: one sentence naming the base URL, nothing saved, everything not attempted', async () => {
    const project = copyExample('flashcards');
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const run = await generate(project, baseURL, []);
    expectStopped(
      run,
      new RegExp(`Could not connect to ${baseURL.replace(/[./]/g, '\\$&')} \\(connection refused\\)`),
      ENDPOINTS,
    );
    expect(plansIn(project)).toEqual([]);
    // The summary, the sentence, and the list with the command: not one error per endpoint and attempt.
    expect(output(run).trim().split('\n').length, output(run)).toBeLessThanOrEqual(3);
  });

  it('host not found: one sentence naming the base URL', async () => {
    const project = copyExample('flashcards');
    const run = await generate(project, 'http://no-such-host.invalid/v1', []);
    expectStopped(
      run,
      /Could not find the host of http:\/\/no-such-host\.invalid\/v1 \(ENOTFOUND\)/,
      ENDPOINTS,
    );
  });

  it('TLS failure (https to a plain HTTP server): one sentence about the secure connection', async () => {
    const project = copyExample('flashcards');
    const server = await serverWith({ script: scriptByEndpoint() });
    const run = await generate(project, server.baseURL.replace('http:', 'https:'), []);
    expectStopped(run, /The secure connection to https:\/\/127\.0\.0\.1:\d+\/v1 failed/, ENDPOINTS);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it('a server that goes away mid-run: the plans that came are kept, the rest not attempted', async () => {
    const project = copyExample('flashcards');
    const server = await serverWith({ script: scriptByEndpoint(), stopListeningAfter: 2 });
    const run = await generate(project, server.baseURL, ['--concurrency', '1']);
    expectStopped(run, /Could not connect to .* \(connection refused\)/, ENDPOINTS - 2);
    expect(plansIn(project)).toHaveLength(2);
  });

  it.each([1, 4])(
    'wrong key at --concurrency %i: at most that many requests, the key never printed',
    async (concurrency) => {
      const project = copyExample('flashcards');
      const server = await serverWith(always({ kind: 'auth', echoKey: true }));
      const run = await generate(project, server.baseURL, ['--concurrency', String(concurrency)]);
      expectStopped(run, /API key was rejected by http:\/\/127\.0\.0\.1:\d+\/v1 \(401\)/, ENDPOINTS);
      expect(server.chatRequests().length).toBeGreaterThanOrEqual(1);
      expect(server.chatRequests().length).toBeLessThanOrEqual(concurrency);
      console.info(`wrong key at --concurrency ${concurrency}: ${server.chatRequests().length} request(s)`);
      expectKeyNowhere(KEY, project, run);
    },
  );

  it.each([
    [
      '403 about the key or account',
      { kind: 'forbidden', reason: 'key' },
      /Access was denied by .* \(403\).*model gpt-4\.1-mini/,
    ],
    ['402 payment required', { kind: 'payment-required' }, /asks for payment before it answers \(402\)/],
    [
      '404 model not found',
      { kind: 'model-not-found' },
      /Model "gpt-4\.1-mini" was not found at .*: pass --model/,
    ],
    [
      '429 insufficient_quota',
      { kind: 'rate-limit', code: 'insufficient_quota' },
      /run out of quota or credit \(429\)/,
    ],
  ] as const)('%s', async (_name, reply, sentence) => {
    const project = copyExample('flashcards');
    const server = await serverWith(always(reply));
    const run = await generate(project, server.baseURL, ['--concurrency', '1']);
    expectStopped(run, sentence, ENDPOINTS);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('--json gives every endpoint not attempted the stop sentence as its reason', async () => {
    const project = copyExample('flashcards');
    const server = await serverWith(always({ kind: 'auth' }));
    const run = await generate(project, server.baseURL, ['--concurrency', '1', '--json']);
    expect(run.code, output(run)).toBe(1);
    const sentence = /^Stopped: (.*)$/m.exec(run.stderr)?.[1];
    expect(sentence, run.stderr).toMatch(/API key was rejected/);
    const plans = (JSON.parse(run.stdout) as { plans: { outcome: string; reason: string | null }[] }).plans;
    expect(plans).toHaveLength(ENDPOINTS);
    for (const plan of plans) expect(plan).toMatchObject({ outcome: 'not-attempted', reason: sentence });
  });

  it('cancels the requests in flight: streams that stall do not hold the stopped run', async () => {
    const project = copyExample('flashcards');
    // The first two requests stream a little and then go silent (the idle timeout is 60 s); the third is refused.
    const server = await serverWith({
      script: (request, index) =>
        index < 2 ? { kind: 'stall', text: aPlanAnswerFor(request), afterChunks: 2 } : { kind: 'auth' },
    });
    const run = await generate(project, server.baseURL, ['--concurrency', '3']);
    expectStopped(run, /API key was rejected/, ENDPOINTS);
    expect(server.chatRequests()).toHaveLength(3);
    expect(plansIn(project)).toEqual([]);
  });

  it('a base URL without /v1: says so and suggests the fix', async () => {
    const project = copyExample('flashcards');
    const server = await serverWith({});
    const bare = server.baseURL.replace(/\/v1$/, '');
    const run = await generate(project, bare, ['--concurrency', '1']);
    expectStopped(
      run,
      new RegExp(`lacks /v1; try --base-url ${bare.replace(/[./]/g, '\\$&')}/v1`),
      ENDPOINTS,
    );
  });
});

describe.concurrent('the plans folder is checked before anything is paid for', () => {
  it('read-only plans folder: exit 2 naming it and why, 0 requests', async (context) => {
    const folder = readOnly();
    if ('skip' in folder) {
      context.skip(folder.skip);
      return;
    }
    const project = copyExample('flashcards');
    const server = await serverWith({ script: scriptByEndpoint() });
    const run = await generate(project, server.baseURL, ['--out', folder.dir]);
    expect(run.code, output(run)).toBe(2);
    expect(run.stderr).toBe(
      `endpoint-planner: Cannot write plans into ${folder.dir} (read-only file system): make it writable, or pass --out with a folder that is.\n`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('a file where the folder should be: exit 2, 0 requests, no errno code', async () => {
    const project = copyExample('flashcards');
    const server = await serverWith({ script: scriptByEndpoint() });
    writeFileSync(join(project, 'plans'), 'not a folder\n');
    const run = await generate(project, server.baseURL, ['--out', 'plans/api']);
    expect(run.code, output(run)).toBe(2);
    expect(run.stderr).toContain(
      `Cannot write plans into ${join(project, 'plans', 'api')} (a file is in the way)`,
    );
    expect(run.stderr).not.toMatch(/E[A-Z]{3,}/);
    expect(server.requests).toHaveLength(0);
  });

  it('a folder that can never be made (inside /proc): answers at once, naming it, offline too', async (context) => {
    if (!existsSync('/proc/self')) {
      context.skip('no /proc on this system');
      return;
    }
    const project = copyExample('flashcards');
    const run = await runCli(['generate', '--all', '--offline', '--out', '/proc/endpoint-planner-plans'], {
      cwd: project,
    });
    expect(run.code, output(run)).toBe(2);
    expect(run.stderr).toContain('Cannot write plans into /proc/endpoint-planner-plans (');
  });
});

describe('paid-for text is never lost', () => {
  it('a save failing after the answer: the plan is kept at the named path and the run stops', async () => {
    const project = copyExample('flashcards');
    const state = mkdtempSync(join(tmpdir(), 'ep-state-'));
    const answer = scriptByEndpoint();
    const server = await serverWith({
      script: (request, index) => {
        // The folder passed the check; now it turns into a file, as a disk that fills or a folder swapped mid-run.
        rmSync(plansDir(project), { recursive: true, force: true });
        writeFileSync(plansDir(project), '');
        return answer(request, index);
      },
    });
    const run = await generate(project, server.baseURL, ['--concurrency', '1'], { XDG_STATE_HOME: state });
    expect(run.code, output(run)).toBe(1);
    const kept = /the plan is kept at (\S+)\. /.exec(run.stderr)?.[1];
    expect(kept, output(run)).toBeDefined();
    expect(kept?.startsWith(join(state, 'endpoint-planner', 'unsaved'))).toBe(true);
    const text = readFileSync(kept ?? '', 'utf8');
    expect(text).toMatch(/^# API Endpoint Implementation Plan: /);
    expect(server.chatRequests()).toHaveLength(1);
    console.info(`save failing after the answer: the text is at ${kept} (${text.length} chars)`);
  });
});
