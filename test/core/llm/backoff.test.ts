import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultBackoff,
  parseRetryAfterMs,
  retryDelayMs,
} from '../../../src/core/llm/backoff.ts';

const fixed = (value: number) => () => value;

describe('retryDelayMs', () => {
  it('doubles from 1 s up to 30 s, half fixed and half jitter', () => {
    const lowest = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, undefined, fixed(0)));
    const highest = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, undefined, fixed(1)));
    expect(lowest).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
    expect(highest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('never waits less than the Retry-After hint, and at most 1 s more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (hint, r) => {
          const delay = retryDelayMs(1, hint, fixed(r));
          expect(delay).toBeGreaterThanOrEqual(hint);
          expect(delay).toBeLessThanOrEqual(hint + 1_000);
        },
      ),
    );
  });

  it('gives up on a hint longer than the policy allows', () => {
    expect(retryDelayMs(1, 120_001, fixed(0))).toBeUndefined();
    expect(retryDelayMs(1, 5_000, fixed(0), { ...defaultBackoff, maxRetryAfterMs: 4_000 })).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('uses a rate limit hint, capped, and backoff for anything else', () => {
    expect(backoffDelay(1, { kind: 'rate-limited', retryAfterMs: 3_000 }, fixed(0))).toBe(3_000);
    expect(backoffDelay(1, { kind: 'rate-limited', retryAfterMs: 600_000 }, fixed(0))).toBe(120_000);
    expect(backoffDelay(2, { kind: 'stream-dropped', message: 'terminated' }, fixed(0))).toBe(1_000);
  });
});

describe('parseRetryAfterMs', () => {
  const cases: readonly (readonly [string | null, string | null, number | undefined])[] = [
    [null, '7', 7_000],
    [null, '1.5', 1_500],
    ['250', '7', 250],
    [null, null, undefined],
    [null, '', undefined],
    [null, '-3', undefined],
    ['abc', '2', 2_000],
    [null, 'Wed, 21 Oct 2015 07:28:00 GMT', undefined],
  ];
  for (const [ms, seconds, expected] of cases) {
    it(`retry-after-ms=${ms} retry-after=${seconds} → ${expected}`, () => {
      expect(parseRetryAfterMs(ms, seconds)).toBe(expected);
    });
  }
});
