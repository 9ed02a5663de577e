import type { Endpoint, HttpMethod } from '../docs/model.ts';
import { METHOD_ALTERNATION } from '../routes/methods.ts';
import { routeShape } from '../routes/paths.ts';
import { foldPunctuation } from '../text/punctuation.ts';

/** What can be wrong with a plan. `truncated` is added by the engine when the model hit its token limit. */
export type PlanProblemCode =
  | 'missing-title'
  | 'missing-section'
  | 'duplicate-section'
  | 'method-mismatch'
  | 'path-mismatch'
  | 'missing-error-code'
  | 'empty'
  | 'fenced'
  | 'truncated'
  /** A grounding finding (`ground.ts`): a name the docs lack, a dropped or contradicted fact. */
  | 'ungrounded';

/** One finding about a plan; the message is a sentence a model (or a person) can act on. */
export type PlanProblem = { readonly code: PlanProblemCode; readonly message: string };

/** One of the nine sections every plan has. */
export type SectionId =
  | 'overview'
  | 'request'
  | 'types'
  | 'response'
  | 'data-flow'
  | 'security'
  | 'errors'
  | 'performance'
  | 'steps';

/** A required section with its number and its usual English and Polish headings. */
export type SectionInfo = {
  readonly id: SectionId;
  readonly number: number;
  readonly en: string;
  readonly pl: string;
};

/** The nine sections in plan order. */
export const PLAN_SECTIONS: readonly SectionInfo[] = [
  { id: 'overview', number: 1, en: 'Endpoint Overview', pl: 'Przegląd punktu końcowego' },
  { id: 'request', number: 2, en: 'Request Details', pl: 'Szczegóły żądania' },
  { id: 'types', number: 3, en: 'Used Types', pl: 'Wykorzystywane typy' },
  { id: 'response', number: 4, en: 'Response Details', pl: 'Szczegóły odpowiedzi' },
  { id: 'data-flow', number: 5, en: 'Data Flow', pl: 'Przepływ danych' },
  { id: 'security', number: 6, en: 'Security Considerations', pl: 'Względy bezpieczeństwa' },
  { id: 'errors', number: 7, en: 'Error Handling', pl: 'Obsługa błędów' },
  { id: 'performance', number: 8, en: 'Performance Considerations', pl: 'Wydajność' },
  { id: 'steps', number: 9, en: 'Implementation Steps', pl: 'Etapy wdrożenia' },
];

/** A heading of a plan outside code blocks. */
export type OutlineHeading = { readonly level: number; readonly text: string; readonly line: number };

