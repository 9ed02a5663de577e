import { describe, expect, it } from 'vitest';
import type { RestartableChunk, RestartPolicy } from '../../../src/core/llm/with-restarts.ts';
import { withRestarts } from '../../../src/core/llm/with-restarts.ts';
import type { LlmChunk, LlmError } from '../../../src/core/ports.ts';
import { LlmFailure } from '../../../src/core/ports.ts';

type Attempt = { readonly deltas: readonly string[]; readonly ending: LlmError | 'done' };

const dropped: LlmError = { kind: 'stream-dropped', message: 'terminated' };

/** A scripted stream function: each call plays the next attempt. */
function scripted(attempts: readonly Attempt[]) {
  let calls = 0;
  const streamFn = async function* (): AsyncGenerator<LlmChunk> {
    const attempt = attempts[calls] ?? attempts.at(-1)!;
    calls += 1;
    for (const text of attempt.deltas) yield { type: 'delta', text };
    if (attempt.ending === 'done') {
      yield { type: 'done', usage: undefined, finishReason: 'stop' };
      return;
    }
    const retryable = attempt.ending.kind !== 'auth' && attempt.ending.kind !== 'aborted';
    throw new LlmFailure(attempt.ending, retryable, attempt.ending.kind);
  };
  return { streamFn, calls: () => calls };
}

function policyWith(overrides: Partial<RestartPolicy> = {}) {
  const sleeps: number[] = [];
  const policy: RestartPolicy = {
    maxRestarts: 2,
    signal: new AbortController().signal,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  };
  return { policy, sleeps };
}

async function run(iterable: AsyncIterable<RestartableChunk>) {
  const chunks: RestartableChunk[] = [];
  try {
    for await (const chunk of iterable) chunks.push(chunk);
    return { chunks, failure: undefined };
  } catch (error) {
    if (!(error instanceof LlmFailure)) throw error;
    return { chunks, failure: error };
  }
}

describe('withRestarts', () => {
  it('restarts a stream cut off after text, telling the consumer to discard the partial text first', async () => {
    const { streamFn, calls } = scripted([
      { deltas: ['half a'], ending: dropped },
      { deltas: ['whole ', 'plan'], ending: 'done' },
    ]);
    const { policy, sleeps } = policyWith();
    const { chunks, failure } = await run(withRestarts(streamFn, policy));
    expect(failure).toBeUndefined();
    expect(calls()).toBe(2);
    expect(chunks.map((c) => c.type)).toEqual(['delta', 'restart', 'delta', 'delta', 'done']);
    expect(chunks[1]).toEqual({ type: 'restart', attempt: 1, delayMs: 500, error: dropped });
    expect(sleeps).toEqual([500]);
  });

  it('passes on a failure that came before any text: the client already spent its retries on it', async () => {
    const { streamFn, calls } = scripted([
      { deltas: [], ending: { kind: 'server', status: 503, message: '' } },
    ]);
    const { failure } = await run(withRestarts(streamFn, policyWith().policy));
    expect(failure?.error.kind).toBe('server');
    expect(calls()).toBe(1);
  });

  it('does not restart what is not retryable', async () => {
    const { streamFn, calls } = scripted([{ deltas: ['x'], ending: { kind: 'auth', message: '' } }]);
    const { failure } = await run(withRestarts(streamFn, policyWith().policy));
    expect(failure?.error.kind).toBe('auth');
    expect(calls()).toBe(1);
  });

  it('restarts at most maxRestarts times', async () => {
    const { streamFn, calls } = scripted([{ deltas: ['x'], ending: dropped }]);
    const { chunks, failure } = await run(withRestarts(streamFn, policyWith({ maxRestarts: 2 }).policy));
    expect(failure?.error).toEqual(dropped);
    expect(calls()).toBe(3);
    expect(chunks.filter((c) => c.type === 'restart')).toHaveLength(2);
  });

  it('ends as aborted when cancelled during the wait', async () => {
    const controller = new AbortController();
    const { streamFn, calls } = scripted([{ deltas: ['x'], ending: dropped }]);
    const { policy } = policyWith({
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
      },
    });
    const { failure } = await run(withRestarts(streamFn, policy));
    expect(failure?.error).toEqual({ kind: 'aborted' });
    expect(failure?.retryable).toBe(false);
    expect(calls()).toBe(1);
  });
});
