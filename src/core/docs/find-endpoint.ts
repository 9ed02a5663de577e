import { endpointId } from '../routes/ids.ts';
import { parseMethod } from '../routes/methods.ts';
import { normaliseQuery, routeShape, routeSpelling, splitQuery } from '../routes/paths.ts';
import type { Endpoint } from './model.ts';

/** What a user's endpoint reference resolved to. */
export type FindResult =
  | { readonly kind: 'found'; readonly endpoint: Endpoint }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly matches: readonly Endpoint[] };

// `METHOD /path?query`: the query may hold spaces (`select=*,tasks(*, steps(*))`).
const ROUTE_REFERENCE = /^([A-Za-z]+)\s+(\/.*)$/;
const MAX_SUGGESTIONS = 3;

/**
 * Resolves an id (`post-flashcards-id-review`), a `METHOD /path` or `METHOD /path?query` (any case, with or
 * without the API prefix, any parameter spelling, spaces in the query ignored) or a bare path to one endpoint.
 * A route without a query that several query variants share is ambiguous; an unknown reference names the
 * closest ids.
 */
export function findEndpoint(endpoints: readonly Endpoint[], query: string): FindResult {
  const text = query
    .trim()
    .replace(/^[`"']+|[`"']+$/g, '')
    .trim();
  const byId = endpoints.find((endpoint) => endpoint.id === text.toLowerCase());
  if (byId !== undefined) return { kind: 'found', endpoint: byId };

  const route = ROUTE_REFERENCE.exec(text);
  const method = route === null ? undefined : parseMethod(route[1] ?? '');
  const target = method === undefined ? (text.startsWith('/') ? text : undefined) : (route?.[2] ?? '');
  if (target !== undefined) {
    const { path, query: wantedQuery } = splitQuery(target.trim());
    const shape = routeShape(path);
    let matches = endpoints.filter(
      (endpoint) =>
        (method === undefined || endpoint.method === method) && routeShape(endpoint.path) === shape,
    );
    if (wantedQuery !== undefined) {
      // As written first; then with placeholders alike (`id=eq.{id}` finds `id=eq.{doctorId}`).
      const sameQuery = matches.filter(
        (endpoint) => normaliseQuery(endpoint.query) === normaliseQuery(wantedQuery),
      );
      const sameShape = matches.filter((endpoint) => queryShape(endpoint.query) === queryShape(wantedQuery));
      if (sameQuery.length > 0) matches = sameQuery;
      else if (sameShape.length > 0) matches = sameShape;
    }
    if (matches.length > 1) {
      const spelled = matches.filter((endpoint) => routeSpelling(endpoint.path) === routeSpelling(path));
      if (spelled.length === 1 || (spelled.length > 0 && spelled.length < matches.length)) matches = spelled;
    }
    const [only] = matches;
    if (only !== undefined && matches.length === 1) return { kind: 'found', endpoint: only };
    if (matches.length > 1) return { kind: 'ambiguous', matches };
  }
  // A route is compared with ids in the form ids take; a bare path matches ids of any method.
  const routePath = target === undefined ? undefined : splitQuery(target).path;
  const wanted =
    routePath === undefined
      ? text.toLowerCase().replace(/[^a-z0-9]+/g, '-')
      : method === undefined
        ? endpointId('GET', routePath).slice('get-'.length)
        : endpointId(method, routePath);
  return { kind: 'not-found', suggestions: suggest(endpoints, wanted) };
}

function queryShape(query: string | undefined): string {
  return normaliseQuery(query).replace(/\{[^{}]*\}|<[^<>]*>|:[a-z_][\w-]*/g, '{}');
}

/** The ids closest to what was asked for: by edit distance, ids containing it first among equals. */
function suggest(endpoints: readonly Endpoint[], wanted: string): string[] {
  const scored = endpoints
    .map((endpoint) => ({
      id: endpoint.id,
      distance: endpoint.id.includes(wanted) ? 0 : distance(wanted, endpoint.id),
    }))
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
