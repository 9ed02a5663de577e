import { fold } from '../docs/api-plan/labels.ts';
import type { Endpoint, HttpMethod } from '../docs/model.ts';
import type { PlanIndex, Statement } from './plan-index.ts';
import { mentionedRoutes, routeCovers, sectionEndpoints } from './scope.ts';

/** The kind of failure a rule maps to a code, which decides the endpoints that can fail that way. */
export type FailureKind =
  | 'validation'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limit'
  | 'business';

/** A rule of the plan that says which failure gives which code ("reject malformed JSON with 400"). */
export type FailureRule = {
  readonly code: number;
  readonly kind: FailureKind;
  /** The failure as the plan words it. */
  readonly condition: string;
  readonly statement: Statement;
  /** Names in code spans and routes the rule speaks of: a rule about `ordering` covers endpoints that take it. */
  readonly names: readonly string[];
  readonly section: readonly Endpoint[] | undefined;
};

const WHEN_HEADER =
  /^(?:when|condition|conditions|cause|causes|scenario|scenarios|trigger|case|cases|reason|kiedy|warunek|warunki|przyczyna|sytuacja|gdy|przypadek)\b|\bwhen\b/;
const RULE_VERB =
  /\b(?:reject\w*|return\w*|respond\w*|answer\w*|results? in|maps? to|yields?|fails? with|raise\w*|throw\w*|odrzuc\w*|zwraca\w*|zwroc\w*|skutkuj\w*|konc\w* sie|odpowiad\w*)\b|->|→|=>/;
