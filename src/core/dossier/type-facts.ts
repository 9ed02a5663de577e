import type { Endpoint, TypeDecl } from '../docs/model.ts';
import { keyOf, mentionedWords, normalisePath, words } from '../docs/related.ts';
import type { DossierInput } from './input.ts';
import type { Gap, TypeFact } from './model.ts';

/** The types file's declarations the endpoint takes and returns. */
export type TypeFacts = {
  readonly request: readonly TypeFact[];
  readonly response: readonly TypeFact[];
  readonly gaps: readonly Gap[];
};

/** Name words of what a client sends: commands, requests, bodies, query models. */
const REQUEST_WORDS: ReadonlySet<string> = new Set([
  'command',
  'cmd',
  'request',
  'req',
  'input',
  'payload',
  'body',
  'params',
  'query',
  'options',
]);
/** Name words of what an endpoint returns. */
const RESPONSE_WORDS: ReadonlySet<string> = new Set([
  'dto',
  'response',
  'result',
  'details',
  'summary',
  'item',
]);
/** Name words of types that are not the wire contract: database rows, view state, forms. */
const INTERNAL_WORDS: ReadonlySet<string> = new Set([
  'row',
  'insert',
  'entity',
  'viewmodel',
  'vm',
  'state',
  'form',
  'values',
  'props',
  'typed',
  'view',
  'model',
  'context',
]);
const LIST_WORDS: ReadonlySet<string> = new Set(['list', 'paginated', 'paged', 'page', 'collection']);
/** A leading verb and the methods it fits. */
const VERB_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  ['create', ['POST']],
  ['add', ['POST']],
  ['new', ['POST']],
  ['send', ['POST']],
  ['register', ['POST']],
  ['update', ['PUT', 'PATCH']],
  ['edit', ['PUT', 'PATCH']],
  ['patch', ['PATCH']],
  ['replace', ['PUT']],
  ['upsert', ['PUT', 'POST']],
  ['set', ['PUT', 'PATCH']],
  ['delete', ['DELETE']],
  ['remove', ['DELETE']],
  ['get', ['GET']],
  ['list', ['GET']],
]);

type Role = 'request' | 'response' | 'internal';

function roleOf(name: string): Role {
  const parts = words(name);
  if (parts.some((part) => INTERNAL_WORDS.has(part))) return 'internal';
  if (parts.some((part) => REQUEST_WORDS.has(part))) return 'request';
  return 'response';
}

