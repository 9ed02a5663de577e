import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, formatTokens, lastLines, linesFrom } from '../../components/format.ts';

describe('lastLines', () => {
  it.each([
    ['', 3, []],
    ['a', 3, ['a']],
    ['a\nb\nc\nd', 2, ['c', 'd']],
    ['a\nb\nc\n', 2, ['b', 'c']],
    ['a\nb', 5, ['a', 'b']],
    ['a\n\nb', 2, ['', 'b']],
    ['a\nb', 0, []],
  ])('%j, %i → %j', (text, count, expected) => {
    expect(lastLines(text, count)).toEqual(expected);
  });
});

describe('linesFrom', () => {
  it('pages through the text', () => {
    expect(linesFrom('a\nb\nc\nd\n', 1, 2)).toEqual({ lines: ['b', 'c'], total: 4 });
    expect(linesFrom('a', 0, 0)).toEqual({ lines: [], total: 1 });
  });
});

describe('formatters', () => {
  it.each([
    [0, '0.0 s'],
    [12_345, '12.3 s'],
    [65_000, '1 min 05 s'],
    [3_600_000, '60 min 00 s'],
  ])('duration %i → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [undefined, '—'],
    [0, '$0'],
    [0.00123, '$0.0012'],
    [1.5, '$1.50'],
  ])('cost %s → %s', (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it('separates thousands', () => {
    expect(formatTokens(1234567)).toBe('1,234,567');
  });
});
