import type { DraftFacts, DraftInput } from './facts.ts';
import { at, code, oneLine } from './markdown.ts';
import type { DraftText } from './text.ts';

/** Section 1: what the endpoint does, where it is defined, what it touches, and what the docs leave open. */
export function overviewSection(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { dossier, stack } = input;
  const { definition } = dossier;
  const description = oneLine(input.description);
  const lines = [
    `${code(`${dossier.method} ${dossier.path}${dossier.query === undefined ? '' : `?${dossier.query}`}`)}: ${description === '' ? t.noDescription : description}`,
    '',
    `- ${t.definedAt}: ${code(`${definition.file}:${definition.line}${definition.endLine > definition.line ? `-${definition.endLine}` : ''}`)}${definition.section.length > 0 ? ` (${definition.section.join(' › ')})` : ''}`,
  ];
  if (dossier.tables.length === 0) lines.push(`- ${t.tables}: ${t.noTables}`);
  for (const table of facts.writes)
    lines.push(`- ${t.writesTable(code(table.name))}: ${t.phrase(table.why)} (${code(at(table.source))})`);
  for (const table of facts.reads)
    lines.push(`- ${t.readsTable(code(table.name))}: ${t.phrase(table.why)} (${code(at(table.source))})`);
  const extraWrites = dossier.writes.filter((name) => !dossier.tables.some((table) => table.name === name));
  if (extraWrites.length > 0) lines.push(`- ${t.alsoWrites}: ${extraWrites.map(code).join(', ')}`);
  for (const type of dossier.types.request)
    lines.push(`- ${t.requestType}: ${code(type.name)} (${code(at(type.source))})`);
  for (const type of dossier.types.response)
    lines.push(`- ${t.responseType}: ${code(type.name)} (${code(at(type.source))})`);
  const implemented = dossier.code.implemented;
  if (implemented !== undefined) {
    lines.push(`- ${t.implementedAt(code(`${implemented.file}:${implemented.line}`), implemented.stub)}`);
  }
  lines.push(
    `- ${t.stack}: ${stack.framework === 'unknown' ? t.unknownStack : [stack.label, ...stack.evidence.filter((word) => word !== stack.label)].join(', ')}`,
  );
  if (dossier.gaps.length > 0) {
    lines.push(`- ${t.docsSilent}:`);
    for (const gap of dossier.gaps) lines.push(`  - ${t.phrase(gap.what)}: ${t.phrase(gap.why)}`);
  }
  return lines;
}
