import type { CodeNames } from './code-names.ts';
import type { DraftFacts, DraftInput } from './facts.ts';
import { type FieldRule, hasBody } from './fields.ts';
import { ruleSource } from './layout.ts';
import { at, checkCondition, code, fence, fenceLanguage, oneLine } from './markdown.ts';
import { isClassBased, type SchemaCode, schemaCode } from './schema.ts';
import type { DraftText } from './text.ts';

function fieldLine(rule: FieldRule, t: DraftText): string {
  const type =
    rule.kind === 'enum'
      ? rule.values.map((value) => code(value)).join(' | ')
      : rule.kind === 'unknown'
        ? t.typeUnstated
        : rule.kind;
  const description = rule.description === undefined ? '' : ` — ${oneLine(rule.description)}`;
  return `${code(rule.name)} (${t.where[rule.where]}, ${type}${rule.nullable ? ', null' : ''})${description}`;
}

function ruleText(rule: FieldRule, t: DraftText): string {
  const parts = [
    ...rule.limits.map((limit) => `${t.limit[limit.kind]} ${limit.value} (${code(at(limit.source))})`),
    ...(rule.values.length > 0 ? [`${t.oneOf} ${rule.values.map(code).join(', ')}`] : []),
    ...rule.dbChecks.map(
      (check) => `${code(`CHECK (${checkCondition(check.expression)})`)} (${code(at(check.source))})`,
    ),
    ...(rule.column === undefined
      ? []
      : [
          `${t.column} ${code(`${rule.column.table}.${rule.column.column.name}`)} ${code(rule.column.column.type)}`,
        ]),
    ...(rule.member === undefined ? [] : [code(rule.member)]),
  ];
  return parts.length === 0 ? '—' : parts.join('; ');
}

/** Section 2: method, URL, parameters, the body as written, and the validation schema built from the facts. */
export function requestSection(
  input: DraftInput,
  facts: DraftFacts,
  names: CodeNames,
  t: DraftText,
): string[] {
  const { dossier, layout } = input;
  const required = facts.fields.filter((rule) => rule.required === true);
  const optional = facts.fields.filter((rule) => rule.required === false);
  const unstated = facts.fields.filter((rule) => rule.required === undefined);
  const lines = [`- ${t.httpMethod}: ${code(dossier.method)}`, `- ${t.urlPattern}: ${code(dossier.path)}`];
  if (dossier.query !== undefined) lines.push(`- ${t.queryAsWritten}: ${code(`?${dossier.query}`)}`);
  lines.push(`- ${t.parameters}:`);
  lines.push(
    `  - ${t.required}:${required.length === 0 ? ` ${t.none}` : ''}`,
    ...required.map((rule) => `    - ${fieldLine(rule, t)}`),
  );
  lines.push(
    `  - ${t.optional}:${optional.length === 0 ? ` ${t.none}` : ''}`,
    ...optional.map((rule) => `    - ${fieldLine(rule, t)}`),
  );
  if (unstated.length > 0)
    lines.push(`  - ${t.requiredUnstated}:`, ...unstated.map((rule) => `    - ${fieldLine(rule, t)}`));
  if (dossier.requestBody !== undefined) {
    const bodySource = dossier.fields.body[0]?.source ?? {
      file: dossier.definition.file,
      line: dossier.definition.line,
    };
    lines.push(
      `- ${t.requestBody} (${code(at(bodySource))}):`,
      '',
      fence(dossier.requestBody, fenceLanguage(dossier.requestBody)),
      '',
    );
  } else if (dossier.fields.body.length > 0) {
    lines.push(
      `- ${t.requestBody}: ${t.bodyFromFields(dossier.fields.body.map((field) => code(field.name)).join(', '))}`,
    );
  } else if (hasBody(dossier.method)) {
    lines.push(
      `- ${t.requestBody}: ${facts.requestType === undefined ? t.bodyUnstated : t.bodyFromType(code(facts.requestType.name))}`,
    );
  } else {
    lines.push(`- ${t.requestBody}: ${t.none}`);
  }
  if (facts.fields.length === 0) return lines;
  lines.push(
    '',
    `| ${t.field} | ${t.in} | ${t.requiredHeader} | ${t.rules} | ${t.source} |`,
    '|---|---|---|---|---|',
  );
  for (const rule of facts.fields) {
    const required = rule.required === undefined ? t.unstated : rule.required ? t.yes : t.no;
    lines.push(
      `| ${code(rule.name)} | ${t.where[rule.where]} | ${required} | ${ruleText(rule, t).replace(/\|/g, '\\|')} | ${code(at(rule.source))} |`,
    );
  }
  const validator = facts.validator;
  if (validator === undefined) {
    lines.push('', t.noValidator);
    return lines;
  }
  lines.push(
    '',
    validator.named
      ? t.schemaNamed(validator.library)
      : `${t.recommended}: ${t.schemaRecommended(validator.library)}`,
    '',
  );
  if (layout.schema !== undefined) {
    const rule = ruleSource(layout.schema);
    const origin =
      layout.schema.source === 'project'
        ? t.inProject
        : rule === undefined
          ? t.recommendedPlace
          : `${t.fromRules} ${code(at(rule))}`;
    lines.push(t.schemaFile(code(layout.schema.path), origin), '');
  }
  const blocks = schemaBlocks(facts, names, t);
  const language = blocks[0]?.language ?? 'ts';
  const merged = blocks
    .map((block, index) =>
      index === 0 ? block.code : block.code.replace(/^(?:import|from|using) [^\n]*\n\n/, ''),
    )
    .join('\n\n');
  lines.push(fence(merged, language));
  return lines;
}

/** The schemas of the endpoint's inputs, one per place (path, query, body) that has fields. */
export function schemaBlocks(facts: DraftFacts, names: CodeNames, t: DraftText): readonly SchemaCode[] {
  const validator = facts.validator;
  if (validator === undefined) return [];
  const groups: readonly [FieldRule['where'], string, string | undefined][] = [
    ['path', names.paramsSchema, undefined],
    ['query', names.querySchema, undefined],
    ['body', names.bodySchema, facts.requestType?.name],
  ];
  return groups.flatMap(([where, name, typeName]) => {
    if (where === 'path' && isClassBased(validator.library)) return [];
    const rules = facts.fields.filter((rule) => rule.where === where);
    return rules.length === 0
      ? []
      : [schemaCode(validator.library, name, rules, typeName, t.requiredUnknown)];
  });
}
