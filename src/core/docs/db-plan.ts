import type { Heading, List, ListItem, Table as MdTable, Paragraph, Root, RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type {
  CheckDef,
  Column,
  DbPlan,
  Diagnostic,
  ForeignKey,
  FunctionDef,
  IndexDef,
  RlsPolicy,
  TriggerDef,
  UniqueDef,
  WriteEvent,
} from './model.ts';
import { boundNesting } from './nesting.ts';

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'dollar';

/** One SQL token; `start`/`end` are offsets into the text it came from. */
type Token = {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
};

const isWordStart = (ch: string): boolean => /[A-Za-z_\u00C0-\u024F]/.test(ch);
const isWordPart = (ch: string): boolean => /[\w$\u00C0-\u024F]/.test(ch);

/** Splits SQL into tokens, skipping `--` and `/* *\/` comments; strings and `$$` bodies stay one token. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const ch = sql[index] ?? '';
    const start = index;
    if (/\s/.test(ch)) {
      index++;
    } else if (ch === '-' && sql[index + 1] === '-') {
      while (index < sql.length && sql[index] !== '\n') index++;
    } else if (ch === '/' && sql[index + 1] === '*') {
      const close = sql.indexOf('*/', index + 2);
      index = close < 0 ? sql.length : close + 2;
    } else if (ch === "'") {
      index++;
      while (index < sql.length) {
        if (sql[index] === "'" && sql[index + 1] === "'") index += 2;
        else if (sql[index] === "'") break;
        else index++;
      }
      index = Math.min(index + 1, sql.length);
      tokens.push({ kind: 'string', text: sql.slice(start, index), start, end: index });
    } else if (ch === '"') {
      const close = sql.indexOf('"', index + 1);
      index = close < 0 ? sql.length : close + 1;
      tokens.push({ kind: 'quoted', text: sql.slice(start + 1, index - 1), start, end: index });
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(index))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(index))?.[0] ?? '$$';
      const close = sql.indexOf(tag, index + tag.length);
      index = close < 0 ? sql.length : close + tag.length;
      tokens.push({ kind: 'dollar', text: sql.slice(start, index), start, end: index });
    } else if (isWordStart(ch)) {
      while (index < sql.length && isWordPart(sql[index] ?? '')) index++;
      tokens.push({ kind: 'word', text: sql.slice(start, index), start, end: index });
    } else if (/\d/.test(ch)) {
      while (index < sql.length && /[\d.]/.test(sql[index] ?? '')) index++;
      tokens.push({ kind: 'number', text: sql.slice(start, index), start, end: index });
    } else {
      const pair = sql.slice(index, index + 2);
      const width = ['::', '->', '<=', '>=', '<>', '!=', '||'].includes(pair) ? 2 : 1;
      index += width;
      tokens.push({ kind: 'punct', text: sql.slice(start, index), start, end: index });
    }
  }
  return tokens;
}

/** A statement: its tokens and where it sits in the source. */
type Statement = { readonly tokens: readonly Token[]; readonly text: string; readonly line: number };

function splitStatements(sql: string, firstLine: number): Statement[] {
  const statements: Statement[] = [];
  let current: Token[] = [];
  const flush = (end: number): void => {
    const first = current[0];
    if (first !== undefined) {
      statements.push({
        tokens: current,
        text: sql.slice(first.start, end).trim(),
        line: firstLine + countLines(sql.slice(0, first.start)),
      });
    }
    current = [];
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'punct' && token.text === ';') flush(token.end);
    else current.push(token);
  }
  flush(current.at(-1)?.end ?? sql.length);
  return statements;
}

const countLines = (text: string): number => text.split('\n').length - 1;
const upper = (token: Token | undefined): string => (token?.kind === 'word' ? token.text.toUpperCase() : '');
const isPunct = (token: Token | undefined, text: string): boolean =>
  token?.kind === 'punct' && token.text === text;

/** Index of the `)` matching the `(` at `open`, or the last index when unbalanced. */
function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    if (isPunct(tokens[index], '(')) depth++;
    else if (isPunct(tokens[index], ')')) {
      depth--;
      if (depth === 0) return index;
    }
  }
  return tokens.length - 1;
}

/** Splits tokens at top-level commas. */
function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isPunct(token, '(')) depth++;
    if (isPunct(token, ')')) depth--;
    if (depth === 0 && isPunct(token, ',')) parts.push([]);
    else parts.at(-1)?.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

const sliceOf = (source: string, tokens: readonly Token[]): string => {
  const first = tokens[0];
  const last = tokens.at(-1);
  return first === undefined || last === undefined ? '' : source.slice(first.start, last.end);
};

/** A possibly schema-qualified name starting at `index`: `public.meal_plans` → `meal_plans`, `auth.users` kept. */
function readName(
  tokens: readonly Token[],
  index: number,
): { readonly name: string; readonly next: number } | undefined {
  const parts: string[] = [];
  let at = index;
  while (tokens[at]?.kind === 'word' || tokens[at]?.kind === 'quoted') {
    parts.push(tokens[at]?.text ?? '');
    if (!isPunct(tokens[at + 1], '.')) break;
    at += 2;
  }
  if (parts.length === 0) return undefined;
  const qualified = parts[0]?.toLowerCase() === 'public' && parts.length > 1 ? parts.slice(1) : parts;
  return { name: qualified.join('.'), next: at + 1 };
}

/** Words that start a column constraint clause. */
const CONSTRAINT_WORDS: ReadonlySet<string> = new Set([
  'NOT',
  'NULL',
  'PRIMARY',
  'PK',
  'UNIQUE',
  'DEFAULT',
  'CHECK',
  'REFERENCES',
  'FK',
  'CONSTRAINT',
  'GENERATED',
  'COLLATE',
  'IDENTITY',
]);

/**
 * Splits constraint text into clauses as written: at top-level commas and where a constraint keyword starts
 * (`NOT NULL DEFAULT now()` → `NOT NULL`, `DEFAULT now()`). `NULL` after `NOT`, `DEFAULT` or `IS` continues a clause.
 */
function constraintClauses(source: string, tokens: readonly Token[]): string[] {
  const clauses: Token[][] = [];
  let depth = 0;
  let previous: Token | undefined;
  for (const token of tokens) {
    const word = upper(token);
    const continues =
      (word === 'NULL' && ['NOT', 'DEFAULT', 'IS', 'SET'].includes(upper(previous))) ||
      (word === 'DEFAULT' && upper(previous) === 'SET') ||
      (word === 'KEY' && ['PRIMARY', 'FOREIGN'].includes(upper(previous)));
    const current = clauses.at(-1);
    const afterConstraintName =
      current !== undefined && upper(current[0]) === 'CONSTRAINT' && current.length <= 2;
    if (depth === 0 && isPunct(token, ',')) {
      clauses.push([]);
    } else if (depth === 0 && CONSTRAINT_WORDS.has(word) && !continues && !afterConstraintName) {
      clauses.push([token]);
    } else if (current === undefined) {
      clauses.push([token]);
    } else {
      current.push(token);
    }
    if (isPunct(token, '(')) depth++;
    if (isPunct(token, ')')) depth--;
    previous = token;
  }
  return clauses.map((clause) => sliceOf(source, clause).trim()).filter((clause) => clause !== '');
}

