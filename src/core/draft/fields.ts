import type {
  CheckFact,
  ColumnFact,
  Dossier,
  EnumFact,
  FieldFact,
  SourceRef,
  TableFact,
  TypeFact,
} from '../dossier/model.ts';
import { checkCondition, sameName } from './markdown.ts';

/** The value kinds a validation schema distinguishes. */
export type ValueKind =
  | 'string'
  | 'uuid'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'email'
  | 'url'
  | 'enum'
  | 'array'
  | 'object'
  | 'unknown';

/** A rule the schema enforces, with the fact it comes from. */
export type FieldLimit = {
  readonly kind: 'min' | 'max' | 'minLength' | 'maxLength';
  readonly value: number;
  readonly source: SourceRef;
};

/** One input field as the validation schema checks it, every rule traced to the docs. */
export type FieldRule = {
  readonly name: string;
  readonly where: 'path' | 'query' | 'body';
  readonly kind: ValueKind;
  /** Undefined when no doc says whether the field is required. */
  readonly required: boolean | undefined;
  readonly nullable: boolean;
  readonly values: readonly string[];
  readonly limits: readonly FieldLimit[];
  /** CHECK constraints on the field's column that the schema cannot express: enforced by the database. */
  readonly dbChecks: readonly CheckFact[];
  /** The column the field is stored in, when the db plan has one. */
  readonly column: { readonly table: string; readonly column: ColumnFact } | undefined;
  /** For a path parameter: the row it names (`decks.id` for `deckId` stored in `cards.deck_id`). */
  readonly lookup: { readonly table: string; readonly column: string } | undefined;
  /** The member of the request type that declares the field, as written (`assignee_id?: UUID | null`). */
  readonly member: string | undefined;
  readonly description: string | undefined;
  readonly source: SourceRef;
};

/** Members of a TypeScript interface or object type literal as `name → text` (`assignee_id?: UUID | null`). */
export function typeMembers(declaration: string): ReadonlyMap<string, string> {
  const members = new Map<string, string>();
  const open = declaration.indexOf('{');
  if (open < 0) return members;
  let depth = 0;
  let start = open + 1;
  const flush = (end: number): void => {
    const text = declaration
      .slice(start, end)
      .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
      .trim();
    const match = /^(?:readonly\s+)?["']?([A-Za-z_$][\w$]*)["']?(\??)\s*:\s*([\s\S]+)$/.exec(text);
    if (match !== null)
      members.set(match[1] ?? '', `${match[1]}${match[2]}: ${(match[3] ?? '').replace(/\s+/g, ' ')}`);
  };
  for (let i = open; i < declaration.length; i++) {
    const ch = declaration[i];
    if (ch === '{' || ch === '(' || ch === '<' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === '>' || ch === ']') {
      depth--;
      if (depth === 0) {
        flush(i);
        break;
      }
    } else if ((ch === ';' || ch === ',' || ch === '\n') && depth === 1) {
      flush(i);
      start = i + 1;
    }
  }
  return members;
}

const KIND_WORDS: readonly (readonly [ValueKind, RegExp])[] = [
  ['uuid', /\buuid\b/i],
  ['email', /\bemail\b/i],
  ['url', /\burl\b/i],
  ['datetime', /timestamp|datetime|date-time|iso ?8601|isodatetime/i],
  ['date', /\bdate\b|isodate|yyyy-mm-dd/i],
  ['boolean', /\bbool(?:ean)?\b/i],
  ['integer', /\b(?:small|big)?int(?:eger|\d)?\b|\bserial\b/i],
  ['number', /\bnumber\b|numeric|decimal|\breal\b|double|float|money/i],
  ['array', /\[\]|\barray\b/i],
  ['object', /jsonb?\b|\bobject\b|record</i],
  ['string', /\bstring\b|\btext\b|varchar|character|\bchar\b|citext/i],
];

function kindOf(text: string | undefined): ValueKind | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return KIND_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
}

