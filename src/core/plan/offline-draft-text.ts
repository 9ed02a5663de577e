// The words of an offline draft, in English and Polish: every sentence the draft engine writes lives here.
import { assertNever } from '../assert-never.ts';
import type { Column, Endpoint, HttpMethod } from '../docs/model.ts';
import type { NotFoundTarget, TypeRole, ValueKind } from './offline-draft.ts';
import type { StackProfile } from './tech-stack.ts';

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The standard reason phrase of a status code, or an empty string for an unusual one. */
export function reason(code: number): string {
  return REASONS[code] ?? '';
}

/** What the opening sentence of the overview is built from. */
export type SummaryFacts = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly target: string | undefined;
  readonly resource: string;
  /** The path parameter that names the target row itself. */
  readonly byParam: string | undefined;
  readonly parent: { readonly table: string; readonly param: string } | undefined;
  readonly list: boolean;
  readonly status: number;
  readonly responseTypes: readonly string[];
  readonly hasResponseBody: boolean;
};

/** What the service's main database step is built from. */
export type DbStep = {
  readonly method: HttpMethod;
  readonly table: string;
  readonly client: string;
  /** Path parameters that pick the row. */
  readonly filters: readonly string[];
  /** `column = param` assignments taken from the path. */
  readonly sets: readonly string[];
  readonly owner: string | undefined;
  readonly list: boolean;
};

/** Every sentence of a draft in one language; stack-specific code fragments are shared. */
export type DraftText = {
  readonly headings: {
    readonly overview: string;
    readonly request: string;
    readonly types: string;
    readonly response: string;
    readonly dataFlow: string;
    readonly security: string;
    readonly errors: string;
    readonly performance: string;
    readonly steps: string;
  };
  title(name: string): string;
  readonly recommended: string;
  readonly none: string;
  readonly line: string;
  readonly on: string;
  summary(facts: SummaryFacts): string;
  readonly noDescription: string;
  readonly planSays: string;
  readonly resource: string;
  readonly planSection: string;
  readonly planLines: string;
  readonly stack: string;
  readonly unknownStack: string;
  readonly mainTable: string;
  readonly httpMethod: string;
  readonly urlPattern: string;
  readonly parameters: string;
  readonly required: string;
  readonly optional: string;
  readonly inPath: string;
  readonly inQuery: string;
  readonly unstated: string;
  readonly queryAsWritten: string;
  readonly requestBody: string;
  readonly bodyNotSpecified: string;
  noTypes(typesPath: string | undefined): string;
  readonly noTypesFile: string;
  recommendTypes(typesPath: string | undefined): string;
  recommendCommand(typesPath: string | undefined): string;
  typesIntro(typesPath: string | undefined): string;
  typeRole(role: TypeRole): string;
  typesElsewhere(names: readonly string[]): string;
  readonly responseType: string;
  readonly success: string;
  readonly responseBody: string;
  readonly responseNotSpecified: string;
  readonly status: string;
  readonly meaning: string;
  readonly source: string;
  readonly fromSpec: string;
  readonly standard: string;
  flowHandler(file: string, method: HttpMethod, declaration: string | undefined): string;
  flowHandlerUnknown(method: HttpMethod): string;
  flowAuth(stack: StackProfile): string;
  flowValidate(
    validation: string | undefined,
    body: boolean,
    params: boolean,
    inputTypes: readonly string[],
  ): string;
  flowService(file: string): string;
  readonly flowServiceUnknown: string;
  readonly noTable: string;
  flowDb(step: DbStep): string;
  flowParent(table: string, param: string, owner: string | undefined, carried: readonly string[]): string;
  flowReference(column: string, table: string, owned: boolean, has404: boolean): string;
  flowCascade(table: string, column: string, onDelete: string): string;
  flowRead(table: string, reading: boolean): string;
  flowLog(table: string): string;
  flowContext(tables: readonly { readonly table: string; readonly via: string | undefined }[]): string;
  flowRespond(status: number, types: readonly string[]): string;
  readonly authentication: string;
  authText(stack: StackProfile): string;
  readonly authorization: string;
  readonly rlsIntro: string;
  rlsTarget(table: string, command: string, policies: readonly string[]): string;
  rlsReturning(policies: readonly string[]): string;
  rlsOther(table: string, policies: readonly string[]): string;
  rlsParent(table: string, policies: readonly string[], param: string | undefined): string;
  rlsRead(table: string, policies: readonly string[]): string;
  rlsLog(table: string, policies: readonly string[]): string;
  readonly parentOwnership: string;
  parentCheck(table: string, via: string, owner: string | undefined): string;
  noRls(tables: readonly string[]): string;
  readonly ownershipGeneric: string;
  readonly ownership: string;
  ownerColumn(table: string, column: string, inBody: boolean): string;
  readonly inputValidation: string;
  readonly noValidationFacts: string;
  readonly strictBody: string;
  injection(stack: StackProfile): string;
  readonly capPageSize: string;
  declaredType(type: string): string;
  readonly checkAsDocumented: string;
  asWritten(value: string): string;
  readonly noColumn: string;
  derivedColumns(columns: readonly Column[]): string;
  readonly itemFields: string;
  readonly body: string;
  readonly patchAtLeastOne: string;
  column(column: Column, table: string | undefined): string;
  readonly requiredNotNull: string;
  readonly hasDefault: string;
  maxLength(length: number): string;
  oneOf(values: readonly string[]): string;
  typeCheck(kind: ValueKind): string;
  check(constraint: string): string;
  mustExist(table: string): string;
  readonly unique: string;
  readonly scenario: string;
  readonly handling: string;
  scenarioFor(code: number, endpoint: Endpoint, targets: readonly NotFoundTarget[]): string;
  handlingFor(code: number): string;
  readonly noErrorTable: string;
  errorTable(table: string): string;
  readonly indexesIntro: string;
  readonly indexesWrite: string;
  keyLookups(tables: readonly string[]): string;
  readonly uniqueIndex: string;
  readonly noIndexes: string;
  indexFor(table: string, column: string): string;
  readonly paginationPresent: string;
  readonly paginationMissing: string;
  readonly selectColumns: string;
  readonly nothingToTune: string;
  readonly roundTrips: string;
  stepTypes(names: readonly string[], typesPath: string | undefined): string;
  stepSchema(validation: string | undefined): string;
  stepService(file: string, method: HttpMethod, tables: readonly string[]): string;
  readonly stepServiceUnknown: string;
  stepHandler(file: string, method: HttpMethod, declaration: string | undefined): string;
  stepHandlerUnknown(method: HttpMethod, path: string): string;
  stepErrors(codes: readonly number[]): string;
  stepRls(policies: readonly string[]): string;
  stepTests(success: number, errors: readonly number[]): string;
  stepRules(paths: readonly string[]): string;
};

