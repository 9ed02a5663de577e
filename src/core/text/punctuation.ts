// Hyphens that only look different (U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2212
// minus), spaces that only look different (no-break, figure, narrow, ideographic and the U+2000 block) and
// full-width or small colons: one character each, so offsets and columns stay true.
const LOOKALIKES =
  /[\u2010-\u2012\u2212\u00a0\u2000-\u200a\u202f\u3000\uff1a\ufe55]|(?<=\S)[\u2013\u2014\u2015](?=\S)/g;
const ANY_LOOKALIKE = /[\u2010-\u2015\u2212\u00a0\u2000-\u200a\u202f\u3000\uff1a\ufe55]/;

/** True when `text` holds a character `foldPunctuation` would change, so callers can skip the fold. */
export function hasLookalikePunctuation(text: string): boolean {
  return ANY_LOOKALIKE.test(text);
}

/**
 * Unicode punctuation as its ASCII form, character for character: `Post‑MVP` (U+2011) and `Post–MVP` read as
 * `Post-MVP`, a no-break space as a space, `Metoda：` as `Metoda:`. Dashes between spaces stay dashes: they
 * separate a title (`GET /x — list`), which readers already accept.
 */
export function foldPunctuation(text: string): string {
  if (!ANY_LOOKALIKE.test(text)) return text;
  return text.replace(LOOKALIKES, (char) => {
    if (char === '\uff1a' || char === '\ufe55') return ':';
    if (/[\u2010-\u2015\u2212]/.test(char)) return '-';
    return ' ';
  });
}
