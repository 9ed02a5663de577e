import { fold } from '../docs/api-plan/labels.ts';
import type { Endpoint } from '../docs/model.ts';
import type { DbFacts } from './db-facts.ts';
import { type FailureRule, failureRules, ruleNamesRoute, successRules } from './failure-rules.ts';
import type { CrossCuttingFact, FieldFact, SourceRef, StatusOrigin } from './model.ts';
import type { DefinitionParts, PlanIndex, Statement } from './plan-index.ts';
import { isPaged, planTopics, validationFor } from './plan-topics.ts';
import {
  coveringRequirement,
  exemptByNature,
  isListedPublic,
  planRequirements,
  statesRateLimit,
} from './requirements.ts';

/** A status code a rule gives the endpoint, with why. */
export type RuleCode = {
  readonly code: number;
  readonly meaning: string;
  readonly origin: StatusOrigin;
  readonly source: SourceRef;
};

/** What the endpoint needs to know to be covered by a rule. */
export type EndpointTraits = {
  readonly hasBody: boolean;
  /** True when the endpoint's own text or its section states a success code. */
  readonly hasSuccess: boolean;
  readonly fields: {
    readonly path: readonly FieldFact[];
    readonly query: readonly FieldFact[];
    readonly body: readonly FieldFact[];
  };
  readonly db: DbFacts;
  readonly file: string;
};

const AUTH_LABEL =
  /^[-*+\s]*[*_]*\s*(?:authentication|authorization|auth|uwierzytelnianie|uwierzytelnienie|autoryzacja|autentykacja|wymagana autoryzacja|auth required)\s*[*_]*\s*[:：]\s*[*_]*\s*(.*)$/;
const HEADERS_AUTH = /^[-*+\s]*[*_]*\s*(?:headers?|naglowk\w*)\s*[*_]*\s*[:：].*\bauthorization\b/;
const STANDALONE_AUTH =
  /^[-*+\s]*(?:[^\w\s]\s*)?(?:requires? (?:authentication|auth|a valid (?:jwt|token|session)|login|a logged[- ]in user)|authentication required|auth required|wymaga (?:uwierzytelnienia|autoryzacji|zalogowania|jwt|tokenu))\b/;
const INLINE_AUTH =
  /\((?:[^)]*\b)?(?:wymaga (?:jwt|tokenu|uwierzyteln\w*|autoryzac\w*|logowania|zalogowania)|requires? (?:auth\w*|jwt|a? ?token|login)|auth(?:entication)? required|authenticated|logged[- ]in)\b[^)]*\)/;
const POSITIVE =
  /^(?:required|yes|tak|wymagan\w*|wymaga\w*|jwt|bearer|token|user|authenticated|zalogowany|must|mandatory|obowiazkow\w*|logged)/;
const NEGATIVE =
  /^(?:none|no\b|not\b|public|publiczn\w*|nie\b|brak|anonymous|anonim\w*|optional|opcjonaln\w*|allowany|-$|n\/a)/;

