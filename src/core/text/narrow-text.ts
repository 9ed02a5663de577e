// Characters that take one terminal column each whatever surrounds them: printable ASCII, Latin letters with
// their marks precomposed (Polish included), dashes, quotes and bullets, arrows, box drawing, blocks and the
// geometric shapes and check marks a terminal UI draws with. None combines with its neighbour, none is an emoji
// by default, none is East Asian Wide; a few are East Asian Ambiguous, which counts as narrow unless asked.
const NARROW =
  /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u2713\u2714\u2717\u2718\u276e\u276f]*$/;

/**
 * True when every character of `text` is one column wide, so its width is its length: string-width's answer
 * without its grapheme segmenter and emoji regex, whose first use costs ~30 ms of the wizard's first frame.
 */
export function isNarrowText(text: string): boolean {
  return NARROW.test(text);
}
