import type { LlmChunk, LlmError } from '../ports.ts';
import { LlmFailure } from '../ports.ts';
import type { BackoffPolicy } from './backoff.ts';
import { defaultBackoff, retryDelayMs } from './backoff.ts';
import { describeLlmError } from './errors.ts';

/** A model chunk, or a notice that the partial answer so far must be thrown away because the request starts over. */
export type RestartableChunk =
  | LlmChunk
  | {
      readonly type: 'restart';
      /** 1 for the first restart. */
      readonly attempt: number;
      readonly delayMs: number;
      /** The fault that cut the previous attempt short. */
      readonly error: LlmError;
    };

/** How often and how patiently `withRestarts` starts a cut-off answer over. */
export type RestartPolicy = {
  readonly maxRestarts: number;
  readonly signal: AbortSignal;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly backoff?: BackoffPolicy;
};

/**
 * Restarts a stream from scratch when a retryable fault hits after text was already yielded (a mid-stream drop,
 * a stall, a cut-off body). The LLM client retries faults before the first delta itself; a failure that
 * reaches this point with nothing yielded has used those retries up, so it is passed on unchanged.
 * Before each restart it yields `{type:'restart'}`: the consumer discards the partial text it holds.
 */
export async function* withRestarts(
  streamFn: () => AsyncIterable<LlmChunk>,
  policy: RestartPolicy,
): AsyncGenerator<RestartableChunk, void, undefined> {
  for (let restart = 1; ; restart += 1) {
    let yieldedText = false;
    try {
      for await (const chunk of streamFn()) {
        if (chunk.type === 'delta') yieldedText = true;
        yield chunk;
      }
      return;
    } catch (failure) {
      if (!(failure instanceof LlmFailure) || !failure.retryable || !yieldedText) throw failure;
      if (restart > policy.maxRestarts || policy.signal.aborted) throw failure;
      const retryAfterMs = failure.error.kind === 'rate-limited' ? failure.error.retryAfterMs : undefined;
      const delayMs = retryDelayMs(restart, retryAfterMs, policy.random, policy.backoff ?? defaultBackoff);
      if (delayMs === undefined) throw failure;
      yield { type: 'restart', attempt: restart, delayMs, error: failure.error };
      await policy.sleep(delayMs, policy.signal);
      if (policy.signal.aborted) {
        const aborted: LlmError = { kind: 'aborted' };
        throw new LlmFailure(aborted, false, describeLlmError(aborted));
      }
    }
  }
}
