import type {
  ApiPlan,
  Column,
  DbPlan,
  Endpoint,
  ForeignKey,
  IndexDef,
  Param,
  PickedRule,
  Related,
  RlsPolicy,
  RuleFile,
  Spec,
  Table,
  TypeDecl,
  TypesFile,
} from '../../src/core/docs/model.ts';
import { endpointId } from '../../src/core/routes/ids.ts';

/** An Endpoint with sensible defaults; the id follows method and path unless given. */
export function anEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/api/flashcards';
  const markdown = overrides.markdown ?? `### ${method} ${path}`;
  return {
    id: endpointId(method, path),
    method,
    path,
    query: undefined,
    title: '',
    description: '',
    params: [],
    requestBody: undefined,
    responseBody: undefined,
    successStatus: undefined,
    errorCodes: [],
    lines: { start: 1, end: markdown.split('\n').length },
    markdown,
    section: [],
    ...overrides,
  };
}

/** A path or query parameter; path parameters default to required. */
export function aParam(name: string, overrides: Partial<Param> = {}): Param {
  const where = overrides.in ?? 'path';
  return {
    name,
    in: where,
    required: where === 'path' ? true : undefined,
    type: undefined,
    description: undefined,
    ...overrides,
  };
}

/** A column; `aColumn('id', 'uuid', 'PRIMARY KEY')`. */
export function aColumn(name: string, type = 'text', ...constraints: string[]): Column {
  return { name, type, constraints };
}

/** A table with the given columns (default: a uuid primary key). */
export function aTable(name: string, columns: readonly Column[] = [], overrides: Partial<Table> = {}): Table {
  return {
    name,
    columns: columns.length > 0 ? columns : [aColumn('id', 'uuid', 'PRIMARY KEY')],
    foreignKeys: [],
    primaryKey: [],
    line: 1,
    ...overrides,
  };
}

/** A foreign key `column → table(referencedColumn)`. */
export function aForeignKey(
  column: string,
  table: string,
  referencedColumn: string | undefined = 'id',
  onDelete: string | undefined = undefined,
): ForeignKey {
  return { column, references: { table, column: referencedColumn }, onDelete };
}

/** An index on `table(columns…)`. */
export function anIndex(
  table: string,
  columns: readonly string[],
  overrides: Partial<IndexDef> = {},
): IndexDef {
  const name = overrides.name ?? `idx_${table}_${columns.join('_')}`;
  const unique = overrides.unique ?? false;
  return {
    name,
    table,
    columns,
    unique,
    where: undefined,
    line: 1,
    text: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${table}(${columns.join(', ')});`,
    ...overrides,
  };
}

/** An RLS policy on a table, for a command (`SELECT`, `ALL`, …). */
export function aPolicy(
  table: string,
  command: string | undefined = 'ALL',
  overrides: Partial<RlsPolicy> = {},
): RlsPolicy {
  const name = overrides.name ?? `${table}_${(command ?? 'all').toLowerCase()}_own`;
  return {
    name,
    table,
    command,
    line: 1,
    text: `CREATE POLICY ${name} ON ${table} FOR ${command ?? 'ALL'} USING (auth.uid() = user_id);`,
    ...overrides,
  };
}

/** A declaration of `types.ts`; the text defaults to an empty exported type of that kind. */
export function aTypeDecl(name: string, overrides: Partial<TypeDecl> = {}): TypeDecl {
  const kind = overrides.kind ?? 'type';
  const text =
    overrides.text ??
    (kind === 'interface'
      ? `export interface ${name} {}`
      : kind === 'enum'
        ? `export enum ${name} {}`
        : `export type ${name} = Record<string, never>;`);
  return { name, kind, text, references: [], line: 1, ...overrides };
}

/** A parsed DB plan holding the given tables. */
export function aDbPlan(tables: readonly Table[] = [], overrides: Partial<DbPlan> = {}): DbPlan {
  return {
    file: '.ai/db-plan.md',
    tables,
    indexes: [],
    policies: [],
    uniques: [],
    checks: [],
    triggers: [],
    functions: [],
    enums: new Map(),
    diagnostics: [],
    ...overrides,
  };
}

/** A parsed types file holding the given declarations. */
export function aTypesFile(decls: readonly TypeDecl[] = [], overrides: Partial<TypesFile> = {}): TypesFile {
  return { file: 'src/types.ts', decls, diagnostics: [], ...overrides };
}

/** A parsed API plan holding the given endpoints. */
export function anApiPlan(endpoints: readonly Endpoint[] = [], overrides: Partial<ApiPlan> = {}): ApiPlan {
  return { file: '.ai/api-plan.md', endpoints, diagnostics: [], ...overrides };
}

/** Related resources; everything empty unless given. */
export function aRelated(overrides: Partial<Related> = {}): Related {
  return { tables: [], indexes: [], policies: [], enums: new Map(), types: [], ...overrides };
}

/** A rules file picked for prompts. */
export function aPickedRule(
  path: string,
  body: string,
  overrides: Partial<RuleFile> = {},
  reason = 'backend rules',
): PickedRule {
  return {
    rule: { path, description: undefined, globs: [], alwaysApply: false, body, ...overrides },
    reason,
  };
}

/** A whole Spec; only the API plan is present unless given. */
export function aSpec(overrides: Partial<Spec> = {}): Spec {
  const api = overrides.api ?? anApiPlan();
  return {
    root: '/project',
    sources: {
      apiPlan: api.file,
      dbPlan: overrides.db?.file,
      types: overrides.types?.file,
      techStack: overrides.techStack === undefined ? undefined : '.ai/tech-stack.md',
      rules: (overrides.rules ?? []).map((picked) => picked.rule.path),
    },
    api,
    apiText: api.endpoints.map((endpoint) => endpoint.markdown).join('\n\n'),
    db: undefined,
    dbText: undefined,
    types: undefined,
    typesText: undefined,
    techStack: undefined,
    rules: [],
    skippedRules: [],
    unreadDocs: [],
    diagnostics: [],
    ...overrides,
  };
}
