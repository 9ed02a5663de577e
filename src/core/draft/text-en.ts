import type { StatusOrigin } from '../dossier/model.ts';

const opt = (text: string | undefined, before = ' '): string =>
  text === undefined ? '' : `${before}${text}`;

const SCENARIOS: Readonly<Record<number, string>> = {
  400: 'The input fails validation (malformed JSON, wrong types, missing fields)',
  401: 'No valid session or token',
  403: 'The user is authenticated but not allowed to do this',
  404: 'The resource named by the path does not exist (or is not visible to the user)',
  409: 'The write conflicts with existing data',
  410: 'The resource is gone',
  413: 'The request is too large',
  415: 'The body is not JSON',
  422: 'The input is well-formed but breaks a rule of the data',
  429: 'Too many requests: the rate limit is exceeded',
  500: 'An unexpected server or database error',
  503: 'A service the endpoint depends on is unavailable',
};

/** English wording of drafts. */
export const EN = {
  /** A phrase of the dossier (a table's why, a gap) in the draft's language: the dossier writes English. */
  phrase: (text: string): string => text,
  title: (name: string) => `API Endpoint Implementation Plan: ${name}`,
  headings: [
    'Endpoint Overview',
    'Request Details',
    'Used Types',
    'Response Details',
    'Data Flow',
    'Security Considerations',
    'Error Handling',
    'Performance Considerations',
    'Implementation Steps',
  ] as readonly string[],
  recommended: '**Recommended**',
  none: 'none',
  yes: 'yes',
  no: 'no',
  unstated: 'not stated',
  source: 'Source',
  status: 'Status',
  meaning: 'Meaning',
  on: 'on',
  // overview
  noDescription: 'the API plan gives no description beyond its method and path.',
  definedAt: 'Defined in the API plan at',
  tables: 'Tables',
  noTables: 'the docs name no table for this endpoint (no db plan, or none matches).',
  writesTable: (table: string) => `Writes ${table}`,
  readsTable: (table: string) => `Reads ${table}`,
  alsoWrites: 'Also writes (stated side effects)',
  requestType: 'Request type',
  responseType: 'Response type',
  stack: 'Stack (tech stack doc)',
  unknownStack: 'the tech stack doc names no backend framework the planner knows',
  docsSilent: 'What the docs do not say',
  // request
  typeUnstated: 'type not stated',
  where: { path: 'path', query: 'query', body: 'body' },
  limit: { min: 'at least', max: 'at most', minLength: 'length at least', maxLength: 'length at most' },
  oneOf: 'one of',
  column: 'column',
  httpMethod: 'HTTP Method',
  urlPattern: 'URL Pattern',
  queryAsWritten: 'Query string as written',
  parameters: 'Parameters',
  required: 'Required',
  optional: 'Optional',
  requiredUnstated: 'Required or optional: the docs do not say',
  requestBody: 'Request Body',
  bodyFromFields: (fields: string) => `JSON with the fields ${fields} (no example body in the API plan).`,
  bodyUnstated:
    'the API plan gives no body fields for this endpoint and no request type is declared; confirm with the docs’ authors before adding any.',
  bodyFromType: (type: string) =>
    `the API plan gives no example body; its fields are those of ${type} (Used Types).`,
  field: 'Field',
  in: 'In',
  requiredHeader: 'Required',
  rules: 'Rules from the docs',
  noValidator:
    'The tech stack names no validation library and no backend language, so no schema code is given: validate each field above by its rules.',
  schemaNamed: (library: string) =>
    `Validation schema in ${library} (named in the tech stack), built from the fields, columns, types and CHECKs above:`,
  schemaRecommended: (library: string) =>
    `the tech stack names no validation library; a schema in ${library}, built from the fields, columns, types and CHECKs above:`,
  schemaFile: (path: string, origin: string) => `File: ${path} (${origin}).`,
  recommendedPlace: 'recommended location',
  inProject: 'already in the project',
  // used types
  noRequestType: 'the types file declares none for this endpoint.',
  declareRequestType: (file: string | undefined) =>
    `declare a command type for the body${file === undefined ? '' : ` in ${file}`} and derive the schema from it.`,
  noResponseType: 'the types file declares none for this endpoint.',
  declareResponseType: (file: string | undefined) =>
    `declare the response DTO${file === undefined ? '' : ` in ${file}`} from the columns the response returns.`,
  newInPlan: 'New in this plan (not in the docs)',
  schemasOf: (library: string) => `${library} schemas`,
  serviceFunction: 'service function',
  // response
  success: 'Success',
  successUnstated: 'the docs state no success code for this endpoint.',
  seedDefault: 'default of the plan template',
  noCodeInDocs: 'the docs give no code for this failure',
  newMarker: '(new)',
  requiredUnknown: 'required? the docs do not say',
  responseBody: 'Response Body',
  bodyIsType: (type: string) => `the API plan gives no example; the body is ${type}.`,
  responseUnstated:
    'the docs give neither a response body nor a response type; confirm the shape with the docs’ authors.',
  origin: {
    endpoint: 'the endpoint',
    section: 'its section',
    requirement: 'a stated requirement',
    global: 'a global rule',
  } satisfies Record<StatusOrigin, string>,
  // data flow
  flowRouteUnknown: (method: string) =>
    `The ${method} handler receives the request (the tech stack gives no file layout).`,
  flowRoute: (path: string, method: string, source: string | undefined) =>
    `The ${method} handler in ${path}${source === undefined ? '' : ` (rules: ${source})`} receives the request.`,
  flowAuth: (status: number, source: string | undefined) =>
    `It authenticates the caller; without a valid session it answers ${status}${opt(source, ' ')}.`,
  flowNoAuth:
    'The docs state no authentication rule for this endpoint, so the draft adds no authentication step.',
  flowValidate: (status: number, source: string | undefined) =>
    `It validates the parameters and body with the schema of Request Details; a failure answers ${status}${opt(source, ' ')} before any database work.`,
  flowServed: (what: string) =>
    `Supabase serves this path itself (${what}): the project writes no route handler, and the client calls it through supabase-js.`,
  servedTable: (table: string) => `its REST API over the ${table} table`,
  servedRpc: (fn: string) => `its REST API over the database function ${fn}`,
  servedAuth: 'Supabase Auth',
  flowValidateClient:
    'The client validates the input with the schema of Request Details before the call; the database’s constraints are the server’s check (see the map in Error Handling).',
  flowPolicies: (names: string) => `The row-level policies ${names} decide what the caller may do.`,
  flowNoPolicies: (table: string) =>
    `No row-level policy for ${table} was found in the db plan: without one, Supabase’s REST API lets no client (RLS on) or every client (RLS off) through.`,
  stepClientCall: (method: string, path: string) =>
    `Call ${method} ${path} from the client through supabase-js (no route handler: Supabase serves it):`,
  stepNoPolicy: (table: string, operation: string) =>
    `Add the ${operation} row-level policy of ${table} in a migration: no policy for it was found in the db plan.`,
  flowAuthServed: (status: number, source: string | undefined) =>
    `Supabase checks the caller’s JWT; without a valid one it answers ${status}${opt(source, ' ')}.`,
  flowRespondServed: (status: number, dto: string | undefined) =>
    `Supabase answers ${status}${dto === undefined ? '' : ` with ${dto}`}.`,
  flowServiceUnknown: (name: string) => `It calls the service function ${name}, which holds the logic.`,
  flowService: (name: string, path: string) => `It calls ${name} in ${path}, which holds the logic.`,
  flowLookup: (table: string, condition: string, status: number | undefined, source: string | undefined) =>
    `The service reads ${table} where ${condition}${status === undefined ? '' : `; no row answers ${status}${opt(source, ' ')}`}.`,
  flowRead: (table: string, why: string) => `The operation reads the ${table} table: ${why}.`,
  unnamedTrigger: 'a trigger',
  flowMain: (operation: string, filter: string | undefined, notFound: number | undefined) =>
    `The service runs ${operation}${filter === undefined ? '' : ` where ${filter}`}${notFound === undefined ? '' : `; no row answers ${notFound}`}.`,
  flowInsert: (operation: string, sets: string | undefined) =>
    `The service runs ${operation}${sets === undefined ? '' : ` with ${sets}`} and returns the new row.`,
  flowNoTable: 'The docs name no table for this operation; the service works on what the API plan describes.',
  flowWrite: (table: string, why: string | undefined) =>
    `The service also writes the ${table} table${why === undefined ? '' : `: ${why}`}.`,
  flowTrigger: (name: string, text: string, source: string) =>
    `The database runs ${name} on this write: ${text} (${source}).`,
  flowConstraints:
    'A constraint the database rejects (UNIQUE, foreign key, CHECK) becomes the status of the map in Error Handling.',
  flowRespond: (status: number, dto: string | undefined) =>
    `The handler answers ${status}${dto === undefined ? '' : ` with ${dto}`}.`,
  // security
  authentication: 'Authentication',
  authUnstated:
    'the docs state no authentication rule for this endpoint; the draft assumes none. Confirm before exposing it.',
  authFromCode: (status: number) =>
    `the endpoint answers ${status} without a valid session (see Response Details).`,
  authorization: 'Authorization',
  policyApplies: (name: string, operation: string, table: string) =>
    `${operation} on ${table} runs under the policy ${name}`,
  otherPolicies: 'Policies of these tables for other operations',
  noPolicy: (tables: string) =>
    `No row-level policy for ${tables} was found in the db plan, and no ownership rule in the docs, so the draft adds no owner filter; check the db plan’s security section before relying on it.`,
  noOwnershipRule: 'The docs state no ownership rule for this endpoint.',
  forbidden: (meaning: string) =>
    `403 when the caller may not act: ${meaning === '' ? 'see Error Handling' : meaning}`,
  inputValidation: 'Input validation',
  nothingToValidate: 'the endpoint takes no parameters or body.',
  validationBySchema: (status: number) =>
    `every parameter and body field goes through the schema of Request Details; failures answer ${status}.`,
  rateLimit: 'Rate limiting',
  rateLimitUnstated: 'the docs state no rate limit for this endpoint.',
  securityAdvice:
    'reach the database only through the query builder or ORM with bound values, and never put database errors or stack traces in responses.',
  // errors
  when: 'When',
  scenario: (status: number) => SCENARIOS[status] ?? 'See the API plan',
  constraintIntro:
    'Constraints of the written tables and the status each violation answers (the docs’ code where they give one):',
  constraint: 'Constraint',
  errorFormat: 'Error format (from the docs)',
  errorAdvice:
    'log unexpected errors with the endpoint and the request id on the server, and answer 500 with a generic message.',
  // performance
  indexes: 'Indexes of the tables it touches',
  noIndexes: 'no index on the tables this operation touches was found in the db plan.',
  pagination: 'Pagination',
  triggerCost: (name: string, table: string) => `Every write to ${table} also runs ${name}`,
  performanceAdvice: (list: boolean) =>
    `select only the columns the response needs${list ? '; the docs state no pagination for this list, so bound it with a limit' : ''}, and read related rows in one query rather than one per row.`,
  // steps
  conventionOf: (label: string) => `convention of ${label}; recommended`,
  fromRules: 'from the rules,',
  stepTypes: (types: string, file: string | undefined) =>
    `Use ${types}${file === undefined ? '' : ` from ${file}`} for input and output; add no new DTO.`,
  stepDeclareTypes: (file: string | undefined) =>
    `declare the request and response types${file === undefined ? '' : ` in ${file}`} first (Used Types).`,
  stepSchema: (path: string | undefined, library: string) =>
    `Write the ${library} schema of Request Details${path === undefined ? '' : ` in ${path}`}.`,
  stepService: (name: string, path: string | undefined, operations: string) =>
    `Write ${name}${path === undefined ? '' : ` in ${path}`}${operations === '' ? '' : `: ${operations}`}, mapping constraint violations as in Error Handling.`,
  stepRouteExisting: (at: string, method: string, stub: boolean) =>
    stub
      ? `Complete the ${method} handler stub at ${at}: authenticate, validate, call the service, answer.`
      : `Check the existing ${method} handler at ${at} against this plan and change only what differs.`,
  columnUnset:
    'NOT NULL without a default and not in the request; the docs do not say where its value comes from',
  stepReuse: (assets: string) => `Reuse what the project already has: ${assets}.`,
  implementedAt: (at: string, stub: boolean) =>
    stub ? `Implemented as a stub (it only throws or answers 501) at ${at}` : `Already implemented at ${at}`,
  stepRouteUnknown: (method: string) =>
    `Write the ${method} handler where the project keeps its routes: authenticate, validate, call the service, answer.`,
  stepRoute: (path: string, method: string) =>
    `Write the ${method} handler in ${path}: authenticate, validate, call the service, answer.`,
  stepMiddleware: (path: string, status: number) =>
    `Make sure ${path} resolves the session for this route, so the handler can answer ${status}.`,
  stepErrors: (codes: string) =>
    `Answer each error status of Error Handling (${codes}) with the error format of the docs.`,
  stepPolicies: (names: string) =>
    `Check that the policies ${names} allow exactly this operation for the caller.`,
  stepTests: (codes: string) => `write a test per status (${codes}).`,
  stepRules: (files: string) => `Follow the rules files ${files}.`,
  // analysis
  analysisEndpoint: 'Endpoint',
  analysisRequired: 'Required parameters',
  analysisOptional: 'Optional parameters',
  analysisTypes: 'Types',
  analysisTables: 'Tables',
  analysisCodes: 'Status codes',
  analysisStack: 'Stack',
  analysisGaps: 'Gaps',
  analysisNote:
    'Drafted offline from the dossier: every fact above comes from the docs; recommendations are marked.',
};
