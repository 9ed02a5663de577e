import type { Endpoint, PickedRule, Related, Spec, Table } from '../docs/model.ts';
import type { ChatMessage } from '../ports.ts';
import { PART_ORDER, type PromptValues, renderTemplate, type Template } from './template.ts';

/** Everything one endpoint's request is built from. */
export type BuildMessagesInput = {
  readonly template: Template;
  readonly spec: Spec;
  readonly endpoint: Endpoint;
  readonly related: Related;
  /** A language code (`pl`, `en`) or name (`Polish`). */
  readonly language: string;
  readonly instructions: string | undefined;
  readonly problems: readonly string[];
  /** Where the plan will be saved, relative to the project root. */
  readonly planFile: string;
};

const ROLE_OF_PART = { system: 'system', shared: 'user', endpoint: 'user' } as const satisfies Record<
  (typeof PART_ORDER)[number],
  ChatMessage['role']
>;

/**
 * The chat messages for one endpoint: the system part, then the shared part (identical for every endpoint
 * of a run, so providers serve it from their prefix cache), then the endpoint part last.
 */
export function buildMessages(input: BuildMessagesInput): readonly ChatMessage[] {
  const rendered = renderTemplate(input.template, promptValues(input));
  const messages: ChatMessage[] = [];
  for (const part of PART_ORDER) {
    const content = rendered[part];
    if (content !== '') messages.push({ role: ROLE_OF_PART[part], content });
  }
  return messages;
}

/** The value of every placeholder for one endpoint; missing documents become empty strings. */
export function promptValues(input: BuildMessagesInput): PromptValues {
  const { spec, endpoint, related } = input;
  return {
    api_plan: spec.apiText.trim(),
    db_plan: (spec.dbText ?? '').trim(),
    types_file: (spec.typesText ?? '').trim(),
    tech_stack: (spec.techStack ?? '').trim(),
    rules: renderRules(spec.rules),
    language: languageName(input.language),
    endpoint: endpoint.markdown.trim(),
    endpoint_method: endpoint.method,
    endpoint_path: endpoint.path,
    endpoint_title: endpoint.title.trim(),
    endpoint_error_codes: endpoint.errorCodes.join(', '),
    db_resources: renderDbResources(related),
    types: renderTypes(related),
    instructions: (input.instructions ?? '').trim(),
    problems: input.problems.map((problem) => `- ${problem}`).join('\n'),
    plan_file: input.planFile,
  };
}

/** The English name of a language code (`pl` → `Polish`); a name or an unknown code is kept as given. */
export function languageName(language: string): string {
  const trimmed = language.trim();
  if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(trimmed)) return trimmed;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(
      trimmed.replace('_', '-'),
    );
    return name ?? trimmed;
  } catch {
    // Intl rejects codes that only look well-formed (`xyz-1`): the user's text is still the best name.
    return trimmed;
  }
}

/** The picked rules, each under its file name. */
export function renderRules(rules: readonly PickedRule[]): string {
  return rules.map(({ rule }) => `### ${rule.path}\n\n${rule.body.trim()}`).join('\n\n');
}

/** The related types as one TypeScript block, in the order the types file declares them. */
export function renderTypes(related: Related): string {
  if (related.types.length === 0) return '';
  const decls = [...related.types].sort((a, b) => a.line - b.line);
  return `\`\`\`ts\n${decls.map((decl) => decl.text.trim()).join('\n\n')}\n\`\`\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function renderTable(table: Table): string {
  const rows = table.columns.map(
    (column) => `| ${cell(column.name)} | ${cell(column.type)} | ${cell(column.constraints.join(', '))} |`,
  );
  const keys = table.foreignKeys.map((key) => {
    const target = `${key.references.table}${key.references.column === undefined ? '' : `(${key.references.column})`}`;
    return `- \`${key.column}\` → \`${target}\`${key.onDelete === undefined ? '' : ` ON DELETE ${key.onDelete}`}`;
  });
  return [
    `### Table \`${table.name}\``,
    '',
    '| Column | Type | Constraints |',
    '| --- | --- | --- |',
    ...rows,
    ...(keys.length > 0 ? ['', 'Foreign keys:', ...keys] : []),
  ].join('\n');
}

/** The related tables, indexes, RLS policies and enums as markdown; empty when there are none. */
export function renderDbResources(related: Related): string {
  const blocks = related.tables.map(renderTable);
  if (related.indexes.length > 0) {
    blocks.push(
      `### Indexes\n\n\`\`\`sql\n${related.indexes.map((index) => index.text.trim()).join('\n')}\n\`\`\``,
    );
  }
  if (related.policies.length > 0) {
    const policies = related.policies.map((policy) => policy.text.trim()).join('\n\n');
    blocks.push(`### Row-level security policies\n\n\`\`\`sql\n${policies}\n\`\`\``);
  }
  if (related.enums.size > 0) {
    const enums = [...related.enums].map(([name, values]) => `- \`${name}\`: ${values.join(', ')}`);
    blocks.push(`### Enums\n\n${enums.join('\n')}`);
  }
  return blocks.join('\n\n');
}
