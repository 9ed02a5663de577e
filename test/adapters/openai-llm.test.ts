import { describe, expect, it } from 'vitest';
import type { LlmConfig, RetryInfo } from '../../src/adapters/openai-llm.ts';
import { createOpenAiLlm } from '../../src/adapters/openai-llm.ts';
import type { LlmChunk, LlmError, LlmRequest } from '../../src/core/ports.ts';
import { LlmFailure } from '../../src/core/ports.ts';
import type { FakeReply } from '../support/fake-openai-server.ts';
import { closedPort, fakeServers } from '../support/fake-servers.ts';

const apiKey = 'sk-test-0123456789abcdefSECRET';

const fake = fakeServers();

type Rig = { readonly config: LlmConfig; readonly sleeps: number[]; readonly retries: RetryInfo[] };

/** A client whose waits are recorded instead of slept, with a mid-range jitter. */
function rigFor(baseURL: string, overrides: Partial<LlmConfig> = {}): Rig {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const config: LlmConfig = {
    apiKey,
    baseURL,
    model: 'gpt-fake',
    timeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    maxRetries: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRetry: (info) => retries.push(info),
    ...overrides,
  };
  return { config, sleeps, retries };
}

const aRequest = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  model: 'gpt-fake',
  messages: [
    { role: 'system', content: 'You plan endpoints.' },
    { role: 'user', content: 'Plan GET /api/flashcards.' },
  ],
  ...overrides,
});

type Outcome = {
  readonly chunks: readonly LlmChunk[];
  readonly text: string;
  readonly failure: LlmFailure | undefined;
};

async function collect(config: LlmConfig, signal = new AbortController().signal): Promise<Outcome> {
  const chunks: LlmChunk[] = [];
  let failure: LlmFailure | undefined;
  try {
    for await (const chunk of createOpenAiLlm(config).stream(aRequest(), signal)) chunks.push(chunk);
  } catch (error) {
    if (!(error instanceof LlmFailure)) throw error;
    failure = error;
  }
  const text = chunks.map((c) => (c.type === 'delta' ? c.text : '')).join('');
  return { chunks, text, failure };
}

async function failureOf(replies: readonly FakeReply[], overrides: Partial<LlmConfig> = {}) {
  const server = await fake({ script: replies });
  const rig = rigFor(server.baseURL, overrides);
  const outcome = await collect(rig.config);
  return { ...outcome, server, rig, error: outcome.failure?.error };
}

const text = 'Plan: 1. Overview. Zażółć gęślą jaźń — 2. Request details.';

describe('createOpenAiLlm: a healthy stream', () => {
  it('yields every delta in order, then one done with usage including cached tokens', async () => {
    const server = await fake({
      script: [
        {
          kind: 'text',
          text,
          chunkSize: 3,
          usage: { promptTokens: 1200, completionTokens: 40, cachedTokens: 1024 },
        },
      ],
    });
    const { text: streamed, chunks, failure } = await collect(rigFor(server.baseURL).config);
    expect(failure).toBeUndefined();
    expect(streamed).toBe(text);
    expect(chunks.filter((c) => c.type === 'delta').length).toBe(Math.ceil(Array.from(text).length / 3));
    expect(chunks.at(-1)).toEqual({
      type: 'done',
      finishReason: 'stop',
      usage: { promptTokens: 1200, completionTokens: 40, cachedTokens: 1024 },
    });
  });

  it('sends a streamed Chat Completions request with usage, the messages in order and the key only as a header', async () => {
    const server = await fake({ script: [{ kind: 'text', text: 'ok' }] });
    await collect(rigFor(server.baseURL).config);
    const [request] = server.chatRequests();
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.rawBody).not.toContain(apiKey);
    expect(request?.body).toMatchObject({
      model: 'gpt-fake',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'You plan endpoints.' },
        { role: 'user', content: 'Plan GET /api/flashcards.' },
      ],
    });
  });

  it('reports a truncated answer as done with finish_reason length, for the caller to judge', async () => {
    const { chunks } = await failureOf([{ kind: 'text', text: 'half a plan', finishReason: 'length' }]);
    expect(chunks.at(-1)).toMatchObject({ type: 'done', finishReason: 'length' });
  });

  it('completes without usage when a local server sends none', async () => {
    const { chunks, failure } = await failureOf([{ kind: 'text', text: 'ok', usage: false }]);
    expect(failure).toBeUndefined();
    expect(chunks.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: undefined });
  });
});

