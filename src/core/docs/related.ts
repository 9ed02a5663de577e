import { METHOD_ALTERNATION } from '../routes/methods.ts';
import { pathSegments, routeShape, writtenSegments } from '../routes/paths.ts';
import type { DbPlan, Endpoint, Related, Spec, Table, TypeDecl } from './model.ts';

/** How many reference hops are followed from a type the endpoint uses. */
const MAX_TYPE_DEPTH = 3;
/** At most this many declarations are quoted for one endpoint. */
const MAX_TYPES = 30;

const DTO_SUFFIXES = [
  'dto',
  'command',
  'cmd',
  'request',
  'response',
  'payload',
  'input',
  'params',
  'query',
  'body',
  'row',
  'entity',
  'model',
  'view',
  'viewmodel',
  'vm',
  'details',
  'summary',
  'item',
  'list',
  'result',
] as const;

/** A type name's leading word and the methods it serves (`CreateFlashcardCommand` → POST). */
const VERB_PREFIXES: ReadonlyMap<string, readonly string[] | undefined> = new Map([
  ['create', ['POST']],
  ['add', ['POST']],
  ['new', ['POST']],
  ['update', ['PUT', 'PATCH']],
  ['patch', ['PATCH']],
  ['edit', ['PUT', 'PATCH']],
  ['replace', ['PUT']],
  ['upsert', ['PUT', 'POST']],
  ['delete', ['DELETE']],
  ['remove', ['DELETE']],
  ['get', ['GET']],
  ['list', ['GET']],
  ['paginated', ['GET']],
  ['paged', ['GET']],
]);

/** Splits `FavoriteGames`, `favorite_games`, `favorite-games`, `auth.users` into lowercase words. */
export function words(name: string): string[] {
  return name
    .replace(/^[a-z]+\./i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** English singular of one word, good enough for table names: `categories` → `category`, `statuses` → `status`. */
export function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|shes|ches|xes|uses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && word.length > 3)
    return word.slice(0, -1);
  return word;
}

/** A name's matching key: words joined by `_` with the last one singular (`daily-chores` → `daily_chore`). */
export function keyOf(name: string): string {
  const parts = words(name);
  const last = parts.pop();
  return last === undefined ? '' : [...parts, singular(last)].join('_');
}

/** The literal path segments (no parameters, no `api`/version prefix), outermost first. */
export function resourceSegments(path: string): string[] {
  return pathSegments(path)
    .filter((segment) => !segment.param)
    .map((segment) => segment.name);
}

/** The text of an endpoint a name can be mentioned in. */
function endpointText(endpoint: Endpoint): string {
  return [endpoint.markdown, endpoint.requestBody ?? '', endpoint.responseBody ?? ''].join('\n');
}

export function mentionedWords(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_][\w]*/g) ?? []);
}

/** A name's words without its trailing DTO suffixes (`flashcard list response dto` → `flashcard`). */
function withoutSuffixes(parts: readonly string[]): string[] {
  const rest = [...parts];
  while (rest.length > 1 && (DTO_SUFFIXES as readonly string[]).includes(rest.at(-1) ?? '')) rest.pop();
  return rest;
}

/**
 * The resource a DTO or command name is about, and the methods its verb prefix fits (undefined: any). A leading
 * verb with only suffixes after it is the resource itself: `ListDto` is about lists.
 */
function typeResource(name: string): {
  readonly key: string;
  readonly methods: readonly string[] | undefined;
} {
  const parts = words(name);
  const methods = VERB_PREFIXES.get(parts[0] ?? '');
  const noun = withoutSuffixes(parts.slice(1));
  const suffixOnly = noun.length <= 1 && (DTO_SUFFIXES as readonly string[]).includes(noun[0] ?? '');
  if (methods === undefined || noun.length === 0 || suffixOnly)
    return { key: keyOf(withoutSuffixes(parts).join('_')), methods: undefined };
  return { key: keyOf(noun.join('_')), methods };
}