/** Literal values of a union (`'a' | 'b'`, `"a|b"` written as an example) or of an `Enums<'x'>` reference. */
function enumValues(text: string | undefined, enums: readonly EnumFact[]): readonly string[] {
  if (text === undefined) return [];
  const named = enums.find((candidate) => new RegExp(`\\b${candidate.name}\\b`).test(text));
  if (named !== undefined) return named.values;
  const literals = [...text.matchAll(/'([^']+)'|"([^"]+)"/g)].map((match) => match[1] ?? match[2] ?? '');
  if (literals.length >= 2) return literals;
  return [];
}

const nullableText = (text: string | undefined): boolean => text !== undefined && /\bnull\b/i.test(text);

/** Limits a CHECK constraint states about one column, when it is one of the usual shapes. */
function checkLimits(check: CheckFact, column: string): FieldLimit[] | undefined {
  const expression = checkCondition(check.expression);
  const col = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const number = '(-?\\d+(?:\\.\\d+)?)';
  const length = `(?:char_length|length|character_length)\\s*\\(\\s*(?:trim\\s*\\(\\s*)?"?${col}"?\\s*\\)?\\s*\\)`;
  const value = `"?${col}"?`;
  const limit = (kind: FieldLimit['kind'], text: string | undefined): FieldLimit => ({
    kind,
    value: Number(text),
    source: check.source,
  });
  const between = new RegExp(
    `^\\(?\\s*(${length}|${value})\\s+between\\s+${number}\\s+and\\s+${number}\\s*\\)?$`,
    'i',
  ).exec(expression);
  if (between !== null) {
    const isLength = /length/i.test(between[1] ?? '');
    return [
      limit(isLength ? 'minLength' : 'min', between[2]),
      limit(isLength ? 'maxLength' : 'max', between[3]),
    ];
  }
  const parts = expression.replace(/^\((.*)\)$/, '$1').split(/\s+and\s+/i);
  const limits: FieldLimit[] = [];
  for (const part of parts) {
    const compare = new RegExp(
      `^\\(?\\s*(${length}|${value})\\s*(>=|>|<=|<)\\s*${number}\\s*\\)?$`,
      'i',
    ).exec(part.trim());
    if (compare === null) return undefined;
    const isLength = /length/i.test(compare[1] ?? '');
    const bound = Number(compare[3]);
    switch (compare[2]) {
      case '>=':
        limits.push(limit(isLength ? 'minLength' : 'min', String(bound)));
        break;
      case '>':
        limits.push(limit(isLength ? 'minLength' : 'min', String(isLength ? bound + 1 : bound)));
        break;
      case '<=':
        limits.push(limit(isLength ? 'maxLength' : 'max', String(bound)));
        break;
      default:
        limits.push(limit(isLength ? 'maxLength' : 'max', String(isLength ? bound - 1 : bound)));
    }
  }
  return limits;
}

function inValues(check: CheckFact, column: string): readonly string[] {
  const match = new RegExp(`"?${column}"?\\s+in\\s*\\(([^)]*)\\)`, 'i').exec(check.expression);
  if (match === null) return [];
  return [...(match[1] ?? '').matchAll(/'([^']*)'/g)].map((value) => value[1] ?? '');
}

/** The column a field is stored in: a written or resource table first, then any table of the dossier. */
function columnOf(
  name: string,
  tables: readonly TableFact[],
): { readonly table: string; readonly column: ColumnFact } | undefined {
  for (const table of tables) {
    const column = table.columns.find(
      (candidate) => candidate.name === name || sameName(candidate.name, name),
    );
    if (column !== undefined) return { table: table.name, column };
  }
  return undefined;
}

const hasConstraint = (column: ColumnFact, pattern: RegExp): boolean =>
  column.constraints.some((constraint) => pattern.test(constraint));

/**
 * The fields the schema validates: path and query parameters and body fields of the dossier, each typed from
 * the field itself, the request type's member, then its column; limits from CHECKs and `varchar(n)`.
 */
