import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column, Endpoint, IndexDef, Param, RlsPolicy, TypeDecl } from '../../../src/core/docs/model.ts';
import { type DraftInput, draftPlan, topLevelFields } from '../../../src/core/plan/offline-draft.ts';
import { draftText } from '../../../src/core/plan/offline-draft-text.ts';
import { detectStack } from '../../../src/core/plan/tech-stack.ts';
import {
  aColumn,
  anEndpoint,
  anIndex,
  aParam,
  aPickedRule,
  aPolicy,
  aRelated,
  aTable,
  aTypeDecl,
} from '../../support/builders.ts';

/** input.json of a fixture: builder arguments, so a case stays short. */
type FixtureInput = {
  readonly language: 'en' | 'pl';
  readonly techStack?: string;
  readonly typesPath?: string;
  /** Defaults to true; false drafts for a project without a types file. */
  readonly hasTypesFile?: boolean;
  readonly endpoint: Partial<Omit<Endpoint, 'params'>> & {
    readonly params?: readonly (Partial<Param> & { name: string })[];
  };
  readonly tables?: readonly {
    readonly name: string;
    readonly columns: readonly [string, string, ...string[]][];
    /** `[column, table]` or `[column, table, onDelete]`. */
    readonly foreignKeys?: readonly [string, string, string?][];
  }[];
  /** `name: null` stands for an index the db plan gives no parsed name. */
  readonly indexes?: readonly (Omit<Partial<IndexDef>, 'name'> & {
    table: string;
    columns: string[];
    name?: string | null;
  })[];
  readonly policies?: readonly (Partial<RlsPolicy> & { table: string })[];
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  readonly types?: readonly (Partial<TypeDecl> & { name: string })[];
  readonly rules?: readonly { path: string; body: string }[];
};

const fixtures = join(import.meta.dirname, 'fixtures');

function loadCase(name: string): DraftInput {
  const input = JSON.parse(readFileSync(join(fixtures, name, 'input.json'), 'utf8')) as FixtureInput;
  const { params, ...endpoint } = input.endpoint;
  return {
    language: input.language,
    stack: detectStack(input.techStack, input.typesPath),
    endpoint: anEndpoint({
      ...endpoint,
      params: (params ?? []).map(({ name, ...rest }) => aParam(name, rest)),
    }),
    related: aRelated({
      tables: (input.tables ?? []).map((table) =>
        aTable(
          table.name,
          table.columns.map(([column, type, ...constraints]) => aColumn(column, type, ...constraints)),
          {
            foreignKeys: (table.foreignKeys ?? []).map(([column, target, onDelete]) => ({
              column,
              references: { table: target, column: 'id' },
              onDelete,
            })),
          },
        ),
      ),
      indexes: (input.indexes ?? []).map(({ table, columns, name, ...rest }) =>
        name === null
          ? { ...anIndex(table, columns, rest), name: undefined }
          : anIndex(table, columns, name === undefined ? rest : { ...rest, name }),
      ),
      policies: (input.policies ?? []).map(({ table, command, ...rest }) =>
        aPolicy(table, command ?? 'ALL', rest),
      ),
      enums: new Map(Object.entries(input.enums ?? {})),
      types: (input.types ?? []).map(({ name, ...rest }) => aTypeDecl(name, rest)),
    }),
    rules: (input.rules ?? []).map((rule) => aPickedRule(rule.path, rule.body)),
    hasTypesFile: input.hasTypesFile ?? true,
  };
}

