import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../src/core/docs/model.ts';
import { validatePlan } from '../../src/core/plan/validate.ts';
import { anEndpoint } from '../support/builders.ts';
import { type CliRun, copyExample, runCli } from '../support/cli.ts';
import type { FakeServer } from '../support/fake-openai-server.ts';
import { fakeServers } from '../support/fake-servers.ts';
import {
  ANALYSIS_MARKER,
  endpointKey,
  endpointOfRequest,
  namesProblems,
  scriptByEndpoint,
} from '../support/plan-replies.ts';
import { expectKeyNowhere, plansDir, plansIn } from '../support/project.ts';

const KEY = 'sk-test-SECRET123';
const MODEL = 'gpt-4.1-mini';

type Listed = { id: string; method: HttpMethod; path: string; planned: string | null };

const fake = fakeServers();

async function endpointsOf(project: string): Promise<Listed[]> {
  const run = await runCli(['list', '--json'], { cwd: project });
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { endpoints: Listed[] }).endpoints;
}

function generate(project: string, server: FakeServer, args: readonly string[]): Promise<CliRun> {
  return runCli(['generate', '--yes', '--base-url', server.baseURL, '--model', MODEL, ...args], {
    cwd: project,
    env: { OPENAI_API_KEY: KEY },
  });
}

const fileName = (index: number, id: string): string => `${String(index + 1).padStart(3, '0')}-${id}.md`;

const paced = { chunkSize: 16, delayMs: 1 };

