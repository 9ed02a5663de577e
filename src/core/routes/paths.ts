/**
 * The prefixes a plan puts before its routes and that say nothing about the resource: `/api`, `/api/v1`, `/v1`,
 * `/rest/v1` (PostgREST), `/functions/v1` (edge functions). `/rest` and `/functions` count only before a version
 * or `/api`, so a resource named `functions` keeps its name.
 */
const API_PREFIX = /^\/(?:(?:rest|functions)\/(?=v\d+\/|api\/))?(?:api\/)?(?:v\d+\/)?/i;
// Runs of slashes at either end (`//api/x//`) read as one.
const EDGE_SLASHES = /^\/{2,}|\/{2,}$/g;

// `{id}`, `${id}` (a template literal), `:id`, `[id]`, `[...slug]`, `<id>`, `<int:id>`.
const PARAM_SEGMENT = /^(?:\$?\{([^{}]+)\}|:([A-Za-z_][\w-]*)|\[(?:\.\.\.)?([^[\]]+)\]|<(?:\w+:)?([^<>]+)>)$/;

/** A route split into its path and the query string written after `?` (undefined when none). */
export type RouteTarget = { readonly path: string; readonly query: string | undefined };

/** Splits `/x?a=1` into path and query; an empty query (`/x?`) is none. */
export function splitQuery(target: string): RouteTarget {
  const question = target.indexOf('?');
  if (question < 0) return { path: target, query: undefined };
  const query = target.slice(question + 1);
  return { path: target.slice(0, question), query: query.length > 0 ? query : undefined };
}

/** The path without its query, API prefix and trailing slash, always starting with `/`. */
export function stripApiPrefix(path: string): string {
  const question = path.indexOf('?');
  const bare = question < 0 ? path : path.slice(0, question);
  let rooted = bare.startsWith('/') ? `${bare}/` : `/${bare}/`;
  if (rooted.includes('//')) rooted = rooted.replace(EDGE_SLASHES, '/');
  const rest = rooted.replace(API_PREFIX, '/');
  return rest.length > 1 ? rest.slice(0, -1) : '/';
}

/** The parameter name a path segment declares (`{id}`, `:id`, `[id]`, `<id>`), or undefined for a literal. */
export function segmentParam(segment: string): string | undefined {
  const match = PARAM_SEGMENT.exec(segment);
  if (match === null) return undefined;
  return match[1] ?? match[2] ?? match[3] ?? match[4];
}

/** Path parameter names in order of appearance; `{id}`, `:id`, `[id]` and `<id>` all count. */
export function pathParamNames(path: string): readonly string[] {
  const names: string[] = [];
  for (const segment of (path.split('?')[0] ?? '').split('/')) {
    const name = segmentParam(segment);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** One segment of a path after its prefix: a literal name, or a parameter's name. */
export type PathSegment = { readonly name: string; readonly param: boolean };

/** The segments after the API prefix, parameters marked, wildcards (`*`) as parameters named `*`. */
export function pathSegments(path: string): readonly PathSegment[] {
  return writtenSegments(stripApiPrefix(path));
}

/** Every segment as written, the API prefix included (file-based routers put it in the folder path). */
export function writtenSegments(path: string): readonly PathSegment[] {
  return (path.split('?')[0] ?? '')
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => {
      if (part === '*') return { name: part, param: true };
      const name = segmentParam(part);
      return name === undefined ? { name: part, param: false } : { name, param: true };
    });
}

/**
 * The route's shape for matching: lowercase, no API prefix, no query, no trailing slash, every parameter or
 * wildcard segment as `{}`. `/api/Items/:id/` and `/items/{itemId}` share a shape.
 */
export function routeShape(path: string): string {
  // Called for every candidate of a large plan: strings only, no segment objects.
  let shape = '';
  for (const part of stripApiPrefix(path).split('/')) {
    if (part.length === 0) continue;
    shape += part === '*' || segmentParam(part) !== undefined ? '/{}' : `/${part.toLowerCase()}`;
  }
  return shape.length === 0 ? '/' : shape;
}

/** The route with parameter names kept, for telling `/x/:id` from `/x/:aquariumId`. */
export function routeSpelling(path: string): string {
  let spelling = '';
  for (const part of stripApiPrefix(path).split('/')) {
    if (part.length === 0) continue;
    const name = part === '*' ? part : segmentParam(part);
    spelling += name === undefined ? `/${part.toLowerCase()}` : `/{${name.toLowerCase()}}`;
  }
  return spelling.length === 0 ? '/' : spelling;
}

/** A query string for comparing: order and values kept, case and spaces ignored. */
export function normaliseQuery(query: string | null | undefined): string {
  return (query ?? '').replace(/\s+/g, '').toLowerCase();
}

/** One key of a route's identity: method, route spelling and query, as `list` and saved plans compare them. */
export function routeKey(method: string, path: string, query: string | null | undefined): string {
  const normalised = normaliseQuery(query);
  return `${method.toUpperCase()} ${routeSpelling(path)}${normalised.length > 0 ? `?${normalised}` : ''}`;
}

/** The route as the plan wrote it: the path, then `?query` when it has one. */
export function pathWithQuery(path: string, query: string | null | undefined): string {
  return query === undefined || query === null || query.length === 0 ? path : `${path}?${query}`;
}