/** The sentences of a draft in `language`. */
export function draftText(language: 'en' | 'pl'): DraftText {
  switch (language) {
    case 'en':
      return EN;
    case 'pl':
      return PL;
    default:
      return assertNever(language);
  }
}

/** Inline code. */
export const code = (text: string): string => `\`${text}\``;
/** A list of inline code items. */
export const codes = (items: readonly string[]): string => items.map(code).join(', ');

/** How the handler for `method` is declared in this stack, as a code fragment; undefined for an unknown stack. */
export function handlerDeclaration(
  stack: StackProfile,
  method: HttpMethod,
  path: string,
): string | undefined {
  const lower = method.toLowerCase();
  const pascalMethod = `${method[0] ?? ''}${lower.slice(1)}`;
  const colon = path.replace(
    /\{([^}]+)\}|\[([^\]]+)\]/g,
    (_, a: string | undefined, b: string | undefined) => `:${a ?? b ?? ''}`,
  );
  const braces = path.replace(
    /:([A-Za-z_]\w*)|\[([^\]]+)\]/g,
    (_, a: string | undefined, b: string | undefined) => `{${a ?? b ?? ''}}`,
  );
  const common = method === 'HEAD' || method === 'OPTIONS';
  switch (stack.framework) {
    case 'astro':
      return `${code(`export const ${method}: APIRoute`)}, ${code('export const prerender = false')}`;
    case 'nextjs':
      return code(`export async function ${method}(request: Request)`);
    case 'express':
      return code(`router.${lower}('${colon}', …)`);
    case 'fastify':
      return code(`fastify.${lower}('${colon}', …)`);
    case 'hono':
      return code(`app.${lower}('${colon}', …)`);
    case 'nestjs':
      return code(`@${pascalMethod}()`);
    case 'supabase-edge':
      return code(`Deno.serve(…)`);
    case 'django':
      return code(`def ${lower}(self, request, …)`);
    case 'fastapi':
      return code(`@router.${lower}("${braces}")`);
    case 'flask':
      return code(`@bp.route("${braces.replace(/\{([^}]+)\}/g, '<$1>')}", methods=["${method}"])`);
    case 'spring':
      return code(
        common ? `@RequestMapping(method = RequestMethod.${method})` : `@${pascalMethod}Mapping("${braces}")`,
      );
    case 'dotnet':
      return code(
        common ? `app.MapMethods("${braces}", ["${method}"], …)` : `app.Map${pascalMethod}("${braces}", …)`,
      );
    case 'unknown':
      return undefined;
    default:
      return assertNever(stack.framework);
  }
}

export function dbClient(stack: StackProfile, language: 'en' | 'pl'): string {
  const { db } = stack;
  switch (db.kind) {
    case 'supabase-locals':
      return language === 'en'
        ? `the Supabase client from ${code('context.locals.supabase')}`
        : `klienta Supabase z ${code('context.locals.supabase')}`;
    case 'supabase':
      return language === 'en' ? 'the Supabase client' : 'klienta Supabase';
    case 'orm':
      return db.name;
    case 'unknown':
      return language === 'en'
        ? 'the data access layer the project uses'
        : 'warstwę dostępu do danych używaną w projekcie';
    default:
      return assertNever(db);
  }
}

