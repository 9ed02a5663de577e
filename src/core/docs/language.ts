/** A language the docs can be written in; plans and drafts follow it. */
export type DocsLanguage = { readonly code: string; readonly why: string };

const POLISH_LETTERS = /[ąćęłńóśźż]/gi;
const POLISH_WORDS =
  /\b(?:i|oraz|dla|jest|się|nie|lub|użytkownik\w*|zwraca|tabela|żądanie|odpowiedź|błąd)\b/gi;

/** Guesses the language of the docs from their text: Polish when its letters and words are common, else English. */
export function detectLanguage(text: string): DocsLanguage {
  const sample = text.slice(0, 200_000);
  const letters = sample.match(POLISH_LETTERS)?.length ?? 0;
  const words = sample.match(POLISH_WORDS)?.length ?? 0;
  const size = Math.max(1, sample.length);
  if (letters / size > 0.002 && words >= 5) {
    return { code: 'pl', why: `Polish letters and words in the docs (${letters} letters, ${words} words)` };
  }
  return { code: 'en', why: 'no other language detected in the docs' };
}