// Tested in this order, so "Error Responses" is error handling and "Request types" is types.
const SECTION_PATTERNS: readonly (readonly [SectionId, RegExp])[] = [
  ['errors', /\berror|\bbled|\bwyjat|exception/],
  ['security', /securit|bezpiecz|zabezpiecz/],
  ['performance', /performan|wydajn|optymaliz|optimi[sz]/],
  ['data-flow', /\bflow\b|przeplyw|data flow|workflow/],
  ['types', /\btypes?\b|\btypy\b|\btypow\b|\bdtos?\b|command model|\bmodele\b/],
  ['request', /request|\bzadani|\bzadan\b|zapytani|\binput\b|wejsci/],
  ['response', /response|odpowiedz|\boutput\b|wyjsci/],
  [
    'overview',
    /overview|przeglad|\bcel\b|purpose|\bopis\b|description|summary|podsumowanie|introduc|wprowadzen/,
  ],
  ['steps', /\bsteps?\b|\bstages?\b|\betap|\bkrok|wdrozen|implementation order|rollout/],
];

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const METHODS = METHOD_ALTERNATION;
const METHOD_STATEMENT = new RegExp(
  `(?:http[ -]?method|\\bmethod|\\bmetoda(?:\\s+http)?)[\\s*_]*[:：][\\s*_\`]*(${METHODS})\\b`,
  'gi',
);
const PATH_STATEMENT = new RegExp(
  `(?:url(?:\\s+pattern)?|\\bpath|\\bscie[zż]ka|\\bendpoint|wzorzec\\s+url|\\badres)[\\s*_]*[:：][\\s*_\`]*(?:(?:${METHODS})\\s+)?\`?(\\/[^\\s\`*),]*)`,
  'gi',
);
const METHOD_AND_PATH = new RegExp(`\\b(${METHODS})\\s+\`?(\\/[^\\s\`*),]*)`, 'g');
const PATH_TOKEN = /(?:^|[\s`("'*>:])(\/[\w\-.{}:[\]<>$/]*)/g;

/** Folds a heading for matching: no marks, no emphasis, no numbering, lower case. */
function foldHeading(text: string): string {
  return foldPunctuation(text)
    .replace(/[łŁ]/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(
      /^\s*(?:(?:section|sekcja|part|czesc|step|krok|etap)\s+)?(?:\d+(?:\.\d+)*|[ivx]+)(?:[.):\-–]\s*|\s+)/,
      '',
    )
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[:.\s]+$/, '')
    .trim();
}

/** Which of the nine sections a heading names, in English or Polish, whatever its numbering; undefined if none. */
export function sectionOf(headingText: string): SectionId | undefined {
  const folded = foldHeading(headingText);
  return SECTION_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0];
}

/** Lines of the plan with a flag for those inside fenced code blocks. */
export function scanLines(plan: string): readonly { readonly text: string; readonly code: boolean }[] {
  let open: { char: string; length: number } | undefined;
  return plan.split('\n').map((raw) => {
    const text = raw.replace(/\r$/, '');
    const fence = FENCE.exec(text);
    if (open === undefined) {
      if (fence === null) return { text, code: false };
      const run = fence[1] ?? '';
      open = { char: run.charAt(0), length: run.length };
      return { text, code: true };
    }
    const run = fence?.[1] ?? '';
    if (
      fence !== null &&
      run.charAt(0) === open.char &&
      run.length >= open.length &&
      (fence[2] ?? '').trim() === ''
    ) {
      open = undefined;
    }
    return { text, code: true };
  });
}

/** The headings of a plan, skipping `#` lines inside code blocks. */
export function planOutline(plan: string): readonly OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  for (const [index, line] of scanLines(plan).entries()) {
    if (line.code) continue;
    const match = HEADING.exec(line.text);
    if (match !== null)
      headings.push({ level: (match[1] ?? '').length, text: (match[2] ?? '').trim(), line: index + 1 });
  }
  return headings;
}

/** The headings that stand for sections: the shallowest level below the title. */
export function sectionHeadings(outline: readonly OutlineHeading[]): readonly OutlineHeading[] {
  const [first, ...rest] = outline;
  const body = first !== undefined && first.level === 1 ? rest.filter((h) => h.level > 1) : outline;
  const level = Math.min(...body.map((h) => h.level));
  return body.filter((h) => h.level === level);
}

function unwrapFence(plan: string): string | undefined {
  const lines = plan.trim().split('\n');
  const open = FENCE.exec(lines[0] ?? '');
  if (open === null) return undefined;
  const last = lines.length - 1;
  const closed = last > 0 && /^ {0,3}(`{3,}|~{3,})\s*$/.test(lines[last] ?? '');
  return lines.slice(1, closed ? last : undefined).join('\n');
}

/** A path reduced for comparison: no query, prefix, trailing slash or parameter names, trailing punctuation dropped. */
export function normalizePath(path: string): string {
  return routeShape(path.trim().replace(/[.,;:]+$/, ''));
}

function checkTitle(lines: readonly { text: string; code: boolean }[]): PlanProblem | undefined {
  const first = lines.find((line) => line.text.trim() !== '');
  const heading = first === undefined || first.code ? null : HEADING.exec(first.text);
  // Any language: the title is recognised by its place and level, not by its words.
  if (heading !== null && heading[1] === '#' && (heading[2] ?? '').trim() !== '') return undefined;
  return {
    code: 'missing-title',
    message:
      'The plan must start with the title line "# API Endpoint Implementation Plan: <endpoint name>" (no text before it).',
  };
}

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

function romanValue(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN[numeral.charAt(i)] ?? 0;
    const next = ROMAN[numeral.charAt(i + 1)] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * The number a section heading carries, in any language: `3.`, `3)`, `3 Title`, `III.`, or one word then a
 * number (`Section 3`, `Krok 9`, `Étape 2`); undefined when it has none.
 */
export function headingNumber(text: string): number | undefined {
  const bare = text.replace(/[*_`]/g, '').trim();
  const arabic = /^(?:\p{L}+\s+)?(\d{1,2})(?=$|[\s.):\-–—])/u.exec(bare);
  if (arabic !== null) return Number(arabic[1]);
  // Upper case and a mark after it only: a Polish "i" (and) or a word starting with "V" is not a numeral.
  const roman = /^([IVX]{1,4})[.)](?=\s|$|\p{L})/u.exec(bare);
  return roman === null ? undefined : romanValue(roman[1] ?? '');
}

