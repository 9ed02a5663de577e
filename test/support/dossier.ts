import type {
  ColumnFact,
  Dossier,
  FieldFact,
  SourceRef,
  StatusFact,
  TableFact,
} from '../../src/core/dossier/model.ts';

/** Where API-plan facts of built dossiers come from unless a test says otherwise. */
export const API_PLAN = '.ai/api-plan.md';
/** Where db-plan facts come from. */
export const DB_PLAN = '.ai/db-plan.md';
/** Where type facts come from. */
export const TYPES_FILE = 'src/types.ts';

const apiAt = (line = 1): SourceRef => ({ file: API_PLAN, line });

/** A dossier with only method, path and definition unless given; every list empty. */
export function aDossier(overrides: Partial<Dossier> = {}): Dossier {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/api/items';
  return {
    id: `${method.toLowerCase()}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`,
    method,
    path,
    query: undefined,
    title: `${method} ${path}`,
    language: 'en',
    definition: { file: API_PLAN, line: 10, endLine: 20, text: `### ${method} ${path}`, section: [] },
    fields: { path: [], query: [], body: [] },
    requestBody: undefined,
    responseBody: undefined,
    statusCodes: [],
    tables: [],
    writes: [],
    unique: [],
    checks: [],
    foreignKeys: [],
    triggers: [],
    policies: [],
    indexes: [],
    enums: [],
    types: { request: [], response: [] },
    crossCutting: [],
    gaps: [],
    code: { implemented: undefined, reuse: [] },
    ...overrides,
  };
}

/** A field of the API plan (`aField('title', { type: 'string', required: true })`). */
export function aField(name: string, overrides: Partial<FieldFact> = {}): FieldFact {
  return {
    name,
    type: undefined,
    required: undefined,
    description: undefined,
    source: apiAt(),
    ...overrides,
  };
}

/** A status code of the endpoint. */
export function aStatus(code: number, overrides: Partial<StatusFact> = {}): StatusFact {
  return { code, meaning: '', origin: 'endpoint', source: apiAt(), ...overrides };
}

/** A table of the dossier from `[name, type, ...constraints]` columns. */
export function aTableFact(
  name: string,
  columns: readonly (readonly [string, string, ...string[]])[] = [['id', 'uuid', 'primary key']],
  overrides: Partial<TableFact> = {},
): TableFact {
  const facts: ColumnFact[] = columns.map(([column, type, ...constraints]) => ({
    name: column,
    type,
    constraints,
  }));
  return {
    name,
    access: 'read',
    why: 'the resource of the path',
    columns: facts,
    source: { file: DB_PLAN, line: 1 },
    ...overrides,
  };
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const SOURCE_FILE: Readonly<Record<string, string>> = {
  fields: API_PLAN,
  statusCodes: API_PLAN,
  crossCutting: API_PLAN,
  tables: DB_PLAN,
  unique: DB_PLAN,
  checks: DB_PLAN,
  foreignKeys: DB_PLAN,
  triggers: DB_PLAN,
  policies: DB_PLAN,
  indexes: DB_PLAN,
  enums: DB_PLAN,
  types: TYPES_FILE,
};

/** Gives every fact (an object in a list) without a `source` one in its document at line 1, so fixtures stay short. */
function withSources(value: Json, file: string | undefined, key: string): Json {
  if (Array.isArray(value)) {
    return value.map((item: Json) => {
      const filled = withSources(item, file, key);
      const isFact =
        filled !== null && typeof filled === 'object' && !Array.isArray(filled) && key !== 'columns';
      return isFact && file !== undefined && !('source' in filled)
        ? { ...filled, source: { file, line: 1 } }
        : filled;
    });
  }
  if (value === null || typeof value !== 'object') return value;
  const filled: Record<string, Json> = {};
  for (const [name, item] of Object.entries(value as { readonly [key: string]: Json })) {
    filled[name] = withSources(item, SOURCE_FILE[name] ?? file, name);
  }
  return filled;
}

type Lists<T> = {
  readonly [K in keyof T]?: T[K] extends readonly (infer U)[] ? readonly Partial<U>[] : never;
};

/** A fixture's dossier: any field of `Dossier`, lists of partial facts. */
type LooseDossier = Omit<Partial<Dossier>, 'fields' | 'types' | keyof ListKeys> &
  Lists<ListKeys> & {
    readonly fields?: Lists<Dossier['fields']>;
    readonly types?: Lists<Dossier['types']>;
  };

type ListKeys = Pick<
  Dossier,
  'statusCodes' | 'tables' | 'unique' | 'checks' | 'foreignKeys' | 'triggers' | 'policies' | 'indexes'
>;

/** A dossier from a fixture's JSON: what it gives over `aDossier`, sources and optional fields filled in. */
export function dossierFromJson(json: { readonly [key: string]: Json }): Dossier {
  const loose = withSources(json, undefined, '') as unknown as LooseDossier;
  const field = (fact: Partial<FieldFact>): FieldFact => aField(fact.name ?? '', fact);
  const at = (fact: { readonly source?: SourceRef | undefined }): SourceRef =>
    fact.source ?? { file: DB_PLAN, line: 1 };
  const base = aDossier(loose as Partial<Dossier>);
  return {
    ...base,
    fields: {
      path: (loose.fields?.path ?? []).map(field),
      query: (loose.fields?.query ?? []).map(field),
      body: (loose.fields?.body ?? []).map(field),
    },
    types: {
      request: (loose.types?.request ?? []).map((type) => ({
        name: '',
        declaration: '',
        ...type,
        source: type.source ?? { file: TYPES_FILE, line: 1 },
      })),
      response: (loose.types?.response ?? []).map((type) => ({
        name: '',
        declaration: '',
        ...type,
        source: type.source ?? { file: TYPES_FILE, line: 1 },
      })),
    },
    statusCodes: (loose.statusCodes ?? []).map((status) => aStatus(status.code ?? 0, status)),
    tables: (loose.tables ?? []).map((table) => ({
      name: '',
      access: 'read',
      why: '',
      ...table,
      // Fixtures write columns as `[name, type, ...constraints]`.
      columns: (table.columns ?? []).map((column) =>
        Array.isArray(column)
          ? (aTableFact('', [column as unknown as [string, string]]).columns[0] ?? column)
          : column,
      ),
      source: at(table),
    })),
    unique: (loose.unique ?? []).map((unique) => ({
      table: '',
      columns: [],
      where: undefined,
      text: '',
      ...unique,
      source: at(unique),
    })),
    checks: (loose.checks ?? []).map((check) => ({
      table: '',
      column: undefined,
      expression: '',
      ...check,
      source: at(check),
    })),
    foreignKeys: (loose.foreignKeys ?? []).map((key) => ({
      table: '',
      column: '',
      references: { table: '', column: undefined },
      onDelete: undefined,
      ...key,
      source: at(key),
    })),
    triggers: (loose.triggers ?? []).map((trigger) => ({
      table: '',
      name: undefined,
      text: '',
      ...trigger,
      source: at(trigger),
    })),
    policies: (loose.policies ?? []).map((policy) => ({
      table: '',
      name: undefined,
      operation: undefined,
      text: '',
      ...policy,
      source: at(policy),
    })),
    indexes: (loose.indexes ?? []).map((index) => ({
      table: '',
      name: undefined,
      columns: [],
      unique: false,
      where: undefined,
      text: '',
      ...index,
      source: at(index),
    })),
  };
}
