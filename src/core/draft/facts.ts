import type {
  CrossCuttingFact,
  CrossCuttingTopic,
  Dossier,
  StatusFact,
  TableFact,
  TypeFact,
} from '../dossier/model.ts';
import type { StackProfile } from '../plan/tech-stack.ts';
import { type FieldRule, fieldRules, hasBody } from './fields.ts';
import type { CodeLayout } from './layout.ts';
import { literalSegmentsOf, sameName } from './markdown.ts';
import { type PlatformRoute, platformRoute } from './platform.ts';

/** The languages drafts are written in. */
export type DraftLanguage = 'en' | 'pl';

/** Everything a draft is written from: the dossier, the detected stack and where the code goes. */
export type DraftInput = {
  readonly dossier: Dossier;
  /** The endpoint's description as the API plan writes it ('' when it has none). */
  readonly description: string;
  readonly stack: StackProfile;
  readonly layout: CodeLayout;
  readonly language: DraftLanguage;
};

/** A status code for a case: the docs' own (`fact`), or a recommendation when the docs give none. */
export type StatusChoice = { readonly code: number; readonly fact: StatusFact | undefined };

/** The validation libraries drafts write schemas for. */
export type ValidatorLibrary =
  | 'zod'
  | 'Valibot'
  | 'Joi'
  | 'Yup'
  | 'class-validator'
  | 'Pydantic'
  | 'DRF serializers'
  | 'FluentValidation'
  | 'Bean Validation';

/** The library a schema is written in, and whether the tech stack names it or the draft recommends it. */
export type ValidatorChoice = { readonly library: ValidatorLibrary; readonly named: boolean };

/** The database command of the endpoint's main operation. */
export type Operation = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/** What every section reads: the dossier's facts arranged for the draft, decided once. */
export type DraftFacts = {
  readonly operation: Operation;
  /** The table the endpoint acts on, when the dossier has one. */
  readonly resource: TableFact | undefined;
  readonly writes: readonly TableFact[];
  readonly reads: readonly TableFact[];
  readonly requestType: TypeFact | undefined;
  readonly responseType: TypeFact | undefined;
  readonly fields: readonly FieldRule[];
  readonly success: StatusChoice;
  /** The dossier's codes that are not 2xx, one per code, ascending. */
  readonly errors: readonly StatusFact[];
  /** Malformed input: not JSON, wrong types, missing required fields. */
  readonly validation: StatusChoice;
  /** Well-formed input that breaks a rule: a limit, an allowed value, a CHECK. */
  readonly check: StatusChoice;
  readonly unique: StatusChoice;
  readonly foreignKey: StatusChoice;
  readonly notFound: StatusChoice | undefined;
  readonly unauthenticated: StatusChoice | undefined;
  readonly validator: ValidatorChoice | undefined;
  /** Codes the draft recommends for failures the endpoint can have but the docs give no code for, ascending. */
  readonly recommendedErrors: readonly number[];
  readonly rules: (topic: CrossCuttingTopic) => readonly CrossCuttingFact[];
  /** How Supabase serves the path itself, when it does (`/rest/v1/…`, `/auth/v1/…`, `/functions/v1/…`). */
  readonly platform: PlatformRoute | undefined;
};

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GET: 'SELECT',
  HEAD: 'SELECT',
  OPTIONS: 'SELECT',
  POST: 'INSERT',
  PUT: 'UPDATE',
  PATCH: 'UPDATE',
  DELETE: 'DELETE',
};

const VALIDATION_WORDS =
  /valid|walid|schema|field|pol[ae]|format|invalid|nieprawid|błęd|bledn|malformed|json|pars|syntax|składn|missing|required|brak|wymagan|too (?:short|long|large|small)|za (?:krótk|dług)|length|długoś|range|zakres/i;
const DUPLICATE_WORDS = /duplicat|duplikat|unique|unikal|already|istnieje|exists|conflict|konflikt/i;
const MISSING_WORDS =
  /not found|nie znalezion|nie istnieje|does not exist|doesn't exist|missing|brak|unknown|nieznan/i;