/** A section heading with the section it stands for. */
type PlacedHeading = { readonly heading: OutlineHeading; readonly section: SectionId };

// The seed's own list has eight sections (no Used Types); its example numbers Used Types and Response both 3.
const EIGHT_SECTIONS: readonly SectionId[] = [
  'overview',
  'request',
  'response',
  'data-flow',
  'security',
  'errors',
  'performance',
  'steps',
];

/**
 * Places section headings by their numbers and order, never by their words, so a plan in any language is read
 * alike. Unnumbered headings between two numbered ones one apart take the number between; with no numbers at
 * all, nine headings are placed by position and other counts by their (English or Polish) words.
 */
export function placeSections(headings: readonly OutlineHeading[]): {
  readonly placed: readonly PlacedHeading[];
  readonly duplicates: readonly OutlineHeading[];
} {
  const numbers = headings.map((heading) => headingNumber(heading.text));
  if (numbers.every((n) => n === undefined)) {
    if (headings.length === PLAN_SECTIONS.length) {
      return {
        placed: headings.map((heading, i) => ({ heading, section: PLAN_SECTIONS[i]?.id ?? 'steps' })),
        duplicates: [],
      };
    }
    const placed = headings.flatMap((heading) => {
      const section = sectionOf(heading.text);
      return section === undefined ? [] : [{ heading, section }];
    });
    return { placed, duplicates: [] };
  }
  const filled = numbers.map((n, i) => {
    if (n !== undefined) return n;
    const before = numbers[i - 1];
    const after = numbers[i + 1];
    return before !== undefined && after === before + 2 ? before + 1 : undefined;
  });
  const threes = filled.flatMap((n, i) => (n === 3 ? [i] : []));
  const seedExample = threes.length === 2 && threes[1] === (threes[0] ?? -2) + 1;
  const max = Math.max(...filled.map((n) => n ?? 0));
  if (!seedExample && max < PLAN_SECTIONS.length) {
    // Fewer than nine: the numbers cannot say which section is missing, the words (when known) can.
    const byWords = placeByWords(headings.filter((_, i) => filled[i] !== undefined));
    if (byWords !== undefined) return { placed: byWords, duplicates: [] };
  }
  const seedList = !seedExample && max === EIGHT_SECTIONS.length;
  const lastNumbered = filled.findLastIndex((n) => n !== undefined);
  const placed: PlacedHeading[] = [];
  const duplicates: OutlineHeading[] = [];
  const seen = new Set<SectionId>();
  filled.forEach((n, i) => {
    const heading = headings[i];
    if (n === undefined || heading === undefined) return;
    // A plan shorter than the seed's eight still ends with its steps.
    const section = seedExample
      ? PLAN_SECTIONS[(i === threes[1] || n > 3 ? n + 1 : n) - 1]?.id
      : seedList
        ? EIGHT_SECTIONS[n - 1]
        : max < EIGHT_SECTIONS.length && i === lastNumbered
          ? 'steps'
          : PLAN_SECTIONS[n - 1]?.id;
    if (section === undefined) return;
    if (seen.has(section)) duplicates.push(heading);
    else {
      seen.add(section);
      placed.push({ heading, section });
    }
  });
  return { placed, duplicates };
}

/** Places headings by their words when every one is recognised and they come in plan order; else undefined. */
function placeByWords(headings: readonly OutlineHeading[]): PlacedHeading[] | undefined {
  const order = PLAN_SECTIONS.map((section) => section.id);
  const placed: PlacedHeading[] = [];
  let last = -1;
  for (const heading of headings) {
    const section = sectionOf(heading.text);
    const index = section === undefined ? -1 : order.indexOf(section);
    if (section === undefined || index <= last) return undefined;
    last = index;
    placed.push({ heading, section });
  }
  return placed;
}

