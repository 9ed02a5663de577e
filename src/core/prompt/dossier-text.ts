import type { Dossier, TypeFact } from '../dossier/model.ts';

// The model is told the dossier's facts, not where each was read: sources cost tokens on every request and the
// model cites the docs by name anyway. `show` prints them.

/** The endpoint's own text as the API plan writes it. */
export function dossierDefinition(d: Dossier): string {
  return d.definition.text.trim();
}

/** The error codes the plan must cover, ascending: the endpoint's own and those the docs' rules give it. */
export function dossierErrorCodes(d: Dossier): readonly number[] {
  return [...new Set(d.statusCodes.map((s) => s.code).filter((code) => code >= 400))].sort((a, b) => a - b);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The tables the endpoint touches with every column and constraint, then the constraints it can hit, as markdown. */
export function dossierTables(d: Dossier): string {
  const blocks = d.tables.map((t) =>
    [
      `### Table \`${t.name}\` (${t.access}${t.why === '' ? '' : `: ${t.why}`})`,
      '',
      '| Column | Type | Constraints |',
      '| --- | --- | --- |',
      ...t.columns.map((c) => `| ${cell(c.name)} | ${cell(c.type)} | ${cell(c.constraints.join(', '))} |`),
    ].join('\n'),
  );
  // A CHECK or foreign key written in its column's constraints is already in the table above: said once.
  const columnText = (table: string, column: string | undefined): string =>
    d.tables
      .find((t) => t.name === table)
      ?.columns.find((c) => c.name === column)
      ?.constraints.join(' ')
      .toLowerCase() ?? '';
  const checks = d.checks.filter(
    (c) =>
      !columnText(c.table, c.column).includes(
        c.expression
          .toLowerCase()
          .replace(/^check\s*/, '')
          .trim(),
      ),
  );
  const foreignKeys = d.foreignKeys.filter(
    (f) => !columnText(f.table, f.column).includes(`references ${f.references.table.toLowerCase()}`),
  );
  const constraints = [
    ...d.unique.map(
      (u) =>
        `- UNIQUE ${u.table} (${u.columns.join(', ')})${u.where === undefined ? '' : ` WHERE ${u.where}`}`,
    ),
    ...checks.map(
      (c) => `- CHECK ${c.table}${c.column === undefined ? '' : `.${c.column}`}: ${c.expression}`,
    ),
    ...foreignKeys.map(
      (f) =>
        `- FOREIGN KEY ${f.table}.${f.column} → ${f.references.table}${f.references.column === undefined ? '' : `.${f.references.column}`}${f.onDelete === undefined ? '' : ` ON DELETE ${f.onDelete}`}`,
    ),
    ...d.triggers.map(
      (t) => `- TRIGGER ${t.table}${t.name === undefined ? '' : ` ${t.name}`}: ${oneLine(t.text)}`,
    ),
    ...d.policies.map(
      (p) =>
        `- POLICY ${p.table}${p.operation === undefined ? '' : ` ${p.operation}`}${p.name === undefined ? '' : ` "${p.name}"`}: ${oneLine(p.text)}`,
    ),
    ...d.indexes.map((i) => `- INDEX ${i.table}: ${oneLine(i.text)}`),
    ...d.enums.map((e) => `- ENUM ${e.name}: ${e.values.join(', ')}`),
  ];
  if (d.writes.length > 0) constraints.unshift(`- Written by this endpoint: ${d.writes.join(', ')}`);
  if (constraints.length > 0) blocks.push(['### Constraints', '', ...constraints].join('\n'));
  return blocks.join('\n\n');
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/** The types the endpoint takes and returns, as one TypeScript block in the order the types file declares them. */
export function dossierTypes(d: Dossier): string {
  const seen = new Set<string>();
  const decls: TypeFact[] = [];
  for (const t of [...d.types.request, ...d.types.response]) {
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    decls.push(t);
  }
  if (decls.length === 0) return '';
  decls.sort((a, b) => a.source.line - b.source.line);
  const role = (t: TypeFact): string =>
    d.types.request.some((r) => r.name === t.name)
      ? d.types.response.some((r) => r.name === t.name)
        ? 'request and response'
        : 'request'
      : 'response';
  return `\`\`\`ts\n${decls.map((t) => `// ${role(t)}\n${t.declaration.trim()}`).join('\n\n')}\n\`\`\``;
}

/** The whole dossier for the model: definition, fields, status codes, tables with constraints, types, rules, gaps. */
export function dossierText(d: Dossier): string {
  const out: string[] = [
    `## Definition (${d.definition.file}:${d.definition.line})`,
    '',
    dossierDefinition(d),
  ];
  const fields = (['path', 'query', 'body'] as const).flatMap((where) =>
    d.fields[where].map(
      (f) =>
        `- ${where} \`${f.name}\`${f.type === undefined ? '' : `: ${f.type}`}${f.required === undefined ? '' : f.required ? ' (required)' : ' (optional)'}${f.description === undefined || f.description === '' ? '' : ` – ${oneLine(f.description)}`}`,
    ),
  );
  if (fields.length > 0) out.push('', '## Fields', '', ...fields);
  if (d.statusCodes.length > 0) {
    out.push(
      '',
      '## Status codes',
      '',
      ...d.statusCodes.map(
        (s) => `- ${s.code}${s.meaning === '' ? '' : ` ${oneLine(s.meaning)}`} (${s.origin})`,
      ),
    );
  }
  const tables = dossierTables(d);
  if (tables !== '') out.push('', '## Tables', '', tables);
  const types = dossierTypes(d);
  if (types !== '') out.push('', '## Types', '', types);
  if (d.crossCutting.length > 0) {
    out.push(
      '',
      '## Rules of the docs that cover it',
      '',
      ...d.crossCutting.map((c) => `- [${c.topic}] ${oneLine(c.text)}`),
    );
  }
  if (d.code.implemented !== undefined || d.code.reuse.length > 0) {
    out.push('', '## Code already in the project (reuse it)', '');
    if (d.code.implemented !== undefined) {
      const { file, stub } = d.code.implemented;
      out.push(
        `- ${stub ? 'a stub handler (it only throws or answers 501)' : 'the handler already exists'}: ${file}`,
      );
    }
    for (const asset of d.code.reuse) out.push(`- ${asset.kind} ${asset.file}: ${asset.exports.join(', ')}`);
  }
  if (d.gaps.length > 0)
    out.push('', '## Not in the docs', '', ...d.gaps.map((g) => `- ${g.what}: ${g.why}`));
  return out.join('\n');
}