describe('createOpenAiLlm: retries before the first delta', () => {
  it('waits what Retry-After asks (plus at most 10% jitter), then succeeds', async () => {
    const {
      failure,
      text: streamed,
      rig,
      server,
    } = await failureOf([
      { kind: 'rate-limit', retryAfterSeconds: 2 },
      { kind: 'text', text: 'ok' },
    ]);
    expect(failure).toBeUndefined();
    expect(streamed).toBe('ok');
    expect(server.chatRequests()).toHaveLength(2);
    expect(rig.sleeps).toHaveLength(1);
    expect(rig.sleeps[0]).toBeGreaterThanOrEqual(2_000);
    expect(rig.sleeps[0]).toBeLessThanOrEqual(2_200);
    expect(rig.retries[0]).toMatchObject({
      attempt: 1,
      error: { kind: 'rate-limited', retryAfterMs: 2_000 },
    });
  });

  it('prefers retry-after-ms and honours hints above the 60 s the SDK ignores', async () => {
    const { rig } = await failureOf([
      { kind: 'rate-limit', retryAfterMs: 1_500, retryAfterSeconds: 9 },
      { kind: 'rate-limit', retryAfterSeconds: 90 },
      { kind: 'text', text: 'ok' },
    ]);
    expect(rig.sleeps[0]).toBeGreaterThanOrEqual(1_500);
    expect(rig.sleeps[0]).toBeLessThan(1_700);
    expect(rig.sleeps[1]).toBeGreaterThanOrEqual(90_000);
    expect(rig.sleeps[1]).toBeLessThanOrEqual(91_000);
  });

  it('gives up at once with the wait in the message when Retry-After exceeds 2 minutes', async () => {
    const { error, failure, server, rig } = await failureOf([{ kind: 'rate-limit', retryAfterSeconds: 600 }]);
    expect(error).toEqual({ kind: 'rate-limited', retryAfterMs: 600_000 });
    expect(failure?.message).toContain('10 min');
    expect(server.chatRequests()).toHaveLength(1);
    expect(rig.sleeps).toEqual([]);
  });

  it('retries 500 and 503 with growing, jittered backoff', async () => {
    const { failure, server, rig } = await failureOf([
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 503 },
      { kind: 'text', text: 'ok' },
    ]);
    expect(failure).toBeUndefined();
    expect(server.chatRequests()).toHaveLength(3);
    expect(rig.sleeps).toEqual([750, 1_500]);
    expect(rig.retries.map((r) => r.error.kind)).toEqual(['server', 'server']);
  });

  it('stops after maxRetries and reports the last fault', async () => {
    const always503: FakeReply[] = Array.from({ length: 10 }, () => ({ kind: 'server-error', status: 503 }));
    const { error, failure, server } = await failureOf(always503, { maxRetries: 3 });
    expect(server.chatRequests()).toHaveLength(4);
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(failure?.retryable).toBe(true);
  });

  it('with maxRetries 0 makes exactly one request', async () => {
    const { server, error } = await failureOf([{ kind: 'rate-limit' }, { kind: 'text', text: 'ok' }], {
      maxRetries: 0,
    });
    expect(server.chatRequests()).toHaveLength(1);
    expect(error).toEqual({ kind: 'rate-limited', retryAfterMs: undefined });
  });

  it('retries a socket dropped before the headers', async () => {
    const {
      failure,
      text: streamed,
      rig,
    } = await failureOf([{ kind: 'drop-before-headers' }, { kind: 'text', text: 'ok' }]);
    expect(failure).toBeUndefined();
    expect(streamed).toBe('ok');
    expect(rig.retries[0]?.error.kind).toBe('connection');
  });

  it('retries a drop, a stall and a cut-off body that came before any text', async () => {
    const {
      failure,
      text: streamed,
      rig,
    } = await failureOf(
      [
        { kind: 'drop-mid-body', text: 'lost', afterChunks: 0 },
        { kind: 'stall', text: 'lost', afterChunks: 0 },
        { kind: 'no-done', text: '' },
        { kind: 'text', text: 'ok' },
      ],
      { maxRetries: 3, idleTimeoutMs: 200 },
    );
    expect(failure).toBeUndefined();
    expect(streamed).toBe('ok');
    expect(rig.retries.map((r) => r.error.kind)).toEqual(['stream-dropped', 'idle-timeout', 'incomplete']);
  });

  it('reports a refused connection with the base URL after its retries', async () => {
    const port = await closedPort();
    const rig = rigFor(`http://127.0.0.1:${port}/v1`, { maxRetries: 1 });
    const { failure } = await collect(rig.config);
    expect(failure?.error).toEqual({
      kind: 'connection',
      code: 'ECONNREFUSED',
      baseURL: `http://127.0.0.1:${port}/v1`,
    });
    expect(failure?.message).toContain(`http://127.0.0.1:${port}/v1`);
    expect(failure?.message).toContain('ollama serve');
    expect(rig.retries).toHaveLength(1);
  });

  it('maps the SDK request timeout to timeout and retries it', async () => {
    const { error, server } = await failureOf([{ kind: 'hang' }, { kind: 'hang' }], {
      timeoutMs: 200,
      maxRetries: 1,
    });
    expect(error).toEqual({ kind: 'timeout', seconds: 0.2 });
    expect(server.chatRequests()).toHaveLength(2);
  });
});