/** Reads `REFERENCES x(id) ON DELETE CASCADE`, `FK -> x(id)`, `FK → X(Id)` or `Foreign Key to X.id`. */
function foreignKeyIn(column: string, constraint: string): ForeignKey | undefined {
  const tokens = tokenize(constraint);
  let at = tokens.findIndex((token) => ['REFERENCES', 'FK'].includes(upper(token)));
  if (at < 0) {
    at = tokens.findIndex(
      (token, index) =>
        upper(token) === 'FOREIGN' && upper(tokens[index + 1]) === 'KEY' && upper(tokens[index + 2]) === 'TO',
    );
    if (at < 0) return undefined;
    at += 2;
  }
  at++;
  while (tokens[at]?.kind === 'punct' && !isPunct(tokens[at], '(')) at++;
  if (upper(tokens[at]) === 'TO') at++;
  const target = readName(tokens, at);
  if (target === undefined) return undefined;
  let table = target.name;
  let referenced: string | undefined;
  if (isPunct(tokens[target.next], '(') && tokens[target.next + 1]?.kind !== 'punct') {
    referenced = tokens[target.next + 1]?.text;
  } else if (target.name.includes('.') && !target.name.startsWith('auth.')) {
    const dot = target.name.lastIndexOf('.');
    table = target.name.slice(0, dot);
    referenced = target.name.slice(dot + 1);
  }
  const onDelete = tokens.findIndex(
    (token, index) => upper(token) === 'ON' && upper(tokens[index + 1]) === 'DELETE',
  );
  const action =
    onDelete < 0
      ? undefined
      : ['SET', 'NO'].includes(upper(tokens[onDelete + 2]))
        ? `${upper(tokens[onDelete + 2])} ${upper(tokens[onDelete + 3])}`
        : upper(tokens[onDelete + 2]) || undefined;
  return { column, references: { table, column: referenced }, onDelete: action };
}

/** Reads `FOREIGN KEY (a, b) REFERENCES t(x, y) ON DELETE …`: one key per local column. */
function tableForeignKeys(source: string, tokens: readonly Token[]): ForeignKey[] {
  const at = tokens.findIndex(
    (token, index) => upper(token) === 'FOREIGN' && upper(tokens[index + 1]) === 'KEY',
  );
  if (at < 0 || !isPunct(tokens[at + 2], '(')) return [];
  const close = closingParen(tokens, at + 2);
  const locals = splitTopLevel(tokens.slice(at + 3, close)).map((part) => part[0]?.text ?? '');
  const rest = sliceOf(source, tokens.slice(close + 1));
  const refsAt = tokens.findIndex((token) => upper(token) === 'REFERENCES');
  const targetColumns =
    refsAt >= 0 && isPunct(tokens[refsAt + 2], '(')
      ? splitTopLevel(tokens.slice(refsAt + 3, closingParen(tokens, refsAt + 2))).map((part) => part[0]?.text)
      : [];
  return locals.flatMap((column, index) => {
    const key = foreignKeyIn(column, rest);
    if (key === undefined) return [];
    return [
      {
        ...key,
        references: { table: key.references.table, column: targetColumns[index] ?? key.references.column },
      },
    ];
  });
}

type TableDraft = {
  name: string;
  columns: Column[];
  foreignKeys: ForeignKey[];
  primaryKey: string[];
  line: number;
};

/** Bullet columns whose type is not a known SQL type: dropped at the end unless an enum of the plan has that name. */
type PendingColumn = {
  readonly table: TableDraft;
  readonly column: Column;
  readonly key: ForeignKey | undefined;
};

type Builder = {
  readonly file: string;
  readonly tables: Map<string, TableDraft>;
  readonly indexes: IndexDef[];
  readonly policies: RlsPolicy[];
  readonly enums: Map<string, readonly string[]>;
  readonly pending: PendingColumn[];
  readonly uniques: UniqueDef[];
  readonly checks: CheckDef[];
  readonly triggers: TriggerDef[];
  readonly functions: FunctionDef[];
  /** Prose that names a trigger: its table is resolved once every table is known. */
  readonly triggerNotes: {
    readonly text: string;
    readonly line: number;
    readonly context: string | undefined;
  }[];
  readonly diagnostics: Diagnostic[];
};

function tableDraft(builder: Builder, name: string, line: number): TableDraft {
  const key = name.toLowerCase();
  const existing = builder.tables.get(key);
  if (existing !== undefined) return existing;
  const draft: TableDraft = { name, columns: [], foreignKeys: [], primaryKey: [], line };
  builder.tables.set(key, draft);
  return draft;
}

function addColumn(
  builder: Builder,
  table: TableDraft,
  column: Column,
  key: ForeignKey | undefined,
  line: number,
): void {
  if (table.columns.some((existing) => existing.name.toLowerCase() === column.name.toLowerCase())) return;
  table.columns.push(column);
  if (key !== undefined) addForeignKey(table, key);
  for (const clause of column.constraints) {
    const bare = clause.replace(/^constraint\s+\S+\s+/i, '');
    if (/^(primary\s+key|pk)\b/i.test(bare)) {
      if (table.primaryKey.length === 0) table.primaryKey.push(column.name);
    } else if (/^unique\b/i.test(bare)) {
      builder.uniques.push({
        table: table.name,
        columns: [column.name],
        name: undefined,
        text: `${column.name} ${clause}`,
        line,
      });
    } else if (/^check\b/i.test(bare)) {
      builder.checks.push({ table: table.name, column: column.name, expression: bare, line });
    }
  }
}

/**
 * A table-level constraint as written in SQL, a bullet or a column table's nameless row: `UNIQUE (a, b)`,
 * `CONSTRAINT n UNIQUE (a)`, `PRIMARY KEY (a, b)`, `CHECK (a < b)`, `FOREIGN KEY (a) REFERENCES t(id)`.
 */
function addTableConstraint(builder: Builder, table: TableDraft, text: string, line: number): void {
  const tokens = tokenize(text);
  let at = 0;
  let name: string | undefined;
  if (upper(tokens[0]) === 'CONSTRAINT') {
    name = tokens[1]?.text;
    at = 2;
  }
  const head = upper(tokens[at]);
  const open = tokens.findIndex((token, index) => index > at && isPunct(token, '('));
  const columns =
    open < 0
      ? []
      : splitTopLevel(tokens.slice(open + 1, closingParen(tokens, open))).map((part) =>
          sliceOf(text, part).replace(/^"|"$/g, ''),
        );
  if (head === 'UNIQUE' && columns.length > 0) {
    builder.uniques.push({ table: table.name, columns, name, text: text.trim(), line });
  } else if (head === 'PRIMARY' && columns.length > 0) {
    if (table.primaryKey.length === 0) table.primaryKey.push(...columns);
  } else if (head === 'CHECK') {
    builder.checks.push({
      table: table.name,
      column: undefined,
      expression: sliceOf(text, tokens.slice(at)),
      line,
    });
  } else if (head === 'FOREIGN') {
    for (const key of tableForeignKeys(text, tokens)) addForeignKey(table, key);
  }
}

function addForeignKey(table: TableDraft, key: ForeignKey): void {
  const same = table.foreignKeys.some(
    (existing) => existing.column === key.column && existing.references.table === key.references.table,
  );
  if (!same) table.foreignKeys.push(key);
}