const EN: DraftText = {
  headings: {
    overview: 'Endpoint Overview',
    request: 'Request Details',
    types: 'Used Types',
    response: 'Response Details',
    dataFlow: 'Data Flow',
    security: 'Security Considerations',
    errors: 'Error Handling',
    performance: 'Performance Considerations',
    steps: 'Implementation Steps',
  },
  title: (name) => `API Endpoint Implementation Plan: ${name}`,
  recommended: 'Recommended',
  none: 'none',
  line: 'line',
  on: 'on',
  summary: (f) => {
    const what = f.target === undefined ? `the ${code(f.resource)} resource` : code(f.target);
    const of =
      f.parent === undefined ? '' : ` for the ${code(f.parent.table)} row given by ${code(f.parent.param)}`;
    const one = f.byParam === undefined ? `a ${what} row` : `the ${what} row given by ${code(f.byParam)}`;
    const action = (() => {
      switch (f.method) {
        case 'GET':
        case 'HEAD':
        case 'OPTIONS':
          return f.byParam === undefined && (f.list || f.target !== undefined)
            ? `lists ${what} rows${of}`
            : `returns ${one}${of}`;
        case 'POST':
          return `creates ${f.target === undefined ? `a ${code(f.resource)}` : `a ${code(f.target)} row`}${of}`;
        case 'PUT':
          return `replaces ${one}${of}`;
        case 'PATCH':
          return `updates fields of ${one}${of}`;
        case 'DELETE':
          return `deletes ${one}${of}`;
        default:
          return assertNever(f.method);
      }
    })();
    const answer =
      f.status === 204
        ? 'with no body'
        : f.responseTypes.length > 0
          ? `with ${codes(f.responseTypes)}`
          : f.hasResponseBody
            ? 'with the JSON shown in Response Details'
            : 'with a JSON body the API plan does not specify';
    return `${code(`${f.method} ${f.path}`)} ${action} and answers ${code(`${f.status} ${reason(f.status)}`)} ${answer}.`;
  },
  noDescription: 'The API plan gives no description for this endpoint.',
  planSays: 'The API plan describes it as',
  resource: 'Resource',
  planSection: 'API plan section',
  planLines: 'API plan lines',
  stack: 'Backend',
  unknownStack: 'not recognised from the tech stack doc; file locations below are generic',
  mainTable: 'Main table',
  httpMethod: 'HTTP Method',
  urlPattern: 'URL Pattern',
  parameters: 'Parameters',
  required: 'Required',
  optional: 'Optional',
  inPath: 'path',
  inQuery: 'query',
  unstated: '(the API plan does not say whether it is required)',
  queryAsWritten: 'Query string as written in the API plan',
  requestBody: 'Request Body',
  bodyNotSpecified: 'not specified in the API plan; confirm whether the endpoint takes one.',
  noTypes: (typesPath) =>
    typesPath === undefined
      ? 'No type declaration matches this endpoint (no types file is known).'
      : `No declaration in ${code(typesPath)} matches this endpoint.`,
  noTypesFile: 'The project has no types file, so there are no existing DTO or command types to reuse.',
  recommendTypes: (typesPath) =>
    `define the request (command) and response (DTO) types for this endpoint in ${typesPath === undefined ? 'a shared types file' : code(typesPath)}, derived from the table rows.`,
  recommendCommand: (typesPath) =>
    `add a command type for the request body to ${typesPath === undefined ? 'the types file' : code(typesPath)}; none of the declarations above describes it.`,
  typesIntro: (typesPath) =>
    `Declarations from ${typesPath === undefined ? 'the types file' : code(typesPath)} this endpoint uses:`,
  typeRole: (role) => {
    switch (role) {
      case 'request':
        return 'request (command)';
      case 'response':
        return 'response (DTO)';
      case 'resource':
        return 'type of the resource';
      case 'referenced':
        return 'referenced by the types above';
      case 'elsewhere':
        return 'not used by this endpoint';
      default:
        return assertNever(role);
    }
  },
  typesElsewhere: (names) => `Also related in the types file, not used by this endpoint: ${codes(names)}.`,
  responseType: 'Response type',
  success: 'Success',
  responseBody: 'Response body',
  responseNotSpecified: 'not specified in the API plan; confirm the response shape.',
  status: 'Status',
  meaning: 'Meaning',
  source: 'Source',
  fromSpec: 'API plan',
  standard: 'standard',
  flowHandler: (file, method, declaration) =>
    `The request reaches ${code(file)}, which holds the ${code(method)} handler${declaration === undefined ? '' : ` (${declaration})`}.`,
  flowHandlerUnknown: (method) =>
    `Recommended: the ${code(method)} request reaches a route handler placed with the other API handlers of the project.`,
  flowAuth: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `The handler reads the user from the Supabase session through ${code('context.locals.supabase')} (${code('auth.getUser()')}); without a user it answers 401.`
      : stack.db.kind === 'supabase'
        ? `The handler verifies the Supabase session token (${code('supabase.auth.getUser(token)')}); without a user it answers 401.`
        : 'Recommended: the handler resolves the authenticated user with the mechanism the project already uses; without one it answers 401.',
  flowValidate: (validation, body, params) => {
    const what = [
      params ? 'path and query parameters' : undefined,
      body ? 'the JSON body' : undefined,
    ].filter((x) => x !== undefined);
    const subject = what.length === 0 ? 'the request' : what.join(' and ');
    return validation === undefined
      ? `Recommended: validate ${subject} with a schema before any database work; failures answer 400.`
      : `The handler validates ${subject} with ${validation} before any database work; failures answer 400 with the field errors.`;
  },
  flowService: (file) =>
    `The handler calls a service function in ${code(file)} and keeps no business logic itself.`,
  flowServiceUnknown:
    'Recommended: the handler calls a service function, so business logic stays out of the route.',
  noTable: 'No table in the database plan matches this endpoint; confirm the data source.',
  flowDb: (step) => {
    const filter = step.filters.length === 0 ? '' : ` picked by ${codes(step.filters)}`;
    const scope = step.owner === undefined ? '' : ` and ${code(step.owner)} = the user's id`;
    switch (step.method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `The service reads ${step.filters.length > 0 && !step.list ? `the ${code(step.table)} row` : `${step.list ? 'a page of ' : ''}${code(step.table)} rows`}${filter}${step.owner === undefined ? '' : ` where ${code(step.owner)} = the user's id`} through ${step.client}${step.filters.length > 0 && !step.list ? '; no row → 404' : ''}.`;
      case 'POST': {
        const sets = [
          ...step.sets.map((set) => code(set)),
          ...(step.owner === undefined ? [] : [`${code(step.owner)} = the user's id`]),
        ];
        return `The service inserts a row into ${code(step.table)}${sets.length === 0 ? '' : ` (${sets.join(', ')})`} through ${step.client} and returns the created row.`;
      }
      case 'PUT':
      case 'PATCH':
        return `The service updates the ${code(step.table)} row${filter}${scope === '' ? '' : ` (matching on the id${scope})`} through ${step.client} and returns the updated row; no row → 404.`;
      case 'DELETE':
        return `The service deletes the ${code(step.table)} row${filter}${scope === '' ? '' : ` (matching on the id${scope})`} through ${step.client}; no row → 404.`;
      default:
        return assertNever(step.method);
    }
  },
  flowParent: (table, param, owner, carried) =>
    `The service first loads the ${code(table)} row given by ${code(param)}${owner === undefined ? '' : ` (it must belong to the user: ${code(`${table}.${owner}`)})`}; a missing or hidden row answers 404 before any write.${carried.length === 0 ? '' : ` The response also carries ${codes(carried)}, ${carried.length === 1 ? 'a column' : 'columns'} of ${code(table)}: read or update ${carried.length === 1 ? 'it' : 'them'} on that row in the same operation.`}`,
  flowReference: (column, table, owned, has404) =>
    `Every ${code(column)} in the body must point to an existing ${code(table)} row${owned ? ' of the same user' : ''}; check it before the write and answer ${has404 ? '404' : '400'} otherwise (the foreign key alone would give a 500).`,
  flowCascade: (table, column, onDelete) =>
    `The delete also affects ${code(table)} rows through ${code(`${table}.${column}`)} (ON DELETE ${onDelete}); the database does it, the service must not delete them one by one.`,
  flowRead: (table, reading) =>
    reading
      ? `The service also reads ${code(table)}, which the endpoint's description or response names.`
      : `The endpoint's description also names ${code(table)}; read or write it exactly as the API plan says.`,
  flowLog: (table) => `Failures are recorded in ${code(table)}, as the API plan says (see Error Handling).`,
  flowContext: (tables) =>
    `Also related in the database plan (the API plan does not say this operation uses them): ${tables
      .map((entry) =>
        entry.via === undefined ? code(entry.table) : `${code(entry.table)} (through ${code(entry.via)})`,
      )
      .join(', ')}.`,
  flowRespond: (status, types) =>
    status === 204
      ? 'The handler answers 204 with no body.'
      : types.length === 0
        ? `The handler answers ${status} with the JSON result.`
        : `The handler maps the result to ${codes(types)} and answers ${status}.`,
  authentication: 'Authentication',
  authText: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `Supabase Auth session, read in the handler through ${code('context.locals.supabase')}; requests without a user get 401.`
      : stack.db.kind === 'supabase'
        ? 'Supabase Auth JWT from the Authorization header; requests without a valid user get 401.'
        : 'Recommended: require an authenticated user for this endpoint unless the API plan says it is public; otherwise 401.',
  authorization: 'Authorization',
  rlsIntro: 'row-level security policies from the database plan:',
  rlsTarget: (table, command, policies) =>
    policies.length === 0
      ? `${command} on ${code(table)}: no policy in the database plan allows it, so RLS will refuse the operation; add one or confirm the intent.`
      : `${command} on ${code(table)} runs under ${codes(policies)}.`,
  rlsReturning: (policies) =>
    `Returning the written row also needs ${codes(policies)} (SELECT), since the row is read back after the write.`,
  rlsOther: (table, policies) =>
    `Other policies on ${code(table)}, not used by this operation: ${codes(policies)}.`,
  rlsParent: (table, policies, param) =>
    `Parent check: reading ${code(table)}${param === undefined ? '' : ` for ${code(param)}`} runs under ${policies.length === 0 ? 'no SELECT policy of the database plan (check ownership in the service)' : codes(policies)}; a row hidden by RLS looks missing, so answer 404.`,
  rlsRead: (table, policies) =>
    `Reading ${code(table)} for the response runs under ${policies.length === 0 ? 'no SELECT policy of the database plan (filter by owner in the service)' : codes(policies)}, so rows the user may not see are left out.`,
  rlsLog: (table, policies) =>
    `Writing a failure to ${code(table)} runs under ${policies.length === 0 ? 'no INSERT policy of the database plan (write it with a server-side client)' : codes(policies)}.`,
  parentOwnership: 'Parent ownership',
  parentCheck: (table, via, owner) =>
    owner === undefined
      ? `the ${code(table)} row named by ${code(via)} must exist; ${code(table)} has no owner column, so decide who may use it.`
      : `the ${code(table)} row named by ${code(via)} must belong to the user (${code(`${table}.${owner}`)}); never trust ${code(via)} alone.`,
  noRls: (tables) =>
    `the database plan defines no RLS policy for ${codes(tables)}. Recommended: enforce ownership in the service query.`,
  ownershipGeneric: 'check in the service that the user may access the resource.',
  ownership: 'Ownership',
  ownerColumn: (table, column, inBody) =>
    `${code(`${table}.${column}`)} ties rows to a user: set and filter it from the authenticated user${inBody ? `, never trust ${code(column)} from the body` : ', never from client input'}.`,
  inputValidation: 'Input validation',
  noValidationFacts: 'The API plan gives no parameters or body fields to validate.',
  strictBody: 'reject unknown body fields (a strict schema) so columns outside the contract cannot be set.',
  injection: (stack) =>
    stack.db.kind === 'unknown'
      ? 'use parameterised queries only; never build SQL from request text.'
      : `use the query builder of ${dbClient(stack, 'en')} with bound values only; never build SQL from request text.`,
  capPageSize: 'cap the page size parameter to a sensible maximum.',
  declaredType: (type) => `declared as ${code(type)}`,
  checkAsDocumented: 'validate as documented in the API plan',
  asWritten: (value) => `plan says ${code(value.replace(/`/g, "'"))}`,
  noColumn: 'no matching column in the related tables',
  derivedColumns: (columns) =>
    `not stored as such; the table keeps ${columns.map((column) => `${code(column.name)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`).join(', ')} derived from it, so validate the value so those hold`,
  itemFields: 'an array; each item is checked field by field below',
  body: 'body',
  patchAtLeastOne: 'Recommended: require at least one updatable field in the body.',
  column: (column, table) =>
    `column ${code(`${table === undefined ? '' : `${table}.`}${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
  requiredNotNull: 'required (NOT NULL without a default)',
  hasDefault: 'may be omitted (the column has a default)',
  maxLength: (length) => `at most ${length} characters`,
  oneOf: (values) => `one of ${codes(values)}`,
  typeCheck: (kind) => {
    switch (kind) {
      case 'uuid':
        return 'must be a UUID';
      case 'integer':
        return 'must be an integer';
      case 'number':
        return 'must be a number';
      case 'boolean':
        return 'must be a boolean';
      case 'timestamp':
        return 'must be an ISO 8601 date-time';
      case 'date':
        return 'must be an ISO 8601 date';
      case 'json':
        return 'must be valid JSON';
      default:
        return assertNever(kind);
    }
  },
  check: (constraint) => `must satisfy ${code(constraint)}`,
  mustExist: (table) => `must reference an existing ${code(table)} row`,
  unique: 'must be unique (Recommended: answer a duplicate with 409 Conflict)',
  scenario: 'Scenario',
  handling: 'Handling',
  scenarioFor: (status, endpoint, targets) => {
    switch (status) {
      case 400:
        return 'Invalid path/query parameters or body (see Input validation)';
      case 401:
        return 'No authenticated user';
      case 403:
        return 'The user may not act on this resource';
      case 404:
        return targets.length === 0
          ? `The resource named in ${code(endpoint.path)} does not exist or is not visible to the user`
          : `${targets
              .map((target) =>
                target.param === undefined
                  ? `the referenced ${code(target.table ?? '')} row does not exist`
                  : target.table === undefined
                    ? `no ${code(target.segment ?? endpoint.path)} for ${code(target.param)}`
                    : `no ${code(target.table)} row for ${code(target.param)}`,
              )
              .join('; ')
              .replace(/^./, (first) => first.toUpperCase())} (or RLS hides it)`;
      case 409:
        return 'The request conflicts with existing data (e.g. a unique constraint)';
      case 422:
        return 'Well-formed input that breaks a business rule';
      case 429:
        return 'Too many requests from this user';
      case 500:
        return 'Unexpected database or server error';
      default:
        return 'As described in the API plan';
    }
  },
  handlingFor: (status) => {
    if (status === 400 || status === 422)
      return 'Return the validation errors per field; do not touch the database';
    if (status === 401) return 'Return early before any database work';
    if (status === 500)
      return 'Log the error with the endpoint and user id; return a generic message without internals';
    return `Return ${status} with an error message the client can show`;
  },
  noErrorTable:
    'the database plan has no error log table among the related tables; log server errors with the project logger.',
  errorTable: (table) => `Log server-side failures to ${code(table)} from the database plan.`,
  indexesIntro: 'Indexes from the database plan on the tables this endpoint reads:',
  indexesWrite:
    'Indexes from the database plan on the table this endpoint writes (each one is updated by the write):',
  keyLookups: (tables) =>
    `${codes(tables)} ${tables.length === 1 ? 'is' : 'are'} looked up by primary key, which needs no extra index.`,
  uniqueIndex: 'unique',
  noIndexes: 'The database plan defines no index on the related tables.',
  indexFor: (table, column) => `an index on ${code(`${table}(${column})`)}, which this endpoint filters by.`,
  paginationPresent: 'The endpoint is paginated by its query parameters; keep the default page small.',
  paginationMissing: 'paginate the list (limit/offset or cursor) so the response stays bounded.',
  selectColumns: 'select only the columns the response needs.',
  nothingToTune: 'The docs name no table or index for this endpoint; it has no known database cost.',
  roundTrips: 'check referenced rows and write in as few round trips as possible (or one database function).',
  stepTypes: (names, typesPath) =>
    `Use ${codes(names)} from ${typesPath === undefined ? 'the types file' : code(typesPath)} for input and output.`,
  stepSchema: (validation) =>
    validation === undefined
      ? 'Recommended: write a validation schema for the parameters and body from the rules in Security Considerations.'
      : `Write a ${validation} schema for the parameters and body from the rules in Security Considerations.`,
  stepService: (file, method, tables) =>
    `Create or extend ${code(file)} with a function for ${code(method)} that takes the database client and the validated input${tables.length === 0 ? '' : ` and works on ${codes(tables)}`}.`,
  stepServiceUnknown: 'put the business logic in a service module next to the other services of the project.',
  stepHandler: (file, method, declaration) =>
    `Create ${code(file)} with the ${code(method)} handler${declaration === undefined ? '' : ` (${declaration})`}: authenticate, validate, call the service, map the result.`,
  stepHandlerUnknown: (method, path) =>
    `add the ${code(`${method} ${path}`)} route handler where the project keeps its API routes.`,
  stepErrors: (errors) =>
    `Map every failure to its status code (${errors.join(', ')}) with a JSON error body.`,
  stepRls: (policies) =>
    `Check that the RLS policies ${codes(policies)} allow exactly this operation for the user.`,
  stepTests: (success, errors) => `tests for ${success} and for each error status (${errors.join(', ')}).`,
  stepRules: (paths) => `Follow the implementation rules in ${codes(paths)}.`,
};

const PL: DraftText = {
  headings: {
    overview: 'Przegląd punktu końcowego',
    request: 'Szczegóły żądania',
    types: 'Wykorzystywane typy',
    response: 'Szczegóły odpowiedzi',
    dataFlow: 'Przepływ danych',
    security: 'Względy bezpieczeństwa',
    errors: 'Obsługa błędów',
    performance: 'Wydajność',
    steps: 'Etapy wdrożenia',
  },
  title: (name) => `API Endpoint Implementation Plan: ${name}`,
  recommended: 'Zalecane',
  none: 'brak',
  line: 'wiersz',
  on: 'na',
  summary: (f) => {
    const what = f.target === undefined ? `zasobu ${code(f.resource)}` : code(f.target);
    const of =
      f.parent === undefined
        ? ''
        : ` dla wiersza ${code(f.parent.table)} wskazanego przez ${code(f.parent.param)}`;
    const one =
      f.byParam === undefined ? `wiersz ${what}` : `wiersz ${what} wskazany przez ${code(f.byParam)}`;
    const action = (() => {
      switch (f.method) {
        case 'GET':
        case 'HEAD':
        case 'OPTIONS':
          return f.byParam === undefined && (f.list || f.target !== undefined)
            ? `zwraca listę wierszy ${what}${of}`
            : `zwraca ${one}${of}`;
        case 'POST':
          return `tworzy ${f.target === undefined ? `zasób ${code(f.resource)}` : `wiersz ${code(f.target)}`}${of}`;
        case 'PUT':
          return `zastępuje ${one}${of}`;
        case 'PATCH':
          return `aktualizuje pola ${f.byParam === undefined ? `wiersza ${what}` : `wiersza ${what} wskazanego przez ${code(f.byParam)}`}${of}`;
        case 'DELETE':
          return `usuwa ${one}${of}`;
        default:
          return assertNever(f.method);
      }
    })();
    const answer =
      f.status === 204
        ? 'bez treści'
        : f.responseTypes.length > 0
          ? `z ${codes(f.responseTypes)}`
          : f.hasResponseBody
            ? 'z JSON pokazanym w Szczegółach odpowiedzi'
            : 'z treścią JSON, której plan API nie określa';
    return `${code(`${f.method} ${f.path}`)} ${action} i odpowiada ${code(`${f.status} ${reason(f.status)}`)} ${answer}.`;
  },
  noDescription: 'Plan API nie podaje opisu tego punktu końcowego.',
  planSays: 'Opis w planie API',
  resource: 'Zasób',
  planSection: 'Sekcja planu API',
  planLines: 'Wiersze planu API',
  stack: 'Backend',
  unknownStack: 'nie rozpoznano w opisie stosu technologicznego; lokalizacje plików poniżej są ogólne',
  mainTable: 'Główna tabela',
  httpMethod: 'Metoda HTTP',
  urlPattern: 'Wzorzec URL',
  parameters: 'Parametry',
  required: 'Wymagane',
  optional: 'Opcjonalne',
  inPath: 'ścieżka',
  inQuery: 'zapytanie',
  unstated: '(plan API nie mówi, czy jest wymagany)',
  queryAsWritten: 'Ciąg zapytania zapisany w planie API',
  requestBody: 'Treść żądania',
  bodyNotSpecified: 'nie określono w planie API; potwierdź, czy punkt końcowy ją przyjmuje.',
  noTypes: (typesPath) =>
    typesPath === undefined
      ? 'Żadna deklaracja typu nie pasuje do tego punktu końcowego (brak znanego pliku typów).'
      : `Żadna deklaracja w ${code(typesPath)} nie pasuje do tego punktu końcowego.`,
  noTypesFile:
    'Projekt nie ma pliku typów, więc nie ma istniejących typów DTO ani command do ponownego użycia.',
  recommendTypes: (typesPath) =>
    `zdefiniuj typy żądania (command) i odpowiedzi (DTO) dla tego punktu końcowego w ${typesPath === undefined ? 'wspólnym pliku typów' : code(typesPath)}, na podstawie wierszy tabel.`,
  recommendCommand: (typesPath) =>
    `dodaj typ command dla treści żądania do ${typesPath === undefined ? 'pliku typów' : code(typesPath)}; żadna z powyższych deklaracji jej nie opisuje.`,
  typesIntro: (typesPath) =>
    `Deklaracje z ${typesPath === undefined ? 'pliku typów' : code(typesPath)} używane przez ten punkt końcowy:`,
  typeRole: (role) => {
    switch (role) {
      case 'request':
        return 'żądanie (command)';
      case 'response':
        return 'odpowiedź (DTO)';
      case 'resource':
        return 'typ zasobu';
      case 'referenced':
        return 'używany przez powyższe typy';
      case 'elsewhere':
        return 'nieużywany przez ten punkt końcowy';
      default:
        return assertNever(role);
    }
  },
  typesElsewhere: (names) => `Powiązane w pliku typów, nieużywane przez ten punkt końcowy: ${codes(names)}.`,
  responseType: 'Typ odpowiedzi',
  success: 'Sukces',
  responseBody: 'Treść odpowiedzi',
  responseNotSpecified: 'nie określono w planie API; potwierdź kształt odpowiedzi.',
  status: 'Status',
  meaning: 'Znaczenie',
  source: 'Źródło',
  fromSpec: 'plan API',
  standard: 'standard',
  flowHandler: (file, method, declaration) =>
    `Żądanie trafia do ${code(file)}, który zawiera obsługę ${code(method)}${declaration === undefined ? '' : ` (${declaration})`}.`,
  flowHandlerUnknown: (method) =>
    `Zalecane: żądanie ${code(method)} trafia do funkcji obsługi umieszczonej obok pozostałych tras API projektu.`,
  flowAuth: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `Funkcja obsługi odczytuje użytkownika z sesji Supabase przez ${code('context.locals.supabase')} (${code('auth.getUser()')}); bez użytkownika odpowiada 401.`
      : stack.db.kind === 'supabase'
        ? `Funkcja obsługi weryfikuje token sesji Supabase (${code('supabase.auth.getUser(token)')}); bez użytkownika odpowiada 401.`
        : 'Zalecane: funkcja obsługi ustala zalogowanego użytkownika mechanizmem używanym już w projekcie; bez niego odpowiada 401.',
  flowValidate: (validation, body, params) => {
    const what = [
      params ? 'parametry ścieżki i zapytania' : undefined,
      body ? 'treść JSON' : undefined,
    ].filter((x) => x !== undefined);
    const subject = what.length === 0 ? 'żądanie' : what.join(' oraz ');
    return validation === undefined
      ? `Zalecane: zwaliduj ${subject} schematem przed jakąkolwiek operacją na bazie; błędy dają 400.`
      : `Funkcja obsługi waliduje ${subject} za pomocą ${validation} przed jakąkolwiek operacją na bazie; błędy dają 400 z listą pól.`;
  },
  flowService: (file) =>
    `Funkcja obsługi wywołuje funkcję serwisu w ${code(file)} i sama nie zawiera logiki biznesowej.`,
  flowServiceUnknown:
    'Zalecane: funkcja obsługi wywołuje funkcję serwisu, aby logika biznesowa nie trafiła do trasy.',
  noTable: 'Żadna tabela w planie bazy danych nie pasuje do tego punktu końcowego; potwierdź źródło danych.',
  flowDb: (step) => {
    const filter = step.filters.length === 0 ? '' : ` wskazany przez ${codes(step.filters)}`;
    const scope = step.owner === undefined ? '' : ` i ${code(step.owner)} = id użytkownika`;
    switch (step.method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `Serwis odczytuje ${step.filters.length > 0 && !step.list ? 'wiersz' : step.list ? 'stronę wierszy' : 'wiersze'} ${code(step.table)}${filter}${step.owner === undefined ? '' : `, gdzie ${code(step.owner)} = id użytkownika,`} przez ${step.client}${step.filters.length > 0 && !step.list ? '; brak wiersza → 404' : ''}.`;
      case 'POST': {
        const sets = [
          ...step.sets.map((set) => code(set)),
          ...(step.owner === undefined ? [] : [`${code(step.owner)} = id użytkownika`]),
        ];
        return `Serwis wstawia wiersz do ${code(step.table)}${sets.length === 0 ? '' : ` (${sets.join(', ')})`} przez ${step.client} i zwraca utworzony wiersz.`;
      }
      case 'PUT':
      case 'PATCH':
        return `Serwis aktualizuje wiersz ${code(step.table)}${filter}${scope === '' ? '' : ` (dopasowanie po id${scope})`} przez ${step.client} i zwraca zaktualizowany wiersz; brak wiersza → 404.`;
      case 'DELETE':
        return `Serwis usuwa wiersz ${code(step.table)}${filter}${scope === '' ? '' : ` (dopasowanie po id${scope})`} przez ${step.client}; brak wiersza → 404.`;
      default:
        return assertNever(step.method);
    }
  },
  flowParent: (table, param, owner, carried) =>
    `Serwis najpierw wczytuje wiersz ${code(table)} wskazany przez ${code(param)}${owner === undefined ? '' : ` (musi należeć do użytkownika: ${code(`${table}.${owner}`)})`}; brak lub ukryty wiersz daje 404 przed jakimkolwiek zapisem.${carried.length === 0 ? '' : ` Odpowiedź zawiera też ${codes(carried)}, czyli kolumny ${code(table)}: odczytaj lub zaktualizuj je w tym wierszu w tej samej operacji.`}`,
  flowReference: (column, table, owned, has404) =>
    `Każde ${code(column)} w treści musi wskazywać istniejący wiersz ${code(table)}${owned ? ' tego samego użytkownika' : ''}; sprawdź to przed zapisem i w przeciwnym razie odpowiedz ${has404 ? '404' : '400'} (sam klucz obcy dałby 500).`,
  flowCascade: (table, column, onDelete) =>
    `Usunięcie dotyczy też wierszy ${code(table)} przez ${code(`${table}.${column}`)} (ON DELETE ${onDelete}); robi to baza, serwis nie usuwa ich pojedynczo.`,
  flowRead: (table, reading) =>
    reading
      ? `Serwis odczytuje też ${code(table)}, którą wymienia opis lub odpowiedź punktu końcowego.`
      : `Opis punktu końcowego wymienia też ${code(table)}; odczytuj lub zapisuj ją dokładnie tak, jak mówi plan API.`,
  flowLog: (table) => `Błędy są zapisywane w ${code(table)}, zgodnie z planem API (zob. Obsługa błędów).`,
  flowContext: (tables) =>
    `Powiązane też w planie bazy danych (plan API nie mówi, że ta operacja z nich korzysta): ${tables
      .map((entry) =>
        entry.via === undefined ? code(entry.table) : `${code(entry.table)} (przez ${code(entry.via)})`,
      )
      .join(', ')}.`,
  flowRespond: (status, types) =>
    status === 204
      ? 'Funkcja obsługi odpowiada 204 bez treści.'
      : types.length === 0
        ? `Funkcja obsługi odpowiada ${status} z wynikiem w JSON.`
        : `Funkcja obsługi mapuje wynik na ${codes(types)} i odpowiada ${status}.`,
  authentication: 'Uwierzytelnianie',
  authText: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `sesja Supabase Auth odczytywana w funkcji obsługi przez ${code('context.locals.supabase')}; żądania bez użytkownika dostają 401.`
      : stack.db.kind === 'supabase'
        ? 'token JWT Supabase Auth z nagłówka Authorization; żądania bez poprawnego użytkownika dostają 401.'
        : 'Zalecane: wymagaj zalogowanego użytkownika, chyba że plan API mówi, że punkt końcowy jest publiczny; w przeciwnym razie 401.',
  authorization: 'Autoryzacja',
  rlsIntro: 'polityki RLS z planu bazy danych:',
  rlsTarget: (table, command, policies) =>
    policies.length === 0
      ? `${command} na ${code(table)}: żadna polityka z planu bazy danych na to nie pozwala, więc RLS odrzuci operację; dodaj politykę lub potwierdź zamiar.`
      : `${command} na ${code(table)} działa w ramach ${codes(policies)}.`,
  rlsReturning: (policies) =>
    `Zwrócenie zapisanego wiersza wymaga też ${codes(policies)} (SELECT), bo wiersz jest odczytywany po zapisie.`,
  rlsOther: (table, policies) =>
    `Pozostałe polityki na ${code(table)}, nieużywane w tej operacji: ${codes(policies)}.`,
  rlsParent: (table, policies, param) =>
    `Kontrola rodzica: odczyt ${code(table)}${param === undefined ? '' : ` dla ${code(param)}`} działa w ramach ${policies.length === 0 ? 'żadnej polityki SELECT z planu bazy danych (sprawdź własność w serwisie)' : codes(policies)}; wiersz ukryty przez RLS wygląda na brakujący, więc odpowiedz 404.`,
  rlsRead: (table, policies) =>
    `Odczyt ${code(table)} na potrzeby odpowiedzi działa w ramach ${policies.length === 0 ? 'żadnej polityki SELECT z planu bazy danych (filtruj po właścicielu w serwisie)' : codes(policies)}, więc wiersze niewidoczne dla użytkownika są pomijane.`,
  rlsLog: (table, policies) =>
    `Zapis błędu do ${code(table)} działa w ramach ${policies.length === 0 ? 'żadnej polityki INSERT z planu bazy danych (zapisuj klientem serwerowym)' : codes(policies)}.`,
  parentOwnership: 'Własność rodzica',
  parentCheck: (table, via, owner) =>
    owner === undefined
      ? `wiersz ${code(table)} wskazany przez ${code(via)} musi istnieć; ${code(table)} nie ma kolumny właściciela, więc ustal, kto może go używać.`
      : `wiersz ${code(table)} wskazany przez ${code(via)} musi należeć do użytkownika (${code(`${table}.${owner}`)}); nie ufaj samemu ${code(via)}.`,
  noRls: (tables) =>
    `plan bazy danych nie definiuje polityk RLS dla ${codes(tables)}. Zalecane: wymuszaj własność rekordów w zapytaniu serwisu.`,
  ownershipGeneric: 'sprawdzaj w serwisie, czy użytkownik ma dostęp do zasobu.',
  ownership: 'Własność',
  ownerColumn: (table, column, inBody) =>
    `${code(`${table}.${column}`)} wiąże wiersze z użytkownikiem: ustawiaj i filtruj ją na podstawie zalogowanego użytkownika${inBody ? `, nigdy nie ufaj ${code(column)} z treści żądania` : ', nigdy z danych klienta'}.`,
  inputValidation: 'Walidacja danych wejściowych',
  noValidationFacts: 'Plan API nie podaje parametrów ani pól treści do walidacji.',
  strictBody:
    'odrzucaj nieznane pola treści (ścisły schemat), aby nie dało się ustawić kolumn spoza kontraktu.',
  injection: (stack) =>
    stack.db.kind === 'unknown'
      ? 'używaj wyłącznie zapytań parametryzowanych; nigdy nie składaj SQL z tekstu żądania.'
      : `używaj konstruktora zapytań ${dbClient(stack, 'pl')} z wiązanymi wartościami; nigdy nie składaj SQL z tekstu żądania.`,
  capPageSize: 'ogranicz parametr rozmiaru strony do rozsądnego maksimum.',
  declaredType: (type) => `zadeklarowany jako ${code(type)}`,
  checkAsDocumented: 'waliduj zgodnie z opisem w planie API',
  asWritten: (value) => `plan podaje ${code(value.replace(/`/g, "'"))}`,
  noColumn: 'brak pasującej kolumny w powiązanych tabelach',
  derivedColumns: (columns) =>
    `nie jest zapisywane wprost; tabela przechowuje wyliczone z niego ${columns.map((column) => `${code(column.name)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`).join(', ')}, więc waliduj wartość tak, by były spełnione`,
  itemFields: 'tablica; każdy element jest sprawdzany pole po polu poniżej',
  body: 'treść',
  patchAtLeastOne: 'Zalecane: wymagaj co najmniej jednego pola do aktualizacji w treści.',
  column: (column, table) =>
    `kolumna ${code(`${table === undefined ? '' : `${table}.`}${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
  requiredNotNull: 'wymagane (NOT NULL bez wartości domyślnej)',
  hasDefault: 'można pominąć (kolumna ma wartość domyślną)',
  maxLength: (length) => `najwyżej ${length} znaków`,
  oneOf: (values) => `jedna z wartości ${codes(values)}`,
  typeCheck: (kind) => {
    switch (kind) {
      case 'uuid':
        return 'musi być UUID';
      case 'integer':
        return 'musi być liczbą całkowitą';
      case 'number':
        return 'musi być liczbą';
      case 'boolean':
        return 'musi być wartością logiczną';
      case 'timestamp':
        return 'musi być datą i czasem ISO 8601';
      case 'date':
        return 'musi być datą ISO 8601';
      case 'json':
        return 'musi być poprawnym JSON';
      default:
        return assertNever(kind);
    }
  },
  check: (constraint) => `musi spełniać ${code(constraint)}`,
  mustExist: (table) => `musi wskazywać istniejący wiersz ${code(table)}`,
  unique: 'musi być unikalne (Zalecane: duplikat kończy się 409 Conflict)',
  scenario: 'Scenariusz',
  handling: 'Obsługa',
  scenarioFor: (status, endpoint, targets) => {
    switch (status) {
      case 400:
        return 'Niepoprawne parametry ścieżki/zapytania lub treść (zob. Walidacja danych wejściowych)';
      case 401:
        return 'Brak zalogowanego użytkownika';
      case 403:
        return 'Użytkownik nie może działać na tym zasobie';
      case 404:
        return targets.length === 0
          ? `Zasób wskazany w ${code(endpoint.path)} nie istnieje lub nie jest widoczny dla użytkownika`
          : `${targets
              .map((target) =>
                target.param === undefined
                  ? `wskazany wiersz ${code(target.table ?? '')} nie istnieje`
                  : target.table === undefined
                    ? `brak ${code(target.segment ?? endpoint.path)} dla ${code(target.param)}`
                    : `brak wiersza ${code(target.table)} dla ${code(target.param)}`,
              )
              .join('; ')
              .replace(/^./, (first) => first.toUpperCase())} (lub ukrywa go RLS)`;
      case 409:
        return 'Żądanie koliduje z istniejącymi danymi (np. ograniczenie unikalności)';
      case 422:
        return 'Poprawne formalnie dane łamiące regułę biznesową';
      case 429:
        return 'Zbyt wiele żądań od tego użytkownika';
      case 500:
        return 'Nieoczekiwany błąd bazy danych lub serwera';
      default:
        return 'Zgodnie z opisem w planie API';
    }
  },
  handlingFor: (status) => {
    if (status === 400 || status === 422) return 'Zwróć błędy walidacji dla każdego pola; nie dotykaj bazy';
    if (status === 401) return 'Zakończ wcześnie, przed operacjami na bazie';
    if (status === 500)
      return 'Zaloguj błąd z nazwą punktu końcowego i id użytkownika; zwróć ogólny komunikat bez szczegółów';
    return `Zwróć ${status} z komunikatem, który klient może pokazać`;
  },
  noErrorTable: 'wśród powiązanych tabel nie ma tabeli logów błędów; loguj błędy serwera loggerem projektu.',
  errorTable: (table) => `Loguj błędy po stronie serwera do ${code(table)} z planu bazy danych.`,
  indexesIntro: 'Indeksy z planu bazy danych na tabelach, które odczytuje ten punkt końcowy:',
  indexesWrite:
    'Indeksy z planu bazy danych na tabeli, do której zapisuje ten punkt końcowy (każdy jest aktualizowany przy zapisie):',
  keyLookups: (tables) =>
    `${codes(tables)} ${tables.length === 1 ? 'jest odczytywana' : 'są odczytywane'} po kluczu głównym, co nie wymaga dodatkowego indeksu.`,
  uniqueIndex: 'unikalny',
  noIndexes: 'Plan bazy danych nie definiuje indeksów na powiązanych tabelach.',
  indexFor: (table, column) =>
    `indeks na ${code(`${table}(${column})`)}, po którym filtruje ten punkt końcowy.`,
  paginationPresent: 'Punkt końcowy jest stronicowany parametrami zapytania; utrzymuj małą domyślną stronę.',
  paginationMissing: 'stronicuj listę (limit/offset lub kursor), aby odpowiedź miała ograniczony rozmiar.',
  selectColumns: 'pobieraj tylko kolumny potrzebne w odpowiedzi.',
  nothingToTune:
    'Dokumenty nie wskazują tabeli ani indeksu dla tego punktu końcowego; nie ma znanego kosztu po stronie bazy.',
  roundTrips:
    'sprawdzaj wskazywane wiersze i zapisuj w jak najmniejszej liczbie zapytań (lub jednej funkcji bazy).',
  stepTypes: (names, typesPath) =>
    `Użyj ${codes(names)} z ${typesPath === undefined ? 'pliku typów' : code(typesPath)} dla wejścia i wyjścia.`,
  stepSchema: (validation) =>
    validation === undefined
      ? 'Zalecane: napisz schemat walidacji parametrów i treści według reguł z sekcji Względy bezpieczeństwa.'
      : `Napisz schemat ${validation} dla parametrów i treści według reguł z sekcji Względy bezpieczeństwa.`,
  stepService: (file, method, tables) =>
    `Utwórz lub rozszerz ${code(file)} o funkcję dla ${code(method)}, która przyjmuje klienta bazy i zwalidowane dane${tables.length === 0 ? '' : ` i operuje na ${codes(tables)}`}.`,
  stepServiceUnknown: 'umieść logikę biznesową w module serwisu obok pozostałych serwisów projektu.',
  stepHandler: (file, method, declaration) =>
    `Utwórz ${code(file)} z obsługą ${code(method)}${declaration === undefined ? '' : ` (${declaration})`}: uwierzytelnij, zwaliduj, wywołaj serwis, zmapuj wynik.`,
  stepHandlerUnknown: (method, path) =>
    `dodaj obsługę trasy ${code(`${method} ${path}`)} tam, gdzie projekt trzyma trasy API.`,
  stepErrors: (errors) =>
    `Mapuj każdy błąd na jego kod statusu (${errors.join(', ')}) z treścią błędu w JSON.`,
  stepRls: (policies) =>
    `Sprawdź, że polityki RLS ${codes(policies)} pozwalają użytkownikowi dokładnie na tę operację.`,
  stepTests: (success, errors) => `testy dla ${success} i dla każdego statusu błędu (${errors.join(', ')}).`,
  stepRules: (paths) => `Stosuj zasady implementacji z ${codes(paths)}.`,
};
