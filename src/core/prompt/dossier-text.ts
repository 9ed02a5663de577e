import type {
  CrossCuttingFact,
  Dossier,
  SourceRef,
  TableFact,
  TriggerFact,
  TypeFact,
} from '../dossier/model.ts';

// The model is told the dossier's facts, not where each was read: sources cost tokens on every request and the
// model cites the docs by name anyway. `show` prints them. The exception is text the shared part already carries
// whole: the dossier names it and points at its `file:line` instead of repeating it, so the part that differs per
// endpoint stays small and the cached prefix is most of each request.

/** The files whose whole text the prompt's shared part carries, so the endpoint's dossier can point at them. */
export type DocsAbove = ReadonlySet<string>;

/** No document above: the dossier repeats every table, type and rule it gives. */
export const NO_DOCS_ABOVE: DocsAbove = new Set();

// A long rule pointed at keeps its first words: enough to find it in the document above. A short one is cheaper
// whole than cut and located.
const QUOTE_WORDS = 10;
const LONG_QUOTE_WORDS = 15;

/** A fact's place in the docs, `file:line`, as the dossier points at text above. */
export function at(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

function spanOf(type: TypeFact): string {
  const lines = type.declaration.trim().split('\n').length;
  return lines > 1 ? `${at(type.source)}-${type.source.line + lines - 1}` : at(type.source);
}

/**
 * A quote of the docs: whole, or when its document is above and it is long, its first words and where it is (the
 * words find it there; the line says which document).
 */
export function quoteOrPointer(text: string, source: SourceRef, above: DocsAbove): string {
  const quote = oneLine(text);
  const words = quote.split(' ');
  if (!above.has(source.file) || words.length < LONG_QUOTE_WORDS) return quote;
  let kept = QUOTE_WORDS;
  // Never end inside a code span: an open backtick would swallow the rest of the line.
  while (kept < words.length && (words.slice(0, kept).join(' ').split('`').length - 1) % 2 === 1) kept++;
  if (kept >= words.length - 1) return quote;
  return `${words.slice(0, kept).join(' ')} … (${at(source)})`;
}

/** The endpoint's own text as the API plan writes it. */
export function dossierDefinition(d: Dossier): string {
  return d.definition.text.trim();
}

/**
 * Where the endpoint's definition is in the API plan above: its heading (or first words) and lines. The model
 * reads it there; repeated, it would be the largest part of what differs per request.
 */
export function definitionPointer(d: Dossier): string {
  const lines = d.definition.text.trimEnd().split('\n');
  const first = lines[0]?.trim() ?? '';
  const span = `${d.definition.file}:${d.definition.line}-${d.definition.line + lines.length - 1}`;
  if (/^#{1,6}\s/.test(first))
    return `the section "${first.replace(/^#+\s*/, '')}" of the API plan above (${span})`;
  const words = oneLine(first).split(' ').slice(0, QUOTE_WORDS).join(' ');
  return `in the API plan above, from "${words}" (${span})`;
}

/** The error codes the plan must cover, ascending: the endpoint's own and those the docs' rules give it. */
export function dossierErrorCodes(d: Dossier): readonly number[] {
  return [...new Set(d.statusCodes.map((s) => s.code).filter((code) => code >= 400))].sort((a, b) => a - b);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function tableHeading(t: TableFact): string {
  return `Table \`${t.name}\` (${t.access}${t.why === '' ? '' : `: ${t.why}`})`;
}

/** A table's column names and the line of the database plan above that declares it, with its types and constraints. */
function tableReference(t: TableFact): string {
  const columns = t.columns.length === 0 ? '' : `: columns ${t.columns.map((c) => c.name).join(', ')}`;
  return `- ${tableHeading(t)}${columns} (${at(t.source)})`;
}

function tableWhole(t: TableFact): string {
  return [
    `### ${tableHeading(t)}`,
    '',
    '| Column | Type | Constraints |',
    '| --- | --- | --- |',
    ...t.columns.map((c) => `| ${cell(c.name)} | ${cell(c.type)} | ${cell(c.constraints.join(', '))} |`),
  ].join('\n');
}

/**
 * The indexes of the touched tables: each as written, or when the database plan is above, one line per table
 * with each index's columns, leaving out a unique index the UNIQUE lines already give.
 */
function indexLines(d: Dossier, above: DocsAbove): string[] {
  const lines: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const i of d.indexes) {
    if (!above.has(i.source.file) || i.columns.length === 0) {
      lines.push(`- INDEX ${i.table}: ${oneLine(i.text)}`);
      continue;
    }
    const columns = i.columns.join(', ');
    if (i.unique && d.unique.some((u) => u.table === i.table && u.columns.join(', ') === columns)) continue;
    const where = i.where === undefined ? '' : ` WHERE ${i.where}`;
    const list = grouped.get(i.table) ?? [];
    list.push(`${i.unique ? 'UNIQUE ' : ''}${i.name === undefined ? '' : `${i.name} `}(${columns})${where}`);
    grouped.set(i.table, list);
  }
  for (const [table, indexes] of grouped) lines.push(`- INDEX ${table}: ${indexes.join('; ')}`);
  return lines;
}

/**
 * The row-level-security policies of the touched tables: each as written, or when the database plan is above, one
 * line per table naming each policy's operation, name and line.
 */
function policyLines(d: Dossier, above: DocsAbove): string[] {
  const lines: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const p of d.policies) {
    const what = `${p.operation ?? ''}${p.name === undefined ? '' : ` "${p.name}"`}`.trim();
    if (!above.has(p.source.file)) {
      lines.push(`- POLICY ${p.table}${what === '' ? '' : ` ${what}`}: ${oneLine(p.text)}`);
      continue;
    }
    const list = grouped.get(p.table) ?? [];
    list.push(`${what === '' ? 'policy' : what} (${at(p.source)})`);
    grouped.set(p.table, list);
  }
  for (const [table, policies] of grouped) lines.push(`- POLICY ${table}: ${policies.join('; ')}`);
  return lines;
}

function triggerLine(t: TriggerFact, above: DocsAbove): string {
  if (t.name === undefined || !above.has(t.source.file)) {
    return `- TRIGGER ${t.table}${t.name === undefined ? '' : ` ${t.name}`}: ${oneLine(t.text)}`;
  }
  return `- TRIGGER ${t.table} ${t.name} (${at(t.source)})`;
}

/**
 * The tables the endpoint touches, then the constraints it can hit, as markdown. Each table comes with its
 * columns' types and constraints, unless the database plan is above: then its column names and where it is
 * declared, and its policies, indexes and triggers by name and line.
 */
export function dossierTables(d: Dossier, above: DocsAbove = NO_DOCS_ABOVE): string {
  const blocks: string[] = [];
  const pointed = d.tables.filter((t) => above.has(t.source.file));
  if (pointed.length > 0) blocks.push(pointed.map(tableReference).join('\n'));
  for (const t of d.tables) if (!above.has(t.source.file)) blocks.push(tableWhole(t));
  // A CHECK or foreign key written in its column's constraints is already in the table's text: said once.
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
    ...d.triggers.map((t) => triggerLine(t, above)),
    ...policyLines(d, above),
    ...indexLines(d, above),
    ...d.enums.map((e) => `- ENUM ${e.name}: ${e.values.join(', ')}`),
  ];
  if (d.writes.length > 0) constraints.unshift(`- Written by this endpoint: ${d.writes.join(', ')}`);
  if (constraints.length > 0) blocks.push(['### Constraints', '', ...constraints].join('\n'));
  return blocks.join('\n\n');
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * The types the endpoint takes and returns, in the order the types file declares them: one TypeScript block, or
 * when the types file is above, each type's name, role and where it is declared.
 */
export function dossierTypes(d: Dossier, above: DocsAbove = NO_DOCS_ABOVE): string {
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
  const pointed = decls.filter((t) => above.has(t.source.file));
  const whole = decls.filter((t) => !above.has(t.source.file));
  const blocks = pointed.map((t) => `- \`${t.name}\` (${role(t)}): in the types file above (${spanOf(t)})`);
  if (whole.length > 0) {
    blocks.push(
      `\`\`\`ts\n${whole.map((t) => `// ${role(t)}\n${t.declaration.trim()}`).join('\n\n')}\n\`\`\``,
    );
  }
  return blocks.join('\n');
}

/**
 * The whole dossier for the model: definition, fields, status codes, tables with constraints, types, rules, gaps.
 * The definition, tables, types and rules of the documents the shared part carries whole (`above`) are named and
 * pointed at rather than repeated.
 */
export function dossierText(d: Dossier, above: DocsAbove = NO_DOCS_ABOVE): string {
  const out: string[] = above.has(d.definition.file)
    ? [`## Definition: ${definitionPointer(d)}`]
    : [`## Definition (${d.definition.file}:${d.definition.line})`, '', dossierDefinition(d)];
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
  const tables = dossierTables(d, above);
  if (tables !== '') out.push('', '## Tables', '', tables);
  const types = dossierTypes(d, above);
  if (types !== '') out.push('', '## Types', '', types);
  if (d.crossCutting.length > 0) {
    out.push('', '## Rules of the docs that cover it', '', ...d.crossCutting.map((c) => ruleLine(c, above)));
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

function ruleLine(c: CrossCuttingFact, above: DocsAbove): string {
  return `- [${c.topic}] ${quoteOrPointer(c.text, c.source, above)}`;
}
