import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, Heading, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../../src/core/docs/api-plan/lines.ts';
import { scanUnits } from '../../../src/core/docs/api-plan/units.ts';

// The parser reads markdown with its own linear block scanner (remark is too slow for a 1,000-endpoint plan
// within the CLI's time budget); remark + remark-gfm is the reference it must agree with on structure.
const FIXTURES = join(import.meta.dirname, 'fixtures');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/api-plans');

function remarkOutline(text: string): { headings: string[]; code: string[] } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  const headings: string[] = [];
  const code: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading')
      headings.push(`${(node as Heading).position?.start.line}:h${(node as Heading).depth}`);
    if (node.type === 'code') code.push(`${(node as Code).position?.start.line}`);
  });
  return { headings, code };
}

function scannerOutline(text: string): { headings: string[]; code: string[] } {
  const headings: string[] = [];
  const code: string[] = [];
  for (const unit of scanUnits(readLines(text).clean)) {
    if (unit.kind === 'heading') headings.push(`${unit.line}:h${unit.depth}`);
    if (unit.kind === 'code') code.push(`${unit.line}`);
  }
  return { headings, code };
}

const plainFixtures = readdirSync(FIXTURES)
  .filter((name) => !/escaped|analysis|comment/.test(name))
  .map((name) => join(FIXTURES, name, 'input.md'));
const corpus = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((name) => !/DietPlanner|BoardMate/.test(name))
      .map((name) => join(CORPUS, name, 'api-plan.md'))
  : [];

describe('block scanner agrees with remark', () => {
  it.each([...plainFixtures, ...corpus])('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(scannerOutline(text)).toEqual(remarkOutline(text));
  });
});
