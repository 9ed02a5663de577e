import type { DraftLanguage } from './facts.ts';
import { EN } from './text-en.ts';
import { PL } from './text-pl.ts';

/** The wording of a draft in one language: headings, labels and sentences with slots. */
export type DraftText = typeof EN;

/** The wording for a language. */
export function draftText(language: DraftLanguage): DraftText {
  return language === 'pl' ? PL : EN;
}
