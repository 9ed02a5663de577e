import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDbPlan } from '../../../src/core/docs/db-plan.ts';
import type { DbPlan } from '../../../src/core/docs/model.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The parse result as plain JSON: the enum map becomes an object. */
function snapshot(plan: DbPlan): unknown {
  return { ...plan, enums: Object.fromEntries(plan.enums) };
}

describe('parseDbPlan fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const actual = snapshot(parseDbPlan(text, 'db-plan.md'));
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('parseDbPlan on arbitrary text', () => {
  it('never throws and always names the file', () => {
    const pieces = fc.constantFrom(
      '# Tables\n',
      '## Indexes\n',
      '### users\n',
      '- id: uuid PRIMARY KEY\n',
      '- `CREATE INDEX ON x (',
      '| Column | Type |\n|---|---|\n| id | uuid |\n',
      '```sql\nCREATE TABLE t (id uuid REFERENCES',
      "CREATE TYPE e AS ENUM ('a'",
      '$$ unterminated',
      '/* open comment',
      '"quoted',
      "'str",
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const plan = parseDbPlan(parts.join(''), 'db.md');
        expect(plan.file).toBe('db.md');
        for (const found of plan.diagnostics) expect(found.file).toBe('db.md');
      }),
      { numRuns: 300 },
    );
  });
});
