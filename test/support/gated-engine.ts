import type {
  GenerateRequest,
  LlmChunk,
  LlmError,
  PlanEngine,
  RetryNotice,
  Usage,
} from '../../src/core/ports.ts';
import { LlmFailure } from '../../src/core/ports.ts';

type Step =
  | { readonly kind: 'chunk'; readonly chunk: LlmChunk }
  | { readonly kind: 'fail'; readonly error: LlmError };

/** One stream's gate: the steps the test released and the stream's waiter. */
type Gate = { steps: Step[]; wake: (() => void) | undefined };

/** A fake engine whose streams move only when the test says so. */
export type GatedEngine = PlanEngine & {
  /** Every request received, in order. */
  readonly requests: GenerateRequest[];
  /** How many streams were aborted by their signal. */
  readonly aborted: () => number;
  /** Yields one text delta on the latest stream (or on stream `at`, counted from 0 in request order). */
  send(text: string, at?: number): void;
  /** Ends the latest stream (or stream `at`) with `done`. */
  finish(usage?: Usage, at?: number): void;
  /** Makes the latest stream (or stream `at`) throw an LlmFailure. */
  fail(error: LlmError, at?: number): void;
  /** Announces a retry wait on the latest stream (or stream `at`), as the model client does before each retry. */
  retry(notice: Omit<RetryNotice, 'type'>, at?: number): void;
};

/**
 * A gated fake PlanEngine: each `generate` call opens a stream with its own gate that waits for
 * `send`/`finish`/`fail`; several streams can be open at once (a prefetch beside the plan on screen).
 */
export function createGatedEngine(options: { name?: string; kind?: 'llm' | 'offline' } = {}): GatedEngine {
  const requests: GenerateRequest[] = [];
  const gates: Gate[] = [];
  let abortedCount = 0;

  const push = (step: Step, at: number | undefined) => {
    const gate = gates[at ?? gates.length - 1];
    if (gate === undefined) return;
    gate.steps.push(step);
    gate.wake?.();
  };

  async function* generate(request: GenerateRequest, signal: AbortSignal): AsyncGenerator<LlmChunk> {
    requests.push(request);
    const gate: Gate = { steps: [], wake: undefined };
    gates.push(gate);
    const onAbort = () => gate.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal.aborted) {
          abortedCount += 1;
          return;
        }
        const step = gate.steps.shift();
        if (step === undefined) {
          await new Promise<void>((resolve) => {
            gate.wake = resolve;
          });
          gate.wake = undefined;
          continue;
        }
        if (step.kind === 'fail') throw new LlmFailure(step.error, false, step.error.kind);
        yield step.chunk;
        if (step.chunk.type === 'done') return;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  return {
    name: options.name ?? 'gated-model',
    kind: options.kind ?? 'llm',
    requests,
    aborted: () => abortedCount,
    generate,
    send: (text, at) => push({ kind: 'chunk', chunk: { type: 'delta', text } }, at),
    finish: (usage, at) => push({ kind: 'chunk', chunk: { type: 'done', usage, finishReason: 'stop' } }, at),
    fail: (error, at) => push({ kind: 'fail', error }, at),
    retry: (notice, at) => push({ kind: 'chunk', chunk: { type: 'retry', ...notice } }, at),
  };
}
