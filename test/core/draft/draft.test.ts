import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../src/core/dossier/model.ts';
import { codeNames } from '../../../src/core/draft/code-names.ts';
import { draftPlan } from '../../../src/core/draft/draft-plan.ts';
import { type DraftInput, draftFacts } from '../../../src/core/draft/facts.ts';
import { planLayout, readRulePaths, withRulesValidator } from '../../../src/core/draft/layout.ts';
import { schemaBlocks } from '../../../src/core/draft/request.ts';
import { draftText } from '../../../src/core/draft/text.ts';
import { groundingIndex, groundPlan } from '../../../src/core/plan/ground.ts';
import { detectStack } from '../../../src/core/plan/tech-stack.ts';
import { validatePlan } from '../../../src/core/plan/validate.ts';
import {
  aColumn,
  aDbPlan,
  anEndpoint,
  aSpec,
  aTable,
  aTypeDecl,
  aTypesFile,
} from '../../support/builders.ts';
import { dossierFromJson } from '../../support/dossier.ts';

/** input.json of a fixture: the dossier (sources filled in), the stack and rules docs, the language. */
type FixtureInput = {
  readonly language: 'en' | 'pl';
  readonly description?: string;
  readonly techStack?: string;
  readonly typesFile?: string;
  readonly rules?: readonly { readonly path: string; readonly body: string }[];
  readonly dossier: Parameters<typeof dossierFromJson>[0];
};

const fixtures = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(fixtures).sort();

function readFixture(name: string): FixtureInput {
  return JSON.parse(readFileSync(join(fixtures, name, 'input.json'), 'utf8')) as FixtureInput;
}

function loadCase(name: string): DraftInput {
  const input = readFixture(name);
  const rules = input.rules ?? [];
  const stack = withRulesValidator(detectStack(input.techStack, input.typesFile), rules);
  const dossier = dossierFromJson(input.dossier);
  return {
    dossier,
    description: input.description ?? '',
    stack,
    layout: planLayout(stack, readRulePaths(rules), dossier, input.typesFile),
    language: input.language,
  };
}

/** The names a draft may use: the dossier's own, the code it introduces, and the path's words. */
function knownNames(input: DraftInput): Set<string> {
  const { dossier } = input;
  const facts = draftFacts(input);
  const names = codeNames(dossier, facts.resource);
  return new Set([
    ...dossier.tables.flatMap((table) => [
      table.name,
      ...table.columns.flatMap((column) => [column.name, column.type]),
    ]),
    ...dossier.writes,
    ...dossier.foreignKeys.map((fk) => fk.references.table),
    ...[...dossier.types.request, ...dossier.types.response].map((type) => type.name),
    ...dossier.policies.flatMap((policy) => (policy.name === undefined ? [] : [policy.name])),
    ...dossier.indexes.flatMap((index) => (index.name === undefined ? [] : [index.name])),
    ...dossier.triggers.flatMap((trigger) => (trigger.name === undefined ? [] : [trigger.name])),
    ...dossier.enums.flatMap((fact) => [fact.name, ...fact.values]),
    ...facts.fields.flatMap((rule) => [rule.name, ...rule.values]),
    ...Object.values(names),
    ...schemaBlocks(facts, names, draftText(input.language)).flatMap((block) => block.names),
    dossier.method,
    // A path Supabase serves names its table (`/rest/v1/doctors`).
    ...dossier.path.split('/'),
  ]);
}

const endpointOf = (dossier: Dossier) =>
  anEndpoint({
    method: dossier.method as 'GET',
    path: dossier.path,
    errorCodes: dossier.statusCodes.filter((status) => status.code >= 400).map((status) => status.code),
  });

/** The docs a fixture's dossier was read from, as far as the grounding check needs them. */
function docsOf(input: DraftInput, fixture: FixtureInput) {
  const { dossier } = input;
  const noDb = dossier.gaps.some((gap) => /table|tabel/i.test(gap.what));
  const tables = dossier.tables.map((table) =>
    aTable(
      table.name,
      table.columns.map((column) => aColumn(column.name, column.type, ...column.constraints)),
    ),
  );
  const dbText = [
    ...dossier.tables.map(
      (table) => `${table.name}: ${table.columns.map((column) => column.name).join(', ')}`,
    ),
    ...dossier.policies.map((policy) => policy.text),
    ...dossier.triggers.map((trigger) => trigger.text),
  ].join('\n');
  const decls = [...dossier.types.request, ...dossier.types.response].map((type) =>
    aTypeDecl(type.name, { text: type.declaration }),
  );
  return aSpec({
    ...(noDb ? {} : { db: aDbPlan(tables), dbText }),
    ...(fixture.typesFile === undefined
      ? {}
      : { types: aTypesFile(decls), typesText: decls.map((decl) => decl.text).join('\n') }),
    apiText: [dossier.definition.text, dossier.requestBody ?? '', dossier.responseBody ?? ''].join('\n'),
    ...(fixture.techStack === undefined ? {} : { techStack: fixture.techStack }),
  });
}

