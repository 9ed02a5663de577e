import type { DraftFacts, DraftInput, StatusChoice } from './facts.ts';
import { at, checkCondition, code, oneLine, statusLine } from './markdown.ts';
import type { DraftText } from './text.ts';

const choice = (status: StatusChoice, t: DraftText): string =>
  status.fact === undefined
    ? `${status.code} (${t.recommended})`
    : `${status.code} (${code(at(status.fact.source))})`;

/** Section 7: every error status with its case, and the constraint → status map the service applies. */
export function errorsSection(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { dossier } = input;
  const rows = new Map<number, string>();
  for (const status of facts.errors) {
    const when = oneLine(status.meaning) === '' ? t.scenario(status.code) : oneLine(status.meaning);
    rows.set(
      status.code,
      `| ${statusLine(status.code)} | ${when.replace(/\|/g, '\\|')} | ${code(at(status.source))} |`,
    );
  }
  for (const status of facts.recommendedErrors) {
    rows.set(
      status,
      `| ${statusLine(status)} | ${t.scenario(status)} | ${t.recommended}: ${t.noCodeInDocs} |`,
    );
  }
  if (!rows.has(500)) rows.set(500, `| ${statusLine(500)} | ${t.scenario(500)} | ${t.seedDefault} |`);
  const lines = [
    `| ${t.status} | ${t.when} | ${t.source} |`,
    '|---|---|---|',
    ...[...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row),
  ];
  const written = new Set(facts.writes.map((table) => table.name));
  const setColumns = new Set(facts.fields.map((rule) => rule.column?.column.name ?? rule.name));
  const constraints: string[] = [];
  for (const unique of dossier.unique) {
    constraints.push(
      `| ${code(`UNIQUE (${unique.columns.join(', ')})${unique.where === undefined ? '' : ` WHERE ${unique.where}`}`)} ${t.on} ${code(unique.table)} | ${code(at(unique.source))} | ${choice(facts.unique, t)} |`,
    );
  }
  for (const key of dossier.foreignKeys.filter((fk) => written.has(fk.table) && setColumns.has(fk.column))) {
    constraints.push(
      `| ${code(`${key.table}.${key.column}`)} → ${code(key.references.table)} | ${code(at(key.source))} | ${choice(facts.foreignKey, t)} |`,
    );
  }
  for (const check of dossier.checks.filter((fact) => written.has(fact.table))) {
    constraints.push(
      `| ${code(`CHECK (${checkCondition(check.expression)})`)} ${t.on} ${code(check.table)} | ${code(at(check.source))} | ${choice(facts.check, t)} |`,
    );
  }
  if (constraints.length > 0) {
    lines.push(
      '',
      t.constraintIntro,
      '',
      `| ${t.constraint} | ${t.source} | ${t.status} |`,
      '|---|---|---|',
      ...constraints,
    );
  }
  const format = facts.rules('error-format');
  if (format.length > 0) {
    lines.push('', `${t.errorFormat}:`);
    for (const rule of format) lines.push(`- ${oneLine(rule.text)} (${code(at(rule.source))})`);
  }
  lines.push('', `${t.recommended}: ${t.errorAdvice}`);
  return lines;
}
