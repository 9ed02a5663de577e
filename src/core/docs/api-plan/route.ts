import type { HttpMethod } from '../model.ts';

/** A `METHOD /path` found in a line of text, with where it sits. */
export type RouteMatch = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query: string | undefined;
  /** Offset of the method in the line. */
  readonly start: number;
  /** Offset just past the path (and its closing backtick or emphasis). */
  readonly end: number;
};

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const METHOD_WORD = /(?<![\w/.-])(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?![\w/-])/g;
const SEPARATOR = /^[\s`*_]+/;
const PATH_CHAR_STOP = /[\s`|<>"']/;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** Reads an HTTP method from a word such as `post`, `**GET**` or `` `DELETE` ``. */
export function parseMethod(word: string): HttpMethod | undefined {
  const bare = word.replace(/[`*_\s]/g, '').toUpperCase();
  return METHODS.find((method) => method === bare);
}

/** Every HTTP method named in a cell such as `GET / POST` or `GET, PATCH`. */
export function parseMethods(text: string): readonly HttpMethod[] {
  const found: HttpMethod[] = [];
  for (const word of text.split(/[^A-Za-z]+/)) {
    const method = parseMethod(word);
    if (method !== undefined && !found.includes(method)) found.push(method);
  }
  return found;
}

/** Finds the first `METHOD /path` in `line`, in inline code, emphasis or plain text. */
export function findRoute(line: string, from = 0): RouteMatch | undefined {
  // Most lines of a plan hold no path at all: skip them before the method regex runs.
  if (line.indexOf('/', from) === -1) return undefined;
  METHOD_WORD.lastIndex = from;
  for (let match = METHOD_WORD.exec(line); match !== null; match = METHOD_WORD.exec(line)) {
    const method = match[1] as HttpMethod;
    const afterMethod = match.index + method.length;
    const separator = SEPARATOR.exec(line.slice(afterMethod))?.[0] ?? '';
    if (separator.length === 0) continue;
    const pathStart = afterMethod + separator.length;
    if (line[pathStart] !== '/') continue;
    const inCode = countBackticks(line, pathStart) % 2 === 1;
    const read = readPath(line, pathStart, inCode);
    if (read === undefined) continue;
    return { method, ...read, start: match.index };
  }
  return undefined;
}

function countBackticks(line: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (line.charCodeAt(i) === 96) count++;
  return count;
}

function readPath(
  line: string,
  start: number,
  inCode: boolean,
): { path: string; query: string | undefined; end: number } | undefined {
  let end = start;
  while (end < line.length) {
    const char = line[end] ?? '';
    if (char === '\\' && !inCode && end + 1 < line.length) {
      end += 2;
      continue;
    }
    if (PATH_CHAR_STOP.test(char)) break;
    end++;
  }
  let raw = line.slice(start, end);
  if (!inCode) raw = raw.replace(/\\(.)/g, '$1').replace(/[*_]+$/, '');
  raw = trimUnbalanced(raw.replace(TRAILING_PUNCTUATION, ''));
  if (!isPathLike(raw)) return undefined;
  let close = end;
  while (close < line.length && /[`*_]/.test(line[close] ?? '')) close++;
  const question = raw.indexOf('?');
  if (question < 0) return { path: raw, query: undefined, end: close };
  const query = raw.slice(question + 1);
  return { path: raw.slice(0, question), query: query.length > 0 ? query : undefined, end: close };
}

function trimUnbalanced(path: string): string {
  let out = path;
  for (;;) {
    const last = out[out.length - 1];
    const pair = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : undefined;
    if (pair === undefined) return out;
    const opens = out.split(pair).length - 1;
    const closes = out.split(last ?? '').length - 1;
    if (closes <= opens) return out;
    out = out.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
}

/** True when `text` reads as an API path: `/`, then segments of word characters, params or wildcards. */
export function isPathLike(text: string): boolean {
  if (!text.startsWith('/')) return false;
  if (text === '/') return true;
  const bare = text.split('?')[0] ?? '';
  if (bare.includes('//') || /\.(?:ts|tsx|js|md|json|py|cs)$/.test(bare)) return false;
  return /[A-Za-z0-9{:[<*]/.test(bare.slice(1));
}

const PARAM_SEGMENT = /^(?:\{([^{}]+)\}|:([A-Za-z_][\w-]*)|\[(?:\.\.\.)?([^[\]]+)\]|<(?:\w+:)?([^<>]+)>)$/;

/** The parameter name a path segment declares (`{id}`, `:id`, `[id]`, `<id>`), or undefined for a literal. */
export function segmentParam(segment: string): string | undefined {
  const match = PARAM_SEGMENT.exec(segment);
  if (match === null) return undefined;
  return match[1] ?? match[2] ?? match[3] ?? match[4];
}

/** Path parameter names in order of appearance; `{id}`, `:id`, `[id]` and `<id>` all count. */
export function pathParamNames(path: string): readonly string[] {
  const names: string[] = [];
  for (const segment of path.split('/')) {
    const name = segmentParam(segment);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

const API_PREFIX = /^\/(?:rest\/)?(?:api\/)?(?:v\d+\/)?/i;

/**
 * The route's shape for matching: lowercase, no `/api`, `/v1`, `/api/v1` or `/rest/v1` prefix, no trailing
 * slash, every parameter or wildcard segment as `{}`. `/api/Items/:id/` and `/items/{itemId}` share a shape.
 */
export function routeShape(path: string): string {
  const bare = `/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  const rest = `${bare}/`.replace(API_PREFIX, '/').replace(/\/$/, '');
  const segments = rest.split('/').map((segment) => {
    if (segment === '*' || segmentParam(segment) !== undefined) return '{}';
    return segment.toLowerCase();
  });
  const shape = segments.join('/');
  return shape.length === 0 ? '/' : shape;
}

/** The route with parameter names kept, for telling `/x/:id` from `/x/:aquariumId`. */
export function routeSpelling(path: string): string {
  const bare = `/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  const rest = `${bare}/`.replace(API_PREFIX, '/').replace(/\/$/, '');
  const segments = rest.split('/').map((segment) => {
    const name = segmentParam(segment);
    return name === undefined ? segment.toLowerCase() : `{${name.toLowerCase()}}`;
  });
  return segments.join('/') || '/';
}

/** A query string with its parameter order and values kept, compared without case. */
export function normaliseQuery(query: string | undefined): string {
  return (query ?? '').trim().toLowerCase();
}