export function fieldRules(
  dossier: Dossier,
  tablesFirst: readonly TableFact[],
  requestType: TypeFact | undefined,
): FieldRule[] {
  const members =
    requestType === undefined ? new Map<string, string>() : typeMembers(requestType.declaration);
  const bodyFacts: readonly FieldFact[] =
    dossier.fields.body.length > 0 || requestType === undefined || !hasBody(dossier.method)
      ? dossier.fields.body
      : [...members.keys()].map((name) => ({
          name,
          type: undefined,
          required: undefined,
          description: undefined,
          source: requestType.source,
        }));
  const creating = dossier.method === 'POST' || dossier.method === 'PUT';
  const rule = (field: FieldFact, where: FieldRule['where']): FieldRule => {
    const member = where === 'body' ? members.get(field.name) : undefined;
    const memberType = member?.replace(/^[^:]*:\s*/, '');
    const column =
      where === 'path' && /^id$/i.test(field.name)
        ? columnOf('id', tablesFirst.slice(0, 1))
        : columnOf(field.name, tablesFirst);
    const columnChecks =
      column === undefined
        ? []
        : dossier.checks.filter(
            (check) =>
              check.table === column.table &&
              (check.column === column.column.name ||
                (check.column === undefined &&
                  new RegExp(`\\b${column.column.name}\\b`).test(check.expression))),
          );
    const inlineChecks: CheckFact[] =
      column === undefined
        ? []
        : column.column.constraints
            .filter((constraint) => /^check\b/i.test(constraint))
            .map((constraint) => ({
              table: column.table,
              column: column.column.name,
              expression: checkCondition(constraint),
              source: tablesFirst.find((table) => table.name === column.table)?.source ?? field.source,
            }))
            .filter(
              (inline) =>
                !columnChecks.some((check) => checkCondition(check.expression) === inline.expression),
            );
    const checks = [...columnChecks, ...inlineChecks];
    const limits: FieldLimit[] = [];
    const dbChecks: CheckFact[] = [];
    let checkValues: readonly string[] = [];
    for (const check of checks) {
      const values = inValues(check, column?.column.name ?? field.name);
      if (values.length > 0) {
        checkValues = values;
        continue;
      }
      const parsed = checkLimits(check, column?.column.name ?? field.name);
      if (parsed === undefined) dbChecks.push(check);
      else limits.push(...parsed);
    }
    // A password column holds the hash, whose length says nothing about the password sent.
    const hashed = column !== undefined && /pass(?:word)?|hash|haslo|hasło/i.test(column.column.name);
    const varchar =
      column === undefined || hashed
        ? null
        : /(?:varchar|character varying|char)\s*\(\s*(\d+)\s*\)/i.exec(column.column.type);
    if (varchar !== null && column !== undefined && !limits.some((limit) => limit.kind === 'maxLength')) {
      const table = tablesFirst.find((candidate) => candidate.name === column.table);
      limits.push({ kind: 'maxLength', value: Number(varchar[1]), source: table?.source ?? field.source });
    }
    limits.push(...describedLimits(field));
    const values = [
      ...enumValues(field.type, dossier.enums),
      ...enumValues(memberType, dossier.enums),
      ...enumValues(column?.column.type, dossier.enums),
    ];
    const enumFromField = enumValues(field.type, dossier.enums);
    const allValues =
      enumFromField.length > 0 ? enumFromField : values.length > 0 ? [...new Set(values)] : checkValues;
    const kind: ValueKind =
      allValues.length > 0
        ? 'enum'
        : (kindOf(field.type) ??
          kindOf(memberType) ??
          kindOf(column?.column.type) ??
          (where === 'body' ? 'unknown' : 'string'));
    // A description that says "a valid URL" or "email" narrows a plain string.
    const stated = kindOf(field.description);
    const narrowed =
      kind === 'string' && (stated === 'url' || stated === 'email' || stated === 'uuid') ? stated : kind;
    const notNull = column !== undefined && hasConstraint(column.column, /not null|primary key/i);
    const hasDefault =
      column !== undefined && hasConstraint(column.column, /^default\b|\bdefault\b|serial|identity/i);
    const required =
      where === 'path'
        ? true
        : field.required !== undefined
          ? field.required
          : member !== undefined
            ? !/^[^:]*\?\s*:/.test(member)
            : where === 'body' && dossier.method === 'PATCH'
              ? false
              : where === 'body' && creating && column !== undefined
                ? notNull && !hasDefault
                : undefined;
    return {
      name: field.name,
      where,
      kind: narrowed,
      lookup: where === 'path' ? lookupOf(column, dossier) : undefined,
      required,
      nullable: nullableText(memberType) || nullableText(field.type),
      values: allValues,
      limits: tightest(limits),
      dbChecks,
      column,
      member,
      description: field.description,
      source: field.source,
    };
  };
  return [
    ...dossier.fields.path.map((field) => rule(field, 'path')),
    ...dossier.fields.query.map((field) => rule(field, 'query')),
    ...bodyFacts.map((field) => rule(field, 'body')),
  ];
}

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const RANGE = new RegExp(`${NUMBER}\\s*(?:-|–|\\.\\.|to|do)\\s*${NUMBER}\\s*(char|znak|character)?`, 'i');
const AT_LEAST = new RegExp(
  `(?:>=|≥|\\bmin\\.?|\\bminimum|at least|co najmniej)\\s*:?\\s*${NUMBER}\\s*(char|znak|character)?`,
  'i',
);
const AT_MOST = new RegExp(
  `(?:<=|≤|\\bmax\\.?|\\bmaximum|\\bmaks\\.?|at most|up to|co najwyżej)\\s*:?\\s*${NUMBER}\\s*(char|znak|character)?`,
  'i',
);

