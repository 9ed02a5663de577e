import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/core/plan/line-diff.ts';
import { wrapText } from '../../src/core/text/wrap.ts';

describe('wrapText', () => {
  it('breaks at word boundaries and keeps short lines as they are', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('short\n\nlines', 20)).toEqual(['short', '', 'lines']);
  });

  it('indents a wrapped list item under its text', () => {
    expect(wrapText('- alpha beta gamma delta', 12)).toEqual(['- alpha beta', '  gamma', '  delta']);
    expect(wrapText('12. alpha beta gamma', 12)).toEqual(['12. alpha', '    beta', '    gamma']);
  });

  it('splits a word longer than a row', () => {
    expect(wrapText('https://example.com/a/very/long/path', 10)).toEqual([
      'https://ex',
      'ample.com/',
      'a/very/lon',
      'g/path',
    ]);
  });

  it('never exceeds the width and loses no word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 30 }),
        fc.integer({ min: 4, max: 40 }),
        (words, width) => {
          const rows = wrapText(words.join(' '), width);
          for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
          expect(rows.join('').replace(/\s/g, '')).toBe(words.join(''));
        },
      ),
    );
  });
});

describe('diffLines', () => {
  it('marks added and removed lines and folds long unchanged runs', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'f', 'G', 'h'].join('\n');
    expect(diffLines(before, after)).toEqual([
      { kind: 'skipped', count: 4 },
      { kind: 'same', text: 'e' },
      { kind: 'same', text: 'f' },
      { kind: 'removed', text: 'g' },
      { kind: 'added', text: 'G' },
      { kind: 'same', text: 'h' },
    ]);
  });

  it('is empty for equal texts', () => {
    expect(diffLines('x\ny\n', 'x\ny')).toEqual([{ kind: 'skipped', count: 2 }]);
  });
});