/** The rules of the docs that cover one endpoint, and the status codes they give it. */
export function endpointCrossCutting(
  index: PlanIndex,
  endpoint: Endpoint,
  parts: DefinitionParts,
  traits: EndpointTraits,
): { crossCutting: CrossCuttingFact[]; codes: RuleCode[] } {
  const crossCutting: CrossCuttingFact[] = [];
  const codes: RuleCode[] = [];
  const requirements = planRequirements(index);
  const at = (statement: Statement): SourceRef => ({ file: traits.file, line: statement.line });
  const fact = (topic: CrossCuttingFact['topic'], statement: Statement): void => {
    if (crossCutting.some((known) => known.source.line === statement.line && known.topic === topic)) return;
    crossCutting.push({ topic, text: quote(statement), source: at(statement) });
  };

  const own = ownStatements(index, parts);
  const stated = endpointAuth(own);
  const exempt = stated?.required === false || isListedPublic(requirements, endpoint);
  const global = exempt ? undefined : coveringRequirement(requirements.auth, endpoint);
  if (global !== undefined && (stated?.required === true || !exemptByNature(endpoint)))
    fact('auth', global.statement);
  let auth: Statement | undefined;
  if (stated?.required === true) auth = stated.statement;
  else if (!exempt && !exemptByNature(endpoint)) auth = global?.statement;
  if (auth !== undefined) {
    const statement = auth;
    codes.push({
      code: requirements.authCode.code,
      meaning: 'authentication required',
      origin: own.includes(statement) ? 'endpoint' : 'requirement',
      source: at(statement),
    });
  }
  const ownLimit = own.find((statement) => statement.kind === 'text' && statesRateLimit(statement.text));
  if (ownLimit !== undefined) {
    codes.push({
      code: requirements.rateCode.code,
      meaning: 'rate limit exceeded',
      origin: 'endpoint',
      source: at(ownLimit),
    });
  }
  const rate = coveringRequirement(requirements.rate, endpoint);
  if (rate !== undefined) {
    fact('rate-limit', rate.statement);
    codes.push({
      code: requirements.rateCode.code,
      meaning: 'rate limit exceeded',
      origin: 'requirement',
      source: at(rate.statement),
    });
  }
  const ownOnly = fold(own.map((statement) => statement.text).join(' '));
  const ownText = fold(
    [...own, ...sharedStatements(index, parts)].map((statement) => statement.text).join(' '),
  );
  for (const rule of failureRules(index)) {
    if (rule.section !== undefined && !rule.section.includes(endpoint)) continue;
    if (!ruleApplies(rule, endpoint, traits, ownText, ownOnly)) continue;
    if (rule.kind === 'validation') fact('validation', rule.statement);
    codes.push({ code: rule.code, meaning: rule.condition, origin: 'global', source: at(rule.statement) });
  }
  if (!traits.hasSuccess) {
    const success = successRules(index).find(
      (rule) =>
        rule.methods.includes(endpoint.method) &&
        (rule.section === undefined || rule.section.includes(endpoint)),
    );
    if (success !== undefined) {
      codes.push({
        code: success.code,
        meaning: `success of a ${endpoint.method}`,
        origin: 'global',
        source: at(success.statement),
      });
    }
  }
  const topics = planTopics(index);
  for (const statement of topics.errorFormat) fact('error-format', statement);
  const queryNames = traits.fields.query.map((field) => field.name);
  if (isPaged(endpoint, queryNames, ownOnly)) {
    for (const statement of topics.pagination) fact('pagination', statement);
  }
  const fieldNames = [...traits.fields.body, ...traits.fields.query].map((field) => field.name);
  for (const statement of validationFor(topics, endpoint, fieldNames, MAX_VALIDATION)) {
    fact('validation', statement);
  }
  return { crossCutting, codes };
}

// A dossier quotes the validation lines of its fields, not a whole validation chapter.
const MAX_VALIDATION = 12;

const ROLE =
  /\b(?:admins?|administrat\w*|owners?|ownership|moderators?|organi[sz]ers?|roles?|creators?|authors?|assignees?|participants?|permissions?|wlasciciel\w*|uczestnik\w*|uprawnien\w*|rola|roli|organizator\w*)\b/;
const UNIQUE =
  /\b(?:unique\w*|uniqueness|duplicat\w*|already exists?|one per|unikaln\w*|duplikat\w*|juz istnieje)\b/;
const QUERYISH =
  /\b(?:query|queries|params?|parameters?|filter\w*|sort\w*|order\w*|pagination|parametr\w*)\b/;
const GENERIC_WORDS = new Set([
  'unique',
  'constraint',
  'constraints',
  'duplicate',
  'conflict',
  'error',
  'errors',
  'resource',
  'resources',
  'exists',
  'already',
  'check',
  'combination',
  'query',
  'return',
  'early',
  'violation',
  'record',
  'entry',
  'catch',
  'integrityerror',
  'http',
  'status',
  'code',
  'codes',
  'returns',
  'returned',
  'request',
  'requests',
  'same',
  'data',
  'value',
  'values',
  'field',
  'fields',
  'pre-check',
  'precheck',
  'enforced',
  'enforce',
  'conflicts',
  'database',
  'level',
  'kod',
  'zwraca',
  'konflikt',
  'duplikat',
  'unikalny',
  'unikalne',
]);

