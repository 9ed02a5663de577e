import type { LlmError } from '../ports.ts';

/** How long to wait between attempts. */
export type BackoffPolicy = {
  /** Delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** Ceiling of the exponential delay. */
  readonly maxMs: number;
  /**
   * The longest server-requested wait (`Retry-After`) we sit through. Longer than this, waiting inside one
   * run helps nobody: the caller fails with the rate-limited error that says when to come back.
   */
  readonly maxRetryAfterMs: number;
};

/** Defaults: 1 s, 2 s, 4 s … up to 30 s; a server may ask for up to 2 minutes. */
export const defaultBackoff = {
  baseMs: 1_000,
  maxMs: 30_000,
  maxRetryAfterMs: 120_000,
} as const satisfies BackoffPolicy;

/**
 * Delay before retry number `attempt` (1 = first retry), or undefined when the server asked for a wait longer
 * than `policy.maxRetryAfterMs`.
 * Without a server hint: exponential with equal jitter (half fixed, half random), so parallel requests
 * rejected together do not come back together. With `Retry-After`: at least what the server asked, plus up to
 * 10% (max 1 s) of jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  policy: BackoffPolicy = defaultBackoff,
): number | undefined {
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
    return Math.round(retryAfterMs + random() * Math.min(1_000, retryAfterMs / 10));
  }
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * Reads the server's wait hint: `retry-after-ms` (OpenAI), else `retry-after` in seconds. The HTTP-date form of
 * `retry-after` needs a clock, so it is left to the adapter. Unparseable or negative values count as no hint.
 */
export function parseRetryAfterMs(
  retryAfterMsHeader: string | null | undefined,
  retryAfterHeader: string | null | undefined,
): number | undefined {
  const ms = parseNonNegative(retryAfterMsHeader);
  if (ms !== undefined) return Math.round(ms);
  const seconds = parseNonNegative(retryAfterHeader);
  return seconds === undefined ? undefined : Math.round(seconds * 1_000);
}

function parseNonNegative(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Delay before restart number `attempt` after `error`: the server's `Retry-After` when a rate limit carried one
 * (capped at `policy.maxRetryAfterMs`, since a restart loop has no way to give up on a hint), else backoff.
 */
export function backoffDelay(
  attempt: number,
  error: LlmError,
  random: () => number,
  policy: BackoffPolicy = defaultBackoff,
): number {
  const hint = error.kind === 'rate-limited' ? error.retryAfterMs : undefined;
  const capped = hint === undefined ? undefined : Math.min(hint, policy.maxRetryAfterMs);
  return retryDelayMs(attempt, capped, random, policy) ?? policy.maxRetryAfterMs;
}
