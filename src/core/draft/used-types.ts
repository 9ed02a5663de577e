import type { TypeFact } from '../dossier/model.ts';
import type { CodeNames } from './code-names.ts';
import type { DraftFacts, DraftInput } from './facts.ts';
import { hasBody } from './fields.ts';
import { at, code, fence } from './markdown.ts';
import { schemaBlocks } from './request.ts';
import type { DraftText } from './text.ts';

function declared(type: TypeFact, role: string): string[] {
  return [`- ${role}: ${code(type.name)} (${code(at(type.source))})`, '', fence(type.declaration, 'ts'), ''];
}

/** Section 3: the request and response types the types file declares, quoted; what is missing, said plainly. */
export function usedTypesSection(
  input: DraftInput,
  facts: DraftFacts,
  names: CodeNames,
  t: DraftText,
): string[] {
  const { dossier, layout } = input;
  const lines: string[] = [];
  for (const type of dossier.types.request) lines.push(...declared(type, t.requestType));
  for (const type of dossier.types.response) lines.push(...declared(type, t.responseType));
  const typesFile = layout.types === undefined ? undefined : code(layout.types.path);
  const typeGap = dossier.gaps.find((gap) => /\btypes?\b|typ/i.test(gap.what));
  if (dossier.types.request.length === 0 && hasBody(dossier.method)) {
    lines.push(
      `- ${t.requestType}: ${typeGap === undefined ? t.noRequestType : `${t.noRequestType} (${t.phrase(typeGap.why)})`}`,
    );
    lines.push(`  - ${t.recommended}: ${t.declareRequestType(typesFile)}`);
  }
  if (dossier.types.response.length === 0 && facts.success.code !== 204) {
    lines.push(
      `- ${t.responseType}: ${typeGap === undefined ? t.noResponseType : `${t.noResponseType} (${t.phrase(typeGap.why)})`}`,
    );
    lines.push(`  - ${t.recommended}: ${t.declareResponseType(typesFile)}`);
  }
  const introduced = schemaBlocks(facts, names, t).flatMap((block) => block.names);
  const marked = (name: string): string => `${code(name)} ${t.newMarker}`;
  lines.push(`- ${t.newInPlan}:`);
  if (introduced.length > 0 && facts.validator !== undefined) {
    lines.push(`  - ${t.schemasOf(facts.validator.library)}: ${introduced.map(marked).join(', ')}`);
  }
  lines.push(`  - ${t.serviceFunction}: ${marked(names.service)}`);
  return lines;
}