/** A column definition `name type constraints…` (commas between clauses allowed); undefined when it is none. */
function readColumn(
  source: string,
  tokens: readonly Token[],
): { readonly column: Column; readonly key: ForeignKey | undefined } | undefined {
  const nameToken = tokens[0];
  if (nameToken === undefined || (nameToken.kind !== 'word' && nameToken.kind !== 'quoted')) return undefined;
  let at = 1;
  if (isPunct(tokens[at], ':')) at++;
  while (isPunct(tokens[at], ',')) at++;
  const typeStart = at;
  while (at < tokens.length) {
    const token = tokens[at];
    if (isPunct(token, ',') || CONSTRAINT_WORDS.has(upper(token))) break;
    if (isPunct(token, '(')) {
      const close = closingParen(tokens, at);
      const inner = tokens.slice(at + 1, close);
      if (inner.some((part) => part.kind === 'word') && at > typeStart) break;
      at = close + 1;
      continue;
    }
    at++;
  }
  const typeTokens = tokens.slice(typeStart, at);
  if (typeTokens.length === 0) return undefined;
  const type = sliceOf(source, typeTokens);
  const constraints = constraintClauses(source, tokens.slice(at)).map((clause) =>
    clause.startsWith('(') && clause.endsWith(')') ? clause.slice(1, -1).trim() : clause,
  );
  const column: Column = { name: nameToken.text, type, constraints };
  const key = constraints
    .map((clause) => foreignKeyIn(column.name, clause))
    .find((found) => found !== undefined);
  return { column, key };
}

const SQL_TYPES: ReadonlySet<string> = new Set(
  (
    'uuid text varchar char character nchar nvarchar citext integer int int2 int4 int8 smallint bigint serial ' +
    'smallserial bigserial serial4 serial8 numeric decimal real double float float4 float8 money boolean bool date ' +
    'time timetz timestamp timestamptz interval json jsonb bytea inet cidr macaddr int4range int8range numrange ' +
    'tsrange tstzrange daterange tsvector xml enum array point geometry geography string number datetime'
  ).split(' '),
);

function isKnownType(type: string, enums: ReadonlyMap<string, readonly string[]>): boolean {
  const first = (/^[\w.]+/.exec(type)?.[0] ?? '').toLowerCase();
  const bare = first.includes('.') ? (first.split('.').pop() ?? first) : first;
  if (SQL_TYPES.has(bare)) return true;
  return [...enums.keys()].some((name) => name.toLowerCase() === bare);
}

function handleStatement(builder: Builder, statement: Statement, contextTable: string | undefined): void {
  const { tokens, text: source } = statement;
  const offset = tokens[0]?.start ?? 0;
  const src = (list: readonly Token[]): string => {
    const first = list[0];
    const last = list.at(-1);
    return first === undefined || last === undefined
      ? ''
      : source.slice(first.start - offset, last.end - offset);
  };
  let at = 0;
  if (upper(tokens[at]) === 'ALTER' && upper(tokens[at + 1]) === 'TABLE') {
    handleAlterTable(builder, statement);
    return;
  }
  if (upper(tokens[at]) !== 'CREATE') return;
  at++;
  if (upper(tokens[at]) === 'OR' && upper(tokens[at + 1]) === 'REPLACE') at += 2;
  while (['UNLOGGED', 'TEMP', 'TEMPORARY', 'GLOBAL', 'LOCAL'].includes(upper(tokens[at]))) at++;
  const unique = upper(tokens[at]) === 'UNIQUE';
  if (unique) at++;
  switch (upper(tokens[at])) {
    case 'TABLE': {
      at++;
      if (upper(tokens[at]) === 'IF') at += 3;
      const name = readName(tokens, at);
      if (name === undefined || !isPunct(tokens[name.next], '(')) {
        builder.diagnostics.push(
          diagnostic(
            builder,
            statement.line,
            'warning',
            'db-sql-unparsed',
            `CREATE TABLE without a column list: ${short(source)}`,
          ),
        );
        return;
      }
      const table = tableDraft(builder, name.name, statement.line);
      const close = closingParen(tokens, name.next);
      for (const element of splitTopLevel(tokens.slice(name.next + 1, close))) {
        const head = upper(element[0]);
        const elementLine =
          statement.line + countLines(source.slice(0, (element[0]?.start ?? offset) - offset));
        if (['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE', 'LIKE'].includes(head)) {
          addTableConstraint(builder, table, src(element), elementLine);
          continue;
        }
        const elementText = src(element);
        const read = readColumn(elementText, tokenize(elementText));
        if (read !== undefined) addColumn(builder, table, read.column, read.key, elementLine);
      }
      return;
    }
    case 'INDEX': {
      at++;
      if (upper(tokens[at]) === 'CONCURRENTLY') at++;
      if (upper(tokens[at]) === 'IF') at += 3;
      let name: string | undefined;
      if (upper(tokens[at]) !== 'ON') {
        name = readName(tokens, at)?.name;
        at = readName(tokens, at)?.next ?? at + 1;
      }
      if (upper(tokens[at]) !== 'ON') return;
      at++;
      if (upper(tokens[at]) === 'ONLY') at++;
      const table = readName(tokens, at);
      if (table === undefined) return;
      at = table.next;
      if (upper(tokens[at]) === 'USING') at += 2;
      const close = isPunct(tokens[at], '(') ? closingParen(tokens, at) : at - 1;
      const columns = isPunct(tokens[at], '(')
        ? splitTopLevel(tokens.slice(at + 1, close)).map((part) => src(part))
        : [];
      const whereAt = tokens.findIndex((token, index) => index > close && upper(token) === 'WHERE');
      builder.indexes.push({
        name,
        table: table.name,
        columns,
        unique,
        where: whereAt < 0 ? undefined : src(tokens.slice(whereAt + 1)) || undefined,
        text: source.endsWith(';') ? source : `${source};`,
        line: statement.line,
      });
      return;
    }
    case 'POLICY': {
      at++;
      if (isPunct(tokens[at + 1], '{')) return;
      const name = tokens[at]?.kind === 'string' ? tokens[at]?.text.slice(1, -1) : readName(tokens, at)?.name;
      const onAt = tokens.findIndex((token) => upper(token) === 'ON');
      const table = onAt >= 0 ? readName(tokens, onAt + 1)?.name : contextTable;
      if (table === undefined || table.includes('{')) return;
      const forAt = tokens.findIndex((token) => upper(token) === 'FOR');
      const command = forAt >= 0 ? upper(tokens[forAt + 1]) || undefined : undefined;
      builder.policies.push({
        name,
        table,
        command,
        text: source.endsWith(';') ? source : `${source};`,
        line: statement.line,
      });
      return;
    }
    case 'CONSTRAINT':
    case 'TRIGGER': {
      if (upper(tokens[at]) === 'CONSTRAINT') at++;
      if (upper(tokens[at]) !== 'TRIGGER') return;
      const name = readName(tokens, at + 1)?.name;
      const onAt = tokens.findIndex((token) => upper(token) === 'ON');
      const table = onAt >= 0 ? readName(tokens, onAt + 1)?.name : undefined;
      if (table === undefined) return;
      builder.triggers.push({
        table,
        name,
        events: writeEvents(
          tokens
            .slice(0, onAt)
            .map((token) => token.text)
            .join(' '),
        ),
        text: source.endsWith(';') ? source : `${source};`,
        line: statement.line,
      });
      return;
    }
    case 'FUNCTION':
    case 'PROCEDURE': {
      const name = readName(tokens, at + 1)?.name;
      if (name === undefined) return;
      const body = tokens.filter((token) => token.kind === 'dollar' || token.kind === 'string');
      const tables = body.flatMap((token) =>
        tablesNamedInSql(token.text.replace(/^\$[A-Za-z_]*\$|\$[A-Za-z_]*\$$/g, '')),
      );
      builder.functions.push({ name, tables: [...new Set(tables)], text: source, line: statement.line });
      return;
    }
    case 'TYPE': {
      at++;
      const name = readName(tokens, at);
      if (name === undefined || upper(tokens[name.next]) !== 'AS' || upper(tokens[name.next + 1]) !== 'ENUM')
        return;
      const open = name.next + 2;
      const values = tokens
        .slice(open, closingParen(tokens, open))
        .filter((token) => token.kind === 'string')
        .map((token) => token.text.slice(1, -1).replace(/''/g, "'"));
      builder.enums.set(name.name, values);
      return;
    }
    default:
      return;
  }
}

