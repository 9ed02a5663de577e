import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const CORPUS = join(ROOT, '../shared/corpus');

describe.skipIf(!existsSync(join(CORPUS, 'manifest.json')))('endpoint eval on the shared corpus', () => {
  it('meets the bar: micro recall and precision >= 98%, every repo >= 90%', () => {
    const output = execFileSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', 'scripts/eval-endpoints.ts', CORPUS, '--json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const result = JSON.parse(output) as { pass: boolean; totals: { recall: number; precision: number } };
    expect(result.totals.recall).toBeGreaterThanOrEqual(0.98);
    expect(result.totals.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.pass).toBe(true);
  });
});
