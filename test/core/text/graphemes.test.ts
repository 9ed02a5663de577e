import { describe, expect, it } from 'vitest';
import { LazySegmenter } from '../../../src/core/text/graphemes.ts';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const plain = (segments: Iterable<{ segment: string; index: number; input: string }>) =>
  [...segments].map(({ segment, index, input }) => ({ segment, index, input }));

function expectSame(text: string): void {
  const lazy = new LazySegmenter(undefined, { granularity: 'grapheme' }).segment(text);
  expect(plain(lazy)).toEqual(plain(real.segment(text)));
  for (const index of [
    Number.NaN,
    1.5,
    Number.POSITIVE_INFINITY,
    ...Array.from({ length: text.length + 2 }, (_, i) => i - 1),
  ]) {
    const a = lazy.containing(index);
    const b = real.segment(text).containing(index);
    expect(a === undefined ? undefined : { ...a }).toEqual(
      b === undefined ? undefined : { segment: b.segment, index: b.index, input: b.input },
    );
  }
}

describe('LazySegmenter', () => {
  it('splits the text the wizard draws exactly as Intl.Segmenter does', () => {
    for (const text of [
      '',
      'endpoint-planner \u001b[2m· engine: offline\u001b[22m',
      '❯ \u001b[32m[x]\u001b[39m \u001b[2m 1\u001b[22m GET    /api/flashcards — Lista fiszek użytkownika…',
      '↑↓ move · Space toggle · a all/none · / filter · Shift+↑↓ reorder ─ █ → • – ✗ ✓',
      'Zażółć gęślą jaźń',
    ])
      expectSame(text);
  });

  it('agrees on random one-column text with escapes', () => {
    const alphabet =
      ' aZ09-/[]{}:;.,\u001b\u00b7\u0105\u0142\u017c\u2014\u2026\u2191\u2500\u2588\u2713\u276f';
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = round % 40;
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += alphabet[seed % alphabet.length];
      }
      expectSame(text);
    }
  });

  it('hands anything else to Intl.Segmenter', () => {
    for (const text of [
      'e\u0301',
      '👍🏽 ok',
      '한국어',
      'a\r\nb',
      '🇵🇱',
      'x\u200dy',
      '\u001b]8;;url\u0007link',
    ])
      expectSame(text);
  });
});
