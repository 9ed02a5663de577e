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
  id: 'get-doctors-2',
  method: 'GET',
  path: '/rest/v1/doctors',
  query: 'select=*&id=eq.{id}',
});
const endpoints = [review, list, create, byAquarium, byId, doctors, doctor];

describe('findEndpoint', () => {
  it('finds an endpoint by its id', () => {
    expect(findEndpoint(endpoints, 'post-flashcards-id-review')).toEqual({ kind: 'found', endpoint: review });
    expect(findEndpoint(endpoints, 'get-doctors-2')).toEqual({ kind: 'found', endpoint: doctor });
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
  });

  it('suggests close ids when nothing matches', () => {
    expect(findEndpoint(endpoints, 'post-flashcard-id-reviews')).toEqual({
      kind: 'not-found',
      suggestions: ['post-flashcards-id-review'],
    });
    expect(findEndpoint(endpoints, 'DELETE /api/flashcards')).toMatchObject({ kind: 'not-found' });
    expect(findEndpoint([], 'anything')).toEqual({ kind: 'not-found', suggestions: [] });
  });
});
