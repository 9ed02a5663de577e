import { indexHandlers, relatedAssets } from '../code/match.ts';
import { detectLanguage } from '../docs/language.ts';
import { collectApiFacts } from './api-facts.ts';
import { collectDbFacts } from './db-facts.ts';
import type { DossierInput } from './input.ts';
import type { CodeFacts, Dossier } from './model.ts';
import { collectTypeFacts } from './type-facts.ts';

export type { DossierInput } from './input.ts';

function codeFacts(input: DossierInput): CodeFacts {
  const { code, endpoint } = input;
  if (code === undefined) return { implemented: undefined, reuse: [] };
  return {
    implemented: indexHandlers(code).find(endpoint.method, endpoint.path),
    reuse: relatedAssets(code.assets, endpoint.path),
  };
}

/** Builds the dossier of one endpoint. Pure: everything comes in through `input`. */
export function buildDossier(input: DossierInput): Dossier {
  const { spec, endpoint } = input;
  const db = collectDbFacts(input);
  const types = collectTypeFacts(input);
  const api = collectApiFacts(input, { db, types });
  return {
    id: endpoint.id,
    method: endpoint.method,
    path: endpoint.path,
    query: endpoint.query,
    title: endpoint.title,
    language: detectLanguage(spec.apiText).code,
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
    code: codeFacts(input),
    gaps: [...api.gaps, ...db.gaps, ...types.gaps],
  };
}