/** Names of the literal path segments, as matching keys, innermost first. */
function segmentKeys(path: string): string[] {
  return (path.split('?')[0] ?? '')
    .split('/')
    .filter((part) => part !== '' && !/^[{:[<]/.test(part) && !/^(api|rest|v\d+|functions|me)$/i.test(part))
    .map((part) => keyOf(part))
    .reverse();
}

/** A type name's resource words: without a leading verb and trailing role words (`CreateAquariumResponseDTO` → aquarium). */
function resourceKey(name: string): string {
  const parts = words(name);
  const start = VERB_METHODS.has(parts[0] ?? '') && parts.length > 1 ? 1 : 0;
  const rest = parts.slice(start);
  while (
    rest.length > 1 &&
    (REQUEST_WORDS.has(rest.at(-1) ?? '') ||
      RESPONSE_WORDS.has(rest.at(-1) ?? '') ||
      LIST_WORDS.has(rest.at(-1) ?? ''))
  )
    rest.pop();
  return keyOf(rest.join('_'));
}

/** How well a name's resource fits a segment key: 3 the same, 2 it ends with it, 1 it starts with it, 0 not. */
function nameFit(name: string, key: string): number {
  const withVerb = keyOf(
    words(name)
      .filter((word) => !REQUEST_WORDS.has(word) && !RESPONSE_WORDS.has(word))
      .join('_'),
  );
  return Math.max(
    ...[resourceKey(name), withVerb].map((own) => {
      if (own === key) return 3;
      if (own.endsWith(`_${key}`)) return 2;
      if (own.startsWith(`${key}_`)) return 1;
      return 0;
    }),
  );
}

const verbOf = (name: string): string | undefined => {
  const first = words(name)[0] ?? '';
  return VERB_METHODS.has(first) ? first : undefined;
};

/** Whether the endpoint returns a collection: a GET not addressing one item, or prose that says it lists. */
function returnsList(endpoint: Endpoint): boolean {
  const last =
    (endpoint.path.split('?')[0] ?? '')
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? '';
  if (endpoint.method === 'GET') return !/^[{:[<]/.test(last);
  return /\b(returns?|response|zwraca|odpowiedź)\b[^.\n]*\b(list|array|lista|listę|tablic\w*)\b/i.test(
    endpoint.markdown,
  );
}

/** Endpoints a doc comment names (`POST /api/x`), as method and normalised path. */
function commentNames(decl: TypeDecl, endpoint: Endpoint): boolean {
  const comment = /^(\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*))*/.exec(decl.text)?.[0] ?? '';
  const own = normalisePath(endpoint.path);
  for (const match of comment.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+`?(\/[^\s`'",;)]*)/g)) {
    if (match[1] === endpoint.method && normalisePath(match[2] ?? '') === own) return true;
  }
  return false;
}

/**
 * Picks the request and response types of one endpoint: the declared names its text uses (`Review object` means
 * `ReviewDTO` when that is declared) and the types whose doc comment names it; failing those, the command whose
 * resource and verb fit the path and method, and the response DTO named after that command, else the resource's
 * DTO (a list DTO for a collection). Database rows, view models and form types are never the wire contract.
 */
function pickTypes(
  endpoint: Endpoint,
  decls: readonly TypeDecl[],
): { request: TypeDecl[]; response: TypeDecl[] } {
  const text = endpoint.markdown.replace(/\\_/g, '_');
  const mentioned = mentionedWords(text);
  const request: TypeDecl[] = [];
  const response: TypeDecl[] = [];
  const hints: string[] = [];
  for (const decl of decls) {
    if (!mentioned.has(decl.name)) continue;
    const role = roleOf(decl.name);
    if (role === 'request') request.push(decl);
    else if (role === 'response' && words(decl.name).some((word) => RESPONSE_WORDS.has(word)))
      response.push(decl);
    else if (role === 'response') hints.push(keyOf(decl.name));
  }
  // `Request Body: Review object`: a plain entity named for the request means its DTO is sent.
  for (const hint of hints) {
    const line = text
      .split('\n')
      .find((row) => new RegExp(`\\b${hint.replace(/_/g, '')}\\b`, 'i').test(row.replace(/_/g, '')));
    if (line !== undefined && /request|body|payload|żądani/i.test(line) && request.length === 0) {
      const dto = bestFit(decls, [hint], endpoint, 'response', undefined, []);
      if (dto !== undefined) request.push(dto);
    }
  }
  const commented = decls.filter((decl) => commentNames(decl, endpoint)).map((decl) => decl.name);
  const keys = [...segmentKeys(endpoint.path), ...hints];
  if (request.length === 0 && ['POST', 'PUT', 'PATCH'].includes(endpoint.method)) {
    const best = bestFit(decls, keys.slice(0, 1), endpoint, 'request', undefined, commented);
    if (best !== undefined) request.push(best);
  }
  if (response.length === 0) {
    const best = bestFit(decls, [...hints, ...keys], endpoint, 'response', request[0], commented);
    if (best !== undefined) response.push(best);
  }
  return { request: unique(request), response: unique(response) };
}

function unique(decls: readonly TypeDecl[]): TypeDecl[] {
  return [...new Map(decls.map((decl) => [decl.name, decl])).values()];
}

function bestFit(
  decls: readonly TypeDecl[],
  keys: readonly string[],
  endpoint: Endpoint,
  role: 'request' | 'response',
  request: TypeDecl | undefined,
  commented: readonly string[],
): TypeDecl | undefined {
  const list = returnsList(endpoint);
  const prose = endpoint.markdown.toLowerCase();
  const pathWords = new Set(endpoint.path.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const stem = request?.name.replace(/(Command|Cmd|Request|Req|Input|Payload|Body)$/, '');
  let best: { decl: TypeDecl; score: number } | undefined;
  for (const decl of decls) {
    if (roleOf(decl.name) !== role || decl.kind === 'enum') continue;
    const segment = keys.findIndex((key) => nameFit(decl.name, key) > 0);
    if (segment < 0) continue;
    const verb = verbOf(decl.name);
    const methods = verb === undefined ? undefined : VERB_METHODS.get(verb);
    if (segment > 0 && verb !== undefined) continue;
    const nameWords = words(decl.name);
    const listShaped = nameWords.some((word) => LIST_WORDS.has(word));
    let score = nameFit(decl.name, keys[segment] ?? '') * 10 - segment * 15;
    if (methods !== undefined) score += methods.includes(endpoint.method) ? 15 : -25;
    if (verb !== undefined && new RegExp(`\\b${verb}`).test(prose)) score += 5;
    if (nameWords.some((word) => word.length > 3 && pathWords.has(word))) score += 3;
    if (commented.includes(decl.name)) score += 20;
    if (role === 'response') {
      if (stem !== undefined && decl.name.startsWith(stem) && decl.name !== request?.name) score += 50;
      if (listShaped !== list) score -= 30;
      score += nameWords.some((word) => RESPONSE_WORDS.has(word)) ? 10 : -20;
      if (nameWords.includes('response')) score += 2;
    }
    score -= decl.name.length / 100;
    if (best === undefined || score > best.score) best = { decl, score };
  }
  return best?.decl;
}

/** Reads the request and response types of one endpoint from the types file; names it cannot find are gaps. */
export function collectTypeFacts(input: DossierInput): TypeFacts {
  const { spec, endpoint } = input;
  const unread = (spec.unreadDocs ?? []).find((doc) => doc.kind === 'types');
  const unparsed = spec.types !== undefined && spec.types.decls.length === 0 ? spec.types : undefined;
  if (spec.types === undefined || unparsed !== undefined) {
    const broken = unparsed?.diagnostics[0];
    const why =
      unread !== undefined
        ? `${unread.file}:${unread.line}: ${unread.reason}`
        : unparsed !== undefined
          ? `${spec.sources.types ?? unparsed.file}:${broken?.line ?? 1}: ${broken?.message ?? 'it declares no exported type, interface or enum'}`
          : 'no types file was found';
    const named = [
      ...new Set(
        endpoint.markdown.match(/\b[A-Z][A-Za-z0-9]*(Dto|DTO|Command|Cmd|Request|Response)\b/g) ?? [],
      ),
    ];
    return {
      request: [],
      response: [],
      gaps: [
        { what: 'types', why },
        ...named.map((name) => ({
          what: `type ${name}`,
          why: 'the API plan names it but no types file declares it',
        })),
      ],
    };
  }
  const file = spec.sources.types ?? spec.types.file;
  const declared = new Set(spec.types.decls.map((decl) => decl.name));
  const picked = pickTypes(endpoint, spec.types.decls);
  const fact = (decl: TypeDecl): TypeFact => ({
    name: decl.name,
    declaration: decl.text,
    source: { file, line: decl.line },
  });
  const missing = [
    ...new Set(endpoint.markdown.match(/\b[A-Z][A-Za-z0-9]*(Dto|DTO|Command|Cmd|Request|Response)\b/g) ?? []),
  ].filter((name) => !declared.has(name));
  return {
    request: picked.request.map(fact),
    response: picked.response.map(fact),
    gaps: missing.map((name) => ({
      what: `type ${name}`,
      why: `the API plan names it but ${file} does not declare it`,
    })),
  };
}
