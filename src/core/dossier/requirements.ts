import { fold } from '../docs/api-plan/labels.ts';
import type { Endpoint } from '../docs/model.ts';
import type { PlanIndex, Statement } from './plan-index.ts';
import {
  isCredentialsEndpoint,
  mentionedRoutes,
  routeCovers,
  type Scope,
  scopeCovers,
  scopeOfSubject,
  sectionEndpoints,
  speaksOfWrites,
  writeMethods,
} from './scope.ts';

/** A stated requirement (authentication, a rate limit) and the endpoints it covers. */
export type Requirement = {
  readonly topic: 'auth' | 'rate-limit';
  readonly statement: Statement;
  readonly scope: Scope;
  /** Endpoints the statement itself exempts ("except registration & login", "poza `/auth/*`"). */
  readonly except: Scope | undefined;
  /** The endpoints of the section it is written in, when it sits among endpoint definitions. */
  readonly section: readonly Endpoint[] | undefined;
};

/** The plan's requirements, its public endpoints and the codes it uses for them. */
export type PlanRequirements = {
  readonly auth: readonly Requirement[];
  readonly rate: readonly Requirement[];
  /** Statements listing endpoints that need no authentication. */
  readonly publicLists: readonly Statement[];
  /** The code the plan answers a missing or bad token with, and where it says so (401 unless it names another). */
  readonly authCode: { readonly code: number; readonly statement: Statement | undefined };
  readonly rateCode: { readonly code: number; readonly statement: Statement | undefined };
};

const AUTH_WORD =
  /\b(?:auth\w*|jwt|bearer|tokens?|logged[- ]in|zalogowan\w*|uwierzyteln\w*|autentyk\w*|autoryzac\w*|session|sesj\w*)\b/;
const REQUIRE_WORD =
  /\b(?:requires?|required|must|needs?|mandatory|wymaga\w*|wymagan\w*|musi|musza|obowiazk\w*|protected|chronion\w*)\b/;
const VERIFIES_TOKEN =
  /\b(?:verif\w*|validat\w*|weryfik\w*|waliduj\w*|checks?)\b[^.;]{0,40}\b(?:tokens?|jwt|sessions?)\b|\b(?:tokens?|jwt)\b[^.;]{0,40}\b(?:verified|validated|walidowan\w*|weryfikowan\w*)\b/;
const ALL_REQUESTS_CARRY =
  /\b(?:all|every|each|kazd\w*|wszystk\w*)\b[^.;]{0,40}\b(?:requests?|endpoints?|routes?|calls?|zadani\w*|zapytani\w*|endpointy)\b[^.;]{0,60}\b(?:authorization|bearer|jwt|token)\b/;
const AUTH_WORDS_ALL = new RegExp(AUTH_WORD.source, 'g');
const ALL_TRAFFIC =
  /\b(?:middleware|gateway|backend|server|every|all|each|requests?|kazd\w*|wszystk\w*|zadani\w*|zapytani\w*)\b/;
const NEGATED =
  /\b(?:no|not|without|nie|brak|bez|optional|opcjonaln\w*)\b[^.;]{0,25}\b(?:auth\w*|required|requires?|wymaga\w*|uwierzyteln\w*|autoryzac\w*|jwt|token)/;
const PUBLIC =
  /\b(?:public|publiczn\w*|anonymous|anonimow\w*|allowany|no auth\w*|without auth\w*|unauthenticated|bez (?:uwierzyteln|autoryzac|logowan)\w*|brak (?:uwierzyteln|autoryzac)\w*|nie wymaga\w*|no authentication required|not require auth\w*)\b/;
const EXCEPT =
  /\b(?:except|excluding|apart from|other than|besides|unless|poza|oprocz|z wyjatkiem|wylaczajac)\b\s*(.*)$/;
const EXCEPT_RAW =
  /\b(?:except|excluding|apart from|other than|besides|unless|poza|oprócz|oprocz|z wyjątkiem|z wyjatkiem|wyłączając|wylaczajac)\b/i;
const RATE =
  /\b(?:rate[- ]?limit\w*|throttl\w*|too many requests|anti[- ]?spam|limit (?:zadan|zapytan)\w*|limity?\b[^.;]{0,20}\b(?:zadan|zapytan))/;
const QUANTITY =
  /\b\d+\s*(?:req\w*|calls?|zadan\w*|zapytan\w*|wywolan\w*)\b|\b\d+\s*(?:req\w*|calls?|zadan\w*|zapytan\w*|wywolan\w*|likes?|messages?|attempts?|prob\w*)?\s*(?:\/|per|na|a|every|co)\s*(?:\d+\s*)?(?:s|sec\w*|min\w*|h|hours?|godz\w*|day|dzien|dni|ip|user\w*|uzytkownik\w*)\b/;
const REQUESTS_PER_TIME =
  /\b\d+\s*(?:req\w*|calls?|zadan\w*|zapytan\w*|wywolan\w*)\s*(?:\/|per|na|a|every|co|w)\s*(?:\d+\s*)?(?:s|sec\w*|min\w*|h|hours?|godz\w*|day|dzien|dni|dob\w*)\b/;
