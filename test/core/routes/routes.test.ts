import { describe, expect, it } from 'vitest';
import {
  endpointId,
  endpointIds,
  type IdSource,
  legacyEndpointIds,
  queryMeaning,
} from '../../../src/core/routes/ids.ts';
import { HTTP_METHODS, parseMethod, parseMethods } from '../../../src/core/routes/methods.ts';
import {
  pathParamNames,
  pathSegments,
  pathWithQuery,
  routeKey,
  routeShape,
  routeSpelling,
  splitQuery,
  stripApiPrefix,
} from '../../../src/core/routes/paths.ts';
import { foldPunctuation } from '../../../src/core/text/punctuation.ts';

const source = (route: string, title = ''): IdSource => {
  const [method = 'GET', target = '/'] = route.split(/\s+(.*)/);
  const { path, query } = splitQuery(target);
  return { method: parseMethod(method) ?? 'GET', path, query, title };
};

describe('methods', () => {
  it('reads a method from any case and markup, and every method of a cell once', () => {
    expect(parseMethod('**post**')).toBe('POST');
    expect(parseMethod('`DELETE`')).toBe('DELETE');
    expect(parseMethod('FETCH')).toBeUndefined();
    expect(parseMethods('GET / post, GET')).toEqual(['GET', 'POST']);
    expect(HTTP_METHODS).toContain('OPTIONS');
  });
});

describe('paths', () => {
  it('strips the API prefixes plans write, and only as prefixes', () => {
    expect(
      ['/api/x', '/api/v1/x', '/v2/x', '/rest/v1/x', '/functions/v1/x', '/rest/api/v1/x', '/x/'].map(
        stripApiPrefix,
      ),
    ).toEqual(['/x', '/x', '/x', '/x', '/x', '/x', '/x']);
    expect(stripApiPrefix('/functions')).toBe('/functions');
    expect(stripApiPrefix('/rest/items')).toBe('/rest/items');
    expect(stripApiPrefix('/auth/v1/signup')).toBe('/auth/v1/signup');
    expect(stripApiPrefix('/api')).toBe('/');
    expect(stripApiPrefix('//api/x//?a=1')).toBe('/x');
    expect(stripApiPrefix('api/v1/x')).toBe('/x');
  });

  it('reads every parameter spelling alike', () => {
    const spellings = [
      '/api/decks/{deckId}',
      '/api/decks/:deckId',
      '/decks/[deckId]',
      '/decks/<int:deckId>/',
    ];
    expect(new Set(spellings.map(routeShape))).toEqual(new Set(['/decks/{}']));
    expect(new Set(spellings.map(routeSpelling))).toEqual(new Set(['/decks/{deckid}']));
    expect(pathParamNames(`/a/{x}/b/:y/[...rest]/\${z}`)).toEqual(['x', 'y', 'rest', 'z']);
    expect(pathSegments('/api/v1/files/*')).toEqual([
      { name: 'files', param: false },
      { name: '*', param: true },
    ]);
  });

  it('splits and joins a query, and keys a route by method, spelling and query', () => {
    expect(splitQuery('/x?select=*,a(*, b(*))')).toEqual({ path: '/x', query: 'select=*,a(*, b(*))' });
    expect(splitQuery('/x?')).toEqual({ path: '/x', query: undefined });
    expect(pathWithQuery('/x', 'a=1')).toBe('/x?a=1');
    expect(pathWithQuery('/x', null)).toBe('/x');
    expect(routeKey('get', '/api/x/:id', 'A=1, b=2')).toBe(routeKey('GET', '/x/{id}', 'a=1,b=2'));
    expect(routeKey('GET', '/x', 'a=1')).not.toBe(routeKey('GET', '/x', undefined));
  });
});

describe('endpoint ids', () => {
  it('are the method and the path without prefix or parameter markup', () => {
    expect(endpointId('POST', '/api/flashcards/{id}/review')).toBe('post-flashcards-id-review');
    expect(endpointId('POST', '/functions/v1/score-essay')).toBe('post-score-essay');
    expect(endpointId('GET', '/api/')).toBe('get-root');
  });

  it('tell routes that share an id apart by what their queries choose, leaving the others alone', () => {
    expect(
      endpointIds([
        source('GET /rest/v1/boards?select=*,columns(*)'),
        source('GET /rest/v1/boards?select=*,columns(*)&id=eq.{boardId}'),
        source('GET /rest/v1/cards?select=*&id=eq.{id}'),
        source('POST /auth/v1/token?grant_type=password'),
        source('POST /auth/v1/token?grant_type=refresh_token'),
      ]),
    ).toEqual([
      'get-boards',
      'get-boards-by-id',
      'get-cards',
      'post-auth-v1-token-grant-type-password',
      'post-auth-v1-token-grant-type-refresh-token',
    ]);
  });

  it('fall back to the whole query, then the title, then an ordinal word, never a bare number', () => {
    expect(
      endpointIds([
        source('GET /rest/v1/notes?select=id'),
        source('GET /rest/v1/notes?select=id,body'),
        source('GET /api/notes', 'Recent notes'),
        source('GET /api/notes', 'Pinned notes'),
      ]),
    ).toEqual([
      'get-notes-select-id',
      'get-notes-select-id-body',
      'get-notes-recent-notes',
      'get-notes-pinned-notes',
    ]);
    const twins = endpointIds([source('GET /api/notes', 'GET /api/notes'), source('GET /api/notes', '')]);
    expect(twins).toEqual(['get-notes', 'get-notes-second']);
    expect(twins.some((id) => /-\d+$/.test(id))).toBe(false);
  });

  it('stay the same when other endpoints are added', () => {
    const before = endpointIds([source('GET /api/decks'), source('POST /api/decks')]);
    const after = endpointIds([
      source('GET /api/decks'),
      source('GET /api/decks?archived=true'),
      source('POST /api/decks'),
    ]);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[1]);
    expect(after[1]).toBe('get-decks-archived-true');
  });

  it('read a query for its meaning: filters by parameter, fixed values, shaping keys left out', () => {
    expect(queryMeaning('select=*,a(x&y)&id=eq.{id}&order=name.asc')).toBe('by id');
    expect(queryMeaning('user_id=eq.current_user_id&status=active')).toBe(
      'user_id current_user_id status active',
    );
    expect(queryMeaning(undefined)).toBe('');
  });

  it('can be given as the tool spelled them before, for plans saved then', () => {
    expect(
      legacyEndpointIds([
        { method: 'GET', path: '/rest/v1/doctors' },
        { method: 'GET', path: '/rest/v1/doctors' },
        { method: 'POST', path: '/functions/v1/analyse' },
      ]),
    ).toEqual(['get-doctors', 'get-doctors-2', 'post-functions-v1-analyse']);
  });
});

describe('foldPunctuation', () => {
  it('reads look-alike hyphens, spaces and colons as ASCII, one character for one', () => {
    const text = 'Post\u2011MVP \u2013 later\u00a0on, Post\u2013MVP, Metoda\uff1a GET, 10\u202fkB';
    const folded = foldPunctuation(text);
    expect(folded).toBe('Post-MVP \u2013 later on, Post-MVP, Metoda: GET, 10 kB');
    expect(folded).toHaveLength(text.length);
    expect(foldPunctuation('plain')).toBe('plain');
  });
});
