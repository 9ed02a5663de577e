import { slugify } from '../naming/slug.ts';
import type { HttpMethod } from './methods.ts';
import { normaliseQuery, stripApiPrefix } from './paths.ts';

/** What an endpoint id is made from: the route as written and, for telling twins apart, its title. */
export type IdSource = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query: string | undefined;
  readonly title: string;
};

// The prefix ids were made with before `/functions/v1` counted: plans saved then still find their endpoints.
const LEGACY_PREFIX = /^\/(?:rest\/)?(?:api\/)?(?:v\d+\/)?/i;
// Keys that shape a response (columns, order, paging) rather than choose what it is about.
const SHAPING_KEYS = new Set([
  'select',
  'order',
  'sort',
  'limit',
  'offset',
  'page',
  'per_page',
  'perpage',
  'page_size',
  'pagesize',
  'fields',
  'expand',
  'include',
]);
const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * The id of a route on its own, which is also its plan file slug: the method, then the path without its API
 * prefix, with `{id}`, `:id`, `[id]` and `<id>` reduced to `id`. `POST /api/flashcards/{id}/review` →
 * `post-flashcards-id-review`.
 */
export function endpointId(method: HttpMethod, path: string): string {
  return idOf(method, stripApiPrefix(path));
}

function idOf(method: HttpMethod, rest: string): string {
  const slug = slugify(`${method} ${rest.replace(/[{}[\]:<>$]/g, ' ')}`);
  return slug === method.toLowerCase() ? `${slug}-root` : slug;
}

/**
 * Ids for every endpoint of a plan, unique and readable: the route's id, then, only for routes that share
 * it, the query's meaning (`get-doctors-by-id`), else the whole query, else the title, and last an ordinal
 * word. An endpoint whose route id is its own keeps it whatever else the plan adds.
 */
export function endpointIds(sources: readonly IdSource[]): readonly string[] {
  const ids = sources.map((source) => endpointId(source.method, source.path));
  const levels: readonly ((source: IdSource) => string)[] = [
    (source) => queryMeaning(source.query),
    (source) => `${queryMeaning(source.query)} ${normaliseQuery(source.query)}`,
    (source) => `${queryMeaning(source.query)} ${ownTitle(source)}`,
  ];
  let pending = duplicates(ids);
  for (const words of levels) {
    if (pending.length === 0) break;
    const settled = new Set(ids.filter((_, index) => !pending.includes(index)));
    const trial = new Map<number, string>();
    const counts = new Map<string, number>();
    for (const index of pending) {
      const source = sources[index];
      if (source === undefined) continue;
      const id = extend(endpointId(source.method, source.path), words(source));
      trial.set(index, id);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const unique = (id: string): boolean => counts.get(id) === 1 && !settled.has(id);
    for (const [index, id] of trial) ids[index] = id;
    pending = pending.filter((index) => !unique(trial.get(index) ?? ''));
  }
  // Twins that nothing written tells apart keep the route's id and take an ordinal word in document order.
  for (const index of pending) {
    const source = sources[index];
    if (source !== undefined) ids[index] = endpointId(source.method, source.path);
  }
  return withOrdinals(ids);
}

/** The title when it says more than the route (a title that only repeats `METHOD /path` tells nothing apart). */
function ownTitle(source: IdSource): string {
  const title = slugify(source.title, 200);
  return title === slugify(`${source.method} ${source.path}`, 200) ? '' : title;
}

/** The ids the tool gave before queries and titles told routes apart: the route id, then `-2`, `-3` in order. */
export function legacyEndpointIds(sources: readonly Pick<IdSource, 'method' | 'path'>[]): readonly string[] {
  const used = new Map<string, number>();
  return sources.map((source) => {
    const bare = source.path.split('?')[0] ?? '';
    const base = idOf(source.method, `/${bare.replace(/^\/+/, '')}`.replace(LEGACY_PREFIX, '/'));
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

function duplicates(ids: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const pending: number[] = [];
  ids.forEach((id, index) => {
    if ((counts.get(id) ?? 0) > 1) pending.push(index);
  });
  return pending;
}

function extend(id: string, words: string): string {
  const tail = slugify(words, 200);
  return tail.length === 0 ? id : slugify(`${id}-${tail}`);
}

/** Later twins of an id (and ids that collide with another route's) take `-second`, `-third`, …, never a bare number. */
function withOrdinals(ids: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  return ids.map((id) => {
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
    for (let index = 0; ; index++) {
      const word = ORDINALS[index] ?? `copy-${index + 2}`;
      const candidate = `${id.slice(0, 60 - word.length - 1).replace(/-+$/, '')}-${word}`;
      if (!seen.has(candidate)) {
        seen.add(candidate);
        return candidate;
      }
    }
  });
}

/**
 * What a query string chooses, in words: filters by a parameter read as `by-<key>` (`id=eq.{id}` → `by id`),
 * fixed values as `<key> <value>` (`grant_type=password`); keys that only shape the response are left out.
 */
export function queryMeaning(query: string | undefined): string {
  if (query === undefined) return '';
  const words: string[] = [];
  for (const pair of topLevelPairs(query)) {
    const equals = pair.indexOf('=');
    const key = (equals < 0 ? pair : pair.slice(0, equals)).trim();
    const value = equals < 0 ? '' : pair.slice(equals + 1).trim();
    if (key.length === 0 || SHAPING_KEYS.has(key.toLowerCase())) continue;
    const operand = value.replace(/^(?:not\.)?[a-z]{2,5}\./, '');
    if (/^[{:[<$]/.test(operand) || operand.length === 0) words.push(`by ${key}`);
    else words.push(`${key} ${operand}`);
  }
  return words.join(' ');
}

/** `a=1&b=f(x&y)` → `a=1`, `b=f(x&y)`: ampersands inside parentheses belong to their value. */
function topLevelPairs(query: string): string[] {
  const pairs: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < query.length; index++) {
    const char = query[index];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === '&' && depth === 0) {
      pairs.push(query.slice(start, index));
      start = index + 1;
    }
  }
  pairs.push(query.slice(start));
  return pairs.filter((pair) => pair.length > 0);
}