function checkSections(outline: readonly OutlineHeading[]): PlanProblem[] {
  const { placed, duplicates } = placeSections(sectionHeadings(outline));
  const problems: PlanProblem[] = [];
  for (const section of PLAN_SECTIONS) {
    if (placed.some((p) => p.section === section.id)) continue;
    problems.push({
      code: 'missing-section',
      message: `Section ${section.number} "${section.en}" is missing: add it as "## ${section.number}. ${section.en}" (or its translation).`,
    });
  }
  for (const heading of duplicates) {
    problems.push({
      code: 'duplicate-section',
      message: `The section "${heading.text}" appears more than once (again at line ${heading.line}); write each section once.`,
    });
  }
  return problems;
}

function checkMethod(prose: string, endpoint: Endpoint): PlanProblem | undefined {
  const wanted = endpoint.method;
  const target = normalizePath(endpoint.path);
  const stated = [...prose.matchAll(METHOD_STATEMENT)].map((m) => (m[1] ?? '').toUpperCase() as HttpMethod);
  const paired = [...prose.matchAll(METHOD_AND_PATH)]
    .filter((m) => normalizePath(m[2] ?? '') === target)
    .map((m) => (m[1] ?? '') as HttpMethod);
  const claims = stated.length > 0 ? stated : paired;
  if (claims.length > 0) {
    if (claims.includes(wanted)) return undefined;
    return {
      code: 'method-mismatch',
      message: `The plan gives the HTTP method as ${[...new Set(claims)].join(', ')}, but the endpoint is ${wanted} ${endpoint.path}.`,
    };
  }
  if (new RegExp(`\\b${wanted}\\b`).test(prose)) return undefined;
  return {
    code: 'method-mismatch',
    message: `The plan never states the HTTP method ${wanted}: give it in Request Details ("HTTP Method: ${wanted}").`,
  };
}

function checkPath(prose: string, endpoint: Endpoint): PlanProblem | undefined {
  const target = normalizePath(endpoint.path);
  if ([...prose.matchAll(PATH_TOKEN)].some((m) => normalizePath(m[1] ?? '') === target)) return undefined;
  const stated = [...prose.matchAll(PATH_STATEMENT)].map((m) => m[1] ?? '').filter((p) => p.length > 1);
  return {
    code: 'path-mismatch',
    message:
      stated.length > 0
        ? `The plan gives the URL as ${[...new Set(stated)].join(', ')}, but the endpoint is ${endpoint.method} ${endpoint.path}.`
        : `The plan never states the endpoint's path ${endpoint.path}: give it in Request Details ("URL Pattern: ${endpoint.path}").`,
  };
}

function checkErrorCodes(plan: string, endpoint: Endpoint): PlanProblem[] {
  return endpoint.errorCodes
    .filter((code) => !new RegExp(`(?<![\\d.])${code}(?![\\d])`).test(plan))
    .map((code) => ({
      code: 'missing-error-code' as const,
      message: `The API plan lists status ${code} for this endpoint, but the plan never mentions it: cover it in Response Details and Error Handling.`,
    }));
}

/** Checks a plan against the format the prompt asks for and against its endpoint; problems are data, never thrown. */
export function validatePlan(plan: string, endpoint: Endpoint): readonly PlanProblem[] {
  if (plan.trim() === '')
    return [{ code: 'empty', message: 'The plan is empty: write the whole implementation plan.' }];
  const problems: PlanProblem[] = [];
  const unwrapped = unwrapFence(plan);
  if (unwrapped !== undefined) {
    problems.push({
      code: 'fenced',
      message: 'The plan is wrapped in a code fence: write the markdown directly, without ``` around it.',
    });
  }
  const body = unwrapped ?? plan;
  const lines = scanLines(body);
  const prose = lines
    .filter((line) => !line.code)
    .map((line) => line.text)
    .join('\n');
  const title = checkTitle(lines);
  if (title !== undefined) problems.push(title);
  const method = checkMethod(prose, endpoint);
  if (method !== undefined) problems.push(method);
  const path = checkPath(prose, endpoint);
  if (path !== undefined) problems.push(path);
  problems.push(...checkSections(planOutline(body)), ...checkErrorCodes(body, endpoint));
  return problems;
}