/**
 * The docs' code for a kind of failure: one of `byMeaning` whose meaning says so, else the first of `byCode` the
 * docs list; else `fallback`, recommended.
 */
function chooseStatus(
  statuses: readonly StatusFact[],
  byMeaning: readonly number[],
  words: RegExp,
  fallback: number,
  byCode: readonly number[] = byMeaning,
): StatusChoice {
  const errors = statuses.filter((status) => status.code >= 400);
  const said = errors.find((status) => byMeaning.includes(status.code) && words.test(status.meaning));
  if (said !== undefined) return { code: said.code, fact: said };
  for (const code of byCode) {
    // A code the docs give for another failure ("400: already matched") is not this one's.
    const fact = errors.find((status) => status.code === code && status.meaning.trim() === '');
    if (fact !== undefined) return { code, fact };
  }
  // 400 and 422 answer the same kinds of failure: where the docs use one, a recommendation never brings in the other.
  const sibling = fallback === 400 ? 422 : fallback === 422 ? 400 : undefined;
  const listed = (code: number): boolean => errors.some((status) => status.code === code);
  if (sibling !== undefined && !listed(fallback) && listed(sibling))
    return { code: sibling, fact: undefined };
  return { code: fallback, fact: undefined };
}

/** The recommended default validator of a stack language when the tech stack names none. */
function defaultValidator(stack: StackProfile): ValidatorLibrary | undefined {
  switch (stack.language) {
    case 'typescript':
    case 'javascript':
      return 'zod';
    case 'python':
      return stack.framework === 'django' ? 'DRF serializers' : 'Pydantic';
    case 'csharp':
      return 'FluentValidation';
    case 'java':
      return 'Bean Validation';
    case undefined:
      return undefined;
  }
}

const KNOWN: readonly ValidatorLibrary[] = [
  'zod',
  'Valibot',
  'Joi',
  'Yup',
  'class-validator',
  'Pydantic',
  'DRF serializers',
  'FluentValidation',
  'Bean Validation',
];

/** The table the path names last (`/decks/{id}/cards` → cards), else the first written, else the first. */
function resourceTable(dossier: Dossier): TableFact | undefined {
  const segments = literalSegmentsOf(dossier.path).reverse();
  for (const segment of segments) {
    const table = dossier.tables.find((candidate) => sameName(candidate.name, segment));
    if (table !== undefined) return table;
  }
  return (
    dossier.tables.find((table) => dossier.writes.includes(table.name)) ??
    dossier.tables.find((table) => table.access !== 'read') ??
    dossier.tables[0]
  );
}

