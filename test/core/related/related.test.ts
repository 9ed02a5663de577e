import { describe, expect, it } from 'vitest';
import { relatedResources } from '../../../src/core/docs/related.ts';
import {
  aColumn,
  aDbPlan,
  aForeignKey,
  anEndpoint,
  anIndex,
  aParam,
  aPolicy,
  aTable,
  aTypeDecl,
  aTypesFile,
} from '../../support/builders.ts';

const db = aDbPlan(
  [
    aTable('users'),
    aTable('decks', [aColumn('id', 'uuid'), aColumn('owner_id', 'uuid')], {
      foreignKeys: [aForeignKey('owner_id', 'users')],
    }),
    aTable(
      'flashcards',
      [aColumn('id', 'uuid'), aColumn('deck_id', 'uuid'), aColumn('state', 'card_state')],
      {
        foreignKeys: [aForeignKey('deck_id', 'decks')],
      },
    ),
    aTable('study_sessions'),
    aTable('GameCategories'),
  ],
  {
    indexes: [anIndex('flashcards', ['deck_id']), anIndex('study_sessions', ['id'])],
    policies: [aPolicy('flashcards', 'SELECT'), aPolicy('users', 'ALL'), aPolicy('study_sessions', 'ALL')],
    enums: new Map([
      ['card_state', ['new', 'review']],
      ['session_mood', ['calm']],
    ]),
  },
);

const types = aTypesFile([
  aTypeDecl('FlashcardDto', { references: ['Tables', 'flashcards', 'DeckSummary'] }),
  aTypeDecl('DeckSummary', { references: ['Tables', 'decks'] }),
  aTypeDecl('CreateFlashcardCommand', { references: ['Tables', 'flashcards'] }),
  aTypeDecl('UpdateFlashcardCommand'),
  aTypeDecl('StudySessionDto', { references: ['Mood'] }),
  aTypeDecl('Mood', { references: ['session_mood'] }),
  aTypeDecl('PaginationMeta'),
]);

const names = (items: readonly { readonly name: string | undefined }[]): (string | undefined)[] =>
  items.map((item) => item.name);

describe('relatedResources', () => {
  it('matches the path resource in singular or plural, with its indexes, policies and enums', () => {
    const related = relatedResources(anEndpoint({ method: 'GET', path: '/api/decks/{deckId}/flashcards' }), {
      db,
      types: undefined,
    });
    expect(names(related.tables)).toEqual(['decks', 'flashcards']);
    expect(related.indexes.map((index) => index.table)).toEqual(['flashcards']);
    expect(related.policies.map((policy) => policy.table)).toEqual(['flashcards']);
    expect([...related.enums.keys()]).toEqual(['card_state']);
  });

  it('matches kebab-case paths to snake_case and CamelCase tables', () => {
    const sessions = relatedResources(anEndpoint({ path: '/study-sessions' }), { db, types: undefined });
    expect(names(sessions.tables)).toEqual(['study_sessions']);
    const categories = relatedResources(anEndpoint({ path: '/api/v1/game-categories/:id' }), {
      db,
      types: undefined,
    });
    expect(names(categories.tables)).toEqual(['GameCategories']);
  });

  it('picks DTOs and commands by naming convention, respecting the verb, and their references', () => {
    const post = relatedResources(anEndpoint({ method: 'POST', path: '/api/flashcards' }), { db, types });
    expect(names(post.types)).toEqual(['FlashcardDto', 'DeckSummary', 'CreateFlashcardCommand']);
    const patch = relatedResources(anEndpoint({ method: 'PATCH', path: '/api/flashcards/{id}' }), {
      db,
      types,
    });
    expect(names(patch.types)).toEqual(['FlashcardDto', 'DeckSummary', 'UpdateFlashcardCommand']);
  });

  it('picks types named in the markdown and the tables and enums those types reference', () => {
    const endpoint = anEndpoint({
      method: 'GET',
      path: '/api/me/summary',
      markdown: '### GET /api/me/summary\nReturns `StudySessionDto[]` with `PaginationMeta`.',
    });
    const related = relatedResources(endpoint, { db, types });
    expect(names(related.types)).toEqual(['StudySessionDto', 'Mood', 'PaginationMeta']);
    expect(names(related.tables)).toEqual([]);
    expect([...related.enums.keys()]).toEqual(['session_mood']);
  });

  it('adds tables named in the markdown and never invents anything', () => {
    const endpoint = anEndpoint({
      path: '/api/reports/weekly',
      markdown:
        '### GET /api/reports/weekly\nAggregates `study_sessions` per user. Reads the `audit_log` table.',
    });
    const related = relatedResources(endpoint, { db, types });
    expect(names(related.tables)).toEqual(['study_sessions']);
    expect(related.types).toEqual([]);
  });

  it('returns empty resources without a db plan or types file', () => {
    const related = relatedResources(anEndpoint({ path: '/api/flashcards' }), {
      db: undefined,
      types: undefined,
    });
    expect(related).toEqual({ tables: [], indexes: [], policies: [], enums: new Map(), types: [] });
  });
});

