import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTypesFile } from '../../../src/core/docs/types-file.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('parseTypesFile fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.ts.txt'), 'utf8');
    const actual = parseTypesFile(text, 'src/types.ts');
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('parseTypesFile on arbitrary text', () => {
  it('never throws; problems are diagnostics with a line', () => {
    const pieces = fc.constantFrom(
      'export type A = ',
      'B<',
      "'x'",
      '>;\n',
      'export interface I {',
      '}',
      '/**',
      '*/',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 20 }), (parts) => {
        const parsed = parseTypesFile(parts.join(''), 'src/types.ts');
        for (const found of parsed.diagnostics) expect(found.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