/** Limits the API plan writes beside a field (`3-50 chars`, `>= 8 znaków`, `max 200`), as lengths for text. */
function describedLimits(field: FieldFact): FieldLimit[] {
  const text = [field.type ?? '', field.description ?? ''].join(' ');
  const textual = !/\b(?:int|integer|number|numeric|decimal|float)\b/i.test(field.type ?? '');
  const kindOf = (chars: string | undefined, length: FieldLimit['kind'], value: FieldLimit['kind']) =>
    chars !== undefined || textual ? length : value;
  const limit = (kind: FieldLimit['kind'], value: string | undefined): FieldLimit => ({
    kind,
    value: Number((value ?? '').replace(',', '.')),
    source: field.source,
  });
  const range = RANGE.exec(text);
  if (range !== null && Number(range[1]) <= Number(range[2])) {
    return [
      limit(kindOf(range[3], 'minLength', 'min'), range[1]),
      limit(kindOf(range[3], 'maxLength', 'max'), range[2]),
    ];
  }
  const found: FieldLimit[] = [];
  const least = AT_LEAST.exec(text);
  if (least !== null) found.push(limit(kindOf(least[2], 'minLength', 'min'), least[1]));
  const most = AT_MOST.exec(text);
  if (most !== null) found.push(limit(kindOf(most[2], 'maxLength', 'max'), most[1]));
  return found;
}

/** One limit per kind, the strictest (largest minimum, smallest maximum), in a stable order. */
function tightest(limits: readonly FieldLimit[]): FieldLimit[] {
  const order: readonly FieldLimit['kind'][] = ['min', 'max', 'minLength', 'maxLength'];
  return order.flatMap((kind) => {
    const ofKind = limits.filter((limit) => limit.kind === kind);
    if (ofKind.length === 0) return [];
    const pick = ofKind.reduce((best, limit) =>
      kind.startsWith('min')
        ? limit.value > best.value
          ? limit
          : best
        : limit.value < best.value
          ? limit
          : best,
    );
    return [pick];
  });
}

/** The row a path parameter names: the table its column references, else the column's own table. */
function lookupOf(
  column: { readonly table: string; readonly column: ColumnFact } | undefined,
  dossier: Dossier,
): FieldRule['lookup'] {
  if (column === undefined) return undefined;
  const key = dossier.foreignKeys.find((fk) => fk.table === column.table && fk.column === column.column.name);
  if (key !== undefined) return { table: key.references.table, column: key.references.column ?? 'id' };
  for (const constraint of column.column.constraints) {
    const reference = /references\s+"?([\w.]+)"?\s*(?:\(\s*"?(\w+)"?\s*\))?/i.exec(constraint);
    if (reference !== null) return { table: reference[1] ?? '', column: reference[2] ?? 'id' };
  }
  return { table: column.table, column: column.column.name };
}

/** Methods that carry a request body. */
export function hasBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}