const MAY_MATTER =
  /auth|jwt|bearer|token|log ?in|logowa|zalogowa|uwierzyteln|autoryz|autentyk|session|sesj|public|anonym|anonim|allowany|rate|throttl|limit|too many|spam|\d\s*(?:req|call|żąda|zada|zapyta|wywoła|wywola)/i;
const RESOURCE_LIST = /\b(?:resources?|zasoby|entities|encje|data model|model danych|tables|tabele)\s*$/;
const STATUS = /(?<![\d.])([45]\d\d)(?![\d.])/g;
const AUTH_FAILURE =
  /\b(?:unauthori[sz]ed|unauthenticated|not authenticated|missing[^.;]{0,20}token|invalid[^.;]{0,20}token|expired[^.;]{0,20}token|brak (?:autoryzacji|tokenu|uwierzytelnienia)|nieprawidlow\w* token|niezalogowan\w*|authentication (?:required|failed|errors?)|credentials were not provided)\b/;

// Every dossier of a plan asks for the same requirements: read them once per plan.
const cache = new WeakMap<PlanIndex, PlanRequirements>();

/** Reads the plan's authentication and rate-limit requirements, once per plan. */
export function planRequirements(index: PlanIndex): PlanRequirements {
  let found = cache.get(index);
  if (found === undefined) {
    found = readRequirements(index);
    cache.set(index, found);
  }
  return found;
}

function readRequirements(index: PlanIndex): PlanRequirements {
  const auth: Requirement[] = [];
  const rate: Requirement[] = [];
  const publicLists: Statement[] = [];
  let authCode: PlanRequirements['authCode'] | undefined;
  let rateCode: PlanRequirements['rateCode'] | undefined;
  const contexts = new Map<string, string>();
  for (const statement of index.free) {
    if (statement.excluded || statement.kind === 'code') continue;
    const rawContext = `${statement.parentItem ?? ''} ${statement.sections[statement.sections.length - 1] ?? ''}`;
    // Most statements speak of neither authentication nor limits: skip them before folding their text.
    if (!MAY_MATTER.test(statement.text) && !MAY_MATTER.test(rawContext)) continue;
    const text = fold(statement.text);
    let context = contexts.get(rawContext);
    if (context === undefined) {
      context = fold(rawContext);
      contexts.set(rawContext, context);
    }
    const codes = statusCodes(statement.text);
    if (codes.length > 0) {
      if (authCode === undefined && AUTH_FAILURE.test(text)) {
        authCode = { code: codes.includes(401) ? 401 : (codes[0] ?? 401), statement };
      }
      if (
        rateCode === undefined &&
        /too many requests|rate[- ]?limit|throttl|limit (?:zadan|zapytan)/.test(text)
      ) {
        rateCode = { code: codes.includes(429) ? 429 : (codes[0] ?? 429), statement };
      }
    }
    if (PUBLIC.test(text) || (PUBLIC.test(context) && mentionedRoutes(statement.text).length > 0)) {
      if (mentionedRoutes(statement.text).length > 0) publicLists.push(statement);
    }
    if (statement.kind !== 'heading') {
      // "Public: `GET /x` needs no token; everything else requires a JWT": each clause on its own.
      for (const clause of clauses(statement.text)) {
        if (isAuthRequirement(fold(clause), context))
          auth.push(requirement('auth', statement, index, clause));
      }
    }
    if (statement.kind !== 'heading' && isRateLimit(text, context, codes.length > 0)) {
      rate.push(requirement('rate-limit', statement, index));
    }
  }
  return {
    auth,
    rate,
    publicLists,
    authCode: authCode ?? { code: 401, statement: undefined },
    rateCode: rateCode ?? { code: 429, statement: undefined },
  };
}

function statusCodes(text: string): number[] {
  return [...text.matchAll(STATUS)].map((match) => Number(match[1]));
}

function isAuthRequirement(text: string, context: string): boolean {
  if (PUBLIC.test(text) && !REQUIRE_WORD.test(text)) return false;
  const stated =
    (REQUIRE_WORD.test(text) && AUTH_WORD.test(text)) ||
    // "Middleware verifies the token": of every request, unlike "the reset link's token is verified".
    (VERIFIES_TOKEN.test(text) && (ALL_TRAFFIC.test(text) || AUTH_WORD.test(context))) ||
    ALL_REQUESTS_CARRY.test(text) ||
    // `- All other endpoints` under `Authenticated endpoints (require valid JWT):`.
    (/\b(?:all|other|wszystk\w*|pozostal\w*)\b/.test(text) &&
      REQUIRE_WORD.test(context) &&
      AUTH_WORD.test(context) &&
      !PUBLIC.test(context));
  if (!stated) return false;
  const negation = NEGATED.exec(text);
  // "JWT tokens required", "not required for login": only a negation before the requirement itself cancels it.
  return negation === null || EXCEPT.test(text.slice(0, negation.index + 1));
}

