import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { isNarrowText } from '../../../src/core/text/narrow-text.ts';

// The bundle answers string-width from `isNarrowText` when it holds (scripts/build.mjs): it must never disagree
// with string-width itself, which the tests import unpatched.
describe('isNarrowText', () => {
  it('holds only for characters string-width measures as one column', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (isNarrowText(char) && stringWidth(char) !== 1) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('covers what the wizard draws and Polish text', () => {
    const frame = '❯ ✓ 001-get-flashcards · GET /api/flashcards — Lista fiszek użytkownika … ↑↓ ─ █ → • – ✗';
    expect(isNarrowText(frame)).toBe(true);
    expect(stringWidth(frame)).toBe(frame.length);
    expect(isNarrowText('Zażółć gęślą jaźń')).toBe(true);
  });

  it('leaves wide, combining, emoji and invisible characters to string-width', () => {
    for (const text of [
      '漢字',
      'e\u0301',
      '👍',
      '✅',
      'a\u00adb',
      'x\u200by',
      '한',
      '\u25fd',
      '\u2714\ufe0f',
    ])
      expect(isNarrowText(text)).toBe(false);
  });
});
