import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../src/core/docs/model.ts';
import { normalizePath, sectionOf, validatePlan } from '../../../src/core/plan/validate.ts';
import { anEndpoint } from '../../support/builders.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/api-plans');

describe('validatePlan fixtures', () => {
  const cases = readdirSync(FIXTURES).sort();
  it.each(cases)('%s', (name) => {
    const plan = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const overrides = JSON.parse(
      readFileSync(join(FIXTURES, name, 'endpoint.json'), 'utf8'),
    ) as Partial<Endpoint>;
    const problems = validatePlan(plan, anEndpoint(overrides));
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(problems, null, 2)}\n`);
    expect(problems).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('sectionOf', () => {
  it.each([
    ['1. Endpoint Overview', 'overview'],
    ['1. Przegląd punktu końcowego', 'overview'],
    ['2. Szczegóły żądania', 'request'],
    ['3. Types Used', 'types'],
    ['3. Wykorzystywane typy (DTOs i Command Modele)', 'types'],
    ['4. Szczegóły odpowiedzi', 'response'],
    ['5. Przepływ danych', 'data-flow'],
    ['VI. Względy bezpieczeństwa', 'security'],
    ['7) Obsługa błędów', 'errors'],
    ['Error Responses', 'errors'],
    ['8. Rozważania dotyczące wydajności', 'performance'],
    ['9. Implementation Stages', 'steps'],
    ['10. Etapy wdrożenia', 'steps'],
    ['Step 9: Kroki implementacji', 'steps'],
    ['10. Struktura plików', undefined],
    ['Testing Checklist', undefined],
  ])('%s → %s', (heading, expected) => {
    expect(sectionOf(heading)).toBe(expected);
  });
});

describe('normalizePath', () => {
  it('ignores parameter names, the /api prefix, query strings and trailing slashes', () => {
    const forms = [
      '/api/decks/{id}/cards',
      '/decks/:deckId/cards/',
      '/api/v1/decks/[id]/cards?page=1',
      '/v2/decks/<id>/cards',
    ];
    expect(new Set(forms.map(normalizePath))).toEqual(new Set(['/decks/{}/cards']));
  });
});

// The corpus holds plans third parties generated with the seed prompt by hand; they are read, never copied.
describe.skipIf(!existsSync(CORPUS))('validatePlan on the corpus reference plans', () => {
  const plans = existsSync(CORPUS)
    ? readdirSync(CORPUS).flatMap((repo) => {
        const dir = join(CORPUS, repo, 'reference-plans');
        return existsSync(dir)
          ? readdirSync(dir).map((file) => ({ name: `${repo}/${file}`, path: join(dir, file) }))
          : [];
      })
    : [];

  it('finds all nine sections in most of them', () => {
    const passing = plans.filter(({ path }) => {
      const problems = validatePlan(
        readFileSync(path, 'utf8'),
        anEndpoint({ method: 'GET', path: '/unrelated' }),
      );
      return !problems.some((p) => p.code === 'missing-section' || p.code === 'duplicate-section');
    });
    expect(plans.length).toBeGreaterThanOrEqual(28);
    expect(passing.length).toBeGreaterThanOrEqual(23);
  });
});
