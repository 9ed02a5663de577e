import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../src/core/docs/model.ts';
import { validatePlan } from '../../src/core/plan/validate.ts';
import { anEndpoint } from '../support/builders.ts';
import { copyExample, runCli } from '../support/cli.ts';
import { type FakeReply, type FakeServer, startFakeOpenAI } from '../support/fake-openai-server.ts';
import {
  aPlanAnswer,
  aPlanAnswerFor,
  endpointKey,
  endpointOfRequest,
  namesProblems,
  type ScriptedReply,
  scriptByEndpoint,
} from '../support/plan-replies.ts';
import { expectKeyNowhere, plansDir, plansIn } from '../support/project.ts';

// Each fault hits the middle endpoint of a three-endpoint batch (run-level faults, which stop the whole run, are
// in run-level.test.ts); the other two must be saved as if nothing
// happened. `--max-retries 1` and 1 s timeouts keep the whole matrix short: how often and how long to back
// off is the adapter's unit tests' business, here only the outcome counts.

const KEY = 'sk-test-SECRET123';
const MODEL = 'gpt-4.1-mini';

type Listed = { id: string; method: HttpMethod; path: string };

/** What must become of the faulty endpoint. */
type Outcome =
  | { readonly kind: 'saved'; readonly requests: number }
  | { readonly kind: 'failed'; readonly requests: number; readonly message: RegExp };

type FaultCase = {
  readonly name: string;
  /** Replies to the faulty endpoint's requests in order; a valid plan after them. */
  readonly replies: readonly FakeReply[];
  readonly outcome: Outcome;
  readonly args?: readonly string[];
};

const partial = (afterChunks: number) => ({ text: 'placeholder', afterChunks, chunkSize: 16 });

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

let batch: readonly Listed[] = [];
beforeAll(async () => {
  const project = copyExample('flashcards');
  const run = await runCli(['list', '--json'], { cwd: project });
  expect(run.code, run.stderr).toBe(0);
  batch = (JSON.parse(run.stdout) as { endpoints: Listed[] }).endpoints.slice(0, 3);
  expect(batch).toHaveLength(3);
});

/** Every plan on disk is whole: it validates against its endpoint, and no temp file is left beside it. */
function expectOnlyWholePlans(project: string): void {
  for (const file of plansIn(project)) {
    const endpoint = batch.find((e) => file.endsWith(`-${e.id}.md`));
    if (endpoint === undefined) throw new Error(`${file} plans no endpoint of the batch`);
    const plan = readFileSync(join(plansDir(project), file), 'utf8');
    expect(validatePlan(plan, anEndpoint({ method: endpoint.method, path: endpoint.path })), file).toEqual(
      [],
    );
    expect(plan).not.toContain('<analysis>');
  }
  const leftovers = readdirSync(plansDir(project)).filter((f) => f.endsWith('.tmp'));
  expect(leftovers).toEqual([]);
}

function generate(
  project: string,
  server: FakeServer,
  args: readonly string[],
  signalAfter?: (out: string) => boolean,
) {
  return runCli(
    [
      'generate',
      ...batch.map((e) => e.id),
      '--yes',
      '--base-url',
      server.baseURL,
      '--model',
      MODEL,
      '--max-retries',
      '1',
      '--idle-timeout',
      '1',
      ...args,
    ],
    {
      cwd: project,
      // Retries wait milliseconds, not seconds: only the outcome counts here.
      env: { OPENAI_API_KEY: KEY, ENDPOINT_PLANNER_RETRY_MS: '20' },
      ...(signalAfter === undefined ? {} : { signalAfter }),
    },
  );
}

