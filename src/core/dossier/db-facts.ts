import type { DbPlan, Endpoint, Table } from '../docs/model.ts';
import { fieldKey, keyOf, words } from '../docs/related.ts';
import type { DossierInput } from './input.ts';
import type {
  CheckFact,
  EnumFact,
  ForeignKeyFact,
  Gap,
  IndexFact,
  PolicyFact,
  SourceRef,
  TableAccess,
  TableFact,
  TriggerFact,
  UniqueFact,
} from './model.ts';

/** What the db plan says about the tables the endpoint touches. */
export type DbFacts = {
  readonly tables: readonly TableFact[];
  readonly writes: readonly string[];
  readonly unique: readonly UniqueFact[];
  readonly checks: readonly CheckFact[];
  readonly foreignKeys: readonly ForeignKeyFact[];
  readonly triggers: readonly TriggerFact[];
  readonly policies: readonly PolicyFact[];
  readonly indexes: readonly IndexFact[];
  readonly enums: readonly EnumFact[];
  readonly gaps: readonly Gap[];
};

/** How a write changes a table: an insert can violate every UNIQUE, an update only those of the columns it sets. */
type WriteKind = 'insert' | 'update' | 'delete';

/** A table the endpoint touches, how, and why (the first reason found is the one shown). */
type Use = { readonly table: Table; read: boolean; write: WriteKind | undefined; readonly why: string[] };

/** Path segments that stand for the caller, never a resource of their own. */
const SELF_SEGMENTS: ReadonlySet<string> = new Set(['me', 'self', 'current', 'mine']);
/** Segments of endpoints about the caller's account: they touch the plan's user table. */
const ACCOUNT_SEGMENTS: ReadonlySet<string> = new Set([
  'profile',
  'profiles',
  'account',
  'accounts',
  'me',
  'register',
  'registration',
  'signup',
  'sign-up',
  'login',
  'signin',
  'sign-in',
]);
const CREATES_ACCOUNT: ReadonlySet<string> = new Set(['register', 'registration', 'signup', 'sign-up']);

/** Verbs that say a sentence writes (EN and PL, present, imperative and third person; never participles). */
const INSERT_VERBS =
  /\b(create|creates|insert|inserts|add|adds|record|records|log|logs|store|stores|save|saves|append|appends|provision|provisions|generate|generates|tworzy|utwórz|utworzy|dodaje|dodaj|zapisuje|zapisz|wstawia|wstaw|rejestruje)\b/i;
const UPDATE_VERBS =
  /\b(update|updates|increment|increments|decrement|decrements|set|sets|mark|marks|upsert|upserts|replace|replaces|aktualizuje|zaktualizuj|zmienia|ustawia|oznacza)\b/i;
const DELETE_VERBS = /\b(delete|deletes|remove|removes|usuwa|usuń|kasuje)\b/i;

/** Lines outside any endpoint that state a rule for every request: they name tables every endpoint reads. */
const GLOBAL_RULE =
  /middleware|rate.?limit|throttl|every request|all requests|each request|all endpoints|every endpoint|wszystkie (żądania|endpointy)|każde żądanie|każdy endpoint/i;
const COUNTER_RULE = /rate.?limit|throttl|counter|licznik/i;

/** The operation a policy must cover for a table read or written this way. */
const policyOperation = (use: Use, method: string): string =>
  use.write === 'insert'
    ? 'INSERT'
    : use.write === 'update'
      ? 'UPDATE'
      : use.write === 'delete'
        ? 'DELETE'
        : method === 'GET'
          ? 'SELECT'
          : 'SELECT';

