import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../src/core/docs/api-plan.ts';
import { parseDbPlan } from '../../../src/core/docs/db-plan.ts';
import { findEndpoint } from '../../../src/core/docs/find-endpoint.ts';
import type { Endpoint, Spec } from '../../../src/core/docs/model.ts';
import { parseTypesFile } from '../../../src/core/docs/types-file.ts';
import { buildDossier } from '../../../src/core/dossier/build.ts';
import type { Dossier } from '../../../src/core/dossier/model.ts';
import { type BuildMessagesInput, buildMessages } from '../../../src/core/prompt/build-messages.ts';
import { parseTemplate, type Template } from '../../../src/core/prompt/template.ts';
import { aSpec } from '../../support/builders.ts';

// Each case is a small project (`api-plan.md`, `db-plan.md`, `types.ts.txt`) and `endpoints.txt` with two of its
// endpoints; `expected.md` holds their endpoint messages in full mode and with the db plan and types file cut by a
// budget (UPDATE=1 rewrites it).
const CASES = join(import.meta.dirname, 'endpoint-message');
const API = '.ai/api-plan.md';
const DB = '.ai/db-plan.md';
const TYPES = 'src/types.ts';

function template(text: string, file: string): Template {
  const parsed = parseTemplate(text, file);
  if (parsed.kind === 'error') throw new Error(parsed.message);
  return parsed.template;
}

const defaultTemplate = template(
  readFileSync(join(import.meta.dirname, '../../../prompts/endpoint-plan.md'), 'utf8'),
  'prompts/endpoint-plan.md',
);

type Project = { readonly spec: Spec; readonly endpoints: readonly Endpoint[]; readonly dbText: string };

function project(folder: string): Project {
  const read = (name: string): string => readFileSync(join(folder, name), 'utf8');
  const apiText = read('api-plan.md');
  const dbText = read('db-plan.md');
  const typesText = read('types.ts.txt');
  const api = parseApiPlan(apiText, API);
  const spec = aSpec({
    api,
    apiText,
    db: parseDbPlan(dbText, DB),
    dbText,
    types: parseTypesFile(typesText, TYPES),
    typesText,
  });
  const endpoints = read('endpoints.txt')
    .trim()
    .split('\n')
    .map((line) => {
      const found = findEndpoint(api.endpoints, line.trim());
      if (found.kind !== 'found') throw new Error(`${folder}: no endpoint ${line}`);
      return found.endpoint;
    });
  return { spec, endpoints, dbText };
}

function messagesFor(p: Project, endpoint: Endpoint, overrides: Partial<BuildMessagesInput> = {}) {
  return buildMessages({
    template: defaultTemplate,
    spec: p.spec,
    endpoint,
    language: 'en',
    instructions: undefined,
    problems: [],
    planFile: `.ai/documents/api-plans/NNN-${endpoint.id}.md`,
    ...overrides,
  });
}

/** The names a model must see in the endpoint message: tables, columns, types, status codes, fields. */
function factNames(d: Dossier): string[] {
  return [
    ...d.tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name)]),
    ...d.types.request.map((t) => t.name),
    ...d.types.response.map((t) => t.name),
    ...d.statusCodes.map((s) => String(s.code)),
    ...(['path', 'query', 'body'] as const).flatMap((where) => d.fields[where].map((f) => f.name)),
  ];
}

/** The 1-based line of the db plan's heading for a table, read from the text itself. */
function tableLine(dbText: string, table: string): number {
  return dbText.split('\n').findIndex((line) => new RegExp(`^#+\\s+\`?${table}\`?\\s*$`).test(line)) + 1;
}

const cases = readdirSync(CASES).filter((name) => existsSync(join(CASES, name, 'endpoints.txt')));

