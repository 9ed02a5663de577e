import { relatedResources } from '../docs/related.ts';
import type { DossierInput } from './input.ts';
import type { Gap, TypeFact } from './model.ts';

/** The types file's declarations the endpoint takes and returns. */
export type TypeFacts = {
  readonly request: readonly TypeFact[];
  readonly response: readonly TypeFact[];
  readonly gaps: readonly Gap[];
};

/** Reads the request and response types of one endpoint from the types file. */
export function collectTypeFacts(input: DossierInput): TypeFacts {
  const { spec, endpoint } = input;
  const gaps: Gap[] = [];
  if (spec.types === undefined) gaps.push({ what: 'types', why: 'no types file was found' });
  const file = spec.sources.types ?? '';
  const related = relatedResources(endpoint, spec);
  return {
    request: related.types.map((decl) => ({
      name: decl.name,
      declaration: decl.text,
      source: { file, line: decl.line },
    })),
    response: [],
    gaps,
  };
}
