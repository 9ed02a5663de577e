import { formatSource } from './json.ts';
import type { Dossier } from './model.ts';

/** The dossier as markdown-ish text: what `show` prints and what the model is told. */
export function renderDossier(d: Dossier): string {
  const out: string[] = [];
  const query = d.query === undefined ? '' : `?${d.query}`;
  out.push(`# ${d.method} ${d.path}${query}: ${d.title}`, '');
  out.push(`Defined at ${d.definition.file}:${d.definition.line}-${d.definition.endLine}`, '');
  out.push('## Definition', '', d.definition.text.trimEnd(), '');
  const fieldLines = (['path', 'query', 'body'] as const).flatMap((where) =>
    d.fields[where].map(
      (f) =>
        `- ${where} \`${f.name}\`${f.type === undefined ? '' : `: ${f.type}`}${f.required === undefined ? '' : f.required ? ' (required)' : ' (optional)'} (${formatSource(f.source)})`,
    ),
  );
  if (fieldLines.length > 0) out.push('## Fields', '', ...fieldLines, '');
  if (d.statusCodes.length > 0) {
    out.push(
      '## Status codes',
      '',
      ...d.statusCodes.map(
        (s) =>
          `- ${s.code}${s.meaning === '' ? '' : ` ${s.meaning}`} [${s.origin}] (${formatSource(s.source)})`,
      ),
      '',
    );
  }
  if (d.tables.length > 0) {
    out.push('## Tables', '');
    for (const t of d.tables) {
      out.push(`### ${t.name} (${t.access}: ${t.why}) (${formatSource(t.source)})`, '');
      for (const c of t.columns) {
        out.push(`- ${c.name} ${c.type}${c.constraints.length > 0 ? ` ${c.constraints.join(' ')}` : ''}`);
      }
      out.push('');
    }
  }
  if (d.writes.length > 0) out.push(`Writes: ${d.writes.join(', ')}`, '');
  const constraintLines = [
    ...d.unique.map((u) => `- UNIQUE ${u.table} (${u.columns.join(', ')}) (${formatSource(u.source)})`),
    ...d.checks.map((c) => `- CHECK ${c.table}: ${c.expression} (${formatSource(c.source)})`),
    ...d.foreignKeys.map(
      (f) =>
        `- FK ${f.table}.${f.column} → ${f.references.table}${f.references.column === undefined ? '' : `.${f.references.column}`} (${formatSource(f.source)})`,
    ),
    ...d.triggers.map((t) => `- TRIGGER ${t.table}: ${t.text} (${formatSource(t.source)})`),
    ...d.policies.map(
      (p) => `- POLICY ${p.table} ${p.operation ?? ''}: ${p.text} (${formatSource(p.source)})`,
    ),
    ...d.indexes.map((i) => `- INDEX ${i.table}: ${i.text} (${formatSource(i.source)})`),
  ];
  if (constraintLines.length > 0) out.push('## Constraints', '', ...constraintLines, '');
  for (const [label, list] of [
    ['Request types', d.types.request],
    ['Response types', d.types.response],
  ] as const) {
    if (list.length === 0) continue;
    out.push(`## ${label}`, '');
    for (const t of list) out.push(`\`\`\`ts\n// ${formatSource(t.source)}\n${t.declaration}\n\`\`\``, '');
  }
  if (d.crossCutting.length > 0) {
    out.push(
      '## Rules that cover it',
      '',
      ...d.crossCutting.map((c) => `- [${c.topic}] ${c.text} (${formatSource(c.source)})`),
      '',
    );
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
  if (d.gaps.length > 0) out.push('## Gaps', '', ...d.gaps.map((g) => `- ${g.what}: ${g.why}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}
