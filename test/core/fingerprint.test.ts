import { describe, expect, it } from 'vitest';
import { docsDigest, factsFingerprint, staleness } from '../../src/core/plan/fingerprint.ts';
import { aDossier } from '../support/dossier.ts';

describe('factsFingerprint', () => {
  const base = aDossier({
    method: 'POST',
    path: '/api/decks',
    statusCodes: [
      { code: 409, meaning: 'duplicate name', origin: 'endpoint', source: { file: 'a.md', line: 3 } },
    ],
  });

  it('is versioned and ignores where facts were read and how they are wrapped', () => {
    const moved = {
      ...base,
      definition: { ...base.definition, line: 90, endLine: 99, text: `  ${base.definition.text}\n\n` },
      statusCodes: base.statusCodes.map((fact) => ({ ...fact, source: { file: 'a.md', line: 40 } })),
    };
    expect(factsFingerprint(base)).toMatch(/^f1:[0-9a-f]{16}$/);
    expect(factsFingerprint(moved)).toBe(factsFingerprint(base));
  });

  it('changes when a fact changes, a status code included', () => {
    const other = { ...base, statusCodes: base.statusCodes.map((fact) => ({ ...fact, code: 422 })) };
    expect(factsFingerprint(other)).not.toBe(factsFingerprint(base));
    const text = { ...base, definition: { ...base.definition, text: 'Creates a deck and its first card.' } };
    expect(factsFingerprint(text)).not.toBe(factsFingerprint(base));
  });

  it('ignores the code facts and the docs language', () => {
    const built = {
      ...base,
      language: 'pl',
      code: { implemented: { file: 'src/pages/api/decks.ts', line: 1, stub: false }, reuse: [] },
    } as typeof base;
    expect(factsFingerprint(built)).toBe(factsFingerprint(base));
  });
});

describe('staleness', () => {
  it('is true or false for fingerprinted plans, null without a fingerprint or facts', () => {
    const saved = new Map<string, string | undefined>([
      ['a', 'f1:1'],
      ['b', 'f1:2'],
      ['c', undefined],
      ['d', 'f0:old'],
    ]);
    const current = new Map([
      ['a', 'f1:1'],
      ['b', 'f1:3'],
      ['c', 'f1:4'],
      ['d', 'f1:5'],
    ]);
    expect(Object.fromEntries(staleness(saved, current))).toEqual({ a: false, b: true, c: null, d: null });
  });

  it('a docs digest folds whitespace', () => {
    expect(docsDigest(['a  b\n', undefined])).toBe(docsDigest(['a b', undefined]));
    expect(docsDigest(['a b', undefined])).not.toBe(docsDigest(['a b', '']));
  });
});
