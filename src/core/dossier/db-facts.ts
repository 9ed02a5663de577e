import type { DbPlan, Endpoint, Table } from '../docs/model.ts';
import { fieldKey, keyOf, words } from '../docs/related.ts';
import type { DossierInput } from './input.ts';
import type { Dossier, SourceRef, TableAccess, TableFact, UniqueFact } from './model.ts';

/** What the db plan says about the tables the endpoint touches. */
export type DbFacts = Pick<
  Dossier,
  | 'tables'
  | 'writes'
  | 'unique'
  | 'checks'
  | 'foreignKeys'
  | 'triggers'
  | 'policies'
  | 'indexes'
  | 'enums'
  | 'gaps'
>;

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
  /\b(create|creates|insert|inserts|add|adds|send|sends|wysyła|wyślij|records|logs|stores|save|saves|append|appends|provision|provisions|generate|generates|tworzy|utwórz|utworzy|dodaje|dodaj|zapisuje|zapisz|wstawia|wstaw|rejestruje)\b/i;
const UPDATE_VERBS =
  /\b(update|updates|increment|increments|decrement|decrements|sets|marks|upsert|upserts|replace|replaces|aktualizuje|zaktualizuj|zmienia|ustawia|oznacza)\b/i;
const DELETE_VERBS = /\b(delete|deletes|remove|removes|usuwa|usuń|kasuje)\b/i;

/** Words of a sentence that states a check the endpoint makes (EN and PL). */
const CHECK_WORDS =
  /\b(must|should|verify|verifies|check|checks|ensure|ensures|exists?|belongs?|valid|require|requires|wymaga|musi|muszą|sprawdza|sprawdź|weryfikuje|należy|istnieje)\b/i;
/** Verbs of joining a group: they insert the caller's membership row. */
const JOIN_VERBS = /\b(join|joins|dołącz|dołącza|dołączenie)\b/i;

/** The table that makes members of `group`: one with a foreign key to it and one to the user table. */
function membershipOf(db: DbPlan, group: Table, account: Table | undefined): Table | undefined {
  return db.tables.find(
    (table) =>
      table !== group &&
      table.foreignKeys.some((key) => key.references.table.toLowerCase() === group.name.toLowerCase()) &&
      table.foreignKeys.some(
        (key) =>
          key.references.table.toLowerCase() === account?.name.toLowerCase() ||
          /(^|\.)users?$/i.test(key.references.table),
      ),
  );
}

