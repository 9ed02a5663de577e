// Issue 10 bar: reading stays linear in the input; a list nested 2,000 levels deep took 8.5 s in the API scanner
// (1,000: 1.15 s; 500: 0.27 s) and longer through remark in the db plan. Such a document grows with the square of
// its depth (line n is indented 2n columns), so linear reading means time grows like the size: printed per depth
// are the size, the time and the time per MB. DEPTHS=500,1000,2000 by default.
// Run: node --expose-gc --experimental-strip-types --no-warnings bench/deep-nesting.ts
import { performance } from 'node:perf_hooks';
import { parseApiPlan } from '../src/core/docs/api-plan.ts';
import { parseDbPlan } from '../src/core/docs/db-plan.ts';
import { parseTypesFile } from '../src/core/docs/types-file.ts';
import { median } from './support.ts';

const DEPTHS = (process.env.DEPTHS ?? '500,1000,2000').split(',').map(Number);
const RUNS = 3;

function deepList(head: readonly string[], depth: number, item: (level: number) => string): string {
  const lines = Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- ${item(level)}`);
  return [...head, ...lines].join('\n');
}

const readers: readonly (readonly [string, (depth: number) => readonly [number, () => unknown]])[] = [
  [
    'API plan',
    (depth) => {
      const text = deepList(['# API', '', '## POST /api/things', ''], depth, (level) => `note ${level}`);
      return [text.length, () => parseApiPlan(text, 'api.md')];
    },
  ],
  [
    'db plan',
    (depth) => {
      const text = deepList(['## Tables', '', '### things', ''], depth, (level) => `field_${level}: text`);
      return [text.length, () => parseDbPlan(text, 'db.md')];
    },
  ],
  [
    'types file',
    (depth) => {
      const text = `export type Deep = ${'{ a: '.repeat(depth)}string${' }'.repeat(depth)};\n`;
      return [text.length, () => parseTypesFile(text, 'types.ts')];
    },
  ],
];

const gc = (globalThis as { gc?: () => void }).gc;
for (const [name, prepare] of readers) {
  const cells = DEPTHS.map((depth) => {
    const [size, run] = prepare(depth);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      gc?.();
      const t0 = performance.now();
      run();
      samples.push(performance.now() - t0);
    }
    const ms = median(samples);
    const mb = size / 1024 / 1024;
    return `${depth} (${mb.toFixed(1)} MB): ${ms.toFixed(0)} ms, ${(ms / mb).toFixed(0)} ms/MB`;
  });
  console.log(`${name.padEnd(11)} ${cells.join('  ')}`);
}