describe.each(cases)('the endpoint message: %s', (name) => {
  const folder = join(CASES, name);
  const p = project(folder);
  const dossiers = p.endpoints.map((endpoint) => buildDossier({ spec: p.spec, endpoint }));

  it('points at the definition, tables and types of the documents above instead of repeating them', () => {
    for (const [i, endpoint] of p.endpoints.entries()) {
      const d = dossiers[i];
      if (d === undefined) throw new Error('no dossier');
      expect(d.tables.length).toBeGreaterThan(0);
      const last = messagesFor(p, endpoint).at(-1)?.content ?? '';
      expect(last).not.toContain('| Column | Type | Constraints |');
      expect(last).not.toMatch(/export (?:type|interface) /);
      expect(last).not.toContain('CREATE POLICY');
      for (const table of d.tables) {
        expect(tableLine(p.dbText, table.name)).toBe(table.source.line);
        expect(last).toContain(`Table \`${table.name}\``);
        expect(last).toContain(`(${DB}:${table.source.line})`);
      }
      for (const type of [...d.types.request, ...d.types.response]) {
        expect(last).toContain(`\`${type.name}\``);
        expect(last).toContain(`in the types file above (${TYPES}:${type.source.line}`);
      }
      // The definition is pointed at too: its heading and the lines it spans in the API plan above.
      const heading =
        d.definition.text
          .trim()
          .split('\n')[0]
          ?.replace(/^#+\s*/, '') ?? '';
      const lines = d.definition.text.trimEnd().split('\n').length;
      expect(last).toContain(
        `the section "${heading}" of the API plan above (${d.definition.file}:${d.definition.line}-${d.definition.line + lines - 1})`,
      );
      expect(last).not.toContain(d.definition.text.trim());
    }
  });

  it('keeps every fact name of the dossier in the endpoint message, whole or budgeted', () => {
    for (const [i, endpoint] of p.endpoints.entries()) {
      const d = dossiers[i];
      if (d === undefined) throw new Error('no dossier');
      for (const level of [0, 1, 3]) {
        const last = messagesFor(p, endpoint, { budgetLevel: level }).at(-1)?.content ?? '';
        for (const fact of factNames(d)) expect(last, `level ${level}: ${fact}`).toContain(fact);
      }
    }
  });

  it('repeats the tables and types whole when a budget dropped their documents', () => {
    for (const [i, endpoint] of p.endpoints.entries()) {
      const d = dossiers[i];
      if (d === undefined) throw new Error('no dossier');
      const [, shared, last] = messagesFor(p, endpoint, { budgetLevel: 3 }).map((m) => m.content);
      expect(shared).not.toContain(p.dbText.trim());
      for (const table of d.tables) {
        for (const column of table.columns) expect(last).toContain(`${column.name} ${column.type}`);
      }
      for (const type of [...d.types.request, ...d.types.response]) {
        expect(last).toContain(type.declaration.trim());
      }
      // The API plan cut to what the endpoint needs is no longer above whole: the definition is repeated.
      expect(last).toContain(d.definition.text.trim());
      // At level 1 the documents are still above, so the compact dossier points at them too.
      const compact = messagesFor(p, endpoint, { budgetLevel: 1 }).at(-1)?.content ?? '';
      expect(compact).toContain(`(${DB}:`);
      expect(compact).not.toMatch(/export (?:type|interface) /);
    }
  });

  it('keeps everything before the endpoint message byte-identical across endpoints', () => {
    const [first, second] = p.endpoints.map((endpoint) => messagesFor(p, endpoint));
    if (first === undefined || second === undefined) throw new Error('two endpoints expected');
    expect(second.slice(0, -1)).toEqual(first.slice(0, -1));
    expect(second.at(-1)).not.toEqual(first.at(-1));
  });

  it('matches expected.md', () => {
    const text = p.endpoints
      .flatMap((endpoint) => [
        `=== ${endpoint.method} ${endpoint.path}: full ===`,
        messagesFor(p, endpoint).at(-1)?.content ?? '',
        `=== ${endpoint.method} ${endpoint.path}: db plan and types file cut by the budget ===`,
        messagesFor(p, endpoint, { budgetLevel: 3 }).at(-1)?.content ?? '',
      ])
      .join('\n\n')
      .concat('\n');
    const file = join(folder, 'expected.md');
    if (process.env.UPDATE === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('the endpoint message of a user template', () => {
  const p = project(join(CASES, cases[0] ?? ''));
  const endpoint = p.endpoints[0];
  if (endpoint === undefined) throw new Error('an endpoint expected');

  it('repeats the tables and types when the template does not send their documents', () => {
    const apiOnly = template(
      '<!-- @system -->\nPlan.\n<!-- @shared -->\n{{api_plan}}\n<!-- @endpoint -->\n{{dossier}}\n',
      'api-only.md',
    );
    const last = messagesFor(p, endpoint, { template: apiOnly }).at(-1)?.content ?? '';
    expect(last).toContain('| Column | Type | Constraints |');
    expect(last).toMatch(/export (?:type|interface) /);
    expect(last).not.toContain('database plan above');
    expect(last).not.toContain('types file above');
  });

  it('puts the decisions of saved plans first, before what differs per endpoint', () => {
    const decisions =
      'Plans already saved decided these:\n- service file `src/lib/shelf.service.ts` (001-x.md)';
    const last = messagesFor(p, endpoint, { decisions }).at(-1)?.content ?? '';
    expect(last.startsWith(`<saved_plans>\n${decisions}\n</saved_plans>\n\nPlan this endpoint:`)).toBe(true);
  });
});
