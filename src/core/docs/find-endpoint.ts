import { parseMethod } from '../routes/methods.ts';
import { normaliseQuery, routeShape, routeSpelling } from '../routes/paths.ts';
import type { Endpoint } from './model.ts';

/** What a user's endpoint reference resolved to. */
export type FindResult =
  | { readonly kind: 'found'; readonly endpoint: Endpoint }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly matches: readonly Endpoint[] };

const ROUTE_QUERY = /^([A-Za-z]+)\s+(\S+)$/;
const MAX_SUGGESTIONS = 3;

/**
 * Resolves an id (`post-flashcards-id-review`), a `METHOD /path` (any case, with or without the `/api`
 * prefix, any parameter spelling) or a bare path to one endpoint.
 */
export function findEndpoint(endpoints: readonly Endpoint[], query: string): FindResult {
  const text = query.trim().replace(/^`|`$/g, '');
  const byId = endpoints.find((endpoint) => endpoint.id === text.toLowerCase());
  if (byId !== undefined) return { kind: 'found', endpoint: byId };

  const route = ROUTE_QUERY.exec(text);
  const method = route === null ? undefined : parseMethod(route[1] ?? '');
  const target = method === undefined ? (text.startsWith('/') ? text : undefined) : (route?.[2] ?? '');
  if (target !== undefined) {
    const question = target.indexOf('?');
    const path = question < 0 ? target : target.slice(0, question);
    const wantedQuery = question < 0 ? undefined : target.slice(question + 1);
    const shape = routeShape(path);
    let matches = endpoints.filter(
      (endpoint) =>
        (method === undefined || endpoint.method === method) && routeShape(endpoint.path) === shape,
    );
    if (wantedQuery !== undefined) {
      const sameQuery = matches.filter(
        (endpoint) => normaliseQuery(endpoint.query) === normaliseQuery(wantedQuery),
      );
      if (sameQuery.length > 0) matches = sameQuery;
    }
    if (matches.length > 1) {
      const spelled = matches.filter((endpoint) => routeSpelling(endpoint.path) === routeSpelling(path));
      if (spelled.length === 1 || (spelled.length > 0 && spelled.length < matches.length)) matches = spelled;
    }
    const [only] = matches;
    if (only !== undefined && matches.length === 1) return { kind: 'found', endpoint: only };
    if (matches.length > 1) return { kind: 'ambiguous', matches };
  }
  return { kind: 'not-found', suggestions: suggest(endpoints, text) };
}

function suggest(endpoints: readonly Endpoint[], query: string): string[] {
  const wanted = query.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const scored = endpoints
    .map((endpoint) => ({ id: endpoint.id, distance: distance(wanted, endpoint.id) }))
    .filter(({ id, distance: d }) => d <= Math.max(3, Math.floor(id.length / 3)) || id.includes(wanted))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ id }) => id);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
