import { describe, expect, it } from 'vitest';
import {
  type GenerationOutcome,
  type GenerationProgress,
  generatePlan,
  type RestartPolicy,
} from '../../../src/core/plan/generate-plan.ts';
import type { LlmChunk, LlmError, PlanEngine } from '../../../src/core/ports.ts';
import { LlmFailure } from '../../../src/core/ports.ts';
import { anEndpoint } from '../../support/builders.ts';
import { anAnswer, aValidPlan } from '../../wizard/plans.ts';

type Attempt = { readonly deltas: readonly string[]; readonly ending: LlmError | 'done' };

const endpoint = anEndpoint({ method: 'GET', path: '/api/flashcards' });
const plan = aValidPlan(endpoint);
const dropped: LlmError = { kind: 'stream-dropped', message: 'terminated' };

/** An engine whose every call plays the next scripted attempt (the last one repeats). */
function scripted(attempts: readonly Attempt[]) {
  let calls = 0;
  const engine: PlanEngine = {
    name: 'scripted',
    kind: 'llm',
    async *generate(_request, signal): AsyncGenerator<LlmChunk> {
      // Like the adapter: a cancelled request fails before it is sent.
      if (signal.aborted) throw new LlmFailure({ kind: 'aborted' }, false, 'Cancelled.');
      const attempt = attempts[calls] ?? attempts.at(-1)!;
      calls += 1;
      for (const text of attempt.deltas) yield { type: 'delta', text };
      if (attempt.ending === 'done') {
        yield { type: 'done', usage: undefined, finishReason: 'stop' };
        return;
      }
      const retryable = attempt.ending.kind !== 'auth' && attempt.ending.kind !== 'aborted';
      throw new LlmFailure(attempt.ending, retryable, attempt.ending.kind);
    },
  };
  return { engine, calls: () => calls };
}

function policyWith(overrides: Partial<RestartPolicy> = {}) {
  const sleeps: number[] = [];
  const policy: RestartPolicy = {
    maxRestarts: 2,
    delayMs: (attempt) => attempt * 500,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  };
  return { policy, sleeps };
}

function generate(engine: PlanEngine, restart: RestartPolicy, signal = new AbortController().signal) {
  const attempts: number[] = [];
  const retries: NonNullable<GenerationProgress['retry']>[] = [];
  const outcome: Promise<GenerationOutcome> = generatePlan({
    engine,
    endpoint,
    signal,
    restart,
    onProgress: (progress) => {
      if (progress.retry === undefined) attempts.push(progress.attempt);
      else retries.push(progress.retry);
    },
  });
  return { outcome, attempts, retries };
}

describe('generatePlan restarts', () => {
  it('starts a stream cut off after text over from scratch, after the policy delay', async () => {
    const { engine, calls } = scripted([
      { deltas: ['<analysis>\nhalf a'], ending: dropped },
      { deltas: [anAnswer(plan)], ending: 'done' },
    ]);
    const { policy, sleeps } = policyWith();
    const { outcome, attempts, retries } = generate(engine, policy);
    const result = await outcome;
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.generated.plan.trim()).toBe(plan.trim());
    expect(calls()).toBe(2);
    expect(sleeps).toEqual([500]);
    expect(attempts).toEqual([0, 1]);
    // The wait is announced, so the live view says why nothing streams.
    expect(retries).toMatchObject([{ attempt: 2, delayMs: 500 }]);
  });

  it('passes on a failure that came before any text: the client already spent its retries on it', async () => {
    const { engine, calls } = scripted([
      { deltas: [], ending: { kind: 'server', status: 503, message: '' } },
    ]);
    const result = await generate(engine, policyWith().policy).outcome;
    expect(result).toEqual({ kind: 'failed', error: { kind: 'server', status: 503, message: '' } });
    expect(calls()).toBe(1);
  });

  it('does not restart what is not retryable', async () => {
    const { engine, calls } = scripted([{ deltas: ['x'], ending: { kind: 'auth', message: '' } }]);
    const result = await generate(engine, policyWith().policy).outcome;
    expect(result.kind === 'failed' && result.error.kind).toBe('auth');
    expect(calls()).toBe(1);
  });

  it('restarts at most maxRestarts times', async () => {
    const { engine, calls } = scripted([{ deltas: ['x'], ending: dropped }]);
    const { policy, sleeps } = policyWith({ maxRestarts: 2 });
    const result = await generate(engine, policy).outcome;
    expect(result).toEqual({ kind: 'failed', error: dropped });
    expect(calls()).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('ends as aborted when cancelled during the wait', async () => {
    const controller = new AbortController();
    const { engine, calls } = scripted([{ deltas: ['x'], ending: dropped }]);
    const { policy } = policyWith({
      // Like cli.tsx's sleep: an abort ends the wait early and quietly.
      sleep: async () => {
        controller.abort();
      },
    });
    const result = await generate(engine, policy, controller.signal).outcome;
    expect(result).toEqual({ kind: 'aborted' });
    expect(calls()).toBe(1);
  });
});