const METHOD_PATH = /\b(GET|POST|PUT|PATCH|DELETE)\s+`?\//;

function sentences(text: string): string[] {
  return text.split(/\n|(?<=[.;!?])\s+/);
}

/** The stem of the path's last literal segment (`/draws/{id}/match` → `match`), for finding rules that name it. */
function resourceStem(path: string): string | undefined {
  const last = literalSegments(path)
    .filter((segment) => !SELF_SEGMENTS.has(segment.name))
    .at(-1)?.name;
  const key = last === undefined ? '' : keyOf(last);
  return key.length >= 4 && /^[a-z_]+$/.test(key) ? key.replace(/_/g, '[ _-]?') : undefined;
}

/**
 * Lines of the section the endpoint is defined in (under its innermost heading, up to the next heading of the
 * same or a higher level) that belong to no endpoint: what the section says of all its endpoints.
 */
function sectionLines(apiText: string, endpoints: readonly Endpoint[], endpoint: Endpoint): string[] {
  const title = endpoint.section.at(-1);
  if (title === undefined) return [];
  const lines = apiText.split('\n');
  let start = -1;
  for (let at = endpoint.lines.start - 2; at >= 0; at--) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[at] ?? '');
    if (heading !== null && (heading[2] ?? '').includes(title.slice(0, 20))) {
      start = at;
      break;
    }
  }
  if (start < 0) return [];
  const depth = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
  const inside = new Set<number>();
  for (const other of endpoints) {
    for (let line = other.lines.start; line <= other.lines.end; line++) inside.add(line);
  }
  const found: string[] = [];
  for (let at = start + 1; at < lines.length; at++) {
    const heading = /^(#{1,6})\s/.exec(lines[at] ?? '');
    if (heading !== null && (heading[1]?.length ?? 7) <= depth) break;
    if (!inside.has(at + 1)) found.push(unescapeMarkdown(lines[at] ?? ''));
  }
  return found;
}

/** Lines outside any endpoint that state a rule for every request: they name tables every endpoint reads. */
const GLOBAL_RULE =
  /middleware|rate.?limit|throttl|every request|all requests|each request|all endpoints|every endpoint|wszystkie (żądania|endpointy)|każde żądanie|każdy endpoint/i;
/** A line that scopes requests (RLS, auth, ownership): a database function it names runs for every request. */
const SCOPE_RULE = /\brls\b|polic|auth|scope|every|all\b|każd|wszystk|each/i;
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
  /** `byKey`, or else the one table whose name starts with the word (`favorites` → `FavoriteGames`). */
  readonly byPrefix: (word: string) => Table | undefined;
  /** The table a longer name ends with: `current_user_household_members` → `household_members`. */
  readonly endingOf: (word: string) => Table | undefined;
};

/**
 * Aliases the API plan gives its resources: a list item or table row that names exactly one table and a label
 * (`| Participants | GroupParticipants |`, `- User–Room Membership (user_room)`) makes the label name the table.
 */
function apiAliases(apiText: string, tables: readonly Table[]): Map<string, Table> {
  const aliases = new Map<string, Table>();
  const byLower = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  const LABEL = /^[A-Za-z][A-Za-z\s–-]{0,40}$/;
  for (const raw of unescapeMarkdown(apiText).split('\n')) {
    const line = raw.replace(/[`*]/g, '').trim();
    let label: string | undefined;
    let name: string | undefined;
    if (line.startsWith('|')) {
      const cells = line.split('|').map((cell) => cell.trim());
      label = cells[1];
      name = /^([A-Za-z_][\w.]*)(\s*\(.*\))?$/.exec(cells[2] ?? '')?.[1];
    } else {
      const bullet =
        /^[-*+]\s*([A-Za-z][A-Za-z\s–-]{0,40}?)\s*(?:\(\s*([A-Za-z_][\w.]*)(?:\s+table)?\s*\)|[:—–]\s*([A-Za-z_][\w.]*)(?:\s+table)?\s*$)/i.exec(
          line,
        );
      label = bullet?.[1];
      name = bullet?.[2] ?? bullet?.[3];
    }
    const table = name === undefined ? undefined : byLower.get(name.toLowerCase());
    if (table === undefined || label === undefined || !LABEL.test(label) || label.split(/\s+/).length > 3)
      continue;
    if (/^(GET|POST|PUT|PATCH|DELETE|table|tabela)$/i.test(label)) continue;
    const key = keyOf(label);
    if (key !== '' && key !== keyOf(table.name) && !aliases.has(key)) aliases.set(key, table);
  }
  return aliases;
}

/**
 * One table of several that fit a word: the only one, or the one other tables point at most (`games` is
 * `BoardGames`, which reviews, ratings and favorites reference, not `FavoriteGames`); undefined on a tie.
 */