/** Arranges the dossier for the sections: main table, writes, types, fields, status choices, validator. */
export function draftFacts(input: DraftInput): DraftFacts {
  const { dossier, stack } = input;
  const operation = OPERATIONS[dossier.method] ?? 'SELECT';
  const resource = resourceTable(dossier);
  const stated = dossier.tables.filter(
    (table) =>
      dossier.writes.includes(table.name) || table.access === 'write' || table.access === 'read-write',
  );
  // A dossier that states no write for a writing method still writes its resource: the method says so.
  const writes =
    stated.length === 0 && operation !== 'SELECT' && resource !== undefined && dossier.writes.length === 0
      ? [resource]
      : stated;
  const reads = dossier.tables.filter((table) => !writes.includes(table));
  const requestType = dossier.types.request[0];
  const responseType = dossier.types.response[0];
  const ordered = [...(resource === undefined ? [] : [resource]), ...writes, ...dossier.tables].filter(
    (table, index, all) => all.indexOf(table) === index,
  );
  const fields = fieldRules(dossier, ordered, hasBody(dossier.method) ? requestType : undefined);
  const seen = new Set<number>();
  const errors = [...dossier.statusCodes]
    .filter((status) => status.code >= 300)
    .sort((a, b) => a.code - b.code)
    .filter((status) => !seen.has(status.code) && seen.add(status.code) !== undefined);
  const successFact = dossier.statusCodes.find((status) => status.code >= 200 && status.code < 300);
  const defaultSuccess = dossier.method === 'POST' ? 201 : dossier.method === 'DELETE' ? 204 : 200;
  const hasPathParams = dossier.fields.path.length > 0;
  const authFacts = dossier.crossCutting.filter((fact) => fact.topic === 'auth');
  const unauthenticated = errors.find((status) => status.code === 401);
  const schemaError = chooseStatus(dossier.statusCodes, [400, 422], VALIDATION_WORDS, 400);
  const bad = dossier.statusCodes.find(
    (status) =>
      status.code === 400 && (status.meaning.trim() === '' || VALIDATION_WORDS.test(status.meaning)),
  );
  const unprocessable = dossier.statusCodes.find((status) => status.code === 422);
  // With both codes in the docs, 400 is for malformed input (JSON, types, missing fields), 422 for broken rules.
  const validation =
    bad !== undefined && unprocessable !== undefined ? { code: 400, fact: bad } : schemaError;
  const check =
    bad !== undefined && unprocessable !== undefined ? { code: 422, fact: unprocessable } : schemaError;
  // A 400 or 422 the docs give for other failures is no answer to a duplicate or a missing reference.
  const unique = chooseStatus(dossier.statusCodes, [409, 422, 400], DUPLICATE_WORDS, 409, [409]);
  // A reference the body names that does not exist is bad input (422); one the path names is not found (404).
  const bodyReference = dossier.foreignKeys.some((fk) =>
    fields.some(
      (rule) =>
        rule.where === 'body' && rule.column?.column.name === fk.column && rule.column.table === fk.table,
    ),
  );
  const foreignKey = chooseStatus(
    dossier.statusCodes,
    [404, 422, 409, 400],
    MISSING_WORDS,
    bodyReference ? 422 : 404,
    bodyReference ? [422, 404] : [404, 422],
  );
  const notFound = hasPathParams ? chooseStatus(dossier.statusCodes, [404], MISSING_WORDS, 404) : undefined;
  const written = new Set(writes.map((table) => table.name));
  const setColumns = new Set(fields.map((rule) => rule.column?.column.name ?? rule.name));
  const canFail: readonly (StatusChoice | undefined)[] = [
    fields.length > 0 ? validation : undefined,
    fields.some((rule) => rule.limits.length > 0 || rule.values.length > 0 || rule.dbChecks.length > 0)
      ? check
      : undefined,
    notFound,
    dossier.unique.some((fact) => written.has(fact.table)) ? unique : undefined,
    dossier.foreignKeys.some((fk) => written.has(fk.table) && setColumns.has(fk.column))
      ? foreignKey
      : undefined,
  ];
  const recommendedErrors = [
    ...new Set(
      canFail.flatMap((choice) => (choice === undefined || choice.fact !== undefined ? [] : [choice.code])),
    ),
  ]
    .filter((code) => !errors.some((status) => status.code === code))
    .sort((a, b) => a - b);
  const named = KNOWN.find((library) => library.toLowerCase() === stack.validation?.toLowerCase());
  const fallback = defaultValidator(stack);
  return {
    operation,
    resource,
    writes,
    reads,
    requestType,
    responseType,
    fields,
    success: { code: successFact?.code ?? defaultSuccess, fact: successFact },
    errors,
    validation,
    check,
    unique,
    foreignKey,
    notFound,
    recommendedErrors,
    unauthenticated:
      unauthenticated !== undefined
        ? { code: 401, fact: unauthenticated }
        : authFacts.length > 0
          ? { code: 401, fact: undefined }
          : undefined,
    validator:
      named !== undefined
        ? { library: named, named: true }
        : fallback === undefined
          ? undefined
          : { library: fallback, named: false },
    rules: (topic) => dossier.crossCutting.filter((fact) => fact.topic === topic),
    platform: platformRoute(dossier.path, dossier.query),
  };
}