/** `ALTER TABLE x ADD [CONSTRAINT n] UNIQUE|CHECK|FOREIGN KEY …` adds the constraint; everything else is ignored. */
function handleAlterTable(builder: Builder, statement: Statement): void {
  const { tokens, text } = statement;
  const name = readName(tokens, upper(tokens[2]) === 'ONLY' ? 3 : 2);
  if (name === undefined) return;
  const table = builder.tables.get(name.name.toLowerCase());
  if (table === undefined) return;
  const addAt = tokens.findIndex((token) => upper(token) === 'ADD');
  const added = tokens[addAt + 1];
  if (addAt < 0 || added === undefined) return;
  const clause = text.slice(added.start - (tokens[0]?.start ?? 0));
  addTableConstraint(
    builder,
    table,
    clause,
    statement.line + countLines(text.slice(0, added.start - (tokens[0]?.start ?? 0))),
  );
}

/** The writes a trigger's text names: `AFTER INSERT OR UPDATE`, `po wstawieniu`, `INSERT/DELETE`. */
function writeEvents(text: string): WriteEvent[] {
  const keywords = (['INSERT', 'UPDATE', 'DELETE'] as const).filter((event) =>
    new RegExp(`\\b${event}\\b`).test(text),
  );
  if (keywords.length > 0) return keywords;
  const events: WriteEvent[] = [];
  if (/\binsert|wstawi|dodani|dodaniu/i.test(text)) events.push('INSERT');
  if (/\bupdate|aktualiz|zmian/i.test(text)) events.push('UPDATE');
  if (/\bdelete|usuni|usuwa/i.test(text)) events.push('DELETE');
  return events;
}

/** Table names after `FROM`, `JOIN`, `INTO`, `UPDATE` in a piece of SQL (a function body, a policy). */
function tablesNamedInSql(sql: string): string[] {
  const tokens = tokenize(sql);
  const names: string[] = [];
  tokens.forEach((token, index) => {
    if (!['FROM', 'JOIN', 'INTO', 'UPDATE'].includes(upper(token))) return;
    const name = readName(tokens, index + 1);
    if (name !== undefined && !CONSTRAINT_WORDS.has(name.name.toUpperCase()))
      names.push(stripPublic(name.name));
  });
  return names;
}

function diagnostic(
  builder: Builder,
  line: number,
  severity: Diagnostic['severity'],
  code: string,
  message: string,
): Diagnostic {
  return { file: builder.file, line, severity, code, message };
}

const short = (text: string): string =>
  (text.length > 60 ? `${text.slice(0, 57)}…` : text).replace(/\s+/g, ' ');

type Section = 'tables' | 'indexes' | 'policies' | 'enums' | 'relations' | 'notes' | 'other';

/** Section kinds by heading words, English and Polish; the first match wins, so order matters. */
const SECTION_WORDS: readonly (readonly [Section, RegExp])[] = [
  ['notes', /future|przysz|deferred|post-mvp|example|przykład|query|zapyta|monitor|trigger|funkcj|function/],
  ['relations', /relat|relacj|powiązan|erd|diagram/],
  ['indexes', /index|indeks/],
  ['policies', /\brls\b|row.level|polic|polityk|zasady postgres|postgresql rules|security|bezpiecze/],
  ['enums', /enum|custom types|\btypy\b|\btypes\b|wylicz/],
  ['tables', /table|tabel|kolumn|column|schema|schemat|model/],
  [
    'notes',
    /note|uwag|design|decyzj|decision|migrat|migracj|summary|podsumow|conclusion|overview|przegląd|normaliz|storage|standard|extension|rozszerz|strategy|strategi/,
  ],
];

function classifyHeading(title: string): Section | undefined {
  const lower = title.toLowerCase();
  return SECTION_WORDS.find(([, pattern]) => pattern.test(lower))?.[0];
}

function inlineCodeName(node: Heading | Paragraph): string | undefined {
  const code = node.children.find((child) => child.type === 'inlineCode');
  return code !== undefined && /^[A-Za-z_][\w.]*$/.test(code.value) ? stripPublic(code.value) : undefined;
}

