import type { Endpoint } from '../docs/model.ts';
import type { DbFacts } from './db-facts.ts';
import type { DossierInput } from './input.ts';
import type { CrossCuttingFact, FieldFact, Gap, SourceRef, StatusFact } from './model.ts';
import type { TypeFacts } from './type-facts.ts';

/** What the API plan says about the endpoint: its fields, status codes and the rules that cover it. */
export type ApiFacts = {
  readonly fields: {
    readonly path: readonly FieldFact[];
    readonly query: readonly FieldFact[];
    readonly body: readonly FieldFact[];
  };
  readonly statusCodes: readonly StatusFact[];
  readonly crossCutting: readonly CrossCuttingFact[];
  readonly gaps: readonly Gap[];
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

/** Reads the API plan's facts about one endpoint; db and type facts are given for rules that name them. */
export function collectApiFacts(
  input: DossierInput,
  _related: { readonly db: DbFacts; readonly types: TypeFacts },
): ApiFacts {
  const { spec, endpoint } = input;
  const here: SourceRef = { file: spec.sources.apiPlan, line: endpoint.lines.start };
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
  return {
    fields: {
      path: endpoint.params.filter((p) => p.in === 'path').map(param),
      query: endpoint.params.filter((p) => p.in === 'query').map(param),
      body,
    },
    statusCodes,
    crossCutting: [],
    gaps: [],
  };
}
