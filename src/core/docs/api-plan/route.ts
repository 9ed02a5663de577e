import { type HttpMethod, METHOD_ALTERNATION } from '../../routes/methods.ts';
import { pathWithQuery, splitQuery } from '../../routes/paths.ts';

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

const METHOD_WORD = new RegExp(`(?<![\\w/.-])(${METHOD_ALTERNATION})(?![\\w/-])`, 'g');
const SEPARATOR = /^[\s`*_]+/;
const PATH_CHAR_STOP = /[\s`|<>"']/;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

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

/** The path (and query) a text starts with after markup: a `Path:` label's value, a table's path cell. */
export function leadingPath(text: string): string | undefined {
  const start = /^[\s`*_]*/.exec(text)?.[0].length ?? 0;
  if (text[start] !== '/') return undefined;
  const read = readPath(text, start, countBackticks(text, start) % 2 === 1);
  return read === undefined ? undefined : pathWithQuery(read.path, read.query);
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
  // A query's embedded selects (`select=*,tasks(*, steps(*))`) may hold spaces: inside its parentheses they
  // do not end the route.
  let inQuery = false;
  let depth = 0;
  let previous = '';
  while (end < line.length) {
    const char = line[end] ?? '';
    if (char === '\\' && !inCode && end + 1 < line.length) {
      end += 2;
      continue;
    }
    if (inQuery) {
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      // In code a query may also continue after a comma: `select=*, parts(*)`.
      const continues =
        (depth > 0 && (char === ' ' || (inCode && char !== '`'))) ||
        (inCode && char === ' ' && (previous === ',' || previous === '&' || previous === '('));
      if (!continues && PATH_CHAR_STOP.test(char)) break;
      if (char !== ' ') previous = char;
    } else {
      if (PATH_CHAR_STOP.test(char)) break;
      inQuery = char === '?';
    }
    end++;
  }
  let raw = line.slice(start, end);
  // Trailing `*`/`_` outside code close emphasis, except the `*` a query's `select=*` ends with.
  if (!inCode)
    raw = raw
      .replace(/\\(.)/g, '$1')
      .replace(/[*_]+$/, (run: string, at: number, whole: string) =>
        whole[at - 1] === '=' && run.startsWith('*') ? '*' : '',
      );
  raw = trimUnbalanced(raw.replace(TRAILING_PUNCTUATION, ''));
  if (!isPathLike(raw)) return undefined;
  let close = end;
  while (close < line.length && /[`*_]/.test(line[close] ?? '')) close++;
  const { path, query } = splitQuery(raw);
  return { path, query, end: close };
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
