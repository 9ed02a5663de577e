import { isNarrowText } from './narrow-text.ts';

/** One grapheme of a text, shaped like what `Intl.Segmenter` yields. */
export type Grapheme = { readonly segment: string; readonly index: number; readonly input: string };

/** What `segment()` returns: the graphemes in order, and the one containing a given offset. */
export type Graphemes = Iterable<Grapheme> & { containing(index?: number): Grapheme | undefined };

const ESCAPE = '\u001b';

/**
 * A grapheme segmenter that builds `Intl.Segmenter` (ICU's break rules, ~15 ms the first time) only for text
 * that needs it. Text made of one-column characters and terminal escapes, which is what the wizard draws, has
 * one grapheme per UTF-16 unit: none of those characters joins its neighbour, and an escape breaks on both
 * sides. The tests compare both ways on such text.
 */
export class LazySegmenter {
  readonly #locales: string | readonly string[] | undefined;
  readonly #options: Intl.SegmenterOptions | undefined;
  #real: Intl.Segmenter | undefined;

  constructor(locales?: string | readonly string[], options?: Intl.SegmenterOptions) {
    this.#locales = locales;
    this.#options = options;
  }

  segment(input: string): Graphemes {
    const graphemes = (this.#options?.granularity ?? 'grapheme') === 'grapheme';
    if (graphemes && isNarrowText(input.includes(ESCAPE) ? input.replaceAll(ESCAPE, ' ') : input)) {
      return unitGraphemes(input);
    }
    this.#real ??= new Intl.Segmenter(this.#locales as string | string[] | undefined, this.#options);
    return this.#real.segment(input);
  }
}

function unitGraphemes(input: string): Graphemes {
  const at = (index: number): Grapheme => ({ segment: input[index] ?? '', index, input });
  return {
    *[Symbol.iterator]() {
      for (let index = 0; index < input.length; index++) yield at(index);
    },
    containing(index = 0) {
      // As Intl does: a fraction is truncated and NaN counts as 0.
      const offset = Math.trunc(index) || 0;
      return offset >= 0 && offset < input.length ? at(offset) : undefined;
    },
  };
}
