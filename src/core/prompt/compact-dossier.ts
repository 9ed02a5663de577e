import type { Dossier } from '../dossier/model.ts';
import { at, type DocsAbove, definitionPointer, NO_DOCS_ABOVE, quoteOrPointer } from './dossier-text.ts';

function oneLine(text: string, max = 240): string {
  const line = text.trim().replace(/\s*\n\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The dossier in as few tokens as its facts allow, for small context windows: the definition and the type
 * declarations whole (they are the endpoint's own facts), everything else one line per fact, no tables or fences.
 * The definition, columns and declarations the shared part still carries (`above`) are pointed at, not repeated.
 */
export function compactDossierText(d: Dossier, above: DocsAbove = NO_DOCS_ABOVE): string {
  const out: string[] = [
    above.has(d.definition.file)
      ? `Definition: ${definitionPointer(d)}`
      : `Definition:\n${d.definition.text.trim()}`,
  ];
  const fields = (['path', 'query', 'body'] as const).flatMap((where) =>
    d.fields[where].map(
      (f) =>
        `${where}.${f.name}${f.type === undefined ? '' : `:${f.type}`}${f.required === true ? '!' : f.required === false ? '?' : ''}`,
    ),
  );
  if (fields.length > 0) out.push(`Fields (! required, ? optional): ${fields.join(', ')}`);
  if (d.statusCodes.length > 0) {
    out.push(
      `Status codes: ${d.statusCodes.map((s) => `${s.code}${s.meaning === '' ? '' : ` ${oneLine(s.meaning, 60)}`}`).join('; ')}`,
    );
  }
  for (const t of d.tables) {
    if (above.has(t.source.file)) {
      out.push(
        `Table ${t.name} (${t.access}): ${t.columns.map((c) => c.name).join(', ')} (db plan above, ${at(t.source)})`,
      );
      continue;
    }
    const columns = t.columns.map(
      (c) => `${c.name} ${c.type}${c.constraints.length > 0 ? ` ${c.constraints.join(' ')}` : ''}`,
    );
    out.push(`Table ${t.name} (${t.access}): ${columns.join('; ')}`);
  }
  if (d.writes.length > 0) out.push(`Writes: ${d.writes.join(', ')}`);
  for (const u of d.unique)
    out.push(`UNIQUE ${u.table}(${u.columns.join(', ')})${u.where === undefined ? '' : ` WHERE ${u.where}`}`);
  for (const c of d.checks)
    out.push(`CHECK ${c.table}${c.column === undefined ? '' : `.${c.column}`}: ${oneLine(c.expression)}`);
  for (const f of d.foreignKeys) {
    out.push(
      `FK ${f.table}.${f.column} -> ${f.references.table}${f.references.column === undefined ? '' : `.${f.references.column}`}${f.onDelete === undefined ? '' : ` ON DELETE ${f.onDelete}`}`,
    );
  }
  for (const t of d.triggers) {
    out.push(
      t.name !== undefined && above.has(t.source.file)
        ? `TRIGGER ${t.table} ${t.name} (${at(t.source)})`
        : `TRIGGER ${t.table}: ${oneLine(t.text)}`,
    );
  }
  for (const p of d.policies) {
    out.push(
      above.has(p.source.file)
        ? `POLICY ${p.table} ${p.operation ?? ''}${p.name === undefined ? '' : ` "${p.name}"`} (${at(p.source)})`
        : `POLICY ${p.table} ${p.operation ?? ''}: ${oneLine(p.text)}`,
    );
  }
  for (const e of d.enums) out.push(`ENUM ${e.name}: ${e.values.join(', ')}`);
  const types = [...d.types.request, ...d.types.response].filter(
    (t, i, all) => all.findIndex((o) => o.name === t.name) === i,
  );
  const pointed = types.filter((t) => above.has(t.source.file));
  const whole = types.filter((t) => !above.has(t.source.file));
  if (pointed.length > 0) {
    out.push(`Types (types file above): ${pointed.map((t) => `${t.name} (${at(t.source)})`).join(', ')}`);
  }
  if (whole.length > 0) out.push(`Types:\n${whole.map((t) => t.declaration.trim()).join('\n')}`);
  for (const c of d.crossCutting) {
    const text = above.has(c.source.file) ? quoteOrPointer(c.text, c.source, above) : oneLine(c.text);
    out.push(`Rule (${c.topic}): ${text}`);
  }
  if (d.code.implemented !== undefined) {
    out.push(`Handler already at ${d.code.implemented.file}${d.code.implemented.stub ? ' (a stub)' : ''}`);
  }
  for (const a of d.code.reuse) out.push(`Reuse ${a.kind} ${a.file}: ${a.exports.join(', ')}`);
  for (const g of d.gaps) out.push(`Not in the docs: ${g.what} (${g.why})`);
  return out.join('\n');
}
