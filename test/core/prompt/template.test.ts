import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDERS,
  type PlaceholderName,
  type PromptValues,
  parseTemplate,
  renderTemplate,
  type Template,
} from '../../../src/core/prompt/template.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const DEFAULT_TEMPLATE = join(import.meta.dirname, '../../../prompts/endpoint-plan.md');

function valuesWith(value: (name: PlaceholderName) => string): PromptValues {
  return Object.fromEntries(PLACEHOLDERS.map(({ name }) => [name, value(name)])) as PromptValues;
}

function parseOk(text: string, file = 'prompts/test.md'): Template {
  const result = parseTemplate(text, file);
  if (result.kind === 'error') throw new Error(result.message);
  return result.template;
}

describe('parseTemplate fixtures', () => {
  const cases = readdirSync(FIXTURES).sort();
  it.each(cases)('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const result = parseTemplate(text, `prompts/${name}.md`);
    const actual =
      result.kind === 'error'
        ? { kind: 'error', message: result.message.split('\n') }
        : {
            kind: 'ok',
            filled: renderTemplate(
              result.template,
              valuesWith((n) => `[${n}]`),
            ),
            empty: renderTemplate(
              result.template,
              valuesWith(() => ''),
            ),
          };
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('renderTemplate', () => {
  it('inserts values verbatim and never expands placeholders inside them', () => {
    const template = parseOk(
      '<!-- @system -->\nS\n<!-- @shared -->\n{{api_plan}}\n<!-- @endpoint -->\n{{endpoint}}\n',
    );
    const rendered = renderTemplate(
      template,
      valuesWith((name) => (name === 'api_plan' ? 'Use {{backend-rules}} and {{endpoint}} and $& here' : '')),
    );
    expect(rendered.shared).toBe('Use {{backend-rules}} and {{endpoint}} and $& here');
  });
});

describe('the default template', () => {
  const text = readFileSync(DEFAULT_TEMPLATE, 'utf8');
  const template = parseOk(text, 'prompts/endpoint-plan.md');

  it('documents every placeholder in its header comment', () => {
    const header = text.slice(0, text.search(/^<!-- @system -->$/m));
    for (const { name } of PLACEHOLDERS) expect(header).toContain(`{{${name}}}`);
  });

  it('asks for the analysis in <analysis> markers and the nine numbered sections, unfenced', () => {
    const { system } = renderTemplate(
      template,
      valuesWith((n) => `[${n}]`),
    );
    expect(system).toContain('<analysis>');
    expect(system).toContain('# API Endpoint Implementation Plan: [Endpoint Name]');
    const numbered = [...system.matchAll(/^## (\d)\. (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(numbered).toEqual([
      '1 Endpoint Overview',
      '2 Request Details',
      '3 Used Types',
      '4 Response Details',
      '5 Data Flow',
      '6 Security Considerations',
      '7 Error Handling',
      '8 Performance Considerations',
      '9 Implementation Steps',
    ]);
    expect(system).toMatch(/do NOT wrap it in a code\s+fence/);
    for (const code of ['200', '201', '400', '401', '404', '500']) expect(system).toContain(code);
  });

  it('says when a document is missing instead of leaving an empty block', () => {
    const { shared, endpoint } = renderTemplate(
      template,
      valuesWith((n) => (n === 'api_plan' ? 'API' : n === 'language' ? 'Polish' : '')),
    );
    expect(shared).toContain('the project has none');
    expect(shared).not.toContain('<database_plan>');
    expect(endpoint).not.toContain('<instructions>');
    expect(shared).toContain('Write the analysis and the plan in Polish.');
  });
});