function isRateLimit(text: string, context: string, hasCode: boolean): boolean {
  // "Rate Limit (rate_limits)" in a list of resources names a table, not a limit.
  if (text.split(/\s+/).length < 4 || RESOURCE_LIST.test(context)) return false;
  if (RATE.test(text)) {
    // "429 Too Many Requests: rate limit exceeded" gives a code, not a limit.
    return !hasCode || QUANTITY.test(text);
  }
  if (REQUESTS_PER_TIME.test(text)) return true;
  return RATE.test(context) && QUANTITY.test(text);
}

/** A statement's sentences and `;`-separated clauses. */
function clauses(text: string): string[] {
  return text.split(/;\s+|\.\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])/).filter((part) => part.trim().length > 0);
}

function requirement(
  topic: Requirement['topic'],
  statement: Statement,
  index: PlanIndex,
  clause = statement.text,
): Requirement {
  const text = clause;
  const exceptMatch = EXCEPT_RAW.exec(text);
  let except: Scope | undefined;
  let body = text;
  if (exceptMatch !== null) {
    const clause = text.slice(exceptMatch.index);
    except = exceptScope(clause, fold(clause));
    body = text.slice(0, exceptMatch.index);
  }
  const section = sectionEndpoints(index, statement);
  return { topic, statement, scope: subjectScope(topic, statement, body), except, section };
}

function exceptScope(clause: string, foldedRest: string): Scope | undefined {
  const routes = mentionedRoutes(clause);
  if (routes.length > 0) return { kind: 'routes', routes };
  if (/explicitly|noted|stated|oznaczon|wskazan/.test(foldedRest)) return undefined;
  return scopeOfSubject(clause);
}

function subjectScope(topic: Requirement['topic'], statement: Statement, body: string): Scope {
  if (statement.kind === 'row') return scopeOfSubject(statement.cells?.[0] ?? body);
  const routes = mentionedRoutes(body);
  if (routes.length > 0) return { kind: 'routes', routes };
  const methods = scopeOfSubject(body.replace(/^[^:]*\b(?:rate|limit|throttl)\w*[^:]*:/i, ''));
  if (methods.kind === 'methods' && /\b(?:GET|POST|PUT|PATCH|DELETE)\b/.test(body)) return methods;
  if (topic === 'auth') {
    if (speaksOfWrites(body)) return { kind: 'methods', methods: writeMethods() };
    // "Uploads require a session" speaks of uploads; "JWT tokens required", "All routes require auth" of all.
    const requireAt = fold(body).search(REQUIRE_WORD);
    const subject = (requireAt > 0 ? fold(body).slice(0, requireAt) : '').replace(AUTH_WORDS_ALL, ' ');
    const scope = scopeOfSubject(subject);
    return scope.kind === 'words' || scope.kind === 'credentials' ? scope : { kind: 'all' };
  }
  // `Quest generation: 5 requests/minute`: the subject before the colon; `… for the recommendations endpoint`.
  const colon = /^\s*[*_]*([^:]{2,60}?)[*_]*\s*[:：]/.exec(body);
  if (colon !== null && !RATE.test(fold(colon[1] ?? ''))) return scopeOfSubject(colon[1] ?? '');
  const target = /\bfor (?:the |all |sensitive |every )?([\w\s/-]{2,60}?)\s+endpoints?\b/i.exec(body);
  if (target !== null) return scopeOfSubject(target[1] ?? '');
  return { kind: 'all' };
}

/** True when a line of an endpoint's own text limits its rate ("Rate limit: 5 requests per hour"). */
export function statesRateLimit(text: string): boolean {
  const folded = fold(text);
  if (/\b(?:none|no|brak|nie|unlimited|bez limitu)\b/.test(folded.replace(/^.*?[:：]/, ''))) return false;
  return (
    (RATE.test(folded) && (QUANTITY.test(folded) || /\blimit/.test(folded))) || REQUESTS_PER_TIME.test(folded)
  );
}

/** The requirement of a topic that covers this endpoint, if any. */
export function coveringRequirement(
  list: readonly Requirement[],
  endpoint: Endpoint,
): Requirement | undefined {
  return list.find(
    (found) =>
      (found.section === undefined || found.section.includes(endpoint)) &&
      scopeCovers(found.scope, endpoint) &&
      (found.except === undefined || !scopeCovers(found.except, endpoint)),
  );
}

/** True when a public list of the plan names this endpoint. */
export function isListedPublic(requirements: PlanRequirements, endpoint: Endpoint): boolean {
  return requirements.publicLists.some((statement) =>
    mentionedRoutes(statement.text).some((route) => routeCovers(route, endpoint)),
  );
}

/** True for login, register and similar endpoints, which an API-wide authentication rule exempts. */
export function exemptByNature(endpoint: Endpoint): boolean {
  return isCredentialsEndpoint(endpoint);
}
