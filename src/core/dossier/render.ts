import { type MeasureText, wrapText } from '../text/wrap.ts';
import { formatSource } from './json.ts';
import type { Dossier, FieldFact, StatusOrigin } from './model.ts';

const LANGUAGES: Readonly<Record<string, string>> = { en: 'English', pl: 'Polish' };
const ORIGINS: Readonly<Record<StatusOrigin, string>> = {
  endpoint: 'stated for this endpoint',
  section: 'stated for its whole section',
  requirement: 'implied by a requirement that covers it',
  global: 'a global rule for this kind of failure',
};

/**
 * The dossier as readable markdown, lines whole: what `show` prints and what a model is told. Every fact
 * names its source as `file:line`.
 */
export function renderDossier(d: Dossier): string {
  const out: string[] = [];
  const query = d.query === undefined ? '' : `?${d.query}`;
  const route = `${d.method} ${d.path}${query}`;
  out.push(`# ${route}${d.title === route ? '' : `: ${d.title}`}`, '');
  const language = LANGUAGES[d.language] ?? d.language;
  out.push(`Docs language: ${language} (${d.language}).`);
  const section = d.definition.section.length === 0 ? '' : ` (${d.definition.section.join(' › ')})`;
  out.push(`Defined at ${d.definition.file}:${d.definition.line}-${d.definition.endLine}${section}.`, '');

  out.push('## Definition, as written', '', d.definition.text.trimEnd(), '');

  out.push('## Fields', '');
  for (const [label, list] of [
    ['Path parameters', d.fields.path],
    ['Query parameters', d.fields.query],
    ['Body fields', d.fields.body],
  ] as const) {
    if (list.length === 0) {
      out.push(`${label}: none.`);
      continue;
    }
    out.push(`${label}:`, ...list.map(fieldLine));
  }
  out.push('');

  out.push('## Status codes', '');
  if (d.statusCodes.length === 0) out.push('The docs state none for this endpoint.');
  for (const status of d.statusCodes) {
    const meaning = status.meaning === '' ? '' : ` ${status.meaning}`;
    out.push(`- ${status.code}${meaning} (${ORIGINS[status.origin]}, ${formatSource(status.source)})`);
  }
  out.push('');

  if (d.crossCutting.length > 0) {
    out.push('## Rules of the docs that cover it', '');
    for (const rule of d.crossCutting)
      out.push(`- ${rule.topic} (${formatSource(rule.source)}): ${rule.text}`);
    out.push('');
  }

  if (d.tables.length > 0) {
    out.push('## Tables', '');
    for (const table of d.tables) {
      out.push(`### ${table.name}: ${table.access}, ${table.why} (${formatSource(table.source)})`, '');
      for (const column of table.columns) {
        const constraints = column.constraints.length > 0 ? ` ${column.constraints.join(' ')}` : '';
        out.push(`- ${column.name} ${column.type}${constraints}`);
      }
      out.push('');
    }
  }
  if (d.writes.length > 0) out.push(`Writes: ${d.writes.join(', ')}.`, '');
  const constraints = [
    ...d.unique.map((u) => `- UNIQUE ${u.table} (${u.columns.join(', ')}) (${formatSource(u.source)})`),
    ...d.checks.map((c) => `- CHECK ${c.table}: ${c.expression} (${formatSource(c.source)})`),
    ...d.foreignKeys.map(
      (f) =>
        `- FOREIGN KEY ${f.table}.${f.column} → ${f.references.table}${f.references.column === undefined ? '' : `.${f.references.column}`}${f.onDelete === undefined ? '' : ` ON DELETE ${f.onDelete}`} (${formatSource(f.source)})`,
    ),
    ...d.triggers.map((t) => `- TRIGGER ${t.table}: ${t.text} (${formatSource(t.source)})`),
    ...d.policies.map(
      (p) =>
        `- POLICY ${p.table}${p.operation === undefined ? '' : ` ${p.operation}`}: ${p.text} (${formatSource(p.source)})`,
    ),
    ...d.indexes.map((i) => `- INDEX ${i.table}: ${i.text} (${formatSource(i.source)})`),
    ...d.enums.map((e) => `- ENUM ${e.name}: ${e.values.join(', ')} (${formatSource(e.source)})`),
  ];
  if (constraints.length > 0) out.push('## Constraints of those tables', '', ...constraints, '');
  for (const [label, list] of [
    ['Request types', d.types.request],
    ['Response types', d.types.response],
  ] as const) {
    if (list.length === 0) continue;
    out.push(`## ${label}`, '');
    for (const type of list)
      out.push('```ts', `// ${formatSource(type.source)}`, type.declaration, '```', '');
  }
  const built = d.code.implemented;
  if (built !== undefined || d.code.reuse.length > 0) {
    out.push('## Code in the project', '');
    if (built !== undefined) {
      out.push(
        `- ${built.stub ? 'A stub handler (it only throws or answers 501)' : 'Already implemented'} at ${built.file}:${built.line}`,
      );
    }
    for (const asset of d.code.reuse) out.push(`- ${asset.kind} ${asset.file}: ${asset.exports.join(', ')}`);
    out.push('');
  }
  if (d.gaps.length > 0) out.push('## Gaps', '', ...d.gaps.map((gap) => `- ${gap.what}: ${gap.why}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function fieldLine(field: FieldFact): string {
  const parts = [
    field.type,
    field.required === undefined ? undefined : field.required ? 'required' : 'optional',
  ].filter((part) => part !== undefined);
  const kind = parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  const description = field.description === undefined ? '' : `: ${field.description}`;
  return `- \`${field.name}\`${kind}${description} (${formatSource(field.source)})`;
}

/**
 * Wraps markdown to a width: prose and list items (with a hanging indent) wrap, code blocks and table rows,
 * which lose their meaning when cut, stay whole.
 */
export function wrapMarkdown(text: string, width: number, measure?: MeasureText): string {
  const rows: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      rows.push(line);
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      rows.push(line);
      continue;
    }
    if (/^\s*\|/.test(line) || line.trim().length === 0) {
      rows.push(line);
      continue;
    }
    rows.push(...wrapText(line, width, measure));
  }
  return rows.join('\n');
}