const CONDITIONAL = /\b(?:when|if|whenever|upon|gdy|jesli|jezeli|kiedy|w przypadku)\b/;
const EXAMPLE_LIST =
  /\b(?:e\.g\.|eg\.|for example|for instance|such as|np\.|na przyklad|przyklad\w*|like)\s*[:(]?\s*$/;
const CODE = /(?<![\d.,$€£-])([45]\d\d)(?![\d%]|[.,]\d)/g;
const KINDS: readonly [FailureKind, RegExp][] = [
  ['rate-limit', /\b(?:rate|too many|throttl\w*|limit (?:zadan|zapytan)\w*)\b/],
  [
    'auth',
    /\b(?:unauthori[sz]ed|unauthenticated|not authenticated|authentication|jwt|tokens?|credentials?|log ?in|uwierzyteln\w*|niezalogowan\w*|brak autoryzacji)\b/,
  ],
  [
    'not-found',
    /\b(?:not found|does not exist|doesn't exist|not accessible|no such|nie istnieje|nie znaleziono|nieznalezion\w*)\b/,
  ],
  [
    'conflict',
    /\b(?:conflict\w*|unique\w*|duplicat\w*|already|exists|konflikt\w*|duplikat\w*|unikaln\w*|juz istnieje)\b/,
  ],
  [
    'forbidden',
    /\b(?:forbidden|permissions?|rls|roles?|not allowed|access denied|owner\w*|uprawnien\w*|zabronion\w*|brak dostepu|rola|roli)\b/,
  ],
  [
    'validation',
    /\b(?:valid\w*|invalid|malformed|schema|pars\w*|json|payload|body|fields?|format|input|walidac\w*|nieprawidlow\w*|bledn\w*)\b/,
  ],
];
const BY_CODE: Readonly<Record<number, FailureKind>> = {
  400: 'validation',
  401: 'auth',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'validation',
  429: 'rate-limit',
};

const cache = new WeakMap<PlanIndex, readonly FailureRule[]>();

/** The plan's rules mapping a kind of failure to a code, found once per plan. */
export function failureRules(index: PlanIndex): readonly FailureRule[] {
  let rules = cache.get(index);
  if (rules === undefined) {
    rules = readRules(index);
    cache.set(index, rules);
  }
  return rules;
}

function readRules(index: PlanIndex): FailureRule[] {
  const rules: FailureRule[] = [];
  for (const statement of index.free) {
    if (statement.excluded) continue;
    if (statement.kind === 'row') {
      // A row is a rule when its table has a "when" column, or when a cell says it in a sentence.
      const byColumn = rowRules(index, statement);
      rules.push(...(byColumn.length > 0 ? byColumn : sentenceRules(index, statement, true)));
    } else if (statement.kind === 'text') rules.push(...sentenceRules(index, statement));
  }
  return rules;
}

/** A row of a table with a code column and a "when" column: `| 409 | "Conflict" | Unique constraint |`. */
function rowRules(index: PlanIndex, statement: Statement): FailureRule[] {
  const header = (statement.header ?? []).map((cell) => fold(cell.replace(/[`*_]/g, '')));
  const cells = statement.cells ?? [];
  const when = header.findIndex((cell) => WHEN_HEADER.test(cell));
  if (when < 0) return [];
  const codeColumn = cells.findIndex((cell, column) => column !== when && /^\W*[45]\d\d\b/.test(cell.trim()));
  if (codeColumn < 0) return [];
  const code = Number(/[45]\d\d/.exec(cells[codeColumn] ?? '')?.[0]);
  const condition = (cells[when] ?? '').replace(/`|\*\*|__/g, '').trim();
  const otherCells = cells.filter((_, column) => column !== codeColumn).join(' ');
  return [rule(index, statement, code, condition, otherCells)];
}

/** Sentences that map a failure to a code: "reject malformed JSON with 400", "conflicts -> 409". */
function sentenceRules(index: PlanIndex, statement: Statement, inRow = false): FailureRule[] {
  const text = statement.text;
  const found: FailureRule[] = [];
  const folded = fold(text);
  if (!/[45]\d\d/.test(text)) return found;
  const leadingCode = /^\W*(?:http\s*)?[45]\d\d\b/i.test(text.replace(/^[-*+]\s+/, ''));
  for (const clause of text.split(/;\s+|\.\s+(?=[A-Z])/)) {
    CODE.lastIndex = 0;
    for (let match = CODE.exec(clause); match !== null; match = CODE.exec(clause)) {
      const before = fold(clause.slice(0, match.index));
      const after = fold(clause.slice(match.index + 3));
      if (EXAMPLE_LIST.test(before.replace(/[\d\s,`]+$/, ' ').trimEnd())) continue;
      // A catalogue line names a code and its meaning; a rule says when it happens.
      // In a table, a row that starts with its code is a catalogue entry whatever its words.
      const stated = leadingCode
        ? !inRow && CONDITIONAL.test(after)
        : RULE_VERB.test(before.slice(-60)) ||
          /\bwith\s*$|\bkodem\s*$|\bbledem\s*$|\bstatusem\s*$/.test(before);
      if (!stated) continue;
      found.push(rule(index, statement, Number(match[1]), clause.replace(/`|\*\*|__/g, '').trim(), text));
    }
  }
  return folded.length > 0 ? found : [];
}

function methodsIn(text: string): HttpMethod[] {
  return [
    ...new Set([...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((found) => found[1] as HttpMethod)),
  ];
}

/** A rule giving the success code of a kind of request: "POST endpoints return 201 Created". */
export type SuccessRule = {
  readonly code: number;
  readonly methods: readonly HttpMethod[];
  readonly statement: Statement;
  readonly section: readonly Endpoint[] | undefined;
};

const SUCCESS = /(?<![\d.,$€£-])(2\d\d)(?![\d%]|[.,]\d)/g;
const SUCCESS_OR_ERROR = /(?<![\d.,$€£-])[1-5]\d\d(?![\d%]|[.,]\d)/;
const CREATE_WORDS = /\b(?:creat\w*|utworz\w*|tworz\w*)\b/;

const successCache = new WeakMap<PlanIndex, readonly SuccessRule[]>();

/** The plan's rules giving the success code by method, found once per plan. */
export function successRules(index: PlanIndex): readonly SuccessRule[] {
  let rules = successCache.get(index);
  if (rules !== undefined) return rules;
  const found: SuccessRule[] = [];
  for (const statement of index.free) {
    if (statement.excluded || (statement.kind !== 'text' && statement.kind !== 'row')) continue;
    if (
      !/2\d\d/.test(statement.text) ||
      /^\W*(?:http\s*)?2\d\d\b/i.test(statement.text.replace(/^[-*+]\s+/, ''))
    )
      continue;
    for (const clause of statement.text.split(/;\s+|\.\s+(?=[A-Z])/)) {
      for (const match of clause.matchAll(SUCCESS)) {
        const before = fold(clause.slice(0, match.index));
        if (!RULE_VERB.test(before.slice(-60)) && !/\bwith\s*$/.test(before)) continue;
        if (EXAMPLE_LIST.test(before.replace(/[\d\s,`]+$/, ' ').trimEnd())) continue;
        // The methods written next to this code: before it (since the last code), else after it.
        const since = clause.slice(0, match.index).split(SUCCESS_OR_ERROR).pop() ?? '';
        const until = clause.slice((match.index ?? 0) + 3).split(SUCCESS_OR_ERROR)[0] ?? '';
        const methods = methodsIn(since);
        if (methods.length === 0) methods.push(...methodsIn(until));
        if (methods.length === 0 && CREATE_WORDS.test(fold(clause))) methods.push('POST');
        if (methods.length === 0) continue;
        found.push({
          code: Number(match[1]),
          methods,
          statement,
          section: sectionEndpoints(index, statement),
        });
      }
    }
  }
  rules = found;
  successCache.set(index, rules);
  return rules;
}

function rule(
  index: PlanIndex,
  statement: Statement,
  code: number,
  condition: string,
  named: string,
): FailureRule {
  return {
    code,
    kind: kindOf(condition, code),
    condition,
    statement,
    names: namesIn(named),
    section: sectionEndpoints(index, statement),
  };
}

function kindOf(condition: string, code: number): FailureKind {
  const text = fold(condition);
  for (const [kind, pattern] of KINDS) if (pattern.test(text)) return kind;
  return BY_CODE[code] ?? 'business';
}

function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    const name = (match[1] ?? '').trim();
    if (/^[a-z][\w.]*$/.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** True when a rule names this endpoint's route outright. */
export function ruleNamesRoute(rule: FailureRule, endpoint: Endpoint): boolean {
  return mentionedRoutes(rule.statement.text).some(
    (route) => route.methods.length > 0 && routeCovers(route, endpoint),
  );
}