describe('generate with a model (fake OpenAI server)', () => {
  it('plans every endpoint in document order with shared-prefix requests and prints tokens and cost', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const server = await fake({ script: scriptByEndpoint({ pacing: paced }) });

    const run = await generate(project, server, ['--all']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(plansIn(project)).toEqual(endpoints.map((e, i) => fileName(i, e.id)));
    for (const [i, endpoint] of endpoints.entries()) {
      const plan = readFileSync(join(plansDir(project), fileName(i, endpoint.id)), 'utf8');
      expect(plan).toMatch(/^# API Endpoint Implementation Plan: /);
      expect(plan).not.toContain(ANALYSIS_MARKER);
      expect(plan).not.toContain('<analysis>');
      expect(plan).not.toMatch(/^```/m);
      expect(validatePlan(plan, anEndpoint({ method: endpoint.method, path: endpoint.path }))).toEqual([]);
    }

    const requests = server.chatRequests();
    expect(requests).toHaveLength(endpoints.length);
    for (const request of requests) {
      expect(request.body?.stream).toBe(true);
      expect(request.body?.stream_options?.include_usage).toBe(true);
      expect(request.body?.model).toBe(MODEL);
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    }
    const messages = requests.map((r) => r.body?.messages ?? []);
    const [first] = messages;
    if (first === undefined) throw new Error('no request reached the server');
    expect(first.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      expect(m.length).toBe(first.length);
      // Everything before the last message is the cacheable prefix: identical for every endpoint.
      expect(m.slice(0, -1)).toEqual(first.slice(0, -1));
    }
    const asked = requests
      .map((r) => endpointOfRequest(r))
      .map((e) => (e === undefined ? '' : endpointKey(e)));
    expect(new Set(asked)).toEqual(new Set(endpoints.map(endpointKey)));
    expect(new Set(messages.map((m) => m.at(-1)?.content)).size).toBe(endpoints.length);

    expect(run.stdout).toMatch(/\d[\d,]* prompt \+ \d[\d,]* completion tokens/);
    expect(run.stdout).toMatch(/\$\d+\.\d{4}/);
    expect(run.stdout).toContain(`${endpoints.length} saved`);
    expectKeyNowhere(KEY, project, run);
  });

  it('keeps at most --concurrency requests in flight', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const server = await fake({ script: scriptByEndpoint({ pacing: { chunkSize: 8, delayMs: 2 } }) });

    const run = await generate(project, server, ['--all', '--concurrency', '2']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(plansIn(project)).toHaveLength(endpoints.length);
    expect(server.maxInFlight()).toBe(2);
  });

  it('re-runs pick up exactly the endpoints that failed', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const [, broken1, , broken2] = endpoints;
    if (broken1 === undefined || broken2 === undefined) throw new Error('the example needs four endpoints');
    const tooLong = { kind: 'context-length' } as const;
    const failing = await fake({
      script: scriptByEndpoint({
        pacing: paced,
        always: { [endpointKey(broken1)]: tooLong, [endpointKey(broken2)]: tooLong },
      }),
    });

    const first = await generate(project, failing, ['--all']);

    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toMatch(/Failed:/);
    expect(first.stdout).toContain(`${broken1.method} ${broken1.path}: The prompt is too long`);
    expect(first.stdout).toContain(`${broken2.method} ${broken2.path}: The prompt is too long`);
    expect(plansIn(project)).toHaveLength(endpoints.length - 2);

    // The base URL from the environment this time.
    const healthy = await fake({ script: scriptByEndpoint({ pacing: paced }) });
    const second = await runCli(['generate', '--all', '--yes', '--model', MODEL], {
      cwd: project,
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: healthy.baseURL },
    });

    expect(second.code, second.stdout + second.stderr).toBe(0);
    const asked = healthy.chatRequests().map((r) => endpointOfRequest(r));
    expect(asked.map((e) => (e === undefined ? '' : endpointKey(e))).sort()).toEqual(
      [endpointKey(broken1), endpointKey(broken2)].sort(),
    );
    const listed = await endpointsOf(project);
    expect(listed.every((e) => e.planned !== null)).toBe(true);
    expect(plansIn(project)).toHaveLength(endpoints.length);

    const third = await generate(project, healthy, ['--all']);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('Nothing to do');
    expect(healthy.chatRequests()).toHaveLength(2);
    expectKeyNowhere(KEY, project, first, second, third);
  });

  it('--dry-run sends nothing and prints the estimated tokens and cost', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const server = await fake({ script: scriptByEndpoint() });

    const run = await generate(project, server, ['--all', '--dry-run']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(run.stdout).toContain(`${endpoints.length} request(s) to ${MODEL}`);
    expect(run.stdout).toMatch(/[\d,]+ prompt tokens \+ ~[\d,]+ completion tokens \(estimated\)/);
    expect(run.stdout).toMatch(/~\$\d+\.\d{4}/);
    expect(run.stdout).toContain('Nothing was sent');
    expect(plansIn(project)).toEqual([]);
    expectKeyNowhere(KEY, project, run);
  });

  it('regenerates an invalid first draft once, naming its problems', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const [target] = endpoints;
    if (target === undefined) throw new Error('the example needs an endpoint');
    const server = await fake({
      script: scriptByEndpoint({
        byEndpoint: {
          [endpointKey(target)]: [
            {
              kind: 'text',
              text: `<analysis>${ANALYSIS_MARKER}</analysis>\n\n# API Endpoint Implementation Plan: ${target.path}\n\n## 1. Endpoint Overview\n\n${target.method} ${target.path}\n`,
            },
          ],
        },
      }),
    });

    const run = await generate(project, server, [target.id]);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const requests = server.chatRequests();
    expect(requests).toHaveLength(2);
    const [firstRequest, retry] = requests;
    expect(firstRequest && namesProblems(firstRequest)).toBe(false);
    expect(retry && namesProblems(retry)).toBe(true);
    const retryText = retry?.body?.messages?.at(-1)?.content ?? '';
    expect(retryText).toContain('Error Handling');
    expect(retryText).toContain('Implementation Steps');
    const plan = readFileSync(join(plansDir(project), fileName(0, target.id)), 'utf8');
    expect(validatePlan(plan, anEndpoint({ method: target.method, path: target.path }))).toEqual([]);
    expect(run.stdout).not.toContain('warning:');
  });

  it('saves a plan that is still invalid after one regeneration, with a warning', async () => {
    const project = copyExample('flashcards');
    const endpoints = await endpointsOf(project);
    const [target] = endpoints;
    if (target === undefined) throw new Error('the example needs an endpoint');
    const thin = `# API Endpoint Implementation Plan: ${target.path}\n\n## 1. Endpoint Overview\n\n${target.method} ${target.path}\n`;
    const server = await fake({
      script: scriptByEndpoint({ always: { [endpointKey(target)]: { kind: 'text', text: thin } } }),
    });

    const run = await generate(project, server, [target.id]);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.chatRequests()).toHaveLength(2);
    expect(plansIn(project)).toEqual([fileName(0, target.id)]);
    expect(run.stdout).toMatch(/warning:.*Error Handling/);
  });

  it('exits 2 on input errors without sending anything', async () => {
    const project = copyExample('flashcards');
    const server = await fake({ script: scriptByEndpoint() });

    const unknown = await generate(project, server, ['get-no-such-endpoint']);
    const badFlag = await generate(project, server, ['--all', '--concurrency', '0']);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('get-no-such-endpoint');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--concurrency');
    expect(server.requests).toHaveLength(0);
    expectKeyNowhere(KEY, project, unknown, badFlag);
  });
});
