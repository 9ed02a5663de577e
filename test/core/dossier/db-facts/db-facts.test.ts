import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../../src/core/docs/api-plan.ts';
import { parseDbPlan } from '../../../../src/core/docs/db-plan.ts';
import { findEndpoint } from '../../../../src/core/docs/find-endpoint.ts';
import type { UnreadDoc } from '../../../../src/core/docs/model.ts';
import { parseTypesFile } from '../../../../src/core/docs/types-file.ts';
import { collectDbFacts } from '../../../../src/core/dossier/db-facts.ts';
import { collectTypeFacts } from '../../../../src/core/dossier/type-facts.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/**
 * One case: `api-plan.md`, `endpoint.txt` (`METHOD /path`), optional `db-plan.md`, `types.ts.txt` and
 * `unread.json` (docs the loader skipped); `expected.json` holds the db and type facts that matter.
 */
function facts(folder: string): unknown {
  const read = (name: string): string | undefined =>
    existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : undefined;
  const apiText = read('api-plan.md') ?? '';
  const dbText = read('db-plan.md');
  const typesText = read('types.ts.txt');
  const api = parseApiPlan(apiText, '.ai/api-plan.md');
  const found = findEndpoint(api.endpoints, (read('endpoint.txt') ?? '').trim());
  if (found.kind !== 'found') throw new Error(`endpoint not found: ${found.kind}`);
  const unreadDocs = JSON.parse(read('unread.json') ?? '[]') as UnreadDoc[];
  const db = dbText === undefined ? undefined : parseDbPlan(dbText, '.ai/db-plan.md');
  const types = typesText === undefined ? undefined : parseTypesFile(typesText, 'src/types.ts');
  const input = {
    spec: {
      sources: {
        apiPlan: '.ai/api-plan.md',
        dbPlan: db === undefined ? undefined : '.ai/db-plan.md',
        types: types === undefined ? undefined : 'src/types.ts',
        techStack: undefined,
        rules: [],
      },
      api,
      apiText,
      db,
      dbText,
      types,
      typesText,
      unreadDocs,
    },
    endpoint: found.endpoint,
  };
  const dbFacts = collectDbFacts(input);
  const typeFacts = collectTypeFacts(input);
  return {
    tables: dbFacts.tables.map(
      (table) => `${table.name} (${table.access}: ${table.why}) line ${table.source.line}`,
    ),
    writes: dbFacts.writes,
    unique: dbFacts.unique.map(
      (unique) => `${unique.table} (${unique.columns.join(', ')}) line ${unique.source.line}`,
    ),
    checks: dbFacts.checks.map((check) => `${check.table}: ${check.expression}`),
    triggers: dbFacts.triggers.map(
      (trigger) => `${trigger.table}: ${trigger.name ?? '?'} line ${trigger.source.line}`,
    ),
    policies: dbFacts.policies.map((policy) =>
      `${policy.table} ${policy.operation ?? '?'} ${policy.name ?? ''}`.trim(),
    ),
    types: {
      request: typeFacts.request.map((type) => type.name),
      response: typeFacts.response.map((type) => type.name),
    },
    gaps: [...dbFacts.gaps, ...typeFacts.gaps],
  };
}

describe('dossier db and type facts', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const actual = facts(join(FIXTURES, name));
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