const studyDb = aDbPlan([
  aTable('users'),
  aTable('generations', [aColumn('id', 'bigint'), aColumn('user_id', 'uuid')], {
    foreignKeys: [aForeignKey('user_id', 'users')],
  }),
  aTable(
    'flashcards',
    [aColumn('id', 'bigint'), aColumn('user_id', 'uuid'), aColumn('generation_id', 'bigint')],
    {
      foreignKeys: [aForeignKey('user_id', 'users'), aForeignKey('generation_id', 'generations')],
    },
  ),
  aTable(
    'reviews',
    [aColumn('id', 'bigint'), aColumn('flashcard_id', 'bigint'), aColumn('grade', 'smallint')],
    {
      foreignKeys: [aForeignKey('flashcard_id', 'flashcards')],
    },
  ),
  aTable('household_members'),
]);

describe('relatedResources: foreign-key parents', () => {
  it('does not pull in parents the request does not name, nor parents of parents', () => {
    const review = anEndpoint({
      method: 'POST',
      path: '/api/flashcards/{id}/review',
      requestBody: '{ "grade": 3 }',
    });
    expect(names(relatedResources(review, { db: studyDb, types: undefined }).tables)).toEqual([
      'flashcards',
      'reviews',
    ]);
  });

  it('adds a direct parent when a body field or parameter is its foreign-key column', () => {
    const create = anEndpoint({
      method: 'POST',
      path: '/api/flashcards',
      requestBody: '{ "front": "Q", "back": "A", "generation_id": 7 }',
    });
    expect(names(relatedResources(create, { db: studyDb, types: undefined }).tables)).toEqual([
      'generations',
      'flashcards',
    ]);
    const reviews = anEndpoint({
      method: 'GET',
      path: '/api/reviews',
      params: [aParam('flashcardId', { in: 'query' })],
    });
    expect(names(relatedResources(reviews, { db: studyDb, types: undefined }).tables)).toEqual([
      'flashcards',
      'reviews',
    ]);
  });

  it('matches a segment to the one table whose last words it is', () => {
    const members = anEndpoint({ method: 'PATCH', path: '/v1/members/:id' });
    expect(names(relatedResources(members, { db: studyDb, types: undefined }).tables)).toEqual([
      'household_members',
    ]);
  });
});

