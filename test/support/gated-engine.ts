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

/** A fake engine whose stream moves only when the test says so. */
export type GatedEngine = PlanEngine & {
  /** Every request received, in order. */
  readonly requests: GenerateRequest[];
  /** How many streams were aborted by their signal. */
  readonly aborted: () => number;
  /** Yields one text delta on the latest stream. */
  send(text: string): void;
  /** Ends the latest stream with `done`. */
  finish(usage?: Usage): void;
  /** Makes the latest stream throw an LlmFailure. */
  fail(error: LlmError): void;
  /** Announces a retry wait on the latest stream, as the model client does before each retry. */
  retry(notice: Omit<RetryNotice, 'type'>): void;
};

/** A gated fake PlanEngine: each `generate` call opens a stream that waits for `send`/`finish`/`fail`. */
export function createGatedEngine(options: { name?: string; kind?: 'llm' | 'offline' } = {}): GatedEngine {
  const requests: GenerateRequest[] = [];
  let abortedCount = 0;
  let queue: Step[] = [];
  let wake: (() => void) | undefined;

  const push = (step: Step) => {
    queue.push(step);
    wake?.();
  };

  async function* generate(request: GenerateRequest, signal: AbortSignal): AsyncGenerator<LlmChunk> {
    requests.push(request);
    // A new stream starts from a clean gate: steps meant for an older one are dropped.
    queue = [];
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal.aborted) {
          abortedCount += 1;
          return;
        }
        const step = queue.shift();
        if (step === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
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
    send: (text) => push({ kind: 'chunk', chunk: { type: 'delta', text } }),
    finish: (usage) => push({ kind: 'chunk', chunk: { type: 'done', usage, finishReason: 'stop' } }),
    fail: (error) => push({ kind: 'fail', error }),
    retry: (notice) => push({ kind: 'chunk', chunk: { type: 'retry', ...notice } }),
  };
}
