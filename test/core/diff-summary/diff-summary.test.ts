import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeChange } from '../../../src/core/plan/diff-summary.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

// Each case holds two drafts (previous.md, next.md) rather than one input.md: the change is between them.
describe('summarizeChange fixtures', () => {
  const cases = readdirSync(FIXTURES).sort();
  it.each(cases)('%s', (name) => {
    const read = (file: string) => readFileSync(join(FIXTURES, name, file), 'utf8');
    const actual = { summary: summarizeChange(read('previous.md'), read('next.md')) };
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('summarizeChange', () => {
  it('stays one line and counts exactly for large drafts', () => {
    const previous = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const next = Array.from({ length: 3000 }, (_, i) => (i % 100 === 0 ? `changed ${i}` : `line ${i}`)).join(
      '\n',
    );
    const summary = summarizeChange(previous, next);
    expect(summary).toBe('+30 −30 lines');
    expect(summary).not.toContain('\n');
  });

  it('ignores line-ending differences', () => {
    expect(summarizeChange('# T\r\n\r\n## 1. Overview\r\nx\r\n', '# T\n\n## 1. Overview\nx\n')).toBe(
      'No changes.',
    );
  });
});