function mostReferenced(candidates: readonly Table[], tables: readonly Table[]): Table | undefined {
  if (candidates.length <= 1) return candidates[0];
  const incoming = (table: Table): number =>
    tables.filter((other) =>
      other.foreignKeys.some((key) => key.references.table.toLowerCase() === table.name.toLowerCase()),
    ).length;
  const ranked = [...candidates].sort((a, b) => incoming(b) - incoming(a));
  const [first, second] = ranked;
  return first !== undefined && second !== undefined && incoming(first) > incoming(second)
    ? first
    : undefined;
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
      return mostReferenced(suffixed, db.tables);
    },
    byPrefix: (word) => {
      const key = keyOf(word);
      const prefixed = db.tables.filter((table) => keyOf(table.name).startsWith(`${key}_`));
      return key === '' ? undefined : mostReferenced(prefixed, db.tables);
    },
    endingOf: (word) => {
      const key = keyOf(word);
      const endings = db.tables
        .filter((table) => keyOf(table.name).includes('_') && key.endsWith(`_${keyOf(table.name)}`))
        .sort((a, b) => b.name.length - a.name.length);
      return endings[0];
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
  // `age_groups.id` names the table `age_groups`; `auth.users` is a table of its own.
  const tokens = (sentence.match(/[A-Za-z_][\w.]*/g) ?? []).flatMap((word) =>
    index.exact(word) !== undefined ? [word] : word.split('.').filter((part) => part !== ''),
  );
  tokens.forEach((word, at) => {
    const exact = index.exact(word);
    const multiWord = word.includes('_') || /[a-z][A-Z]/.test(word) || word.includes('.');
    if (exact !== undefined && (multiWord || word === exact.name || loose)) {
      found.push(exact);
      return;
    }
    if (multiWord) {
      const keyed = index.byKey(word) ?? index.endingOf(word);
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

/**
 * Tables a policy reads: after `FROM`/`JOIN`, in backticks, or by a name no prose word could be
 * (`household_members`); "anonymous users cannot access" names no table.
 */
function tablesInPolicy(text: string, index: TableIndex): Table[] {
  const sqlish = [
    ...[...text.matchAll(/\b(?:from|join)\s+"?([A-Za-z_][\w.]*)/gi)].map((match) => match[1] ?? ''),
    ...[...text.matchAll(/`([A-Za-z_][\w.]*)`/g)].map((match) => match[1] ?? ''),
  ].flatMap((name) => index.exact(name) ?? []);
  return [...sqlish, ...tablesIn(text, index, false).filter((table) => /[_.]|[a-z][A-Z]/.test(table.name))];
}

/** Words that end a write verb's object: what follows says for whom, from where or when (EN and PL). */
const OBJECT_END =
  /\b(for|from|in|with|by|on|at|as|when|if|based|using|via|after|before|then|and|dla|z|ze|w|we|jako|przy|na|po|gdy|jeśli|jeżeli|oraz|i|przez)\b|[,:;()]/i;
/** Words that point at where the object goes: `Add game to favorites`. */
const TARGET_WORD = /\b(to|into|do)\b/i;

/**
 * A sentence's write step: the verb's kind, the object it writes (`Create telemetry event` → telemetry event;
 * `Add game to favorites` → favorites) and the words read on the way (game). Undefined without a write verb.
 */
function writeSteps(
  sentence: string,
): { readonly kind: WriteKind; readonly target: string; readonly source: string }[] {
  const verbs: readonly [RegExp, WriteKind][] = [
    [DELETE_VERBS, 'delete'],
    [INSERT_VERBS, 'insert'],
    [UPDATE_VERBS, 'update'],
  ];
  const steps: { readonly kind: WriteKind; readonly target: string; readonly source: string }[] = [];
  for (const [pattern, kind] of verbs) {
    for (const match of sentence.matchAll(new RegExp(pattern.source, 'gi'))) {
      const after = sentence.slice(match.index + match[0].length);
      const end = OBJECT_END.exec(after);
      const object = end === null ? after : after.slice(0, end.index);
      const words = object.trim().split(/\s+/).slice(0, 5).join(' ');
      const target = TARGET_WORD.exec(words);
      const rest = after.slice(end === null ? after.length : end.index);
      const from = /^\s*(from|z|ze)\s+((\S+\s*){1,3})/i.exec(rest)?.[2] ?? '';
      // What is sent is the object; `to` names who receives it, not where it is written.
      if (target !== null && SEND_VERBS.test(match[0])) {
        steps.push({ kind, target: headNoun(words.slice(0, target.index)), source: from });
      } else if (target === null) steps.push({ kind, target: headNoun(words), source: from });
      else
        steps.push({
          kind,
          target: headNoun(words.slice(target.index + target[0].length)),
          source: `${words.slice(0, target.index)} ${from}`,
        });
    }
  }
  return steps;
}

const SEND_VERBS = /^(send|sends|wysyła|wyślij)$/i;

/** Nouns for what a message carries: a row of the table named by the word before them. */
const SENT_NOUNS = /^(link|links|token|tokens|code|codes|url|email|mail|e-mail|link[a-z]*)$/i;

/** Tables a noun phrase names: any exact or snake/camel name in it, else its last two words or its last word. */
function nounTables(phrase: string, index: TableIndex): Table[] {
  const named = tablesIn(phrase, index, false);
  if (named.length > 0) return named;
  const words = phrase.split(/\s+/).filter((word) => /^[A-Za-z]/.test(word));
  const last = words.at(-1);
  if (last === undefined) return [];
  const pair = words.length > 1 ? index.byKey(`${words.at(-2)}_${last}`) : undefined;
  // `confirmation link`, `reset token`: what is sent is a row of the table its modifier names.
  const modifier = SENT_NOUNS.test(last) && words.length > 1 ? index.byKey(words.at(-2) ?? '') : undefined;
  const table = pair ?? modifier ?? index.exact(last) ?? index.byKey(last);
  return table === undefined ? [] : [table];
}

/** Words that only say "a row of": `quest record`, `quest_props relationships`, `wpis w historii`. */
const FILLER_NOUNS =
  /^(record|records|row|rows|entry|entries|relationship|relationships|relation|relations|object|objects|item|items|data|rekord|rekordy|wpis|wpisy|obiekt|dane)$/i;

/** The last noun of an object phrase with the word before it: `a new telemetry event` → `telemetry event`. */
function headNoun(phrase: string): string {
  const words = phrase
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  while (words.length > 1 && FILLER_NOUNS.test(words.at(-1) ?? '')) words.pop();
  return words.slice(-2).join(' ');
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
  const resource = last === undefined ? undefined : (index.byKey(last.name) ?? index.byPrefix(last.name));
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
  const account = accountTable(db, spec.dbText);
  const readSentence = (sentence: string, where: string, only?: 'writes' | 'checks'): void => {
    const onlyWrites = only !== undefined;
    if (!onlyWrites) for (const table of tablesIn(sentence, index, false)) use(table, `named by ${where}`);
    if (only !== 'writes' && CHECK_WORDS.test(sentence)) {
      for (const table of tablesIn(sentence.replace(/^[^:]*\b(must|should)\b/i, '$1'), index, true)) {
        if (table.name !== account?.name) use(table, `read by a check ${where} states`);
      }
    }
    const joined = JOIN_VERBS.exec(sentence);
    if (joined !== null && method !== 'GET' && !onlyWrites) {
      for (const joinedTable of tablesIn(
        headNoun(sentence.slice(joined.index + joined[0].length).split(OBJECT_END)[0] ?? ''),
        index,
        true,
      )) {
        use(joinedTable, 'the group joined');
        const membership = membershipOf(db, joinedTable, account);
        if (membership !== undefined) use(membership, 'the membership row joining inserts', 'insert');
      }
    }
    if (method === 'GET') return;
    for (const step of writeSteps(sentence)) {
      for (const table of nounTables(step.target, index)) {
        // The user table is named in passing ("for the user") unless written as a name (`users`).
        if (table !== account || uses.has(table.name) || step.target.includes('`'))
          use(table, `written by a step ${where} states`, step.kind);
      }
      if (onlyWrites) continue;
      for (const table of tablesIn(step.source, index, true)) {
        if (table !== account) use(table, `read by a step ${where} states`);
      }
      for (const column of step.target.match(/[a-z]+_[a-z_]+/g) ?? []) {
        const owners = [...uses.values()].filter((owned) =>
          owned.table.columns.some((c) => c.name === column),
        );
        if (owners.length === 1 && owners[0] !== undefined)
          use(owners[0].table, `its \`${column}\` is set`, step.kind === 'insert' ? 'update' : step.kind);
      }
    }
  };
  for (const sentence of sentences(prose)) readSentence(sentence, 'the endpoint');
  const outside = outsideEndpoints(spec.apiText, spec.api.endpoints).map(unescapeMarkdown);
  // Business rules written apart from the endpoint (`- **Account provisioning**: after matching, create users`)
  // add their writes when their opening words name its resource: the last literal path segment, any inflection.
  const stem = resourceStem(endpoint.path);
  if (stem !== undefined && method !== 'GET') {
    const labelNames = new RegExp(`^\\s*([-*+]|\\d+\\.)\\s+\\**[^:*]{0,40}?\\b${stem}[^:*]{0,40}\\**:`, 'i');
    const opening = new RegExp(
      `^\\s*([-*+]|\\d+\\.)\\s+\\**[^:]{0,40}?\\b${stem}[^:]{0,40}:|^\\s*([-*+]|\\d+\\.)\\s+\\**(\\S+\\s+){0,4}${stem}`,
      'i',
    );
    for (const line of outside) {
      if (METHOD_PATH.test(line) || !opening.test(line)) continue;
      const labelled = labelNames.test(line);
      for (const sentence of sentences(line))
        readSentence(sentence, 'a rule for it', labelled ? 'checks' : 'writes');
    }
  }
  // Lines shared by the endpoint's section (`Errors: 409 Conflict (already member)`) state its checks too.
  for (const line of sectionLines(spec.apiText, spec.api.endpoints, endpoint)) {
    for (const match of line.matchAll(/\b4\d\d\b[^(,;]*\(([^)]*)\)/g)) {
      for (const table of nounTables(match[1] ?? '', index)) {
        if (table !== account) use(table, 'read by a check its section states');
      }
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
  const accountIsResource = [...uses.values()].some((used) => used.why.includes('the caller’s account'));
  for (const key of nestedKeys(endpoint.responseBody)) {
    const table = index.byKey(key.replace(/\d+$/, ''));
    if (table === undefined || uses.has(table.name)) continue;
    if (accountIsResource && /(^|_)users?$/i.test(keyOf(table.name))) continue;
    use(table, `the response includes \`${key}\``);
  }
  for (const key of allKeys(endpoint.responseBody)) {
    const counted = /^(total|count|num|number)_?(.+)$|^(.+?)_?(count|total)$/i.exec(key);
    const noun = counted?.[2] ?? counted?.[3];
    const table = noun === undefined ? undefined : (index.byKey(noun) ?? index.byPrefix(noun));
    if (table === undefined || uses.has(table.name) || noun === undefined) continue;
    // `total_likes` beside a stored `likes_count` is read from the row, not counted in another table.
    const stored = [...uses.values()].some((used) =>
      used.table.columns.some((column) => column.name.toLowerCase().includes(noun.toLowerCase())),
    );
    if (!stored) use(table, `the response counts it in \`${key}\``);
  }

  if (uses.size > 0) {
    const rules = outsideEndpoints(spec.apiText, spec.api.endpoints).map(unescapeMarkdown);
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
      // A trigger function runs on its table's writes, not on every request.
      if (/returns\s+trigger/i.test(fn.text)) continue;
      const stated = rules.some((line) => line.includes(fn.name) && SCOPE_RULE.test(line));
      if (!stated && !prose.includes(fn.name)) continue;
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
      for (const table of tablesInPolicy(policy.text, index)) {
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
  if (db === undefined || db.tables.length === 0) {
    const unread = (spec.unreadDocs ?? []).find((doc) => doc.kind === 'dbPlan');
    const empty = db?.diagnostics.find((found) => found.code === 'db-no-tables');
    const why =
      unread !== undefined
        ? `${unread.file}:${unread.line}: ${unread.reason}`
        : db !== undefined
          ? `${spec.sources.dbPlan ?? db.file}:${empty?.line ?? 1}: ${empty?.message ?? 'no tables found'}`
          : 'no db plan was found, so tables, constraints and policies are unknown';
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
      gaps: [{ what: 'tables', why }],
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
      .map(([name, values]) => ({
        name,
        values,
        source: at(spec.dbText === undefined ? 1 : lineOfText(spec.dbText, name)),
      })),
    gaps: [],
  };
}