const cases: readonly FaultCase[] = [
  {
    name: '429 with Retry-After',
    replies: [{ kind: 'rate-limit', retryAfterSeconds: 1 }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: '429 asking for a wait longer than a run should sit through',
    replies: [{ kind: 'rate-limit', retryAfterSeconds: 600 }],
    outcome: { kind: 'failed', requests: 1, message: /rate limiting requests \(429\): run again in 10 min/ },
  },
  { name: '500', replies: [{ kind: 'server-error', status: 500 }], outcome: { kind: 'saved', requests: 2 } },
  { name: '503', replies: [{ kind: 'server-error', status: 503 }], outcome: { kind: 'saved', requests: 2 } },
  {
    name: '500 that persists past the retries',
    replies: [
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 500 },
    ],
    outcome: { kind: 'failed', requests: 2, message: /server failed with status 500/ },
  },
  {
    name: 'socket dropped before the headers',
    replies: [{ kind: 'drop-before-headers' }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'socket dropped mid-body',
    replies: [{ kind: 'drop-mid-body', ...partial(3) }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'socket dropped mid-body on every attempt',
    replies: [
      { kind: 'drop-mid-body', ...partial(3) },
      { kind: 'drop-mid-body', ...partial(3) },
    ],
    outcome: { kind: 'failed', requests: 2, message: /connection dropped in the middle of the answer/ },
  },
  {
    name: 'stream stalled after some chunks (--idle-timeout 1)',
    replies: [{ kind: 'stall', ...partial(3) }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'stream stalled before the first chunk (--idle-timeout 1)',
    replies: [{ kind: 'stall', ...partial(0) }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'no answer at all within --timeout 1',
    replies: [{ kind: 'hang' }],
    args: ['--timeout', '1'],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'body that ends without [DONE] or finish_reason',
    replies: [{ kind: 'no-done', text: 'placeholder', chunkSize: 16 }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'stream that ends with [DONE] but no finish_reason (LocalAI, some proxies)',
    replies: [{ kind: 'done-without-finish', text: 'placeholder', chunkSize: 16 }],
    outcome: { kind: 'saved', requests: 1 },
  },
  {
    name: 'body that just stops on every attempt',
    replies: [
      { kind: 'no-done', text: 'placeholder', chunkSize: 16 },
      { kind: 'no-done', text: 'placeholder', chunkSize: 16 },
    ],
    outcome: { kind: 'failed', requests: 2, message: /answer ended before the model finished/ },
  },
  {
    name: '403 moderation refusal of this prompt (not the key)',
    replies: [{ kind: 'forbidden', reason: 'moderation' }],
    outcome: { kind: 'failed', requests: 1, message: /refused this prompt on content grounds \(403\)/ },
  },
  {
    name: 'error event inside the stream',
    replies: [{ kind: 'stream-error', ...partial(3) }],
    outcome: { kind: 'saved', requests: 2 },
  },
  {
    name: 'malformed SSE',
    replies: [{ kind: 'malformed', ...partial(3) }],
    outcome: { kind: 'failed', requests: 1, message: /not OpenAI-style server-sent events/ },
  },
  {
    name: '400 context length exceeded',
    replies: [{ kind: 'context-length' }],
    outcome: { kind: 'failed', requests: 1, message: /prompt is too long for the model/ },
  },
];

/** A fault that streams text streams the start of the real, valid answer, so only the fault can spoil it. */
function overRealAnswer(reply: FakeReply): ScriptedReply {
  return 'text' in reply ? (request) => ({ ...reply, text: aPlanAnswerFor(request) }) : reply;
}

describe.concurrent('fault matrix: one faulty endpoint in a batch of three', () => {
  it.each(cases)('$name', async ({ replies, outcome, args }) => {
    const [first, faulty, last] = batch;
    if (first === undefined || faulty === undefined || last === undefined) throw new Error('no batch');
    const server = await startFakeOpenAI({
      script: scriptByEndpoint({
        pacing: { chunkSize: 32 },
        byEndpoint: { [endpointKey(faulty)]: replies.map(overRealAnswer) },
      }),
    });
    const project = copyExample('flashcards');

    // Tests of this block run at once, so each closes its own server.
    const run = await generate(project, server, args ?? []).finally(() => server.close());

    const output = `${run.stdout}\n${run.stderr}`;
    const requestsFor = (endpoint: Listed) =>
      server.chatRequests().filter((r) => {
        const asked = endpointOfRequest(r);
        return asked?.method === endpoint.method && asked.path === endpoint.path;
      });
    expect(requestsFor(faulty), output).toHaveLength(outcome.requests);
    // A second request must be a retry of the fault, not a regeneration of a plan the validator rejected.
    expect(requestsFor(faulty).filter(namesProblems)).toEqual([]);
    expect([requestsFor(first).length, requestsFor(last).length], output).toEqual([1, 1]);
    const saved = plansIn(project);
    expect(saved, output).toContain(`001-${first.id}.md`);
    expectOnlyWholePlans(project);
    expectKeyNowhere(KEY, project, run);
    if (outcome.kind === 'saved') {
      expect(run.code, output).toBe(0);
      expect(saved).toEqual([`001-${first.id}.md`, `002-${faulty.id}.md`, `003-${last.id}.md`]);
      return;
    }
    expect(run.code, output).toBe(1);
    expect(saved).toEqual([`001-${first.id}.md`, `002-${last.id}.md`]);
    const line = run.stdout
      .split('\n')
      .find((l) => l.startsWith('✗') && l.includes(`${faulty.method} ${faulty.path} `));
    expect(line, output).toMatch(outcome.message);
    expect(run.stdout).toMatch(
      new RegExp(`Failed:\\n {2}${faulty.method} ${faulty.path.replace(/[{}]/g, '\\$&')}: `),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('Ctrl+C in the middle of a batch', () => {
  it('stops with 130, keeps the finished plans, saves nothing partial and says what was saved', async () => {
    const [first, slow, last] = batch;
    if (first === undefined || slow === undefined || last === undefined) throw new Error('no batch');
    const stuck = (endpoint: Listed): FakeReply => ({
      kind: 'stall',
      text: aPlanAnswer({ method: endpoint.method, path: endpoint.path }),
      afterChunks: 4,
      chunkSize: 16,
    });
    const server = await startFakeOpenAI({
      script: scriptByEndpoint({
        always: { [endpointKey(slow)]: stuck(slow), [endpointKey(last)]: stuck(last) },
      }),
    });
    servers.push(server);
    const project = copyExample('flashcards');

    const run = await generate(project, server, ['--idle-timeout', '60', '--concurrency', '2'], (out) =>
      out.includes(`001-${first.id}.md`),
    );

    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.code, output).toBe(130);
    expect(plansIn(project)).toEqual([`001-${first.id}.md`]);
    expectOnlyWholePlans(project);
    expect(run.stdout).toMatch(/1 saved/);
    expect(run.stdout).toMatch(/not written \(interrupted\)/);
    expect(run.stdout).toContain(`001-${first.id}.md`);
    expect(run.stdout).toMatch(/nothing partial was saved/i);
    expectKeyNowhere(KEY, project, run);
  });
});