const documented = aTypesFile([
  aTypeDecl('ReviewFlashcardCommand', {
    text: '/** Body of POST /api/flashcards/{id}/review: 1 = again, 4 = easy. */\nexport interface ReviewFlashcardCommand {}',
  }),
  aTypeDecl('ReviewHistoryItem', {
    text: '/**\n * Shown by /api/flashcards/{id}/review.\n */\nexport type ReviewHistoryItem = {};',
  }),
  aTypeDecl('FlashcardDto', {
    text: '/** A flashcard as the API returns it. */\nexport type FlashcardDto = {};',
  }),
  aTypeDecl('FlashcardDetailDto', {
    text: '/** Response of GET /api/flashcards/{id}. */\nexport type FlashcardDetailDto = {};',
  }),
  aTypeDecl('UpdateFlashcardCommand', {
    text: '/** Body of PUT /api/flashcards/{id}. */\nexport type UpdateFlashcardCommand = {};',
  }),
  aTypeDecl('FlashcardSummaryDto', {
    text: '/** Used in: GET /api/flashcards/{id}, PUT /api/flashcards/{id}, etc. */\nexport type FlashcardSummaryDto = {};',
  }),
  aTypeDecl('FlashcardsListResponseDto', { references: ['PaginatedResponse', 'FlashcardDto'] }),
  aTypeDecl('PaginatedFlashcards'),
  aTypeDecl('PaginatedResponse'),
]);

describe('relatedResources: types by doc comment and list shape', () => {
  it('picks a type whose doc comment names the method and path, parameters spelt any way', () => {
    const review = anEndpoint({ method: 'POST', path: '/api/v1/flashcards/:flashcardId/review' });
    expect(names(relatedResources(review, { db: undefined, types: documented }).types)).toEqual([
      'ReviewFlashcardCommand',
      'ReviewHistoryItem',
    ]);
    const history = anEndpoint({ method: 'GET', path: '/api/flashcards/[id]/review' });
    expect(names(relatedResources(history, { db: undefined, types: documented }).types)).toEqual([
      'ReviewHistoryItem',
    ]);
  });

  it('drops a name-fit whose doc comment names only other endpoints, unless it says the list goes on', () => {
    const patch = anEndpoint({ method: 'PATCH', path: '/api/flashcards/{id}' });
    expect(names(relatedResources(patch, { db: undefined, types: documented }).types)).toEqual([
      'FlashcardDto',
      'FlashcardSummaryDto',
    ]);
    const put = anEndpoint({ method: 'PUT', path: '/api/flashcards/{id}' });
    expect(names(relatedResources(put, { db: undefined, types: documented }).types)).toEqual([
      'FlashcardDto',
      'UpdateFlashcardCommand',
      'FlashcardSummaryDto',
    ]);
  });

  it('keeps list and pagination types off single-item endpoints unless their markdown names them', () => {
    const one = anEndpoint({ method: 'GET', path: '/api/flashcards/{flashcardId}' });
    expect(names(relatedResources(one, { db: undefined, types: documented }).types)).toEqual([
      'FlashcardDto',
      'FlashcardDetailDto',
      'FlashcardSummaryDto',
    ]);
    const list = anEndpoint({ method: 'GET', path: '/api/flashcards' });
    expect(names(relatedResources(list, { db: undefined, types: documented }).types)).toEqual([
      'FlashcardDto',
      'FlashcardSummaryDto',
      'FlashcardsListResponseDto',
      'PaginatedFlashcards',
      'PaginatedResponse',
    ]);
    const named = anEndpoint({
      method: 'GET',
      path: '/api/flashcards/{id}',
      markdown: '### GET /api/flashcards/{id}\nSame envelope as `FlashcardsListResponseDto`.',
    });
    expect(names(relatedResources(named, { db: undefined, types: documented }).types)).toContain(
      'FlashcardsListResponseDto',
    );
  });

  it('does not take a resource that is itself called a list for a list shape', () => {
    const lists = aTypesFile([aTypeDecl('ListDto'), aTypeDecl('ListsPageDto')]);
    const one = anEndpoint({ method: 'DELETE', path: '/api/lists/{listId}' });
    expect(names(relatedResources(one, { db: undefined, types: lists }).types)).toEqual(['ListDto']);
  });

  it('treats a trailing parameter of another resource as a filtered list', () => {
    const byDeck = anEndpoint({ method: 'GET', path: '/api/flashcards/{deckId}' });
    expect(names(relatedResources(byDeck, { db: undefined, types: documented }).types)).toContain(
      'FlashcardsListResponseDto',
    );
  });
});
