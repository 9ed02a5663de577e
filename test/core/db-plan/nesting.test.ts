import { describe, expect, it } from 'vitest';
import { scanUnits } from '../../../src/core/docs/api-plan/units.ts';
import { parseApiPlan } from '../../../src/core/docs/api-plan.ts';
import { parseDbPlan } from '../../../src/core/docs/db-plan.ts';
import { boundLines, boundNesting, MAX_INDENT } from '../../../src/core/docs/nesting.ts';

/** A list nested `depth` levels deep, two spaces a level, under `head`. */
function deepList(head: readonly string[], depth: number, item: (level: number) => string): string {
  return [
    ...head,
    ...Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- ${item(level)}`),
  ].join('\n');
}

const indentOf = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0;

// The markdown readers check every line against each list it may continue: work grows with lines × depth, so
// a 2,000-deep list cost seconds. Bounding what they are shown is what keeps reading linear; these tests count
// that bound instead of timing it (bench/deep-nesting.ts prints the times).
describe('nesting shown to the markdown readers is bounded', () => {
  it('clamps indentation deeper than MAX_INDENT and keeps every line and its text', () => {
    const text = deepList(['# Plan', ''], 2000, (level) => `item ${level}`);
    const bounded = boundNesting(text);
    const lines = bounded.split('\n');
    expect(lines).toHaveLength(text.split('\n').length);
    expect(Math.max(...lines.map(indentOf))).toBe(MAX_INDENT);
    expect(lines.map((line) => line.trimStart())).toEqual(text.split('\n').map((line) => line.trimStart()));
    expect(boundNesting('- a\n  - b\n')).toBe('- a\n  - b\n');
  });

  it('leaves the API scanner at most MAX_INDENT / 2 + 1 list levels for a 2,000-deep list', () => {
    const lines = deepList(
      ['# API', '', '## POST /api/things', '', 'Creates a thing.', ''],
      2000,
      (level) => `note ${level}`,
    ).split('\n');
    const depths = scanUnits(boundLines(lines)).map((unit) => ('depth' in unit ? unit.depth : 0));
    expect(Math.max(...depths)).toBeLessThanOrEqual(MAX_INDENT / 2 + 1);
    const plan = parseApiPlan(lines.join('\n'), 'api.md');
    expect(plan.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'POST /api/things',
    ]);
    expect(plan.endpoints[0]?.lines.end).toBe(lines.length);
  });

  it('reads the columns of a db plan whose column list nests far deeper than any plan means', () => {
    const text = deepList(['## Tables', '', '### things', ''], 300, (level) => `field_${level}: text`);
    const plan = parseDbPlan(text, 'db.md');
    expect(plan.tables.map((table) => table.name)).toEqual(['things']);
    // A bullet with bullets under it names their table; below the clamp every bullet is a column again.
    const columns = plan.tables[0]?.columns ?? [];
    expect(columns.length).toBeGreaterThanOrEqual(300 - MAX_INDENT / 2);
    expect(columns.at(-1)?.name).toBe('field_299');
  });
});
