import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSplitter, type SplitSnapshot } from '../../../src/core/plan/split.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function splitWhole(text: string): SplitSnapshot {
  const splitter = createSplitter();
  splitter.push(text);
  return splitter.finish();
}

function splitChunks(chunks: readonly string[]): { live: SplitSnapshot[]; final: SplitSnapshot } {
  const splitter = createSplitter();
  const live = chunks.map((chunk) => splitter.push(chunk));
  return { live, final: splitter.finish() };
}

/** A small seeded generator, so a failing chunking can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomChunks(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    const size = 1 + Math.floor(random() * 12);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

describe('createSplitter fixtures', () => {
  const cases = readdirSync(FIXTURES).sort();
  it.each(cases)('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const expectedFile = join(FIXTURES, name, 'expected.json');
    const whole = splitWhole(text);
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(whole, null, 2)}\n`);
    expect(whole).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));

    expect(splitChunks([...text]).final).toEqual(whole);
    const random = seeded(name.length * 7919);
    for (let round = 0; round < 20; round++) {
      const { live, final } = splitChunks(randomChunks(text, random));
      expect(final).toEqual(whole);
      for (const snapshot of live) expect(whole.plan.startsWith(snapshot.plan.trimEnd())).toBe(true);
    }
  });
});

describe('createSplitter while streaming', () => {
  it('reports the phase as the answer moves from analysis to plan', () => {
    const splitter = createSplitter();
    expect(splitter.push('<analysis>\nThinking about ').phase).toBe('analysis');
    expect(splitter.push('it.\n</analysis>\n').phase).toBe('plan');
    const snapshot = splitter.push('# API Endpoint Implementation Plan: X\n## 1. Endpoint Over');
    expect(snapshot.plan).toBe('# API Endpoint Implementation Plan: X\n## 1. Endpoint Over');
    expect(snapshot.analysis).toBe('Thinking about it.\n');
  });

  it('never shows half of a tag split across chunks', () => {
    const splitter = createSplitter();
    splitter.push('<anal');
    expect(splitter.push('ysis>\nfirst point').analysis).toBe('first point');
    expect(splitter.push(' and more</anal').analysis).toBe('first point and more');
    const after = splitter.push('ysis>\n# API Endpoint Implementation Plan: Y\n');
    expect(after.analysis).toBe('first point and more');
    expect(after.plan).toBe('# API Endpoint Implementation Plan: Y\n');
  });

  it('decides that an answer without analysis is all plan as soon as the title arrives', () => {
    const splitter = createSplitter();
    const snapshot = splitter.push('# API Endpoint Implementation Plan: Z\n\n## 1. Endpoint');
    expect(snapshot.phase).toBe('plan');
    expect(snapshot.plan).toBe('# API Endpoint Implementation Plan: Z\n\n## 1. Endpoint');
  });

  it('keeps a ```markdown fence out of the live plan', () => {
    const splitter = createSplitter();
    splitter.push('``');
    const snapshot = splitter.push('`markdown\n# API Endpoint Implementation Plan: W\n');
    expect(snapshot.plan).toBe('# API Endpoint Implementation Plan: W\n');
  });

  it('streams a long answer in tiny chunks to the same result', () => {
    const section = (n: number) =>
      `## ${n}. Section ${n}\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}\n\n`;
    const plan = `# API Endpoint Implementation Plan: Big\n\n${Array.from({ length: 120 }, (_, i) => section(i + 1)).join('')}`;
    const text = `<analysis>\n${'An analysis line.\n'.repeat(500)}</analysis>\n\n${plan}`;
    const chunks = randomChunks(text, seeded(42));
    expect(text.length).toBeGreaterThan(80_000);
    const { final } = splitChunks(chunks);
    expect(final.plan).toBe(`${plan.trimEnd()}\n`);
    expect(final.analysis).toBe('An analysis line.\n'.repeat(500).trim());
  });
});

const FRAGMENTS = [
  '<analysis>\n',
  '</analysis>\n',
  '<api_analysis>',
  '</api_analysis>',
  '<thinking>\n',
  '</thinking>\n',
  '# API Endpoint Implementation Plan: X\n',
  '## 1. Endpoint Overview\n',
  '## Analysis\n',
  '```markdown\n',
  '```ts\n',
  '```\n',
  '~~~\n',
  'Here is the plan:\n',
  '- a bullet with `code`\n',
  'text < 5 and > 3\n',
  '</plan>\n',
  '\n',
  '\r\n',
  'POST /api/x\n',
  'żółć ',
];

describe('createSplitter properties', () => {
  it('gives the same final snapshot for any chunking of the same text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }),
        (parts, sizes) => {
          const text = parts.join('');
          const whole = splitWhole(text);
          const chunks: string[] = [];
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length] ?? 1;
            chunks.push(text.slice(at, at + size));
            at += size;
          }
          const { live, final } = splitChunks(chunks);
          expect(final).toEqual(whole);
          for (const snapshot of live) expect(whole.plan.startsWith(snapshot.plan.trimEnd())).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