describe('createOpenAiLlm: faults that are never retried', () => {
  const cases: readonly (readonly [string, FakeReply, LlmError['kind']])[] = [
    ['401 bad key', { kind: 'auth' }, 'auth'],
    ['403 permission', { kind: 'error', status: 403, message: 'Project does not have access' }, 'permission'],
    ['404 model', { kind: 'model-not-found' }, 'model-not-found'],
    ['400 context length', { kind: 'context-length' }, 'context-too-long'],
    ['400 other', { kind: 'error', status: 400, message: 'temperature must be at most 2' }, 'bad-request'],
    [
      '429 insufficient_quota',
      { kind: 'rate-limit', code: 'insufficient_quota', retryAfterSeconds: 1 },
      'quota-exhausted',
    ],
    ['malformed SSE', { kind: 'malformed', text: 'abc', afterChunks: 0 }, 'malformed'],
    ['402 payment required', { kind: 'payment-required' }, 'payment'],
    ['403 about the key', { kind: 'forbidden', reason: 'key' }, 'permission'],
    ['403 moderation refusal', { kind: 'forbidden', reason: 'moderation' }, 'moderation'],
    ['404 that names no model', { kind: 'error', status: 404, message: 'Not Found' }, 'no-api'],
    [
      '429 whose message says the credit is gone',
      { kind: 'error', status: 429, message: 'Your credit balance is too low' },
      'quota-exhausted',
    ],
  ];
  for (const [name, reply, kind] of cases) {
    it(`${name} → ${kind}, one request, not retryable`, async () => {
      const { error, failure, server, rig } = await failureOf([reply, { kind: 'text', text: 'never' }]);
      expect(error?.kind).toBe(kind);
      expect(failure?.retryable).toBe(false);
      expect(server.chatRequests()).toHaveLength(1);
      expect(rig.sleeps).toEqual([]);
    });
  }

  it('names the model and the server when the model is missing', async () => {
    const { failure, server } = await failureOf([{ kind: 'model-not-found' }]);
    expect(failure?.error).toEqual({ kind: 'model-not-found', model: 'gpt-fake' });
    expect(failure?.message).toContain('"gpt-fake"');
    expect(failure?.message).toContain(server.baseURL);
  });

  it('rejects an empty key without sending anything', async () => {
    const { error, server } = await failureOf([{ kind: 'text', text: 'never' }], { apiKey: '' });
    expect(error?.kind).toBe('auth');
    expect(server.chatRequests()).toHaveLength(0);
  });
});

