import type { DraftFacts, DraftInput } from './facts.ts';
import { at, code, oneLine } from './markdown.ts';
import type { DraftText } from './text.ts';

/** Section 8: the indexes, pagination rules and triggers the docs give for this endpoint's tables; advice labelled. */
export function performanceSection(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { dossier } = input;
  const lines: string[] = [];
  // The indexes that bear on this operation: those of the tables it writes, its resource, and the rows its path names.
  const touched = new Set([
    ...facts.writes.map((table) => table.name),
    ...(facts.resource === undefined ? [] : [facts.resource.name]),
    ...facts.fields.flatMap((rule) => (rule.lookup === undefined ? [] : [rule.lookup.table])),
  ]);
  const indexes = dossier.indexes.filter((index) => touched.has(index.table));
  if (indexes.length === 0)
    lines.push(`- ${t.indexes}: ${dossier.tables.length === 0 ? t.noTables : t.noIndexes}`);
  else {
    lines.push(`- ${t.indexes}:`);
    for (const index of indexes) {
      const name = index.name === undefined ? '' : `${code(index.name)} `;
      const shape = `${index.table}(${index.columns.join(', ')})${index.where === undefined ? '' : ` WHERE ${index.where}`}`;
      lines.push(
        `  - ${name}${index.unique ? 'UNIQUE ' : ''}${t.on} ${code(shape)} (${code(at(index.source))})`,
      );
    }
  }
  for (const rule of facts.rules('pagination'))
    lines.push(`- ${t.pagination}: ${oneLine(rule.text)} (${code(at(rule.source))})`);
  const triggers = dossier.triggers.filter(
    (trigger) => trigger.name !== undefined && facts.writes.some((table) => table.name === trigger.table),
  );
  for (const trigger of triggers)
    lines.push(
      `- ${t.triggerCost(code(trigger.name ?? trigger.table), code(trigger.table))} (${code(at(trigger.source))})`,
    );
  const list =
    dossier.method === 'GET' &&
    !dossier.fields.path.some((field) => /id$/i.test(field.name)) &&
    dossier.fields.path.length === 0;
  lines.push(`- ${t.recommended}: ${t.performanceAdvice(list && facts.rules('pagination').length === 0)}`);
  return lines;
}
