import type { Endpoint, Related, Spec } from '../docs/model.ts';
import { relatedResources } from '../docs/related.ts';
import type { Dossier, FieldFact, Gap, SourceRef, StatusFact, TypeFact } from './model.ts';

/** What a dossier is built from: the parsed docs and one of their endpoints. */
export type DossierInput = {
  readonly spec: Pick<Spec, 'sources' | 'db' | 'types' | 'api' | 'apiText'>;
  readonly endpoint: Endpoint;
};

/** Top-level keys of a JSON object as written (`{ "a": 1, "b": { "c": 2 } }` → a, b). */
function topLevelKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && /^\s*:/.test(body.slice(i + 1, i + 20))) keys.push(body.slice(start, i));
      }
    } else if (ch === '"') {
      inString = true;
      start = i + 1;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return [...new Set(keys)];
}

/** Builds the dossier of one endpoint. Pure: everything comes in through `input`. */
export function buildDossier(input: DossierInput): Dossier {
  const { spec, endpoint } = input;
  const file = spec.sources.apiPlan;
  const at = (line: number): SourceRef => ({ file, line });
  const here = at(endpoint.lines.start);
  const related: Related = relatedResources(endpoint, spec);
  const param = (p: Endpoint['params'][number]): FieldFact => ({
    name: p.name,
    type: p.type,
    required: p.required,
    description: p.description,
    source: here,
  });
  const body: FieldFact[] =
    endpoint.requestBody === undefined
      ? []
      : topLevelKeys(endpoint.requestBody).map((name) => ({
          name,
          type: undefined,
          required: undefined,
          description: undefined,
          source: here,
        }));
  const statusCodes: StatusFact[] = [
    ...(endpoint.successStatus === undefined ? [] : [endpoint.successStatus]),
    ...endpoint.errorCodes,
  ].map((code) => ({ code, meaning: '', origin: 'endpoint', source: here }));
  const typesFile = spec.sources.types ?? '';
  const typeFact = (decl: Related['types'][number]): TypeFact => ({
    name: decl.name,
    declaration: decl.text,
    source: { file: typesFile, line: decl.line },
  });
  const gaps: Gap[] = [];
  if (spec.db === undefined) gaps.push({ what: 'tables', why: 'no db plan was found' });
  if (spec.types === undefined) gaps.push({ what: 'types', why: 'no types file was found' });
  const dbFile = spec.sources.dbPlan ?? '';
  return {
    id: endpoint.id,
    method: endpoint.method,
    path: endpoint.path,
    query: endpoint.query,
    title: endpoint.title,
    language: 'en',
    definition: {
      file,
      line: endpoint.lines.start,
      endLine: endpoint.lines.end,
      text: endpoint.markdown,
      section: endpoint.section,
    },
    fields: {
      path: endpoint.params.filter((p) => p.in === 'path').map(param),
      query: endpoint.params.filter((p) => p.in === 'query').map(param),
      body,
    },
    requestBody: endpoint.requestBody,
    responseBody: endpoint.responseBody,
    statusCodes,
    tables: related.tables.map((table) => ({
      name: table.name,
      access: 'read',
      why: 'named by the endpoint',
      columns: table.columns,
      source: { file: dbFile, line: table.line },
    })),
    writes: [],
    unique: [],
    checks: [],
    foreignKeys: [],
    triggers: [],
    policies: [],
    indexes: [],
    enums: [],
    types: { request: related.types.map(typeFact), response: [] },
    crossCutting: [],
    gaps,
  };
}
