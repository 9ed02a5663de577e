import { describe, expect, it } from 'vitest';
import { relatedResources } from '../../../src/core/spec/related.ts';
import {
  aColumn,
  aDbPlan,
  aForeignKey,
  anEndpoint,
  anIndex,
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
  it('matches the path resource in singular or plural and follows foreign keys to parents', () => {
    const related = relatedResources(anEndpoint({ method: 'GET', path: '/api/decks/{deckId}/flashcards' }), {
      db,
      types: undefined,
    });
    expect(names(related.tables)).toEqual(['users', 'decks', 'flashcards']);
    expect(related.indexes.map((index) => index.table)).toEqual(['flashcards']);
    expect(related.policies.map((policy) => policy.table)).toEqual(['flashcards', 'users']);
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