describe('createOpenAiLlm: faults after text was yielded', () => {
  const cases: readonly (readonly [string, FakeReply, LlmError['kind']])[] = [
    [
      'a socket drop mid-body',
      { kind: 'drop-mid-body', text, chunkSize: 4, afterChunks: 3 },
      'stream-dropped',
    ],
    ['a stall', { kind: 'stall', text, chunkSize: 4, afterChunks: 3 }, 'idle-timeout'],
    ['a body without finish_reason and [DONE]', { kind: 'no-done', text, chunkSize: 4 }, 'incomplete'],
    [
      'an error event inside the stream',
      { kind: 'stream-error', text, chunkSize: 4, afterChunks: 3 },
      'server',
    ],
  ];
  for (const [name, reply, kind] of cases) {
    it(`${name} → ${kind}, retryable, thrown for the caller to restart, never a done`, async () => {
      const { error, failure, chunks, server } = await failureOf([reply, { kind: 'text', text: 'never' }], {
        idleTimeoutMs: 200,
      });
      expect(error?.kind).toBe(kind);
      expect(failure?.retryable).toBe(true);
      expect(chunks.some((c) => c.type === 'delta')).toBe(true);
      expect(chunks.some((c) => c.type === 'done')).toBe(false);
      expect(server.chatRequests()).toHaveLength(1);
    });
  }

  it('does not count the time the consumer spends on a delta as server silence', async () => {
    const server = await fake({ script: [{ kind: 'text', text: 'abcdef', chunkSize: 2 }] });
    const rig = rigFor(server.baseURL, { idleTimeoutMs: 100 });
    const received: string[] = [];
    for await (const chunk of createOpenAiLlm(rig.config).stream(aRequest(), new AbortController().signal)) {
      if (chunk.type === 'delta') {
        received.push(chunk.text);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(received.join('')).toBe('abcdef');
  });
});

describe('createOpenAiLlm: cancellation', () => {
  it('ends a stalled stream as aborted when the caller aborts, without retrying', async () => {
    const server = await fake({ script: [{ kind: 'stall', text, afterChunks: 1 }] });
    const rig = rigFor(server.baseURL, { idleTimeoutMs: 60_000 });
    const controller = new AbortController();
    const chunks: LlmChunk[] = [];
    let caught: unknown;
    try {
      for await (const chunk of createOpenAiLlm(rig.config).stream(aRequest(), controller.signal)) {
        chunks.push(chunk);
        controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LlmFailure);
    expect((caught as LlmFailure).error).toEqual({ kind: 'aborted' });
    expect((caught as LlmFailure).retryable).toBe(false);
    expect(rig.retries).toEqual([]);
  });

  it('ends as aborted when the caller aborts during a retry wait', async () => {
    const server = await fake({ script: [{ kind: 'server-error' }, { kind: 'text', text: 'never' }] });
    const controller = new AbortController();
    const rig = rigFor(server.baseURL, {
      sleep: async () => {
        controller.abort();
      },
    });
    const { failure } = await collect(rig.config, controller.signal);
    expect(failure?.error).toEqual({ kind: 'aborted' });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = await fake({ script: [] });
    const controller = new AbortController();
    controller.abort();
    const { failure } = await collect(rigFor(server.baseURL).config, controller.signal);
    expect(failure?.error).toEqual({ kind: 'aborted' });
    expect(server.chatRequests()).toHaveLength(0);
  });
});

describe('createOpenAiLlm: the API key stays secret', () => {
  const faults: readonly FakeReply[] = [
    { kind: 'auth', echoKey: true },
    { kind: 'error', status: 400, message: `Invalid header: Authorization: Bearer ${apiKey}` },
    { kind: 'error', status: 403, message: `key ${apiKey} is disabled` },
    { kind: 'error', status: 500, message: `upstream said ${apiKey}` },
    { kind: 'model-not-found' },
    { kind: 'context-length' },
    { kind: 'rate-limit', code: 'insufficient_quota' },
    { kind: 'malformed', text: 'abc', afterChunks: 1 },
    { kind: 'drop-mid-body', text, afterChunks: 1 },
  ];
  it('appears in no error message, sentence or error value', async () => {
    for (const fault of faults) {
      const { failure } = await failureOf([fault], { maxRetries: 0 });
      expect(failure).toBeDefined();
      expect(failure?.message).not.toContain(apiKey);
      expect(JSON.stringify(failure?.error)).not.toContain(apiKey);
      expect(String(failure?.stack)).not.toContain(apiKey);
    }
  });
});

describe('createOpenAiLlm: the end of a stream', () => {
  it('takes [DONE] without a finish_reason as a complete answer (LocalAI, some proxies)', async () => {
    const server = await fake({ script: [{ kind: 'done-without-finish', text, chunkSize: 5 }] });
    const { chunks, failure } = await collect(rigFor(server.baseURL).config);
    expect(failure).toBeUndefined();
    expect(chunks.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('never takes a body that just stops for an answer', async () => {
    const server = await fake({ script: [{ kind: 'no-done', text, chunkSize: 5 }] });
    const { chunks, failure } = await collect(rigFor(server.baseURL, { maxRetries: 0 }).config);
    expect(failure?.error.kind).toBe('incomplete');
    expect(chunks.some((c) => c.type === 'done')).toBe(false);
  });
});

describe('createOpenAiLlm: retries are announced', () => {
  it('yields a retry notice with the attempt, the most attempts, the wait and the fault before each wait', async () => {
    const server = await fake({
      script: [
        { kind: 'server-error', status: 503 },
        { kind: 'text', text: 'ok' },
      ],
    });
    const { chunks } = await collect(rigFor(server.baseURL, { maxRetries: 4 }).config);
    expect(chunks[0]).toMatchObject({ type: 'retry', attempt: 2, maxAttempts: 5, delayMs: 750 });
    expect(chunks[0]?.type === 'retry' && chunks[0].error.kind).toBe('server');
  });

  it('gives a server that cannot be reached a few seconds, not every retry', async () => {
    const port = await closedPort();
    let clock = 0;
    const rig = rigFor(`http://127.0.0.1:${port}/v1`, {
      maxRetries: 10,
      unreachableBudgetMs: 5_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const { failure } = await collect(rig.config);
    expect(failure?.error.kind).toBe('connection');
    // 750 ms and 1.5 s fit in 5 s; the next 3 s would not.
    expect(rig.retries.map((r) => r.delayMs)).toEqual([750, 1_500]);
  });
});