/** Removes markdown escapes (`ai\_chat\_sessions`) so names read as written. */
const unescapeMarkdown = (text: string): string => text.replace(/\\([_*[\]`#-])/g, '$1');

/** The prose of a definition: its text without fenced code blocks (JSON examples). */
function proseOf(markdown: string): string {
  return unescapeMarkdown(markdown).replace(/```[\s\S]*?(```|$)/g, '\n');
}

/** Keys of a JSON-ish body whose value is an object or an array: `"props": [` → props. */
function nestedKeys(body: string | undefined): string[] {
  if (body === undefined) return [];
  return [...unescapeMarkdown(body).matchAll(/["']?([A-Za-z_]\w*)["']?\??\s*:\s*[[{]/g)].map(
    (match) => match[1] ?? '',
  );
}

/** Every key a body names, at any depth: `{ "incomes": [{ "householdMemberId": … }] }` → incomes, householdMemberId. */
function allKeys(body: string | undefined): string[] {
  if (body === undefined) return [];
  return [...unescapeMarkdown(body).matchAll(/["']?([A-Za-z_]\w*)["']?\??\s*:/g)].map(
    (match) => match[1] ?? '',
  );
}

/** Finds the plan's tables by the ways docs name them: own name, singular/plural key, camel case, an API alias. */
type TableIndex = {
  readonly exact: (word: string) => Table | undefined;
  readonly byKey: (word: string) => Table | undefined;
};

/**
 * Aliases the API plan gives its resources: a list item or table row that names exactly one table and a label
 * (`| Participants | GroupParticipants |`, `- User–Room Membership (user_room)`) makes the label name the table.
 */
function apiAliases(apiText: string, tables: readonly Table[]): Map<string, Table> {
  const aliases = new Map<string, Table>();
  const byLower = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  for (const raw of unescapeMarkdown(apiText).split('\n')) {
    if (!/^\s*([-*+]|\||\d+\.)\s*/.test(raw) || raw.length > 200) continue;
    const line = raw.replace(/[`*]/g, '');
    const named = [...new Set((line.match(/[A-Za-z_][\w.]*/g) ?? []).map((word) => word.toLowerCase()))]
      .map((word) => byLower.get(word))
      .filter((table): table is Table => table !== undefined);
    if (named.length !== 1) continue;
    const table = named[0] as Table;
    const label = line.includes('|')
      ? (line
          .split('|')
          .map((cell) => cell.trim())
          .find((cell) => cell !== '') ?? '')
      : (line.replace(/^\s*([-*+]|\d+\.)\s*/, '').split(/[(:—–]|\s-\s/)[0] ?? '');
    const labelWords = label.trim();
    if (labelWords === '' || labelWords.split(/\s+/).length > 4) continue;
    if (labelWords.toLowerCase() === table.name.toLowerCase()) continue;
    const key = keyOf(labelWords);
    if (key !== '' && !aliases.has(key)) aliases.set(key, table);
  }
  return aliases;
}

function indexTables(db: DbPlan, apiText: string): TableIndex {
  const byLower = new Map(db.tables.map((table) => [table.name.toLowerCase(), table]));
  const byKey = new Map<string, Table>();
  for (const table of db.tables) if (!byKey.has(keyOf(table.name))) byKey.set(keyOf(table.name), table);
  const aliases = apiAliases(apiText, db.tables);
  return {
    exact: (word) =>
      byLower.get(word.toLowerCase()) ?? byLower.get(word.toLowerCase().replace(/^public\./, '')),
    byKey: (word) => {
      const key = keyOf(word);
      if (key === '') return undefined;
      const found = byKey.get(key) ?? aliases.get(key);
      if (found !== undefined) return found;
      // `/members` for `household_members`: a table whose last words are the word, when it is the only one.
      const suffixed = db.tables.filter((table) => keyOf(table.name).endsWith(`_${key}`));
      return suffixed.length === 1 ? suffixed[0] : undefined;
    },
  };
}

/** The plan's table of user accounts: named user/account, preferring one that holds credentials. */
function accountTable(db: DbPlan, dbText: string | undefined): Table | undefined {
  const candidates = db.tables.filter((table) => {
    const last = words(table.name).at(-1) ?? '';
    return ['user', 'users', 'account', 'accounts'].includes(last);
  });
  const credentials = candidates.find((table) =>
    table.columns.some((column) => /email|password|username|login/i.test(column.name)),
  );
  if (credentials !== undefined) return credentials;
  if (dbText !== undefined && /\bauth\.users\b/.test(dbText)) {
    return {
      name: 'auth.users',
      columns: [],
      foreignKeys: [],
      primaryKey: [],
      line: lineOfText(dbText, 'auth.users'),
    };
  }
  return candidates[0];
}

function lineOfText(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Tables a sentence names: by exact name, by key (singular/plural, camel case) or by a column only one of them has. */
function tablesIn(sentence: string, index: TableIndex, loose: boolean): Table[] {
  const found: Table[] = [];
  const tokens = sentence.match(/[A-Za-z_][\w.]*/g) ?? [];
  tokens.forEach((word, at) => {
    const exact = index.exact(word);
    const multiWord = word.includes('_') || /[a-z][A-Z]/.test(word) || word.includes('.');
    if (exact !== undefined && (multiWord || word === exact.name || loose)) {
      found.push(exact);
      return;
    }
    if (multiWord) {
      const keyed = index.byKey(word);
      if (keyed !== undefined && !/_?ids?$/i.test(word)) found.push(keyed);
      return;
    }
    if (!loose) return;
    const pair = at > 0 ? index.byKey(`${tokens[at - 1]}_${word}`) : undefined;
    const keyed = pair ?? index.byKey(word);
    if (keyed !== undefined) found.push(keyed);
  });
  return found;
}

function writeKindOf(sentence: string): WriteKind | undefined {
  if (DELETE_VERBS.test(sentence)) return 'delete';
  if (INSERT_VERBS.test(sentence)) return 'insert';
  if (UPDATE_VERBS.test(sentence)) return 'update';
  return undefined;
}

/** Literal path segments, each with whether a parameter follows it (a parent addressed by id). */
function literalSegments(path: string): { readonly name: string; readonly addressed: boolean }[] {
  const parts = (path.split('?')[0] ?? '').split('/').filter((part) => part !== '');
  const isParam = (part: string | undefined): boolean => part !== undefined && /^[{:[<]/.test(part);
  return parts.flatMap((part, at) =>
    isParam(part) || /^(api|rest|v\d+|functions)$/i.test(part)
      ? []
      : [{ name: part.toLowerCase(), addressed: isParam(parts[at + 1]) }],
  );
}

/** The endpoint definitions' line ranges, so rules written between them are told apart. */
function outsideEndpoints(apiText: string, endpoints: readonly Endpoint[]): string[] {
  const lines = apiText.split('\n');
  const inside = new Set<number>();
  for (const endpoint of endpoints) {
    for (let line = endpoint.lines.start; line <= endpoint.lines.end; line++) inside.add(line);
  }
  return lines.filter((_, at) => !inside.has(at + 1));
}

/**
 * Decides which tables the endpoint reads and writes, by LABEL-POLICY: its resource (the path's last literal
 * segment, or the plan's user table for account endpoints), parents addressed in its path, tables its text names
 * (written when a sentence with a write verb names them), ids it takes whose table its prose checks, tables of
 * nested objects in its bodies, tables of rules stated for every request, and tables the RLS policies and
 * database functions of touched tables read.
 */
function usesOf(input: DossierInput, db: DbPlan): Use[] {
  const { spec, endpoint } = input;
  const index = indexTables(db, spec.apiText);
  const uses = new Map<string, Use>();
  const use = (table: Table, why: string, write?: WriteKind): void => {
    const existing = uses.get(table.name) ?? { table, read: false, write: undefined, why: [] };
    if (write === undefined) existing.read = true;
    else if (existing.write === undefined || existing.write === 'update') existing.write = write;
    existing.why.push(why);
    uses.set(table.name, existing);
  };
  const method = endpoint.method;
  const writeOfMethod: WriteKind | undefined =
    method === 'POST'
      ? 'insert'
      : method === 'PUT' || method === 'PATCH'
        ? 'update'
        : method === 'DELETE'
          ? 'delete'
          : undefined;

  const segments = literalSegments(endpoint.path).filter((segment) => !SELF_SEGMENTS.has(segment.name));
  const last = segments.at(-1);
  const resource = last === undefined ? undefined : index.byKey(last.name);
  segments.slice(0, -1).forEach((segment) => {
    const table = index.byKey(segment.name);
    if (table !== undefined) use(table, segment.addressed ? 'parent named in the path' : 'named by the path');
  });
  if (resource !== undefined) {
    use(resource, 'the resource of the path', writeOfMethod);
  } else {
    const words = literalSegments(endpoint.path).map((segment) => segment.name);
    if (words.some((word) => ACCOUNT_SEGMENTS.has(word))) {
      const account = accountTable(db, spec.dbText);
      const creates = words.some((word) => CREATES_ACCOUNT.has(word));
      const write = creates ? 'insert' : method === 'GET' || method === 'POST' ? undefined : writeOfMethod;
      if (account !== undefined) use(account, 'the caller’s account', write);
    }
  }

  const prose = proseOf(endpoint.markdown);
  for (const sentence of prose.split(/\n|(?<=[.;!?])\s+/)) {
    const kind = writeKindOf(sentence);
    for (const table of tablesIn(sentence, index, kind !== undefined)) {
      if (kind !== undefined && method !== 'GET') use(table, 'written by a stated step', kind);
      else use(table, 'named by the endpoint');
    }
  }

  const proseKeys = new Set((prose.match(/[A-Za-z_]\w*/g) ?? []).map(fieldKey));
  const proseTables = new Set(tablesIn(prose, index, true).map((table) => table.name));
  const requestKeys = [
    ...endpoint.params.map((param) => param.name),
    ...allKeys(endpoint.requestBody),
    ...(prose.match(/\b[a-z]\w*_?[iI]ds?\b/g) ?? []),
  ];
  for (const key of requestKeys) {
    const stem = /^(.+?)_?(id|ids|Id|Ids|ID)$/.exec(key)?.[1];
    if (stem === undefined || stem === '') continue;
    const table = index.byKey(stem);
    if (table === undefined || uses.has(table.name)) continue;
    if (proseKeys.has(fieldKey(key)) || proseTables.has(table.name))
      use(table, `\`${key}\` must name an existing row`);
  }
  for (const key of nestedKeys(endpoint.requestBody)) {
    const table = index.byKey(key);
    if (table !== undefined && !uses.has(table.name))
      use(table, `rows given in \`${key}\``, writeOfMethod === 'delete' ? undefined : writeOfMethod);
  }
  for (const key of nestedKeys(endpoint.responseBody)) {
    const table = index.byKey(key);
    if (table !== undefined && !uses.has(table.name)) use(table, `the response includes \`${key}\``);
  }

  if (uses.size > 0) {
    const rules = outsideEndpoints(spec.apiText, spec.api.endpoints).map(unescape);
    for (const line of rules) {
      if (!GLOBAL_RULE.test(line)) continue;
      for (const table of tablesIn(line, index, false)) {
        use(
          table,
          'a rule stated for every request',
          COUNTER_RULE.test(line) && method !== 'GET' ? 'update' : undefined,
        );
        if (COUNTER_RULE.test(line) && method !== 'GET') use(table, 'a rule stated for every request');
      }
    }
    for (const fn of db.functions) {
      if (!rules.some((line) => line.includes(fn.name)) && !prose.includes(fn.name)) continue;
      for (const name of fn.tables) {
        const table = index.exact(name);
        if (table !== undefined) use(table, `read by \`${fn.name}()\``);
      }
    }
  }

  for (const touched of [...uses.values()]) {
    const operation = policyOperation(touched, method);
    for (const policy of db.policies) {
      if (policy.table !== touched.table.name) continue;
      if (policy.command !== undefined && policy.command !== 'ALL' && policy.command !== operation) continue;
      for (const table of tablesIn(policy.text, index, false)) {
        if (table.name !== touched.table.name)
          use(
            table,
            `read by the RLS policy ${policy.name ?? ''} of ${touched.table.name}`.replace('  ', ' '),
          );
      }
      for (const fn of db.functions) {
        if (!policy.text.includes(fn.name)) continue;
        for (const name of fn.tables) {
          const table = index.exact(name);
          if (table !== undefined && table.name !== touched.table.name)
            use(table, `read by \`${fn.name}()\` in an RLS policy`);
        }
      }
    }
  }
  return [...uses.values()];
}

const accessOf = (use: Use): TableAccess =>
  use.write === undefined ? 'read' : use.read ? 'read-write' : 'write';

/** Reads the db plan's facts about the tables one endpoint reads or writes. */
export function collectDbFacts(input: DossierInput): DbFacts {
  const { spec, endpoint } = input;
  const db = spec.db;
  if (db === undefined) {
    return {
      tables: [],
      writes: [],
      unique: [],
      checks: [],
      foreignKeys: [],
      triggers: [],
      policies: [],
      indexes: [],
      enums: [],
      gaps: [
        { what: 'tables', why: 'no db plan was found, so tables, constraints and policies are unknown' },
      ],
    };
  }
  const file = spec.sources.dbPlan ?? db.file;
  const at = (line: number): SourceRef => ({ file, line });
  const uses = usesOf(input, db).sort((a, b) => db.tables.indexOf(a.table) - db.tables.indexOf(b.table));
  const names = new Set(uses.map((use) => use.table.name));
  const touches = (table: string): boolean => names.has(table);
  const setKeys = new Set(
    [
      ...allKeys(endpoint.requestBody),
      ...endpoint.params.filter((p) => p.in === 'query').map((p) => p.name),
    ].map(fieldKey),
  );

  const unique: UniqueFact[] = [];
  const seen = new Set<string>();
  const candidates = [
    ...db.uniques.map((u) => ({
      table: u.table,
      columns: u.columns,
      where: undefined,
      text: u.text,
      line: u.line,
    })),
    ...db.indexes
      .filter((i) => i.unique)
      .map((i) => ({ table: i.table, columns: i.columns, where: i.where, text: i.text, line: i.line })),
  ];
  for (const written of uses.filter((use) => use.write === 'insert' || use.write === 'update')) {
    const primary = written.table.primaryKey
      .map((column) => column.toLowerCase())
      .sort()
      .join(',');
    for (const candidate of candidates) {
      if (candidate.table !== written.table.name) continue;
      const key = candidate.columns
        .map((column) => column.toLowerCase().replace(/"/g, ''))
        .sort()
        .join(',');
      if (key === primary || seen.has(`${candidate.table}:${key}`)) continue;
      const bare = candidate.columns.map(
        (column) => /\(\s*"?(\w+)/.exec(column)?.[1] ?? column.split(/\s/)[0] ?? column,
      );
      if (written.write === 'update' && !bare.some((column) => setKeys.has(fieldKey(column)))) continue;
      seen.add(`${candidate.table}:${key}`);
      unique.push({
        table: candidate.table,
        columns: candidate.columns,
        where: candidate.where,
        text: candidate.text,
        source: at(candidate.line),
      });
    }
  }

  const enumNames = new Set(
    uses.flatMap((use) =>
      use.table.columns.map((column) => (/^[\w.]+/.exec(column.type)?.[0] ?? '').toLowerCase()),
    ),
  );
  return {
    tables: uses.map(
      (use): TableFact => ({
        name: use.table.name,
        access: accessOf(use),
        why: use.why[0] ?? 'named by the endpoint',
        columns: use.table.columns,
        source: at(use.table.line),
      }),
    ),
    writes: uses.filter((use) => use.write !== undefined).map((use) => use.table.name),
    unique,
    checks: db.checks
      .filter((check) => touches(check.table))
      .map((check) => ({
        table: check.table,
        column: check.column,
        expression: check.expression,
        source: at(check.line),
      })),
    foreignKeys: uses.flatMap((use) =>
      use.table.foreignKeys.map((key) => ({
        table: use.table.name,
        column: key.column,
        references: key.references,
        onDelete: key.onDelete,
        source: at(use.table.line),
      })),
    ),
    triggers: db.triggers
      .filter((trigger) => touches(trigger.table))
      .map((trigger) => ({
        table: trigger.table,
        name: trigger.name,
        text: trigger.text,
        source: at(trigger.line),
      })),
    policies: db.policies
      .filter((policy) => touches(policy.table))
      .map((policy) => ({
        table: policy.table,
        name: policy.name,
        operation: policy.command,
        text: policy.text,
        source: at(policy.line),
      })),
    indexes: db.indexes
      .filter((index) => touches(index.table))
      .map((index) => ({
        table: index.table,
        name: index.name,
        columns: index.columns,
        unique: index.unique,
        where: index.where,
        text: index.text,
        source: at(index.line),
      })),
    enums: [...db.enums]
      .filter(([name]) => enumNames.has(name.toLowerCase()))
      .map(([name, values]) => ({ name, values, source: at(1) })),
    gaps: [],
  };
}
