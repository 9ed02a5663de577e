import { describe, expect, it } from 'vitest';
import { displayTitle } from '../../src/core/docs/display-title.ts';
import { anEndpoint } from '../support/builders.ts';

describe('displayTitle', () => {
  it('keeps a title that says more than method and path', () => {
    expect(displayTitle(anEndpoint({ title: 'Review a flashcard', description: 'Grades a card.' }))).toBe(
      'Review a flashcard',
    );
  });

  it('uses the first sentence of the description when the title only repeats the route', () => {
    const endpoint = anEndpoint({
      method: 'GET',
      path: '/api/flashcards',
      title: '`GET /api/flashcards`',
      description: 'Lists the cards of the user. Newest first.',
    });
    expect(displayTitle(endpoint)).toBe('Lists the cards of the user.');
  });

  it('is empty when there is neither', () => {
    expect(displayTitle(anEndpoint({ title: '', description: '' }))).toBe('');
  });
});
