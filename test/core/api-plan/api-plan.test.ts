import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../src/core/docs/api-plan.ts';
import type { ApiPlan } from '../../../src/core/docs/model.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** What a fixture pins down: the fields a picker and a prompt rely on, without whole bodies. */
function project(plan: ApiPlan): unknown {
  return {
    endpoints: plan.endpoints.map((endpoint) => ({
      id: endpoint.id,
      method: endpoint.method,
      path: endpoint.path,
      ...(endpoint.query === undefined ? {} : { query: endpoint.query }),
      title: endpoint.title,
      description: endpoint.description,
      params: endpoint.params.map((param) =>
        [
          param.in,
          param.name,
          param.required === undefined ? '' : param.required ? 'required' : 'optional',
          param.type ?? '',
        ]
          .filter((part) => part.length > 0)
          .join(' '),
      ),
      requestBody: endpoint.requestBody !== undefined,
      responseBody: endpoint.responseBody !== undefined,
      successStatus: endpoint.successStatus ?? null,
      errorCodes: endpoint.errorCodes,
      lines: `${endpoint.lines.start}-${endpoint.lines.end}`,
      section: endpoint.section.join(' > '),
    })),
    diagnostics: plan.diagnostics.map((found) => `${found.line} ${found.code}`),
  };
}

describe('parseApiPlan fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const actual = project(parseApiPlan(text, 'api-plan.md'));
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('parseApiPlan details', () => {
  it('quotes the exact markdown of each definition, line endings included', () => {
    const text = '# API\r\n\r\n#### GET /api/ping\r\n- Description: ping\r\n\r\n#### GET /api/pong\r\n';
    const [ping, pong] = parseApiPlan(text, 'api.md').endpoints;
    expect(ping?.markdown).toBe('#### GET /api/ping\r\n- Description: ping');
    expect(pong?.markdown).toBe('#### GET /api/pong');
  });

  it('keeps the request and response bodies without fences', () => {
    const text = [
      '#### POST /api/cards',
      '- **Request Body**:',
      '```json',
      '{ "front": "q" }',
      '```',
      '- **Response** (201 Created):',
      '```json',
      '{ "id": "uuid" }',
      '```',
    ].join('\n');
    const [card] = parseApiPlan(text, 'api.md').endpoints;
    expect(card?.requestBody).toBe('{ "front": "q" }');
    expect(card?.responseBody).toBe('{ "id": "uuid" }');
    expect(card?.successStatus).toBe(201);
  });

  it('tells ids of operations that share a route apart by what their queries choose', () => {
    const text = [
      '- **List**',
      '  - `GET /rest/v1/items?select=*`',
      '- **Detail**',
      '  - `GET /rest/v1/items?select=*&id=eq.{id}`',
    ].join('\n');
    expect(parseApiPlan(text, 'api.md').endpoints.map((endpoint) => endpoint.id)).toEqual([
      'get-items',
      'get-items-by-id',
    ]);
  });
});

describe('parseApiPlan lazy fields', () => {
  const text = [
    '## Endpoints',
    '',
    '### POST /api/decks/{deckId}/cards',
    '',
    '- **Description**: Adds a card to a deck.',
    '- **Query Parameters**:',
    '  - `dryRun` (boolean, optional): validate only',
    '- **Response** (201 Created): the card',
    '- **Errors**: 400 Bad Request, 404 Not Found',
    '',
  ].join('\n');

  it('gives a copy and JSON the same fields, in the order of the Endpoint type', () => {
    const [endpoint] = parseApiPlan(text, 'api.md').endpoints;
    expect(endpoint).toBeDefined();
    if (endpoint === undefined) return;
    const copy = { ...endpoint };
    expect(Object.keys(copy)).toEqual([
      'id',
      'method',
      'path',
      'query',
      'title',
      'description',
      'params',
      'requestBody',
      'responseBody',
      'successStatus',
      'errorCodes',
      'lines',
      'markdown',
      'section',
    ]);
    expect(copy.description).toBe('Adds a card to a deck.');
    expect(copy.params.map((param) => `${param.in} ${param.name}`)).toEqual(['path deckId', 'query dryRun']);
    expect(copy.successStatus).toBe(201);
    expect(copy.errorCodes).toEqual([400, 404]);
    expect(JSON.parse(JSON.stringify(endpoint))).toEqual(JSON.parse(JSON.stringify(copy)));
    expect(endpoint.params).toBe(endpoint.params);
  });
});

describe('parseApiPlan on arbitrary text', () => {
  const pieces = fc.constantFrom(
    '# REST API Plan\n',
    '## 2. Endpoints\n',
    '#### GET /api/x/{id}\n',
    '### Future (post-MVP)\n',
    '- **Method**: `POST`\n',
    '- **Path**: `/api/y/:id`\n',
    '**Endpoint**: `DELETE /api/z`\n',
    '- **GET `/api/w`**\n',
    '  - Errors: 400, 404\n',
    '| Method | Path |\n|---|---|\n| GET | `/api/t` |\n',
    '| a | b\n',
    '```json\n{ "a": 1 }\n',
    '```\n',
    '<api_analysis>\n',
    '</api_analysis>\n',
    '<!-- open comment\n',
    '-->\n',
    '\\#### `PUT /api/e`\n',
    '&nbsp; - `q` (string, optional)\n',
    '1) GET /api/n\n',
    '-- POST /api/m?x=1,2(3)*\n',
    '    indented\n',
    '> quote GET /api/q\n',
    '\uFEFF',
    '\r\n',
    '\n',
    '\t- tabbed\n',
    'Title\n---\n',
  );
  it('never throws, and every line range stays inside the document', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const plan = parseApiPlan(text, 'api.md');
        const lineCount = text.split(/\r\n|\r|\n/).length;
        expect(plan.file).toBe('api.md');
        expect(plan.diagnostics.some((found) => found.code === 'parser-failure')).toBe(false);
        const ids = new Set<string>();
        for (const endpoint of plan.endpoints) {
          // Fields are read lazily: reading them must not throw either.
          expect(() => JSON.stringify(endpoint)).not.toThrow();
          expect(endpoint.lines.start).toBeGreaterThanOrEqual(1);
          expect(endpoint.lines.end).toBeGreaterThanOrEqual(endpoint.lines.start);
          expect(endpoint.lines.end).toBeLessThanOrEqual(lineCount);
          expect(ids.has(endpoint.id)).toBe(false);
          ids.add(endpoint.id);
        }
        for (const found of plan.diagnostics) {
          expect(found.file).toBe('api.md');
          expect(found.line).toBeGreaterThanOrEqual(1);
          expect(found.line).toBeLessThanOrEqual(lineCount);
        }
      }),
      { numRuns: 400 },
    );
  });
});