describe('draftPlan fixtures', () => {
  it.each(cases)('%s', (name) => {
    const draft = draftPlan(loadCase(name));
    const expectedFile = join(fixtures, name, 'expected.md');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, draft);
    expect(draft).toBe(readFileSync(expectedFile, 'utf8'));
  });

  it.each(cases)('%s has the title and the nine numbered headings in its language, and validates', (name) => {
    const input = loadCase(name);
    const draft = draftPlan(input);
    const t = draftText(input.language);
    const { title, method, path } = input.dossier;
    expect(draft.split('\n')[0]).toBe(`# ${t.title(title === '' ? `${method} ${path}` : title)}`);
    const headings = draft.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(t.headings.map((heading, index) => `## ${index + 1}. ${heading}`));
    expect(validatePlan(draft, endpointOf(input.dossier))).toEqual([]);
  });

  it.each(cases)('%s passes the grounding check with no finding', (name) => {
    const input = loadCase(name);
    const index = groundingIndex(docsOf(input, readFixture(name)));
    expect(groundPlan(draftPlan(input), [input.dossier], index)).toEqual([]);
  });

  it('is checked for real: a table the docs lack in a draft is a finding', () => {
    const name = 'post-nested-astro-supabase-constraints-mapped';
    const input = loadCase(name);
    const index = groundingIndex(docsOf(input, readFixture(name)));
    const draft = `${draftPlan(input)}\n- The service also writes the \`ghost_rows\` table.\n`;
    expect(groundPlan(draft, [input.dossier], index).map((finding) => finding.name)).toEqual(['ghost_rows']);
  });

  it.each(cases)(
    '%s states every code, table, type, body field, unique constraint and gap of the dossier',
    (name) => {
      const input = loadCase(name);
      const { dossier } = input;
      const draft = draftPlan(input);
      const stated = (word: string): boolean =>
        new RegExp(`(?<![A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(
          draft,
        );
      const facts = [
        ...dossier.statusCodes.map((status) => String(status.code)),
        ...dossier.tables.map((table) => table.name),
        ...dossier.writes,
        ...[...dossier.types.request, ...dossier.types.response].map((type) => type.name),
        ...[...dossier.fields.path, ...dossier.fields.query, ...dossier.fields.body].map(
          (field) => field.name,
        ),
        ...dossier.unique.map((unique) => unique.columns.join(', ')),
        ...dossier.crossCutting.map((rule) => rule.text.replace(/\s+/g, ' ').trim()),
        ...dossier.gaps.map((gap) => draftText(input.language).phrase(gap.why)),
      ];
      expect(facts.filter((fact) => !stated(fact))).toEqual([]);
    },
  );

  it.each(cases)('%s names no table, column or type the dossier does not have, unless marked new', (name) => {
    const input = loadCase(name);
    const known = knownNames(input);
    const draft = draftPlan(input);
    const prose = draft.replace(/^(`{3,})[\s\S]*?^\1/gm, '');
    const identifiers = [...prose.matchAll(/`([^`\s]+)`/g)]
      .map((match) => match[1] ?? '')
      .filter((span) => /^[A-Za-z_]\w*$/.test(span));
    expect(identifiers.filter((identifier) => !known.has(identifier))).toEqual([]);
    const declared = new Set(
      [...draft.matchAll(/\b(?:class|record|interface|type)\s+([A-Z]\w*)/g)].map((m) => m[1]),
    );
    const typeLike = [
      ...draft.matchAll(/\b[A-Z]\w*(?:Dto|DTO|Command|Cmd|Request|Response|Payload|Input|ViewModel|VM)\b/g),
    ]
      .map((match) => match[0])
      .filter((typeName) => !declared.has(typeName));
    expect(typeLike.filter((typeName) => !known.has(typeName))).toEqual([]);
  });
});
