import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../../src/core/docs/api-plan.ts';
import { buildDossier } from '../../../../src/core/dossier/build.ts';
import type { Dossier } from '../../../../src/core/dossier/model.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** What a fixture pins down: every endpoint's fields, codes with their origin and line, and the rules that cover it. */
function project(dossier: Dossier): unknown {
  const field = (where: string) => (f: Dossier['fields']['body'][number]) =>
    [
      where,
      f.name,
      f.type ?? '',
      f.required === undefined ? '' : f.required ? 'required' : 'optional',
      `L${f.source.line}`,
    ]
      .filter((part) => part.length > 0)
      .join(' ');
  return {
    id: dossier.id,
    definition: `${dossier.definition.line}-${dossier.definition.endLine}`,
    fields: [
      ...dossier.fields.path.map(field('path')),
      ...dossier.fields.query.map(field('query')),
      ...dossier.fields.body.map(field('body')),
    ],
    statusCodes: dossier.statusCodes.map(
      (s) => `${s.code} ${s.origin} L${s.source.line}${s.meaning === '' ? '' : ` ${s.meaning}`}`,
    ),
    crossCutting: dossier.crossCutting.map((c) => `${c.topic} L${c.source.line}`),
  };
}

function dossiersOf(text: string): Dossier[] {
  const api = parseApiPlan(text, 'api-plan.md');
  const spec = {
    sources: { apiPlan: 'api-plan.md', dbPlan: undefined, types: undefined, techStack: undefined, rules: [] },
    api,
    apiText: text,
    db: undefined,
    dbText: undefined,
    types: undefined,
    typesText: undefined,
  };
  return api.endpoints.map((endpoint) => buildDossier({ spec, endpoint }));
}

describe('dossier API facts fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const actual = dossiersOf(text).map(project);
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