const METHOD_AND_PATH = new RegExp(`\\b(${METHOD_ALTERNATION})\\s+\`?(/[^\\s\`'",;)]*)`, 'g');
const BARE_PATH = /(?:^|[\s(`'"])(\/[\w{}:[\]<>.-]*[A-Za-z][\w{}:[\]<>./-]*)/g;

/** An endpoint a doc comment names: a method and a normalised path, or just the path (any method). */
type NamedEndpoint = { readonly method: string | undefined; readonly path: string };

/** A route as a comment or the plan spells it, reduced so both spellings compare equal; '' for no route. */
export function normalisePath(path: string): string {
  const shape = routeShape(path.replace(/[.:]+$/, ''));
  return shape === '/' ? '' : shape;
}

/** The leading comments of a declaration's text (its JSDoc and any `//` lines before it). */
function leadingComment(text: string): string {
  return /^(\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*))*/.exec(text)?.[0] ?? '';
}

/** Endpoints a declaration's doc comment names, and whether it says the list goes on (`etc.`, `itp.`, `…`). */
function commentEndpoints(decl: TypeDecl): {
  readonly named: readonly NamedEndpoint[];
  readonly open: boolean;
} {
  const comment = leadingComment(decl.text);
  const named: NamedEndpoint[] = [];
  const rest = comment.replace(METHOD_AND_PATH, (_match, method: string, path: string) => {
    named.push({ method, path: normalisePath(path) });
    return ' ';
  });
  for (const match of rest.matchAll(BARE_PATH)) {
    const path = normalisePath(match[1] ?? '');
    if (path !== '') named.push({ method: undefined, path });
  }
  return { named, open: /\betc\b|\bitp\b|…|\.\.\./i.test(comment) };
}

function namesEndpoint(named: readonly NamedEndpoint[], endpoint: Endpoint): boolean {
  const path = normalisePath(endpoint.path);
  return named.some(
    (candidate) =>
      candidate.path === path && (candidate.method === undefined || candidate.method === endpoint.method),
  );
}

/**
 * Whether the path addresses one item: it ends in a parameter that names the segment before it (`{id}`,
 * `{flashcardId}` after `flashcards`). `/measurements/{aquariumId}` lists the measurements of one aquarium.
 */
function isSingleItem(endpoint: Endpoint): boolean {
  const segments = writtenSegments(endpoint.path);
  const last = segments.at(-1);
  if (last === undefined || !last.param) return false;
  const stem = keyOf(last.name.replace(/_?id$/i, ''));
  const owner = keyOf(segments.at(-2)?.name ?? '');
  return stem === '' || owner.endsWith(stem) || stem.endsWith(owner);
}

/** Words that make a type belong to a list endpoint: `FlashcardsListResponseDto`, `PaginatedFlashcards`. */
const LIST_WORDS: ReadonlySet<string> = new Set(['list', 'paginated', 'pagination', 'paged', 'collection']);

/** Whether a type name has a list word that is not part of the resource itself (`ListDto` for `/lists/{id}`). */
const isListShaped = (name: string, resource: string): boolean =>
  words(name).some((word) => LIST_WORDS.has(word) && !resource.split('_').includes(word));

/**
 * The declarations an endpoint uses: named in its text, or whose doc comment names its method and path, or
 * whose DTO/command name fits its resource and verb. A name-fit is dropped when the doc comment names only
 * other endpoints, or when it is list-shaped and the endpoint is not a collection GET. Then the declarations
 * those reference, a few hops deep.
 */
function usedTypes(endpoint: Endpoint, decls: readonly TypeDecl[]): TypeDecl[] {
  const mentioned = mentionedWords(endpointText(endpoint));
  const segments = resourceSegments(endpoint.path);
  const primary = keyOf(segments.at(-1) ?? '');
  const listEndpoint = endpoint.method === 'GET' && !isSingleItem(endpoint);
  const byName = new Map(decls.map((decl) => [decl.name, decl]));
  const direct = decls.filter((decl) => {
    if (mentioned.has(decl.name)) return true;
    const comment = commentEndpoints(decl);
    if (namesEndpoint(comment.named, endpoint)) return true;
    if (comment.named.length > 0 && !comment.open) return false;
    if (primary === '') return false;
    if (!listEndpoint && isListShaped(decl.name, primary)) return false;
    const resource = typeResource(decl.name);
    if (resource.key !== primary) return false;
    return resource.methods === undefined || resource.methods.includes(endpoint.method);
  });
  const chosen = new Map(direct.map((decl) => [decl.name, decl]));
  let frontier = direct;
  for (let depth = 0; depth < MAX_TYPE_DEPTH && frontier.length > 0; depth++) {
    const next: TypeDecl[] = [];
    for (const decl of frontier) {
      for (const reference of decl.references) {
        const target = byName.get(reference);
        if (target === undefined || chosen.has(target.name) || chosen.size >= MAX_TYPES) continue;
        chosen.set(target.name, target);
        next.push(target);
      }
    }
    frontier = next;
  }
  const order = new Map(decls.map((decl, index) => [decl.name, index]));
  return [...chosen.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
}

/** `deckId`, `deck_id`, `DeckID` → `deckid`: how a column name and a field or parameter name are compared. */
export const fieldKey = (name: string): string => name.toLowerCase().replace(/_/g, '');

/**
 * Field and parameter names the request gives (path and query parameters, the query string, the body), without
 * a bare `id`: that names the endpoint's own row, never a parent.
 */
function requestFields(endpoint: Endpoint): Set<string> {
  const text = [endpoint.path, endpoint.query ?? '', endpoint.requestBody ?? ''].join('\n');
  const names = [...mentionedWords(text), ...endpoint.params.map((param) => param.name)].map(fieldKey);
  return new Set(names.filter((name) => name !== 'id'));
}

function touchedTables(endpoint: Endpoint, db: DbPlan, types: readonly TypeDecl[]): Table[] {
  const byKey = new Map<string, Table[]>();
  for (const table of db.tables) {
    const key = keyOf(table.name);
    byKey.set(key, [...(byKey.get(key) ?? []), table]);
  }
  const byName = new Map(db.tables.map((table) => [table.name.toLowerCase(), table]));
  const chosen = new Set<Table>();
  for (const segment of resourceSegments(endpoint.path)) {
    const key = keyOf(segment);
    const exact = byKey.get(key) ?? [];
    // `/members` for `household_members`: a table whose last words are the segment, when it is the only one.
    const suffixed = db.tables.filter((table) => keyOf(table.name).endsWith(`_${key}`));
    for (const table of exact.length > 0 ? exact : suffixed.length === 1 ? suffixed : []) chosen.add(table);
  }
  for (const word of mentionedWords(endpointText(endpoint))) {
    const table = byName.get(word.toLowerCase());
    if (
      table !== undefined &&
      (word.includes('_') || word.toLowerCase() === word || /[a-z][A-Z]/.test(word))
    ) {
      chosen.add(table);
    }
  }
  for (const decl of types) {
    for (const reference of decl.references) {
      const table = byName.get(reference.toLowerCase());
      if (table !== undefined) chosen.add(table);
    }
  }
  // Only direct parents the request points at (`generation_id` in the body): a parent's own parents, or a
  // parent nothing in the request names, is not something this endpoint reads or checks.
  const fields = requestFields(endpoint);
  for (const table of [...chosen]) {
    for (const key of table.foreignKeys) {
      const parent = byName.get(key.references.table.toLowerCase());
      if (parent !== undefined && fields.has(fieldKey(key.column))) chosen.add(parent);
    }
  }
  return db.tables.filter((table) => chosen.has(table));
}

/**
 * The database resources and types one endpoint touches, chosen only from what the docs hold: tables named by
 * its path segments or its text (singular/plural, snake/kebab/camel alike), tables its types read, and the
 * direct foreign-key parents its parameters or body name; their indexes, policies and enums; the types its text,
 * their doc comments or DTO/command naming point at, with the declarations those reference (a few hops deep).
 */
export function relatedResources(endpoint: Endpoint, spec: Pick<Spec, 'db' | 'types'>): Related {
  const db = spec.db;
  const types = spec.types === undefined ? [] : usedTypes(endpoint, spec.types.decls);
  if (db === undefined) return { tables: [], indexes: [], policies: [], enums: new Map(), types };
  const tables = touchedTables(endpoint, db, types);
  const names = new Set(tables.map((table) => table.name.toLowerCase()));
  const columnTypes = new Set(
    tables.flatMap((table) =>
      table.columns.map((column) => (/^[\w.]+/.exec(column.type)?.[0] ?? '').toLowerCase()),
    ),
  );
  const typeReferences = new Set(
    types.flatMap((decl) => decl.references.map((reference) => reference.toLowerCase())),
  );
  const enums = new Map(
    [...db.enums].filter(
      ([name]) => columnTypes.has(name.toLowerCase()) || typeReferences.has(name.toLowerCase()),
    ),
  );
  return {
    tables,
    indexes: db.indexes.filter((index) => names.has(index.table.toLowerCase())),
    policies: db.policies.filter((policy) => names.has(policy.table.toLowerCase())),
    enums,
    types,
  };
}
