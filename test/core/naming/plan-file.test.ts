import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSafeSlug,
  nextPlanNumber,
  parsePlanFileName,
  planFileName,
  safeSlug,
} from '../../../src/core/naming/plan-file.ts';
import { MAX_SLUG_LENGTH } from '../../../src/core/naming/slug.ts';
import { endpointId } from '../../../src/core/routes/ids.ts';

describe('parsePlanFileName', () => {
  it.each([
    ['001-get-flashcards.md', { number: 1, slug: 'get-flashcards' }],
    ['042-post-flashcards-id-review.md', { number: 42, slug: 'post-flashcards-id-review' }],
    ['1234-delete-decks-id.md', { number: 1234, slug: 'delete-decks-id' }],
    ['003-Create_Flashcard.md', { number: 3, slug: 'Create_Flashcard' }],
  ])('reads %s', (name, expected) => {
    expect(parsePlanFileName(name)).toEqual(expected);
  });

  it.each([
    'notes.md',
    '01-short-number.md',
    '001-.md',
    '001-plan.txt',
    '.001-get-x.md',
    '.get-x.0b1c.tmp',
    '001get-x.md',
    'README.md',
  ])('ignores %s', (name) => {
    expect(parsePlanFileName(name)).toBeUndefined();
  });
});

describe('nextPlanNumber', () => {
  it('starts at 1 in an empty folder', () => {
    expect(nextPlanNumber([])).toBe(1);
  });

  it('takes the highest number plus one, gaps included', () => {
    expect(nextPlanNumber(['001-a.md', '007-b.md', '003-c.md'])).toBe(8);
  });

  it('ignores files that are not plans', () => {
    expect(nextPlanNumber(['README.md', '99-old.md', '.004-tmp.md', '002-a.md', 'x.json'])).toBe(3);
  });

  it('keeps counting past 999', () => {
    expect(nextPlanNumber(['999-a.md'])).toBe(1000);
    expect(nextPlanNumber(['1000-a.md', '999-b.md'])).toBe(1001);
  });
});

describe('planFileName', () => {
  it('pads to three digits and grows after 999', () => {
    expect(planFileName(1, 'get-flashcards')).toBe('001-get-flashcards.md');
    expect(planFileName(42, 'x')).toBe('042-x.md');
    expect(planFileName(1000, 'x')).toBe('1000-x.md');
  });

  it('round-trips through parsePlanFileName', () => {
    const slug = endpointId('POST', '/api/flashcards/{id}/review');
    expect(parsePlanFileName(planFileName(12, slug))).toEqual({ number: 12, slug });
  });

  it('folds an unsafe slug instead of leaving the folder', () => {
    expect(planFileName(2, '../../etc/passwd')).toBe('002-etc-passwd.md');
    expect(planFileName(3, '..')).toBe('003-endpoint.md');
    expect(planFileName(4, 'Zażółć gęślą jaźń')).toBe('004-zazolc-gesla-jazn.md');
  });

  it('rejects numbers below 1 as a bug', () => {
    expect(() => planFileName(0, 'x')).toThrow(RangeError);
  });
});

describe('slug guard', () => {
  it.each(['', '-', 'a-', '-a', 'a--b', 'A', 'a/b', 'a\\b', '..', 'a.b', 'x'.repeat(61)])(
    'rejects %j',
    (slug) => {
      expect(isSafeSlug(slug)).toBe(false);
    },
  );

  it.each(['a', 'get-flashcards', 'x'.repeat(60), 'post-v2-items-id'])('accepts %j', (slug) => {
    expect(isSafeSlug(slug)).toBe(true);
  });

  it('turns any string into a safe slug', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const slug = safeSlug(text);
        expect(isSafeSlug(slug)).toBe(true);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
        expect(slug).not.toMatch(/[/\\]|\.\./);
      }),
    );
  });

  it('gives every file name from any text exactly one path segment that parses back', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.integer({ min: 1, max: 100_000 }), (text, number) => {
        const name = planFileName(number, text);
        expect(name).toMatch(/^\d{3,}-[a-z0-9-]+\.md$/);
        expect(parsePlanFileName(name)?.number).toBe(number);
      }),
    );
  });

  it('keeps every endpoint id a safe slug', () => {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.string({ maxLength: 150 }), (method, path) => {
        expect(isSafeSlug(endpointId(method, path))).toBe(true);
      }),
    );
  });
});
