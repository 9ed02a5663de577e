import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BuildMessagesInput,
  buildMessages,
  languageName,
  renderDbResources,
} from '../../../src/core/prompt/build-messages.ts';
import { parseTemplate, type Template } from '../../../src/core/prompt/template.ts';
import {
  aColumn,
  aDbPlan,
  aForeignKey,
  anApiPlan,
  anEndpoint,
  anIndex,
  aPickedRule,
  aPolicy,
  aRelated,
  aSpec,
  aTable,
  aTypeDecl,
  aTypesFile,
} from '../../support/builders.ts';

function defaultTemplate(): Template {
  const file = join(import.meta.dirname, '../../../prompts/endpoint-plan.md');
  const result = parseTemplate(readFileSync(file, 'utf8'), file);
  if (result.kind === 'error') throw new Error(result.message);
  return result.template;
}

const createDeck = anEndpoint({
  method: 'POST',
  path: '/api/decks',
  title: 'Create deck',
  markdown: '### POST /api/decks\nCreates a deck.\n- Errors: 400, 401',
  errorCodes: [400, 401],
});
const reviewCard = anEndpoint({
  method: 'POST',
  path: '/api/cards/{id}/review',
  title: 'Review card',
  markdown: '### POST /api/cards/{id}/review\nStores a review.\n- Errors: 404',
  errorCodes: [404],
});
const decks = aTable(
  'decks',
  [aColumn('id', 'uuid', 'PRIMARY KEY'), aColumn('user_id', 'uuid', 'NOT NULL')],
  {
    foreignKeys: [aForeignKey('user_id', 'users', 'id', 'CASCADE')],
  },
);
const spec = aSpec({
  api: anApiPlan([createDeck, reviewCard]),
  db: aDbPlan([decks]),
  dbText: '# DB\n\n| decks | ... |',
  types: aTypesFile([aTypeDecl('DeckDto')]),
  typesText: 'export type DeckDto = { id: string };',
  techStack: 'Astro 5, Supabase',
  rules: [aPickedRule('.cursor/rules/backend.mdc', 'Use zod for validation.')],
});

function input(overrides: Partial<BuildMessagesInput> = {}): BuildMessagesInput {
  return {
    template: defaultTemplate(),
    spec,
    endpoint: createDeck,
    related: aRelated({ tables: [decks], types: [aTypeDecl('DeckDto')] }),
    language: 'en',
    instructions: undefined,
    problems: [],
    planFile: '.ai/documents/api-plans/001-post-decks.md',
    ...overrides,
  };
}

describe('buildMessages', () => {
  it('keeps everything before the endpoint part byte-identical across endpoints, so providers cache it', () => {
    const first = buildMessages(input());
    const second = buildMessages(
      input({
        endpoint: reviewCard,
        related: aRelated(),
        problems: ['Section 7 "Error Handling" is missing.'],
        instructions: 'Mention rate limiting.',
        planFile: '.ai/documents/api-plans/002-post-cards-id-review.md',
      }),
    );
    expect(first.map((m) => m.role)).toEqual(['system', 'user', 'user']);
    expect(second.length).toBe(first.length);
    const shared = first.length - 1;
    expect(second.slice(0, shared)).toEqual(first.slice(0, shared));
    expect(first.at(-1)?.content).toContain('POST /api/decks');
    expect(second.at(-1)?.content).toContain('POST /api/cards/{id}/review');
    for (const message of first.slice(0, shared)) {
      expect(message.content).not.toContain('001-post-decks');
    }
  });

  it('puts the whole documents in the shared message and the endpoint facts in the last one', () => {
    const [system, shared, endpoint] = buildMessages(input());
    expect(system?.content).toContain('<analysis>');
    expect(shared?.content).toContain('### POST /api/cards/{id}/review');
    expect(shared?.content).toContain('Astro 5, Supabase');
    expect(shared?.content).toContain('### .cursor/rules/backend.mdc\n\nUse zod for validation.');
    expect(shared?.content).toContain('export type DeckDto = { id: string };');
    expect(endpoint?.content).toContain(
      '<endpoint_specification>\n### POST /api/decks\nCreates a deck.\n- Errors: 400, 401\n',
    );
    expect(endpoint?.content).toContain('| user_id | uuid | NOT NULL |');
    expect(endpoint?.content).toContain('```ts\nexport type DeckDto = Record<string, never>;\n```');
    expect(endpoint?.content).toContain('must cover each of them: 400, 401.');
    expect(endpoint?.content).toContain('.ai/documents/api-plans/001-post-decks.md');
    expect(endpoint?.content).not.toContain('<instructions>');
  });

  it('asks for the plan in Polish when the language is pl', () => {
    const endpoint = buildMessages(input({ language: 'pl' })).at(-1)?.content ?? '';
    expect(endpoint).toContain('Write the analysis and the plan in Polish.');
    expect(endpoint).toContain('the section headings may be written in Polish');
  });

  it('names the problems to fix and the user instructions last', () => {
    const endpoint =
      buildMessages(
        input({
          problems: ['Section 3 "Used Types" is missing.', 'Status 409 is never mentioned.'],
          instructions: ' Be brief. ',
        }),
      ).at(-1)?.content ?? '';
    expect(endpoint).toContain('<instructions>\nBe brief.\n</instructions>');
    expect(endpoint).toMatch(
      /Fix every one of them:\n- Section 3 "Used Types" is missing\.\n- Status 409 is never mentioned\.$/,
    );
  });

  it('says which documents are missing rather than sending empty blocks', () => {
    const bare = aSpec({ api: anApiPlan([createDeck]) });
    const shared = buildMessages(input({ spec: bare, related: aRelated() }))[1]?.content ?? '';
    expect(shared).toContain('The database plan: the project has none.');
    expect(shared).toContain('the project has no types file yet');
    expect(shared).toContain('The tech stack: not documented.');
    expect(shared).not.toContain('<implementation_rules>');
  });
});

describe('renderDbResources', () => {
  it('renders tables, foreign keys, indexes, policies and enums as markdown', () => {
    const text = renderDbResources(
      aRelated({
        tables: [decks],
        indexes: [anIndex('decks', ['user_id'])],
        policies: [aPolicy('decks', 'SELECT')],
        enums: new Map([['deck_visibility', ['private', 'public']]]),
      }),
    );
    expect(text).toContain('### Table `decks`');
    expect(text).toContain('- `user_id` → `users(id)` ON DELETE CASCADE');
    expect(text).toContain('CREATE INDEX idx_decks_user_id ON decks(user_id);');
    expect(text).toContain('CREATE POLICY decks_select_own ON decks FOR SELECT');
    expect(text).toContain('- `deck_visibility`: private, public');
  });

  it('is empty when nothing is related', () => {
    expect(renderDbResources(aRelated())).toBe('');
  });
});

describe('languageName', () => {
  it.each([
    ['pl', 'Polish'],
    ['en', 'English'],
    ['de-AT', 'Austrian German'],
    ['Polish', 'Polish'],
    ['polski', 'polski'],
  ])('%s → %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });
});
