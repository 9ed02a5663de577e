import { fold } from '../docs/api-plan/labels.ts';
import type { Endpoint } from '../docs/model.ts';
import type { PlanIndex, Statement } from './plan-index.ts';

/** The plan's statements about pagination, the error format and field validation, found once per plan. */
export type PlanTopics = {
  /** The error body every failure uses (a JSON example or the sentence that gives it). */
  readonly errorFormat: readonly Statement[];
  readonly pagination: readonly Statement[];
  /** Statements and table rows of validation sections, for matching to an endpoint's fields. */
  readonly validation: readonly Statement[];
};

const ERROR_SECTION =
  /\b(?:errors?|error handling|error format|error responses?|bledy|bledow|obsluga bledow|format bledow|format odpowiedzi bledu)\b/;
const ERROR_FORMAT =
  /\b(?:error (?:response|payload|body|envelope|format|object)s?|(?:consistent|standard|structured|common) (?:error|response)|format odpowiedzi bledu|format bledu|koperta)\b/;
const PAGINATION = /\b(?:paginat\w*|paginac\w*|stronicowan\w*|page size|pagesize|per page|cursor|offset)\b/;
const VALIDATION =
  /\b(?:validation|validate|walidacj\w*|warunki|constraints?|ograniczeni\w*|fields?|pola|rules?|reguly|business logic|logika biznesowa)\b/;
const LIST_QUERY =
  /^(?:page|limit|offset|cursor|size|per_?page|page_?size|pagesize|perpage|strona|rozmiar)$/i;

const cache = new WeakMap<PlanIndex, PlanTopics>();

/** The plan's topic statements, read once per plan. */
export function planTopics(index: PlanIndex): PlanTopics {
  let topics = cache.get(index);
  if (topics === undefined) {
    topics = readTopics(index);
    cache.set(index, topics);
  }
  return topics;
}

function readTopics(index: PlanIndex): PlanTopics {
  const errorFormat: Statement[] = [];
  const pagination: Statement[] = [];
  const validation: Statement[] = [];
  for (const statement of index.free) {
    if (statement.excluded || statement.kind === 'heading') continue;
    const section = fold(statement.sections[statement.sections.length - 1] ?? '');
    if (errorFormat.length === 0) {
      const json =
        statement.kind === 'code' && /"?(?:error|errors|code|message|detail)"?\s*:/.test(statement.text);
      if (
        (json && ERROR_SECTION.test(section)) ||
        (statement.kind === 'text' && ERROR_FORMAT.test(fold(statement.text)) && statement.text.includes('{'))
      )
        errorFormat.push(statement);
    }
    if (statement.kind === 'code') continue;
    const text = fold(statement.text);
    if (pagination.length < 4 && (PAGINATION.test(section) || (PAGINATION.test(text) && /\d/.test(text))))
      pagination.push(statement);
    if (VALIDATION.test(section)) validation.push(statement);
  }
  return { errorFormat, pagination, validation };
}

/** True for endpoints that list things page by page: a GET taking page, limit, cursor or offset. */
export function isPaged(endpoint: Endpoint, queryNames: readonly string[], ownText: string): boolean {
  return (
    endpoint.method === 'GET' &&
    (queryNames.some((name) => LIST_QUERY.test(name)) || PAGINATION.test(ownText))
  );
}

/**
 * Validation statements that speak of this endpoint's fields: a line or table row naming one of them
 * in code or bold, or any line of a validation section named after its resource ("#### Quest Fields").
 */
export function validationFor(
  topics: PlanTopics,
  endpoint: Endpoint,
  fieldNames: readonly string[],
  limit: number,
): Statement[] {
  const { byName, bySectionWord } = validationIndex(topics);
  const found = new Set<Statement>();
  for (const name of fieldNames) for (const statement of byName.get(name) ?? []) found.add(statement);
  const resource = resourceStem(endpoint);
  if (resource !== undefined && fieldNames.length > 0) {
    for (const [word, statements] of bySectionWord) {
      if (!word.startsWith(resource)) continue;
      for (const statement of statements) if (statement.kind === 'text') found.add(statement);
    }
  }
  return [...found].sort((a, b) => a.line - b.line).slice(0, limit);
}

type ValidationIndex = {
  readonly byName: ReadonlyMap<string, readonly Statement[]>;
  readonly bySectionWord: ReadonlyMap<string, readonly Statement[]>;
};

// Every dossier looks its fields up in the same validation lines: index them by the names they mention.
const validationIndexes = new WeakMap<PlanTopics, ValidationIndex>();

function validationIndex(topics: PlanTopics): ValidationIndex {
  let index = validationIndexes.get(topics);
  if (index !== undefined) return index;
  const byName = new Map<string, Statement[]>();
  const bySectionWord = new Map<string, Statement[]>();
  const add = <K>(map: Map<K, Statement[]>, key: K, statement: Statement): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [statement]);
    else if (list[list.length - 1] !== statement) list.push(statement);
  };
  for (const statement of topics.validation) {
    for (const match of statement.text.matchAll(
      /`([^`]+)`|\*\*([^*]+)\*\*|^\s*[-*+]?\s*([A-Za-z_][\w.]*)\s*:/g,
    )) {
      const name = (match[1] ?? match[2] ?? match[3] ?? '').trim();
      if (name.length >= 2) add(byName, name, statement);
    }
    if (statement.kind === 'row') {
      for (const cell of (statement.cells?.[0] ?? '').split(/[,/]/)) {
        const name = cell.replace(/[`*]/g, '').trim();
        if (name.length >= 2) add(byName, name, statement);
      }
      continue;
    }
    const section = fold(statement.sections[statement.sections.length - 1] ?? '');
    for (const word of new Set(section.split(/[^a-z0-9]+/)))
      if (word.length >= 3) add(bySectionWord, word, statement);
  }
  index = { byName, bySectionWord };
  validationIndexes.set(topics, index);
  return index;
}

/** The endpoint's resource as a word stem: `/api/quests/:id/start` → `quest`. */
function resourceStem(endpoint: Endpoint): string | undefined {
  const words = endpoint.path
    .split('/')
    .filter(
      (segment) =>
        segment.length > 0 && !/[{:[<*]/.test(segment) && !/^(?:api|v\d+|rest|functions)$/i.test(segment),
    );
  const first = words[0]?.toLowerCase().replace(/[-_].*$/, '');
  if (first === undefined || first.length < 3) return undefined;
  return first.length > 4 ? first.replace(/(?:ies|es|s)$/, '') : first;
}
