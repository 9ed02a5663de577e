import { type HandlerIndex, indexHandlers, relatedAssets } from '../code/match.ts';
import type { CodeMap } from '../code/model.ts';
import { detectLanguage } from '../docs/language.ts';
import { collectApiFacts } from './api-facts.ts';
import { collectDbFacts } from './db-facts.ts';
import type { DossierInput } from './input.ts';
import type { CodeFacts, Dossier } from './model.ts';
import { collectTypeFacts } from './type-facts.ts';

export type { DossierInput } from './input.ts';

// A run builds the same endpoint's dossier several times (fingerprints, estimate, prompt, draft, check): the
// facts read from the docs are kept per parsed spec and endpoint object, and only the code facts are added per call.
const builtFor = new WeakMap<object, WeakMap<object, DocsFacts>>();
const languageOf = new WeakMap<object, string>();
const handlerIndexes = new WeakMap<CodeMap, HandlerIndex>();

function codeFacts(input: DossierInput): CodeFacts {
  const { code, endpoint } = input;
  if (code === undefined) return { implemented: undefined, reuse: [] };
  let index = handlerIndexes.get(code);
  if (index === undefined) {
    index = indexHandlers(code);
    handlerIndexes.set(code, index);
  }
  return {
    implemented: index.find(endpoint.method, endpoint.path),
    reuse: relatedAssets(code.assets, endpoint.path),
  };
}

/** What the docs say about one endpoint: its dossier without the code facts. */
export type DocsFacts = Omit<Dossier, 'code'>;

/** Builds the dossier of one endpoint. Pure: everything comes in through `input` (results are reused, never changed). */
export function buildDossier(input: DossierInput): Dossier {
  return dossierWith(docsFactsOf(input), input);
}

/** The docs' facts of one endpoint, read once per parsed spec and endpoint object. */
export function docsFactsOf(input: DossierInput): DocsFacts {
  let bySpec = builtFor.get(input.spec);
  if (bySpec === undefined) {
    bySpec = new WeakMap();
    builtFor.set(input.spec, bySpec);
  }
  let facts = bySpec.get(input.endpoint);
  if (facts === undefined) {
    facts = docsFacts(input);
    bySpec.set(input.endpoint, facts);
  }
  return facts;
}

/** The dossier of one endpoint from its docs' facts (read now or kept by an earlier run) and the code's. */
export function dossierWith(facts: DocsFacts, input: DossierInput): Dossier {
  const { gaps, ...rest } = facts;
  return { ...rest, code: codeFacts(input), gaps };
}

function docsFacts(input: DossierInput): DocsFacts {
  const { spec, endpoint } = input;
  const db = collectDbFacts(input);
  const types = collectTypeFacts(input);
  const api = collectApiFacts(input, { db, types });
  let language = languageOf.get(spec);
  if (language === undefined) {
    language = detectLanguage(spec.apiText).code;
    languageOf.set(spec, language);
  }
  return {
    id: endpoint.id,
    method: endpoint.method,
    path: endpoint.path,
    query: endpoint.query,
    title: endpoint.title,
    language,
    definition: api.definition,
    fields: api.fields,
    requestBody: api.requestBody,
    responseBody: api.responseBody,
    statusCodes: api.statusCodes,
    tables: db.tables,
    writes: db.writes,
    unique: db.unique,
    checks: db.checks,
    foreignKeys: db.foreignKeys,
    triggers: db.triggers,
    policies: db.policies,
    indexes: db.indexes,
    enums: db.enums,
    types: { request: types.request, response: types.response },
    crossCutting: api.crossCutting,
    gaps: [...api.gaps, ...db.gaps, ...types.gaps],
  };
}
