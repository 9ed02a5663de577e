import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLanguage } from '../../../src/core/docs/language.ts';
import { validatePlan } from '../../../src/core/plan/validate.ts';
import {
  type BuildMessagesInput,
  buildMessages,
  languageName,
  planHeadings,
} from '../../../src/core/prompt/build-messages.ts';
import { parseTemplate, type Template } from '../../../src/core/prompt/template.ts';
import {
  aColumn,
  aDbPlan,
  aForeignKey,
  anApiPlan,
  anEndpoint,
  aPickedRule,
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
  markdown: '### POST /api/decks\nCreates a deck; returns `DeckDto`.\n- Errors: 400, 401',
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
    // The API plan is in the shared part: the dossier points at the endpoint's definition there.
    expect(endpoint?.content).toMatch(
      /<endpoint_dossier>\n## Definition: the section "POST \/api\/decks" of the API plan above \(\.ai\/api-plan\.md:\d+-\d+\)/,
    );
    expect(endpoint?.content).not.toContain('Creates a deck; returns `DeckDto`.');
    // The db plan and the types file are in the shared part: the dossier names their tables and types.
    expect(endpoint?.content).toContain(
      '- Table `decks` (read-write: the resource of the path): columns id, user_id',
    );
    expect(endpoint?.content).toContain('- `DeckDto` (response): in the types file above (src/types.ts:1)');
    expect(endpoint?.content).not.toContain('export type DeckDto');
    expect(endpoint?.content).toContain('must cover each of them: 400, 401.');
    expect(endpoint?.content).toContain('.ai/documents/api-plans/001-post-decks.md');
    expect(endpoint?.content).not.toContain('<instructions>');
  });

  it('asks for the plan in Polish when the language is pl', () => {
    // Run-wide instructions sit before the endpoint part, in the prefix providers cache.
    const messages = buildMessages(input({ language: 'pl' }));
    const shared = messages
      .slice(0, -1)
      .map((m) => m.content)
      .join('\n');
    expect(shared).toContain('Write the analysis and the plan in Polish.');
    expect(shared).toContain('the section headings may be written in Polish');
    expect(messages.at(-1)?.content).not.toContain('Write the analysis');
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
    const shared = buildMessages(input({ spec: bare }))[1]?.content ?? '';
    expect(shared).toContain('The database plan: the project has none.');
    expect(shared).toContain('the project has no types file yet');
    expect(shared).toContain('The tech stack: not documented.');
    expect(shared).not.toContain('<implementation_rules>');
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

describe('the plan language', () => {
  const polishPlan = anEndpoint({
    method: 'POST',
    path: '/api/talie',
    title: 'Utworzenie talii',
    markdown:
      '### POST /api/talie\nTworzy nową talię dla zalogowanego użytkownika i zwraca ją. Żądanie jest odrzucane, gdy nazwa się powtarza.\n- Błędy: 400, 401, 409',
    errorCodes: [400, 401, 409],
  });
  const polishSpec = aSpec({
    api: anApiPlan([polishPlan]),
    apiText: `# Plan API\n\nWszystkie punkty końcowe wymagają sesji użytkownika i zwracają JSON. Błąd walidacji oznacza odpowiedź 400.\n\n${polishPlan.markdown}`,
  });

  it('Polish docs give a Polish prompt: the language, the headings and the marker', () => {
    const language = planLanguage(undefined, polishSpec);
    expect(language.code).toBe('pl');
    const prompt = buildMessages(input({ spec: polishSpec, endpoint: polishPlan, language: language.code }))
      .map((m) => m.content)
      .join('\n');
    expect(prompt).toContain('Write the analysis and the plan in Polish.');
    expect(prompt).toContain('## 2. Szczegóły żądania');
    expect(prompt).toContain('with (nowy) right after it');
    const system = buildMessages(input({ spec: polishSpec, endpoint: polishPlan, language: 'pl' }))[0]
      ?.content;
    expect(system).toContain('write (nowy) right after it');
  });

  it('a plan written with those headings validates', () => {
    const headings = planHeadings('pl').split('\n');
    const plan = [
      '# API Endpoint Implementation Plan: Utworzenie talii',
      '',
      ...headings.flatMap((heading, i) => [
        heading,
        '',
        i === 1 ? '- Metoda HTTP: POST\n- Ścieżka: `/api/talie`' : 'Kody: 400, 401, 409.',
        '',
      ]),
    ].join('\n');
    expect(validatePlan(plan, polishPlan)).toEqual([]);
  });

  it('--language and the config file win over the docs, each saying why', () => {
    expect(planLanguage({ code: 'en', from: 'flag' }, polishSpec)).toEqual({
      code: 'en',
      why: '--language en',
    });
    expect(planLanguage({ code: 'de', from: 'config' }, polishSpec).why).toBe('language in the config file');
    expect(planLanguage(undefined, spec).code).toBe('en');
  });
});

describe('a user template', () => {
  it('fills the old placeholders from the dossier and {{dossier}} with all of it', () => {
    const parsed = parseTemplate(
      '<!-- @system -->\nPlan.\n<!-- @shared -->\n{{rules}}\n<!-- @endpoint -->\n{{db_resources}}\n---\n{{types}}\n---\n{{dossier}}\n',
      'custom.md',
    );
    if (parsed.kind === 'error') throw new Error(parsed.message);
    const last = buildMessages(input({ template: parsed.template })).at(-1)?.content ?? '';
    expect(last).toContain('### Table `decks`');
    expect(last).toContain('export type DeckDto');
    expect(last).toContain('## Definition');
    expect(last).toContain('## Status codes');
  });
});