/** `1.2 users (managed by Supabase)` → `users`; undefined unless the title is one identifier. */
function identifierTitle(node: Heading | Paragraph): string | undefined {
  const title = mdToString(node)
    .replace(/^\s*\d+(\.\d+)*\.?\s*/, '')
    .replace(/\s*[([].*$/, '')
    .replace(/:$/, '')
    .trim();
  return /^[A-Za-z_][\w.]*$/.test(title) ? stripPublic(title) : undefined;
}

/** A table name a heading or list item gives in code or as its only word. */
function tableNameFromTitle(node: Heading | Paragraph): string | undefined {
  return inlineCodeName(node) ?? identifierTitle(node);
}

const stripPublic = (name: string): string => name.replace(/^public\./i, '');

/** SQL under a notes heading (`## Triggers and functions`) still declares tables, types, triggers and functions. */
const NOTES_SQL_KEPT =
  /create\s+(or\s+replace\s+)?(table|type|trigger|constraint\s+trigger|function)\b|alter\s+table\b/i;

/** A paragraph or bullet that is itself an SQL statement. */
const CREATE_STATEMENT =
  /^create\s+(or\s+replace\s+)?(unique\s+)?(table|index|policy|type|trigger|constraint\s+trigger|function)\b/i;

const SQL_LANGS: ReadonlySet<string> = new Set(['sql', 'pgsql', 'postgres', 'postgresql', 'plpgsql', 'psql']);
const MARKDOWN_LANGS: ReadonlySet<string> = new Set(['markdown', 'md']);

const markdown = unified().use(remarkParse).use(remarkGfm);

/** Where a piece of markdown sits: its own text (for slices) and how many lines precede it in the file. */
type Source = { readonly text: string; readonly lineOffset: number };

/** The table (or enum) the next column bullets belong to, and the line that named it. */
type Context = { readonly name: string; readonly line: number };

type Walk = {
  section: Section;
  readonly stack: { readonly depth: number; readonly section: Section }[];
  context: Context | undefined;
  /** The level of the heading that named `context`. */
  contextDepth: number;
  notesBlock: boolean;
  /** The first heading that names a tables section, for a diagnostic when none is found under it. */
  tablesHeadingLine: number | undefined;
};

const lineOf = (source: Source, node: { position?: { start: { line: number } } | undefined }): number =>
  (node.position?.start.line ?? 1) + source.lineOffset;

const sourceOf = (source: Source, node: RootContent): string => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? mdToString(node) : source.text.slice(start, end);
};

function walkRoot(builder: Builder, root: Root, source: Source, walk: Walk): void {
  for (const node of root.children) walkNode(builder, node, source, walk);
}

function walkNode(builder: Builder, node: RootContent, source: Source, walk: Walk): void {
  switch (node.type) {
    case 'heading':
      onHeading(builder, node, source, walk);
      return;
    case 'code': {
      const lang = (node.lang ?? '').toLowerCase();
      const line = lineOf(source, node) + 1;
      if (MARKDOWN_LANGS.has(lang)) {
        const inner = boundNesting(node.value);
        walkRoot(builder, markdown.parse(inner), { text: inner, lineOffset: line - 1 }, walk);
      } else if (SQL_LANGS.has(lang) || (lang === '' && /^\s*(create|alter)\s/i.test(node.value))) {
        if (walk.section === 'notes' && !NOTES_SQL_KEPT.test(node.value)) return;
        for (const statement of splitStatements(node.value, line))
          handleStatement(builder, statement, walk.context?.name);
      }
      return;
    }
    case 'table':
      onTable(builder, node, source, walk);
      return;
    case 'list':
      onList(builder, node, source, walk, walk.context);
      return;
    case 'paragraph':
      onParagraph(builder, node, source, walk);
      return;
    case 'thematicBreak':
      walk.notesBlock = false;
      return;
    default:
      return;
  }
}

/** Words that title a part of a table's description (`#### Columns`, `### Notes`), never a table (EN and PL). */
const SECTION_ONLY_WORDS: ReadonlySet<string> = new Set([
  'notes',
  'note',
  'details',
  'description',
  'fields',
  'columns',
  'attributes',
  'constraints',
  'example',
  'examples',
  'overview',
  'summary',
  'purpose',
  'structure',
  'definition',
  'validation',
  'comments',
  'remarks',
  'properties',
  'uwagi',
  'uwaga',
  'opis',
  'pola',
  'kolumny',
  'atrybuty',
  'ograniczenia',
  'struktura',
  'definicja',
  'walidacja',
  'komentarze',
  'cel',
]);

/**
 * Headings nest: a section heading (`## Indexes`, `## 8. Row Level Security`) holds until a heading of the same or
 * a higher level, and a deeper heading names the table or enum the next content belongs to. Inside a section that
 * is not about tables, a `### Tabela: profiles` heading names a table instead of starting a tables section. A
 * deeper heading that names nothing (`#### Columns`, `#### RLS policies`) keeps the table named above it.
 */
function onHeading(builder: Builder, node: Heading, source: Source, walk: Walk): void {
  enterSection(walk, node.depth);
  const parent = walk.section;
  const title = mdToString(node);
  const code = inlineCodeName(node);
  const identifier = identifierTitle(node);
  const plainWord = identifier !== undefined && /^[A-Za-z][a-z]*$/.test(identifier);
  // `#### Notes` under a table titles a part of it; `### notes` beside other table headings is a table.
  const tableLike =
    identifier !== undefined &&
    identifier === identifier.toLowerCase() &&
    (node.depth === walk.contextDepth || parent === 'tables');
  const heading =
    code === undefined && (identifier === undefined || plainWord) ? classifyHeading(title) : undefined;
  const classified = heading === 'notes' && tableLike ? undefined : heading;
  const section = classified === 'tables' && !['tables', 'other'].includes(parent) ? undefined : classified;
  const ownName =
    SECTION_ONLY_WORDS.has(identifier?.toLowerCase() ?? '') && !tableLike ? undefined : identifier;
  const name = code ?? (section === undefined ? ownName : undefined) ?? knownTableIn(builder, title);
  if (section === 'tables' && walk.tablesHeadingLine === undefined)
    walk.tablesHeadingLine = lineOf(source, node);
  walk.stack.push({ depth: node.depth, section: section ?? parent });
  walk.section = section ?? parent;
  if (name !== undefined) {
    walk.context = { name, line: lineOf(source, node) };
    walk.contextDepth = node.depth;
  } else if (node.depth <= walk.contextDepth) {
    walk.context = undefined;
  }
  walk.notesBlock = false;
}

function enterSection(walk: Walk, depth: number): void {
  while ((walk.stack.at(-1)?.depth ?? 0) >= depth) walk.stack.pop();
  walk.section = walk.stack.at(-1)?.section ?? 'other';
}

/** In `RLS for Assignments (Anonymity Guarantee)` the table is the word that names a table seen so far. */
function knownTableIn(builder: Builder, title: string): string | undefined {
  const words = title.replace(/[()`*:,]/g, ' ').split(/\s+/);
  return words.map((word) => builder.tables.get(word.toLowerCase())?.name).find((name) => name !== undefined);
}

const COLUMN_HEADERS =
  /^(column|columns|column name|kolumna|kolumny|nazwa|nazwa kolumny|name|field|pole|atrybut|attribute)$/;
const TYPE_HEADERS = /^(type|data type|typ|typ danych|datatype|sql type)$/;
const CONSTRAINT_HEADERS =
  /^(constraints?|ograniczenia|ograniczenie|modifiers|attributes|atrybuty|właściwości|properties|notes?)$/;

function onTable(builder: Builder, node: MdTable, source: Source, walk: Walk): void {
  const [head, ...rows] = node.children;
  if (head === undefined) return;
  const headers = head.children.map((cell) => mdToString(cell).trim().toLowerCase());
  const at = (pattern: RegExp): number => headers.findIndex((header) => pattern.test(header));
  const cells =
    (row: (typeof rows)[number]) =>
    (index: number): string =>
      index < 0 ? '' : mdToString(row.children[index] ?? { type: 'text', value: '' }).trim();
  const written = (row: (typeof rows)[number]): string =>
    sourceOf(source, row as unknown as RootContent).trim();
  switch (walk.section) {
    case 'indexes': {
      const columnsAt = at(/^(columns?|kolumny|kolumna|pola|fields?)$/);
      const tableAt = at(/^(table|tabela)$/);
      if (columnsAt < 0) return;
      const nameAt = at(/^(name|nazwa|index|indeks|index name|nazwa indeksu)$/);
      for (const row of rows) {
        const cell = cells(row);
        const table = cell(tableAt) || walk.context?.name;
        const columnsText = cell(columnsAt);
        const inner = /\(([^()]*)\)/.exec(columnsText)?.[1] ?? columnsText;
        if (table === undefined || inner.trim() === '') continue;
        builder.indexes.push({
          name: cell(nameAt) || undefined,
          table: stripPublic(table),
          columns: inner.split(',').map((column) => column.trim()),
          unique: /\bunique\b/i.test(written(row)),
          where: undefined,
          text: written(row),
          line: lineOf(source, row),
        });
      }
      return;
    }
    case 'policies': {
      const commandAt = at(/^(operation|operacja|command|komenda|polecenie|action|akcja|for)$/);
      const nameAt = at(/^(policy|polityka|name|nazwa|policy name|nazwa polityki)$/);
      if (commandAt < 0 || walk.context === undefined) return;
      for (const row of rows) {
        const cell = cells(row);
        builder.policies.push({
          name: cell(nameAt) || undefined,
          table: walk.context.name,
          command: cell(commandAt).toUpperCase() || undefined,
          text: written(row),
          line: lineOf(source, row),
        });
      }
      return;
    }
    case 'notes':
      return;
    case 'tables':
    case 'other':
    case 'enums':
    case 'relations':
      columnsFromTable(builder, node, source, walk, headers);
      return;
  }
}

function columnsFromTable(
  builder: Builder,
  node: MdTable,
  source: Source,
  walk: Walk,
  headers: readonly string[],
): void {
  const nameAt = headers.findIndex((header) => COLUMN_HEADERS.test(header));
  const typeAt = headers.findIndex((header) => TYPE_HEADERS.test(header));
  if (nameAt < 0 || typeAt < 0) return;
  const constraintAt = headers.findIndex((header) => CONSTRAINT_HEADERS.test(header));
  if (walk.context === undefined) {
    const line = node.position?.start.line ?? 1;
    builder.diagnostics.push(
      diagnostic(
        builder,
        line,
        'warning',
        'db-columns-without-table',
        'column table with no table name above it; skipped',
      ),
    );
    return;
  }
  const table = tableDraft(builder, walk.context.name, walk.context.line);
  for (const row of node.children.slice(1)) {
    const cell = (index: number): string =>
      index < 0 ? '' : mdToString(row.children[index] ?? { type: 'text', value: '' }).trim();
    const name = cell(nameAt).replace(/^`|`$/g, '');
    const constraintText = cell(constraintAt);
    const line = lineOf(source, row);
    if (name === '') {
      addTableConstraint(builder, table, constraintText, line);
      continue;
    }
    if (!/^[A-Za-z_][\w]*$/.test(name)) continue;
    const constraints = constraintClauses(constraintText, tokenize(constraintText));
    const column: Column = { name, type: cell(typeAt), constraints };
    addColumn(
      builder,
      table,
      column,
      constraints.map((clause) => foreignKeyIn(name, clause)).find((key) => key !== undefined),
      line,
    );
  }
}

function onParagraph(builder: Builder, node: Paragraph, source: Source, walk: Walk): void {
  const text = mdToString(node).trim();
  const onlyStrong = node.children.every(
    (child) => child.type === 'strong' || (child.type === 'text' && child.value.trim() === ''),
  );
  if (onlyStrong && node.children.length > 0) {
    walk.notesBlock = /uwag|note|opis|description|dane|data|przykład|example|constraint|ogranicz/i.test(text);
    return;
  }
  if (CREATE_STATEMENT.test(text)) {
    for (const statement of splitStatements(text, lineOf(source, node))) {
      handleStatement(builder, statement, walk.context?.name);
    }
    return;
  }
  inlineStatements(builder, node, lineOf(source, node), walk.context?.name);
  noteConstraintProse(builder, walk, text, lineOf(source, node));
  const spaced = node.children.map((child) => mdToString(child)).join(' ');
  if (walk.context !== undefined && /\bENUM\b/i.test(spaced) && /(wartości|values)\s*:/i.test(spaced)) {
    const values = node.children.filter((child) => child.type === 'inlineCode').map((child) => child.value);
    if (values.length > 0) builder.enums.set(walk.context.name, values);
  }
}

function onList(
  builder: Builder,
  list: List,
  source: Source,
  walk: Walk,
  context: Context | undefined,
): void {
  if (list.ordered && list.children.length === 1) {
    const only = list.children[0];
    const title = only !== undefined && only.children.length === 1 ? mdToString(only).trim() : '';
    const section = title.length < 80 ? classifyHeading(title) : undefined;
    if (section !== undefined) {
      enterSection(walk, 1);
      walk.stack.push({ depth: 1, section });
      walk.section = section;
      walk.context = undefined;
      return;
    }
  }
  if (walk.section === 'enums' && context !== undefined && !builder.enums.has(context.name)) {
    const values = list.children.flatMap((item) => {
      const first = item.children[0];
      const code = first?.type === 'paragraph' ? first.children[0] : undefined;
      return code?.type === 'inlineCode' ? [code.value] : [];
    });
    if (values.length === list.children.length && values.length > 0) {
      builder.enums.set(context.name, values);
      return;
    }
  }
  for (const item of list.children) onListItem(builder, item, source, walk, context);
}

function onListItem(
  builder: Builder,
  item: ListItem,
  source: Source,
  walk: Walk,
  context: Context | undefined,
): void {
  const first = item.children[0];
  const nested = item.children.filter((child): child is List => child.type === 'list');
  const line = lineOf(source, item);
  const text = first?.type === 'paragraph' ? mdToString(first).trim().replace(/`$/, '') : '';
  if (CREATE_STATEMENT.test(text)) {
    for (const statement of splitStatements(text, line)) handleStatement(builder, statement, context?.name);
    return;
  }
  if (first?.type === 'paragraph') inlineStatements(builder, first, line, context?.name);
  const named = first?.type === 'paragraph' ? tableNameFromTitle(first) : undefined;
  if (nested.length > 0) {
    const childContext = named === undefined ? context : { name: named, line };
    if (named !== undefined) walk.notesBlock = false;
    for (const list of nested) onList(builder, list, source, walk, childContext);
    return;
  }
  noteConstraintProse(builder, { ...walk, context }, text, line);
  switch (walk.section) {
    case 'indexes':
      indexesFromBullet(builder, context, text, first === undefined ? text : sourceOf(source, first), line);
      return;
    case 'enums':
      enumFromBullet(builder, text);
      return;
    case 'relations':
    case 'notes':
    case 'policies':
      return;
    case 'tables':
    case 'other': {
      if (context === undefined) return;
      if (walk.notesBlock && !TABLE_CONSTRAINT_START.test(text)) return;
      columnFromBullet(builder, context, text, line);
      return;
    }
  }
}

/** SQL in inline code inside prose: `` Helper: `CREATE FUNCTION f() … $$ SELECT … FROM households … $$;` ``. */
function inlineStatements(
  builder: Builder,
  node: Paragraph,
  line: number,
  contextTable: string | undefined,
): void {
  for (const child of node.children) {
    if (child.type !== 'inlineCode' || !CREATE_STATEMENT.test(child.value.trim())) continue;
    for (const statement of splitStatements(child.value, line))
      handleStatement(builder, statement, contextTable);
  }
}

/** A bullet that is a table-level constraint, even under a `**Constraints:**` or `**Notes:**` label. */
const TABLE_CONSTRAINT_START = /^(unique|primary\s+key|check|constraint|foreign\s+key)\s*[(\w]/i;

const UNIQUE_PROSE = /\b(unique|uniqueness)\b|unikaln|unikatow/i;
const TRIGGER_PROSE = /\btrigger|wyzwalacz/i;

/**
 * Constraints stated in prose under a table: `Unique constraint enforcing one per day: (a, b, c)` gives a UNIQUE
 * of the columns in the parentheses when they are all columns of the table (a note in parentheses is not), and a
 * sentence about a trigger is kept for its table, resolved once every table is known.
 */
function noteConstraintProse(builder: Builder, walk: Walk, text: string, line: number): void {
  if (TRIGGER_PROSE.test(text) && !/^create\b/i.test(text))
    builder.triggerNotes.push({ text, line, context: walk.context?.name });
  if (walk.section === 'indexes' || !UNIQUE_PROSE.test(text)) return;
  const tokens = tokenize(text);
  tokens.forEach((token, open) => {
    if (!isPunct(token, '(')) return;
    const target = tokens.slice(Math.max(0, open - 3), open).map(upper);
    if (target.some((word) => ['REFERENCES', 'FK', 'TO'].includes(word))) return;
    const before = tokens[open - 1];
    const attached =
      before !== undefined && before.end === token.start && before.kind === 'word'
        ? builder.tables.get(before.text.toLowerCase())
        : undefined;
    if (attached === undefined && before?.end === token.start && before.kind === 'word') return;
    const table =
      attached ??
      (walk.context === undefined ? undefined : builder.tables.get(walk.context.name.toLowerCase()));
    if (table === undefined) return;
    const columns = indexColumns(tokens, open, text);
    const known = new Set(table.columns.map((column) => column.name.toLowerCase()));
    const bare = (column: string): string =>
      (/\(\s*"?([\w]+)/.exec(column)?.[1] ?? column.split(/\s/)[0] ?? '').replace(/"/g, '').toLowerCase();
    if (columns === undefined || !columns.every((column) => known.has(bare(column)))) return;
    builder.uniques.push({ table: table.name, columns, name: undefined, text, line });
  });
}

/** A trigger sentence's table: the one after `ON`/`na`, else a table it names, else the table it sits under. */
function triggerFromNote(
  note: Builder['triggerNotes'][number],
  known: ReadonlyMap<string, string>,
): TriggerDef | undefined {
  const tokens = tokenize(note.text);
  const onAt = tokens.findIndex(
    (token, index) =>
      ['ON', 'NA'].includes(upper(token)) && known.has((tokens[index + 1]?.text ?? '').toLowerCase()),
  );
  const named = tokens.find((token) => token.kind === 'word' && known.has(token.text.toLowerCase()));
  const table =
    (onAt >= 0 ? known.get((tokens[onAt + 1]?.text ?? '').toLowerCase()) : undefined) ??
    (named === undefined ? undefined : known.get(named.text.toLowerCase())) ??
    (note.context === undefined ? undefined : known.get(note.context.toLowerCase()));
  if (table === undefined) return undefined;
  const at = tokens.findIndex((token) => TRIGGER_PROSE.test(token.text));
  const name = [
    tokens[at + 1],
    tokens[at - 1],
    /^(BEFORE|AFTER)$/.test(upper(tokens[1])) ? tokens[0] : undefined,
  ].find(
    (token) => token?.kind === 'word' && token.text.includes('_') && !known.has(token.text.toLowerCase()),
  )?.text;
  return { table, name, events: writeEvents(note.text), text: note.text, line: note.line };
}

function columnFromBullet(builder: Builder, context: Context, text: string, line: number): void {
  const tokens = tokenize(text);
  const head = upper(tokens[0]);
  if (['UNIQUE', 'PRIMARY', 'FOREIGN', 'CHECK', 'CONSTRAINT', 'EXCLUDE'].includes(head)) {
    const table = builder.tables.get(context.name.toLowerCase());
    const firstClause = text.split(/\s[-–—]\s|:\s/)[0] ?? text;
    if (table !== undefined) addTableConstraint(builder, table, firstClause, line);
    return;
  }
  const read = readColumn(text, tokens);
  if (read === undefined) return;
  const table = tableDraft(builder, context.name, context.line);
  addColumn(builder, table, read.column, read.key, line);
  if (!isKnownType(read.column.type, builder.enums))
    builder.pending.push({ table, column: read.column, key: read.key });
}

/** Words around an index bullet's name and targets that are never a table or an index name (EN and PL). */
const INDEX_WORDS: ReadonlySet<string> = new Set([
  'UNIQUE',
  'INDEX',
  'INDEXES',
  'INDEKS',
  'INDEKSY',
  'PK',
  'PRIMARY',
  'KEY',
  'COMPOSITE',
  'PARTIAL',
  'BTREE',
  'GIN',
  'GIST',
  'HASH',
  'BRIN',
  'LOWER',
  'UPPER',
  'USING',
  'ON',
  'NA',
  'UNIKALNY',
  'UNIKALNE',
  'UNIKALNA',
  'UNIKATOWY',
  'ZŁOŻONY',
  'CZĘŚCIOWY',
]);

/** `due_at`, `created_at DESC`, `"name" gin_trgm_ops`, `lower(email)`: what an index column may look like. */
const INDEX_COLUMN =
  /^("?[A-Za-z_][\w.]*"?|[A-Za-z_]\w*\s*\(.*\))(\s+(asc|desc|nulls|first|last|[a-z_]+_ops))*$/i;

/** The columns of the `(…)` at `open`, or undefined when the group reads as prose rather than columns. */
function indexColumns(tokens: readonly Token[], open: number, text: string): string[] | undefined {
  const columns = splitTopLevel(tokens.slice(open + 1, closingParen(tokens, open))).map((part) =>
    sliceOf(text, part),
  );
  return columns.length > 0 && columns.every((column) => INDEX_COLUMN.test(column)) ? columns : undefined;
}

const UNIQUE_INDEX = /\b(unique|pk|primary|unikalny|unikalne|unikalna|unikatowy)\b/i;

/** One `table(columns)` an index bullet names, and the token after it. */
type IndexTarget = { readonly table: string; readonly columns: readonly string[]; readonly next: number };

/**
 * The index target starting at token `at`: `t(a, b)`; `t (a)` when `t` is a table seen so far or follows
 * `ON`/`na`; `t USING gin (a)`; or `t.a`. Undefined when none starts there.
 */
function indexTargetAt(
  builder: Builder,
  tokens: readonly Token[],
  at: number,
  text: string,
): IndexTarget | undefined {
  const name = readName(tokens, at);
  if (name === undefined || INDEX_WORDS.has(name.name.toUpperCase())) return undefined;
  const using = upper(tokens[name.next]) === 'USING' && tokens[name.next + 1]?.kind === 'word';
  const open = using ? name.next + 2 : name.next;
  const opening = tokens[open];
  if (opening !== undefined && isPunct(opening, '(')) {
    const attached = opening.start === tokens[open - 1]?.end;
    const afterOn = ['ON', 'NA'].includes(upper(tokens[at - 1]));
    const close = closingParen(tokens, open);
    if (attached) {
      const columns = splitTopLevel(tokens.slice(open + 1, close)).map((part) => sliceOf(text, part));
      if (columns.length > 0) return { table: stripPublic(name.name), columns, next: close + 1 };
    } else if (using || afterOn || builder.tables.has(name.name.toLowerCase())) {
      const columns = indexColumns(tokens, open, text);
      if (columns !== undefined) return { table: stripPublic(name.name), columns, next: close + 1 };
    }
  }
  const dot = name.name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return { table: name.name.slice(0, dot), columns: [name.name.slice(dot + 1)], next: name.next };
}

/**
 * The index name a bullet starts with: `` `idx` on … ``, `UNIQUE INDEX idx ON …`, `idx_x: t(a)`. It must be in
 * backticks or look like an identifier (`_`), so prose (`Also on t(a)`) is never taken for a name. Under a
 * table heading (`beforeColumns`) the name may stand right before the columns: `` `idx` (a, b) ``.
 */
function leadingIndexName(
  tokens: readonly Token[],
  written: string,
  beforeColumns: boolean,
): string | undefined {
  let at = 0;
  while (tokens[at]?.kind === 'word' && INDEX_WORDS.has(upper(tokens[at])) && upper(tokens[at]) !== 'ON')
    at++;
  const token = tokens[at];
  const follows = tokens[at + 1];
  if (token === undefined || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
  if (
    !['ON', 'NA'].includes(upper(follows)) &&
    !isPunct(follows, ':') &&
    !(beforeColumns && isPunct(follows, '('))
  )
    return undefined;
  return token.text.includes('_') || written.includes(`\`${token.text}\``) ? token.text : undefined;
}

/**
 * `` `idx` on `t(a, b)` – note ``, `UNIQUE INDEX idx ON t USING btree (a)`, `Indeks na t (a)`, `users.email
 * (UNIQUE)`, `Index on **Users.id**`, `UNIQUE: t(a), t(b)`: one index per target. Targets are read up to the
 * first thing that does not continue the list, so a trailing note never becomes a column. Under a table
 * heading, `idx (a, b)` indexes that table.
 */
function indexesFromBullet(
  builder: Builder,
  context: Context | undefined,
  text: string,
  written: string,
  line: number,
): void {
  const tokens = tokenize(text);
  const targets: IndexTarget[] = [];
  let at = 0;
  while (at < tokens.length) {
    const target = indexTargetAt(builder, tokens, at, text);
    if (target === undefined) {
      if (targets.length > 0) break;
      at++;
      continue;
    }
    targets.push(target);
    at = target.next;
    if (isPunct(tokens[at], '(')) at = closingParen(tokens, at) + 1;
    if (!isPunct(tokens[at], ',') && !['AND', 'I', 'ORAZ'].includes(upper(tokens[at]))) break;
    at++;
  }
  const open = tokens.findIndex((token) => isPunct(token, '('));
  const columns = open >= 0 ? indexColumns(tokens, open, text) : undefined;
  const ownTable = targets.length === 0 && context !== undefined && columns !== undefined;
  if (ownTable) {
    at = closingParen(tokens, open) + 1;
    targets.push({ table: context.name, columns, next: at });
  }
  const name = leadingIndexName(tokens, written, ownTable);
  const unique = UNIQUE_INDEX.test(text.slice(0, tokens[at]?.start ?? text.length));
  for (const target of targets) {
    if (target.columns.length === 0) continue;
    builder.indexes.push({
      name: targets.length === 1 ? name : undefined,
      table: target.table,
      columns: target.columns,
      unique,
      where: /\bwhere\s+(.*(=|<|>|\bis\b|\bin\b).*)$/i.exec(text)?.[1]?.trim(),
      text: written.trim(),
      line,
    });
  }
}

/** `status_enum: 'ACTIVE', 'RETIRED'` */
function enumFromBullet(builder: Builder, text: string): void {
  const tokens = tokenize(text);
  if (tokens[0]?.kind !== 'word' || !isPunct(tokens[1], ':')) return;
  const values = tokens.slice(2).filter((token) => token.kind === 'string');
  if (values.length === 0) return;
  builder.enums.set(
    tokens[0].text,
    values.map((token) => token.text.slice(1, -1)),
  );
}

/**
 * Parses a database plan: tables and columns from markdown tables, `- name: type constraints` bullets and SQL
 * (```sql blocks, or `CREATE …` statements in bullets), plus foreign keys, indexes, RLS policies and enums.
 * English and Polish headings say which section a list belongs to. Nothing is invented: a column bullet whose
 * type is neither an SQL type nor an enum of the plan is treated as prose.
 */
export function parseDbPlan(text: string, file: string): DbPlan {
  const builder: Builder = {
    file,
    tables: new Map(),
    indexes: [],
    policies: [],
    enums: new Map(),
    pending: [],
    uniques: [],
    checks: [],
    triggers: [],
    functions: [],
    triggerNotes: [],
    diagnostics: [],
  };
  const walk: Walk = {
    section: 'other',
    stack: [],
    context: undefined,
    contextDepth: 0,
    notesBlock: false,
    tablesHeadingLine: undefined,
  };
  const bounded = boundNesting(text);
  walkRoot(builder, markdown.parse(bounded), { text: bounded, lineOffset: 0 }, walk);
  const dropped = new Set<string>();
  for (const { table, column, key } of builder.pending) {
    if (isKnownType(column.type, builder.enums)) continue;
    table.columns = table.columns.filter((kept) => kept !== column);
    table.foreignKeys = table.foreignKeys.filter((kept) => kept !== key);
    table.primaryKey = table.primaryKey.filter((kept) => kept !== column.name);
    dropped.add(`${table.name}.${column.name}`.toLowerCase());
  }
  const kept = (table: string, column: string | undefined): boolean =>
    column === undefined || !dropped.has(`${table}.${column}`.toLowerCase());
  const tables = [...builder.tables.values()].filter((table) => table.columns.length > 0);
  const known = new Map(tables.map((table) => [table.name.toLowerCase(), table.name]));
  const policies = builder.policies.flatMap((policy) => {
    const name =
      known.get(policy.table.toLowerCase()) ?? (policy.table.includes('.') ? policy.table : undefined);
    return name === undefined ? [] : [{ ...policy, table: name }];
  });
  if (tables.length === 0) {
    // Where the reader gave up: the heading that promised tables, else the end of what it read.
    const line = walk.tablesHeadingLine ?? Math.max(1, text.trimEnd().split('\n').length);
    const where = walk.tablesHeadingLine === undefined ? 'read to the end' : 'under this tables heading';
    builder.diagnostics.push(
      diagnostic(
        builder,
        line,
        'warning',
        'db-no-tables',
        `no tables found (${where}): expected a column table (Column | Type), \`- name: type\` bullets or CREATE TABLE`,
      ),
    );
  }
  const ownTable = <T extends { readonly table: string }>(item: T): T[] => {
    const name = known.get(stripPublic(item.table).toLowerCase());
    return name === undefined ? [] : [{ ...item, table: name }];
  };
  const uniques = dedupeBy(
    builder.uniques
      .filter((unique) => unique.columns.every((column) => kept(unique.table, column)))
      .flatMap(ownTable),
    (unique) => `${unique.table}(${unique.columns.join(',')})`.toLowerCase().replace(/[\s"]/g, ''),
  );
  const triggers = [
    ...builder.triggers.flatMap(ownTable),
    ...builder.triggerNotes.flatMap((note) => triggerFromNote(note, known) ?? []),
  ];
  return {
    file,
    tables: tables.map((table) => ({ ...table, name: table.name })),
    indexes: builder.indexes,
    policies,
    uniques,
    checks: builder.checks.filter((check) => kept(check.table, check.column)).flatMap(ownTable),
    triggers,
    functions: builder.functions.map((fn) => ({
      ...fn,
      tables: fn.tables.flatMap(
        (name) => known.get(name.toLowerCase()) ?? (name.includes('.') ? [name] : []),
      ),
    })),
    enums: builder.enums,
    diagnostics: builder.diagnostics,
  };
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
