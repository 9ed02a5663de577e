import { fold } from '../docs/api-plan/labels.ts';
import { findRoute } from '../docs/api-plan/route.ts';
import type { Endpoint, HttpMethod } from '../docs/model.ts';
import { parseMethod } from '../routes/methods.ts';
import { routeShape } from '../routes/paths.ts';
import type { PlanIndex, Statement } from './plan-index.ts';

/** A route a statement names: `POST /api/x`, `/api/*`, `/bricksets (GET/POST)`. */
export type MentionedRoute = { readonly methods: readonly HttpMethod[]; readonly path: string };

/** Which endpoints a rule speaks of. */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'routes'; readonly routes: readonly MentionedRoute[] }
  | { readonly kind: 'methods'; readonly methods: readonly HttpMethod[] }
  | { readonly kind: 'words'; readonly words: readonly string[] }
  | { readonly kind: 'credentials' };

const WRITE_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const BARE_PATH = /(?:^|[\s`(|,:])(\/[A-Za-z0-9_{}:*.\-/[\]<>]*[A-Za-z0-9_}*\]>])/g;
const METHOD_WORDS = /\b(GET|POST|PUT|PATCH|DELETE)\b/g;
const GENERAL =
  /\b(?:all|any|every|everything|else|each|general|generic|global|default|other|others|remaining|rest|whole|entire|api|authenticated|protected|logged|wszystk\w*|wszystko|reszta|kazd\w*|pozostal\w*|inne|innych|ogoln\w*|domysln\w*|globaln\w*|caly|calego|uwierzytelnion\w*|zalogowan\w*|chronion\w*)\b/;
const READ = /\b(?:read|reads|reading|odczyt\w*|pobier\w*|queries|lookups?)\b/;
const WRITE =
  /\b(?:write|writes|writing|mutat\w*|modif\w*|modyfik\w*|state[- ]changing|zapis\w*|sensitive|zmieniaj\w*)\b/;
const CREDENTIALS =
  /\b(?:auth|authentication|login|log ?in|sign ?in|signin|sign ?up|signup|register|registration|anonymous|anonim\w*|logowani\w*|rejestracj\w*|uwierzyteln\w*|credentials?|password)\b/;
const CREDENTIAL_PATH =
  /(?:^|\/)(?:login|log-in|signin|sign-in|sign_in|register|registration|signup|sign-up|sign_up|token|forgot[-_]?password|password[-_]?reset|reset[-_]?password|password-reset|verify[-_]?email|confirm(?:[-_]?email)?)(?:\/|$)/i;
const STOP_WORDS = new Set([
  'endpoint',
  'endpoints',
  'endpointy',
  'request',
  'requests',
  'route',
  'routes',
  'calls',
  'call',
  'limit',
  'limits',
  'rate',
  'limiting',
  'requests',
  'creation',
  'create',
  'tworzenie',
  'user',
  'users',
  'the',
  'for',
  'and',
]);

/** True for endpoints that hand out or reset credentials: login, register, token, password reset. */
export function isCredentialsEndpoint(endpoint: Endpoint): boolean {
  return CREDENTIAL_PATH.test(endpoint.path) || /(?:^|[?&])grant_type=/.test(endpoint.query ?? '');
}

/** Every route a text names, with its methods when it gives them. */
export function mentionedRoutes(text: string): MentionedRoute[] {
  const routes: MentionedRoute[] = [];
  const taken: [number, number][] = [];
  for (let at = 0; at < text.length; ) {
    const route = findRoute(text, at);
    if (route === undefined) break;
    routes.push({ methods: [route.method], path: route.path });
    taken.push([route.start, route.end]);
    at = route.end;
  }
  for (const match of text.matchAll(BARE_PATH)) {
    const path = match[1] ?? '';
    const offset = (match.index ?? 0) + (match[0].length - path.length);
    if (path.length < 2 || taken.some(([start, end]) => offset >= start && offset < end)) continue;
    // Methods written right after the path: `/bricksets (GET/POST)`.
    const after = /^\s*\(([A-Z/,\s]+)\)/.exec(text.slice(offset + path.length))?.[1] ?? '';
    const methods = [...after.matchAll(METHOD_WORDS)].map((found) => found[1] as HttpMethod);
    routes.push({ methods, path });
  }
  return routes;
}

/** True when a route pattern (`/api/*`, `/auth/*`, `/households/:id`, `POST /x`) names this endpoint. */
export function routeCovers(route: MentionedRoute, endpoint: Endpoint): boolean {
  if (route.methods.length > 0 && !route.methods.includes(endpoint.method)) return false;
  const pattern = route.path.replace(/\/+$/, '');
  if (pattern.includes('*')) {
    const prefix = pattern.slice(0, pattern.indexOf('*')).replace(/\/+$/, '');
    const rest = pattern.slice(pattern.indexOf('*'));
    if (rest === '*' || rest === '*/' || rest === '**') {
      return (
        endpoint.path.startsWith(`${prefix}/`) ||
        routeShape(endpoint.path).startsWith(`${routeShape(prefix)}/`)
      );
    }
    const glob = new RegExp(
      `^${routeShape(pattern)
        .split('{}')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    );
    return glob.test(routeShape(endpoint.path));
  }
  return routeShape(pattern) === routeShape(endpoint.path);
}

/** True when a scope speaks of this endpoint. */
export function scopeCovers(scope: Scope, endpoint: Endpoint): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'routes':
      return scope.routes.some((route) => routeCovers(route, endpoint));
    case 'methods':
      return scope.methods.includes(endpoint.method);
    case 'credentials':
      return isCredentialsEndpoint(endpoint) || /(?:^|\/)auth(?:\/|$)/i.test(endpoint.path);
    case 'words':
      // "Quest generation" covers the endpoints whose path or title holds every word, not every quest endpoint.
      return scope.words.every((word) => endpointWords(endpoint).some((own) => own.startsWith(word)));
    default:
      return false;
  }
}

// The static words of a path and its title, folded: `/api/quests/generate` → api, quests, generate.
const wordsOf = new WeakMap<Endpoint, readonly string[]>();

function endpointWords(endpoint: Endpoint): readonly string[] {
  let words = wordsOf.get(endpoint);
  if (words === undefined) {
    const fromPath = endpoint.path
      .split('/')
      .filter((segment) => !/[{:[<*]/.test(segment))
      .flatMap((segment) => segment.split(/[-_.]/));
    words = [...fromPath, ...fold(endpoint.title).split(/[^a-z0-9]+/)].filter((word) => word.length >= 3);
    wordsOf.set(endpoint, words);
  }
  return words;
}

/**
 * What a rule's subject covers: named routes, methods, reads or writes, credentials endpoints, the whole
 * API ("all other endpoints", "General API"), or the endpoints whose path holds one of its words.
 */
export function scopeOfSubject(subject: string): Scope {
  const routes = mentionedRoutes(subject);
  if (routes.length > 0) return { kind: 'routes', routes };
  const methods = [...new Set([...subject.matchAll(METHOD_WORDS)].map((found) => found[1] as HttpMethod))];
  if (methods.length > 0) return { kind: 'methods', methods };
  const folded = fold(subject);
  if (GENERAL.test(folded)) return { kind: 'all' };
  if (READ.test(folded)) return { kind: 'methods', methods: ['GET'] };
  if (WRITE.test(folded)) return { kind: 'methods', methods: WRITE_METHODS };
  if (CREDENTIALS.test(folded)) return { kind: 'credentials' };
  const words = folded
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 4 && !STOP_WORDS.has(word))
    .map((word) => word.slice(0, Math.max(4, Math.min(6, word.length - 1))));
  return words.length > 0 ? { kind: 'words', words } : { kind: 'all' };
}

/** The methods that change data, for rules about writes. */
export function writeMethods(): readonly HttpMethod[] {
  return WRITE_METHODS;
}

/** True when a text speaks of writes ("modifying data", "write endpoints"). */
export function speaksOfWrites(text: string): boolean {
  return WRITE.test(fold(text));
}

/** Reads a method word such as `POST` or `(PATCH)`. */
export function methodWord(word: string): HttpMethod | undefined {
  return parseMethod(word);
}

/**
 * The endpoints a statement's section holds, when it sits inside the part of the plan that defines
 * endpoints: a rule written in "### 2.3 Households" speaks of the household endpoints only.
 */
export function sectionEndpoints(index: PlanIndex, statement: Statement): readonly Endpoint[] | undefined {
  const heading = index.outline.headings[statement.heading];
  if (heading === undefined) return undefined;
  const end = sectionEnd(index, statement.heading);
  const inside = index.endpoints.filter(
    (endpoint) => endpoint.lines.start > heading.line && endpoint.lines.start <= end,
  );
  return inside.length > 0 ? inside : undefined;
}

function sectionEnd(index: PlanIndex, headingIndex: number): number {
  const { headings } = index.outline;
  const heading = headings[headingIndex];
  if (heading === undefined) return 0;
  for (let next = headingIndex + 1; next < headings.length; next++) {
    const later = headings[next];
    if (later !== undefined && later.depth <= heading.depth) return later.line - 1;
  }
  return Number.POSITIVE_INFINITY;
}
