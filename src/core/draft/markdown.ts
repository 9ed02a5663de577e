import { words } from '../docs/related.ts';
import type { SourceRef } from '../dossier/model.ts';

/** A CHECK's condition alone: `CHECK ((a > 0))` and `(a > 0)` → `a > 0`. */
export function checkCondition(expression: string): string {
  let text = expression
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^check\s*/i, '')
    .trim();
  while (/^\(.*\)$/.test(text) && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  return text;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Inline code. */
export const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** Inline code for each item, comma-separated. */
export const codes = (items: readonly string[]): string => items.map(code).join(', ');

/** A fenced block; the fence grows past any backtick run inside. */
export function fence(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text.replace(/\n+$/, '')}\n${marks}`;
}

/** `file:line`, the way every fact of a draft names where it was read. */
export const at = (source: SourceRef): string => `${source.file}:${source.line}`;

/** `(file:line)` after a statement. */
export const cite = (source: SourceRef): string => `(${code(at(source))})`;

/** The language a fenced body should be highlighted as. */
export function fenceLanguage(text: string): string {
  return /^\s*[[{]/.test(text) ? 'json' : 'text';
}

/** One line of prose from a text: whitespace collapsed, markdown emphasis and pipes dropped. */
export function oneLine(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  425: 'Too Early',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The HTTP reason phrase of a status code (`409` → `Conflict`), or an empty string. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** `409 Conflict`. */
export const statusLine = (status: number): string => `${status} ${reasonPhrase(status)}`.trim();

/** Words of an identifier or path segment, lower case: `dailyChores`, `daily-chores`, `daily_chores` → daily, chores. */
export const wordsOf = words;

/** English singular of one word, good enough for resource names: `categories` → `category`. */
export function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|shes|ches|xes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && word.length > 3)
    return word.slice(0, -1);
  return word;
}

/** `daily-chores` → `DailyChore` (last word singular). */
export function pascalSingular(name: string): string {
  const words = wordsOf(name);
  const last = words.pop();
  return [...words, ...(last === undefined ? [] : [singular(last)])]
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}

/** `CreateDailyChoreCmd` → `createDailyChoreCmd`. */
export const lowerFirst = (name: string): string => `${name.charAt(0).toLowerCase()}${name.slice(1)}`;

/** True when two names (table, segment, field) mean the same thing: case, separators and a plural ignored. */
export function sameName(a: string, b: string): boolean {
  const key = (name: string): string => {
    const words = wordsOf(name);
    const last = words.pop();
    return [...words, ...(last === undefined ? [] : [singular(last)])].join('_');
  };
  return key(a) !== '' && key(a) === key(b);
}

/** The literal path segments (no parameters, no `api`, `rest` or version prefix), outermost first. */
export function literalSegmentsOf(path: string): string[] {
  return (path.split('?')[0] ?? '')
    .split('/')
    .filter(
      (part) =>
        part !== '' && !/^(?:\{.*\}|:.+|\[.*\]|<.*>)$/.test(part) && !/^(?:api|rest|v\d+)$/i.test(part),
    );
}
