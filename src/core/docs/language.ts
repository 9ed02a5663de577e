import type { Spec } from './model.ts';

/** A language the docs can be written in; plans and drafts follow it. */
export type DocsLanguage = { readonly code: string; readonly why: string };

/** A language the user named: with `--language`, or as `language` in the config file. */
export type LanguageChoice = { readonly code: string; readonly from: 'flag' | 'config' };

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

/**
 * The language plans are written in: `--language`, else the config file's `language`, else the one the API plan
 * is written in. `why` says which, for the picker and `show`.
 */
export function planLanguage(
  choice: LanguageChoice | undefined,
  spec: Pick<Spec, 'apiText' | 'sources'>,
): DocsLanguage {
  if (choice?.from === 'flag') return { code: choice.code, why: `--language ${choice.code}` };
  if (choice?.from === 'config') return { code: choice.code, why: 'language in the config file' };
  const detected = detectLanguage(spec.apiText);
  return { code: detected.code, why: `detected in ${spec.sources.apiPlan}: ${detected.why}` };
}

/** The offline engine writes English or Polish: Polish for any `pl` code or name, else English. */
export function draftLanguage(code: string): 'en' | 'pl' {
  return /^(?:pl|pol|polish|polski)\b/i.test(code.trim()) ? 'pl' : 'en';
}