/** Identifiers the input provides: anything else a draft puts in backticks must be code, a path or a status. */
function knownNames(input: DraftInput): Set<string> {
  const { related, endpoint } = input;
  const columns: Column[] = related.tables.flatMap((table) => [...table.columns]);
  return new Set([
    ...related.tables.map((table) => table.name),
    ...columns.map((column) => column.name),
    ...related.types.map((decl) => decl.name),
    ...related.policies.flatMap((policy) => (policy.name === undefined ? [] : [policy.name])),
    ...related.indexes.flatMap((index) => [
      ...(index.name === undefined ? [] : [index.name]),
      ...(index.text.match(/[A-Za-z_]\w*/g) ?? []),
    ]),
    ...[...related.enums.values()].flat(),
    ...endpoint.params.flatMap((param) => [param.name, ...(param.type === undefined ? [] : [param.type])]),
    ...endpoint.path.split('/'),
    ...[...endpoint.path.matchAll(/\{(\w+)\}|:(\w+)|\[(\w+)\]/g)].map(
      (match) => match[1] ?? match[2] ?? match[3] ?? '',
    ),
    ...(endpoint.query ?? '').split('&').map((pair) => pair.split('=')[0] ?? ''),
    ...(endpoint.requestBody === undefined
      ? []
      : topLevelFields(endpoint.requestBody).map((field) => field.name)),
    endpoint.method,
  ]);
}

const cases = readdirSync(fixtures).sort();

describe('draftPlan fixtures', () => {
  it.each(cases)('%s', (name) => {
    const input = loadCase(name);
    const draft = draftPlan(input);
    const expectedFile = join(fixtures, name, 'expected.md');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, draft);
    expect(draft).toBe(readFileSync(expectedFile, 'utf8'));
  });

  it.each(cases)('%s has the title and all nine headings once, in order', (name) => {
    const input = loadCase(name);
    const draft = draftPlan(input);
    const title =
      input.endpoint.title === '' ? `${input.endpoint.method} ${input.endpoint.path}` : input.endpoint.title;
    expect(draft.startsWith(`# API Endpoint Implementation Plan: ${title}\n`)).toBe(true);
    const headings = Object.values(draftText(input.language).headings).map(
      (heading, index) => `## ${index + 1}. ${heading}`,
    );
    const found = draft.split('\n').filter((line) => line.startsWith('## '));
    expect(found).toEqual(headings);
  });

  it.each(cases)('%s names no table, column or type that is not in the input', (name) => {
    const input = loadCase(name);
    const known = knownNames(input);
    const prose = draftPlan(input).replace(/^(`{3,})[\s\S]*?^\1/gm, '');
    const identifiers = [...prose.matchAll(/`([^`\s]+)`/g)]
      .map((match) => match[1] ?? '')
      .filter((span) => /^[A-Za-z_]\w*$/.test(span));
    expect(identifiers.filter((identifier) => !known.has(identifier))).toEqual([]);
    const tableRefs = [...prose.matchAll(/`(\w+)\((\w+(?:, \w+)*)\)`/g)];
    for (const [, table, columns] of tableRefs) {
      expect(known).toContain(table);
      for (const column of (columns ?? '').split(', ')) expect(known).toContain(column);
    }
    const typeLike = [...prose.matchAll(/\b[A-Z]\w*(?:Dto|DTO|Command|Request|Response|Entity)\b/g)].map(
      (match) => match[0],
    );
    for (const typeName of typeLike) expect(known).toContain(typeName);
  });

  it.each(cases)('%s is deterministic', (name) => {
    expect(draftPlan(loadCase(name))).toBe(draftPlan(loadCase(name)));
  });
});

describe('topLevelFields', () => {
  it('reads JSON, sketches with comments and unquoted keys, ignoring nested fields', () => {
    const body =
      '{\n  "front": "string (max 200)", // the question\n  back?: string,\n  "tags": ["a", "b"],\n  "meta": { "x": 1 },\n  "note": "string, optional"\n}';
    expect(topLevelFields(body)).toEqual([
      { name: 'front', value: '"string (max 200)"', optional: false },
      { name: 'back', value: 'string', optional: true },
      { name: 'tags', value: '["a", "b"]', optional: false },
      { name: 'meta', value: '{ "x": 1 }', optional: false },
      { name: 'note', value: '"string, optional"', optional: true },
    ]);
  });

  it('gives nothing for prose', () => {
    expect(topLevelFields('A list of flashcards')).toEqual([]);
  });
});
