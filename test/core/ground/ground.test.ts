import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../src/core/docs/api-plan.ts';
import { parseDbPlan } from '../../../src/core/docs/db-plan.ts';
import { findEndpoint } from '../../../src/core/docs/find-endpoint.ts';
import { parseTypesFile } from '../../../src/core/docs/types-file.ts';
import { buildDossier } from '../../../src/core/dossier/build.ts';
import { groundingIndex, groundPlan } from '../../../src/core/plan/ground.ts';
import { aSpec } from '../../support/builders.ts';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, 'fixtures');
const read = (file: string): string => readFileSync(join(HERE, 'docs', file), 'utf8');

// One small project for every case: each case is a plan and the endpoints it covers.
const apiText = read('api-plan.md');
const dbText = read('db-plan.md');
const typesText = read('types.ts');
const spec = aSpec({
  api: parseApiPlan(apiText, '.ai/api-plan.md'),
  apiText,
  db: parseDbPlan(dbText, '.ai/db-plan.md'),
  dbText,
  types: parseTypesFile(typesText, 'src/types.ts'),
  typesText,
  sources: {
    apiPlan: '.ai/api-plan.md',
    dbPlan: '.ai/db-plan.md',
    types: 'src/types.ts',
    techStack: undefined,
    rules: [],
  },
});
const index = groundingIndex(spec);

describe('groundPlan fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const plan = readFileSync(join(FIXTURES, name, 'plan.md'), 'utf8');
    const targets = JSON.parse(readFileSync(join(FIXTURES, name, 'endpoints.json'), 'utf8')) as string[];
    const dossiers = targets.map((target) => {
      const found = findEndpoint(spec.api.endpoints, target);
      if (found.kind !== 'found') throw new Error(`${target}: ${found.kind}`);
      return buildDossier({ spec, endpoint: found.endpoint });
    });
    const findings = groundPlan(plan, dossiers, index);
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(findings, null, 2)}\n`);
    expect(findings).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