/** True when the endpoint can fail the way the rule says: validation needs input, not found a path parameter, … */
function ruleApplies(
  rule: FailureRule,
  endpoint: Endpoint,
  traits: EndpointTraits,
  ownText: string,
  ownOnly: string,
): boolean {
  if (ruleNamesRoute(rule, endpoint)) return true;
  const names = [...traits.fields.path, ...traits.fields.query, ...traits.fields.body].map(
    (field) => field.name,
  );
  const writes = endpoint.method !== 'GET' && endpoint.method !== 'HEAD' && endpoint.method !== 'OPTIONS';
  switch (rule.kind) {
    case 'validation':
      if (rule.names.length > 0) return rule.names.some((name) => names.includes(name));
      if (traits.hasBody) return true;
      return traits.fields.query.length > 0 && QUERYISH.test(fold(rule.statement.text));
    case 'not-found':
      return traits.fields.path.length > 0;
    case 'conflict': {
      if (!writes || endpoint.method === 'DELETE') return false;
      const condition = fold(rule.condition);
      if (rule.names.some((name) => names.includes(name))) return true;
      if (traits.fields.body.some((field) => wordIn(condition, fold(field.name)))) return true;
      // "Unique constraint (e.g. duplicate email)": the example does not narrow the rule.
      const general = condition.replace(EXAMPLES, ' ');
      const specific = general
        .split(/[^a-z0-9]+/)
        .filter((word) => word.length >= 4 && !GENERIC_WORDS.has(word) && !/^\d+$/.test(word));
      if (specific.length === 0) return traits.db.unique.length > 0 || UNIQUE.test(ownText);
      // "Duplicate X returns 409" speaks of the endpoints that create X; an update conflicts through the
      // unique columns it sets, which the db facts know.
      if (endpoint.method !== 'POST' && endpoint.method !== 'PUT') return traits.db.unique.length > 0;
      const own = resourceWords(endpoint);
      return specific.some((word) => own.some((mine) => mine.startsWith(word.slice(0, 5))));
    }
    case 'forbidden':
      return ROLE.test(writes ? ownText : ownOnly) || restrictivePolicy(endpoint, traits);
    case 'auth':
    case 'rate-limit':
    case 'business':
      return false;
    default:
      return false;
  }
}

const EXAMPLES =
  /\((?:e\.g\.|eg\.|np\.|for example|for instance|na przyklad)[^)]*\)|\b(?:e\.g\.|np\.)[^.;)]*/g;

function wordIn(text: string, word: string): boolean {
  if (word.length < 3) return false;
  return new RegExp(`(?<![a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`).test(text);
}

function resourceWords(endpoint: Endpoint): string[] {
  return endpoint.path
    .split('/')
    .filter(
      (segment) => segment.length > 0 && !/[{:[<*]/.test(segment) && !/^(?:api|v\d+|rest)$/i.test(segment),
    )
    .flatMap((segment) => segment.toLowerCase().split(/[-_.]/))
    .filter((word) => word.length >= 3);
}

const OPERATION: Readonly<Record<string, string>> = {
  POST: 'INSERT',
  PUT: 'UPDATE',
  PATCH: 'UPDATE',
  DELETE: 'DELETE',
};

/** A row-level policy on a table the endpoint writes that checks more than the caller's own id (membership, role). */
function restrictivePolicy(endpoint: Endpoint, traits: EndpointTraits): boolean {
  const operation = OPERATION[endpoint.method];
  if (operation === undefined) return false;
  return traits.db.policies.some(
    (policy) =>
      traits.db.writes.includes(policy.table) &&
      (policy.operation === undefined || policy.operation === operation || policy.operation === 'ALL') &&
      /\b(?:select|exists|join|in\s*\(|member\w*|role)\b/i.test(policy.text),
  );
}

/** The notes under the endpoint's table that speak for all its rows. */
function sharedStatements(index: PlanIndex, parts: DefinitionParts): Statement[] {
  const found: Statement[] = [];
  for (const at of parts.shared) {
    const statement = index.statementAt.get(at);
    if (statement !== undefined) found.push(statement);
  }
  return found;
}

/** The statements of the endpoint's own text. */
function ownStatements(index: PlanIndex, parts: DefinitionParts): Statement[] {
  const found: Statement[] = [];
  for (const at of parts.own) {
    const statement = index.statementAt.get(at);
    if (statement !== undefined) found.push(statement);
  }
  return found;
}

/** What the endpoint's own text says about authentication: required, not required, or nothing. */
function endpointAuth(own: readonly Statement[]): { required: boolean; statement: Statement } | undefined {
  for (const statement of own) {
    if (statement.kind !== 'text' && statement.kind !== 'heading') continue;
    const text = fold(statement.text);
    const label = AUTH_LABEL.exec(text);
    if (label !== null) {
      const value = (label[1] ?? '').replace(/[`*_]/g, '').trim();
      if (NEGATIVE.test(value)) return { required: false, statement };
      if (POSITIVE.test(value) || value.length > 0) return { required: true, statement };
    }
    if (HEADERS_AUTH.test(text) || INLINE_AUTH.test(text) || STANDALONE_AUTH.test(text))
      return { required: true, statement };
  }
  return undefined;
}

/** A rule's text as the dossier quotes it: its item title, then its words, kept short. */
function quote(statement: Statement): string {
  const text = statement.text.replace(/\s+/g, ' ').trim();
  const lead =
    statement.parentItem !== undefined && statement.parentItem.trim() !== statement.text.trim()
      ? `${statement.parentItem.trim()} `
      : '';
  const full = `${lead}${text}`;
  return full.length > 400 ? `${full.slice(0, 399)}…` : full;
}
