import type { Endpoint } from '../docs/model.ts';
import type { GenerateRequest, LlmError, PlanEngine, RetryNotice, Usage } from '../ports.ts';
import { LlmFailure } from '../ports.ts';
import { createSplitter } from './split.ts';
import { type PlanProblem, validatePlan } from './validate.ts';

/** How a stream that failed after it started is restarted from scratch (the adapter retries only before the first delta). */
export type RestartPolicy = {
  readonly maxRestarts: number;
  readonly delayMs: (attempt: number, error: LlmError) => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
};

/** Live counters for progress lines; called for every chunk, so it must stay cheap. */
export type GenerationProgress = {
  readonly phase: 'before' | 'analysis' | 'plan';
  readonly chars: number;
  readonly attempt: number;
  /** Set while the request waits to try again, until the next text arrives. */
  readonly retry: Omit<RetryNotice, 'type'> | undefined;
};

/** A finished generation: the plan only, what the validator thinks of it, and what it cost. */
export type GeneratedPlan = {
  readonly plan: string;
  readonly analysis: string;
  readonly usage: Usage | undefined;
  readonly problems: readonly PlanProblem[];
  /** True when the first draft had problems and was generated once more with them named. */
  readonly regenerated: boolean;
};

/** How one endpoint's generation ended. */
export type GenerationOutcome =
  | { readonly kind: 'ok'; readonly generated: GeneratedPlan }
  | { readonly kind: 'failed'; readonly error: LlmError }
  | { readonly kind: 'aborted' };

type Draft = {
  readonly plan: string;
  readonly analysis: string;
  readonly usage: Usage | undefined;
  readonly finishReason: string;
};

/** Adds two usage records; undefined only when neither side reported any. */
export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedTokens:
      a.cachedTokens === undefined && b.cachedTokens === undefined
        ? undefined
        : (a.cachedTokens ?? 0) + (b.cachedTokens ?? 0),
  };
}

async function streamDraft(
  engine: PlanEngine,
  request: GenerateRequest,
  signal: AbortSignal,
  attempt: number,
  onProgress: ((p: GenerationProgress) => void) | undefined,
  onFirstDelta: () => void,
): Promise<Draft> {
  const splitter = createSplitter();
  let chars = 0;
  let done: { usage: Usage | undefined; finishReason: string } | undefined;
  for await (const chunk of engine.generate(request, signal)) {
    if (chunk.type === 'retry') {
      onProgress?.({ phase: 'before', chars: 0, attempt, retry: chunk });
      continue;
    }
    if (chunk.type === 'done') {
      done = { usage: chunk.usage, finishReason: chunk.finishReason };
      break;
    }
    if (chars === 0) onFirstDelta();
    const snapshot = splitter.push(chunk.text);
    chars += chunk.text.length;
    onProgress?.({ phase: snapshot.phase, chars, attempt, retry: undefined });
  }
  if (signal.aborted) throw new LlmFailure({ kind: 'aborted' }, false, 'Cancelled.');
  if (done === undefined) {
    const error: LlmError = { kind: 'incomplete', message: 'the stream ended before the model finished' };
    throw new LlmFailure(error, true, error.message);
  }
  const final = splitter.finish();
  return { plan: final.plan, analysis: final.analysis, usage: done.usage, finishReason: done.finishReason };
}

async function streamWithRestarts(
  engine: PlanEngine,
  request: GenerateRequest,
  signal: AbortSignal,
  policy: RestartPolicy,
  onProgress: ((p: GenerationProgress) => void) | undefined,
): Promise<Draft> {
  for (let attempt = 0; ; attempt++) {
    let streamed = false;
    try {
      return await streamDraft(engine, request, signal, attempt, onProgress, () => {
        streamed = true;
      });
    } catch (error) {
      if (!(error instanceof LlmFailure)) throw error;
      // The adapter already retried what failed before the first delta; only a stream cut off midway restarts here.
      if (!streamed || signal.aborted || !error.retryable || attempt >= policy.maxRestarts) throw error;
      const delayMs = policy.delayMs(attempt + 1, error.error);
      const retry = {
        attempt: attempt + 2,
        maxAttempts: policy.maxRestarts + 1,
        delayMs,
        error: error.error,
      };
      onProgress?.({ phase: 'before', chars: 0, attempt: attempt + 1, retry });
      await policy.sleep(delayMs, signal);
    }
  }
}

/**
 * Generates one endpoint's plan: streams it, splits the analysis off, validates it, and when the model's
 * draft has problems generates it once more with the problems named (the offline engine is not asked twice:
 * it would write the same draft).
 */
export async function generatePlan(input: {
  readonly engine: PlanEngine;
  readonly endpoint: Endpoint;
  readonly signal: AbortSignal;
  readonly restart: RestartPolicy;
  readonly instructions?: string | undefined;
  readonly onProgress?: (progress: GenerationProgress) => void;
}): Promise<GenerationOutcome> {
  const { engine, endpoint, signal, restart, onProgress } = input;
  const request: GenerateRequest = { endpoint, instructions: input.instructions, problems: [] };
  try {
    const first = await streamWithRestarts(engine, request, signal, restart, onProgress);
    const firstProblems = problemsOf(first, endpoint);
    if (firstProblems.length === 0 || engine.kind === 'offline') {
      return { kind: 'ok', generated: { ...first, problems: firstProblems, regenerated: false } };
    }
    const retry: GenerateRequest = { ...request, problems: firstProblems.map((p) => p.message) };
    const second = await streamWithRestarts(engine, retry, signal, restart, onProgress);
    const secondProblems = problemsOf(second, endpoint);
    // Keep the better draft: a regeneration can come back worse.
    const best =
      secondProblems.length <= firstProblems.length
        ? { draft: second, problems: secondProblems }
        : { draft: first, problems: firstProblems };
    return {
      kind: 'ok',
      generated: {
        plan: best.draft.plan,
        analysis: best.draft.analysis,
        usage: addUsage(first.usage, second.usage),
        problems: best.problems,
        regenerated: true,
      },
    };
  } catch (error) {
    if (error instanceof LlmFailure) {
      return error.error.kind === 'aborted' || signal.aborted
        ? { kind: 'aborted' }
        : { kind: 'failed', error: error.error };
    }
    throw error;
  }
}

function problemsOf(draft: Draft, endpoint: Endpoint): readonly PlanProblem[] {
  const problems = validatePlan(draft.plan, endpoint);
  if (draft.finishReason !== 'length') return problems;
  return [
    ...problems,
    {
      code: 'truncated',
      message: 'The model stopped at its output token limit, so the plan is cut short.',
    } as PlanProblem,
  ];
}
