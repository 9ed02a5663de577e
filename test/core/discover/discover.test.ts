import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DocOverrides, discoverDocs } from '../../../src/core/docs/discover.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Each case: `input.txt` lists the project's files, one per line; `overrides.json` is optional. */
describe('discoverDocs fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const paths = readFileSync(join(FIXTURES, name, 'input.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const overridesFile = join(FIXTURES, name, 'overrides.json');
    const overrides: DocOverrides = existsSync(overridesFile)
      ? JSON.parse(readFileSync(overridesFile, 'utf8'))
      : {};
    const actual = discoverDocs(paths, overrides, ['.ai/documents/api-plans']);
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('discoverDocs tie-breaking', () => {
  it('does not depend on the order the file system listed the files in', () => {
    const paths = ['docs/api-plan.md', '.ai/8-api-plan.md', '.ai/api-plan.md', '.ai/api/api-plan.md'];
    const first = discoverDocs(paths);
    expect(discoverDocs([...paths].reverse())).toEqual(first);
    expect(first.apiPlan).toEqual({
      via: 'convention',
      path: '.ai/api-plan.md',
      alternatives: ['docs/api-plan.md', '.ai/8-api-plan.md', '.ai/api/api-plan.md'],
    });
  });
});
