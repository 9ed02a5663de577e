import { describe, expect, it } from 'vitest';
import { findEndpoint } from '../../../src/core/docs/find-endpoint.ts';
import { anEndpoint } from '../../support/builders.ts';

const review = anEndpoint({ method: 'POST', path: '/api/flashcards/{id}/review' });
const list = anEndpoint({ method: 'GET', path: '/api/flashcards' });
const create = anEndpoint({ method: 'POST', path: '/api/flashcards' });
const byAquarium = anEndpoint({ method: 'GET', path: '/api/measurements/:aquariumId' });
const byId = anEndpoint({ method: 'GET', path: '/api/measurements/:id' });
const doctors = anEndpoint({ id: 'get-doctors', method: 'GET', path: '/rest/v1/doctors', query: 'select=*' });
const doctor = anEndpoint({
  id: 'get-doctors-by-id',
  method: 'GET',
  path: '/rest/v1/doctors',
  query: 'select=*&id=eq.{id}',
});
const endpoints = [review, list, create, byAquarium, byId, doctors, doctor];

describe('findEndpoint', () => {
  it('finds an endpoint by its id', () => {
    expect(findEndpoint(endpoints, 'post-flashcards-id-review')).toEqual({ kind: 'found', endpoint: review });
    expect(findEndpoint(endpoints, 'get-doctors-by-id')).toEqual({ kind: 'found', endpoint: doctor });
  });

  it('finds "METHOD /path" with any parameter spelling, method case and prefix', () => {
    for (const query of [
      'POST /api/flashcards/{id}/review',
      'post /api/flashcards/:id/review',
      'POST /flashcards/[cardId]/review',
      'POST /api/flashcards/{id}/review/',
    ]) {
      expect(findEndpoint(endpoints, query)).toEqual({ kind: 'found', endpoint: review });
    }
  });

  it('tells routes of one shape apart by their parameter names', () => {
    expect(findEndpoint(endpoints, 'GET /api/measurements/:id')).toEqual({ kind: 'found', endpoint: byId });
    expect(findEndpoint(endpoints, 'GET /api/measurements/{aquariumId}')).toEqual({
      kind: 'found',
      endpoint: byAquarium,
    });
  });

  it('reports every match when the reference cannot choose', () => {
    expect(findEndpoint(endpoints, 'GET /api/measurements/{x}')).toEqual({
      kind: 'ambiguous',
      matches: [byAquarium, byId],
    });
    expect(findEndpoint(endpoints, '/api/flashcards')).toEqual({
      kind: 'ambiguous',
      matches: [list, create],
    });
    expect(findEndpoint(endpoints, 'GET /rest/v1/doctors')).toEqual({
      kind: 'ambiguous',
      matches: [doctors, doctor],
    });
  });

  it('uses the query string to choose between operations on one path', () => {
    expect(findEndpoint(endpoints, 'GET /rest/v1/doctors?select=*&id=eq.{id}')).toEqual({
      kind: 'found',
      endpoint: doctor,
    });
    expect(findEndpoint(endpoints, 'GET /rest/v1/doctors?select=*&id=eq.{doctorId}')).toEqual({
      kind: 'found',
      endpoint: doctor,
    });
  });

  it('keeps a query with spaces, parentheses, stars and commas whole, and ignores its spacing', () => {
    const nested = anEndpoint({
      id: 'get-boards-by-id',
      method: 'GET',
      path: '/rest/v1/boards',
      query: 'select=*,columns(*, cards(*))&id=eq.{boardId}',
    });
    const all = anEndpoint({
      method: 'GET',
      path: '/rest/v1/boards',
      query: 'select=*,columns(*, cards(*))',
    });
    for (const reference of [
      'GET /rest/v1/boards?select=*,columns(*, cards(*))&id=eq.{boardId}',
      '`get /rest/v1/boards?select=*,columns(*,cards(*))&id=eq.{boardId}`',
      '"GET /rest/v1/boards?select=*, columns(*, cards(*))&id=eq.{boardId}"',
    ]) {
      expect(findEndpoint([all, nested], reference)).toEqual({ kind: 'found', endpoint: nested });
    }
  });

  it('always names the closest ids when nothing matches, best first', () => {
    const suggestions = (reference: string): readonly string[] => {
      const result = findEndpoint(endpoints, reference);
      return result.kind === 'not-found' ? result.suggestions : [];
    };
    expect(suggestions('post-flashcard-id-reviews')[0]).toBe('post-flashcards-id-review');
    expect(suggestions('remove-everything')).toHaveLength(3);
    expect(suggestions('DELETE /api/flashcards')[0]).toMatch(/^(?:get|post)-flashcards$/);
    expect(findEndpoint([], 'anything')).toEqual({ kind: 'not-found', suggestions: [] });
  });
});
