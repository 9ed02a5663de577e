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
]);

/** Splits `FavoriteGames`, `favorite_games`, `favorite-games`, `auth.users` into lowercase words. */
function words(name: string): string[] {
  return name
    .replace(/^[a-z]+\./i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** English singular of one word, good enough for table names: `categories` → `category`, `statuses` → `status`. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|shes|ches|xes|uses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && word.length > 3)
    return word.slice(0, -1);
  return word;
}

/** A name's matching key: words joined by `_` with the last one singular (`daily-chores` → `daily_chore`). */
function keyOf(name: string): string {
  const parts = words(name);
  const last = parts.pop();
  return last === undefined ? '' : [...parts, singular(last)].join('_');
}

/** The literal path segments (no parameters, no `api`/version prefix), outermost first. */
function resourceSegments(path: string): string[] {
  return (path.split('?')[0] ?? '')
    .split('/')
    .filter((segment) => segment !== '' && !/^[{:[]/.test(segment) && !/^(api|rest|v\d+)$/i.test(segment));
}

/** The text of an endpoint a name can be mentioned in. */
function endpointText(endpoint: Endpoint): string {
  return [endpoint.markdown, endpoint.requestBody ?? '', endpoint.responseBody ?? ''].join('\n');
}

function mentionedWords(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_][\w]*/g) ?? []);
}

/** The resource a DTO or command name is about, and the methods its verb prefix fits (undefined: any). */
function typeResource(name: string): {
  readonly key: string;
  readonly methods: readonly string[] | undefined;
} {
  const parts = words(name);
  const methods = VERB_PREFIXES.get(parts[0] ?? '');
  const rest = methods === undefined ? parts : parts.slice(1);
  while (rest.length > 1 && (DTO_SUFFIXES as readonly string[]).includes(rest.at(-1) ?? '')) rest.pop();
  return { key: keyOf(rest.join('_')), methods };
}

function usedTypes(endpoint: Endpoint, decls: readonly TypeDecl[]): TypeDecl[] {
  const mentioned = mentionedWords(endpointText(endpoint));
  const segments = resourceSegments(endpoint.path);
  const primary = keyOf(segments.at(-1) ?? '');
  const byName = new Map(decls.map((decl) => [decl.name, decl]));
  const direct = decls.filter((decl) => {
    if (mentioned.has(decl.name)) return true;
    if (primary === '') return false;
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

function touchedTables(endpoint: Endpoint, db: DbPlan, types: readonly TypeDecl[]): Table[] {
  const byKey = new Map<string, Table[]>();
  for (const table of db.tables) {
    const key = keyOf(table.name);
    byKey.set(key, [...(byKey.get(key) ?? []), table]);
  }
  const byName = new Map(db.tables.map((table) => [table.name.toLowerCase(), table]));
  const chosen = new Set<Table>();
  for (const segment of resourceSegments(endpoint.path)) {
    for (const table of byKey.get(keyOf(segment)) ?? []) chosen.add(table);
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
  for (const table of [...chosen]) {
    for (const key of table.foreignKeys) {
      const parent = byName.get(key.references.table.toLowerCase());
      if (parent !== undefined) chosen.add(parent);
    }
  }
  return db.tables.filter((table) => chosen.has(table));
}

/**
 * The database resources and types one endpoint touches, chosen only from what the docs hold: tables named by
 * its path segments or its text (singular/plural, snake/kebab/camel alike), tables its types read, and the
 * parents their foreign keys need; their indexes, policies and enums; the types its text or DTO/command naming
 * points at, with the declarations those reference (a few hops deep).
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
