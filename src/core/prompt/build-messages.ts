import type { CodeMap } from '../code/model.ts';
import { draftLanguage } from '../docs/language.ts';
import type { Endpoint, PickedRule, Spec } from '../docs/model.ts';
import { buildDossier } from '../dossier/build.ts';
import type { Dossier } from '../dossier/model.ts';
import { newMarker } from '../plan/ground.ts';
import { PLAN_SECTIONS } from '../plan/validate.ts';
import type { ChatMessage } from '../ports.ts';
import { valuesAtLevel } from './budget.ts';
import { compactDossierText } from './compact-dossier.ts';
import {
  type DocsAbove,
  dossierDefinition,
  dossierErrorCodes,
  dossierTables,
  dossierText,
  dossierTypes,
} from './dossier-text.ts';
import { PART_ORDER, type PromptValues, renderTemplate, type Template } from './template.ts';

/** Everything one endpoint's request is built from. */
export type BuildMessagesInput = {
  readonly template: Template;
  readonly spec: Spec;
  readonly endpoint: Endpoint;
  /** The endpoint's dossier when the caller has it already; built from `spec` (and `code`) otherwise. */
  readonly dossier?: Dossier | undefined;
  /** The project's scanned code, when it was scanned: the dossier then says what to reuse. */
  readonly code?: CodeMap | undefined;
  /** A language code (`pl`, `en`) or name (`Polish`). */
  readonly language: string;
  readonly instructions: string | undefined;
  readonly problems: readonly string[];
  /** What plans already saved decided, for this endpoint (see `carryDecisions`); empty when none. */
  readonly decisions?: string | undefined;
  /** How far a context budget cuts the prompt (see `valuesAtLevel`); 0 or undefined: whole. */
  readonly budgetLevel?: number | undefined;
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

/**
 * The value of every placeholder for one endpoint, with the context budget's cuts applied; missing documents
 * become empty strings. The endpoint's values come from its dossier; the run's (docs, rules, language) are the
 * same for every endpoint, byte for byte. `{{dossier}}` points at the tables and types of the documents the
 * shared part carries whole instead of repeating them; the other endpoint placeholders stay whole.
 */
export function promptValues(input: BuildMessagesInput): PromptValues {
  const { spec, endpoint } = input;
  const dossier = input.dossier ?? buildDossier({ spec, endpoint, code: input.code });
  const level = input.budgetLevel ?? 0;
  const values = valuesAtLevel(
    {
      api_plan: spec.apiText.trim(),
      db_plan: (spec.dbText ?? '').trim(),
      types_file: (spec.typesText ?? '').trim(),
      tech_stack: (spec.techStack ?? '').trim(),
      rules: renderRules(spec.rules),
      language: languageName(input.language),
      new_marker: newMarker(input.language),
      plan_headings: planHeadings(input.language),
      endpoint: dossierDefinition(dossier),
      endpoint_method: endpoint.method,
      endpoint_path: endpoint.path,
      endpoint_title: endpoint.title.trim(),
      endpoint_error_codes: dossierErrorCodes(dossier).join(', '),
      db_resources: dossierTables(dossier),
      types: dossierTypes(dossier),
      dossier: '',
      decisions: (input.decisions ?? '').trim(),
      instructions: (input.instructions ?? '').trim(),
      problems: input.problems.map((problem) => `- ${problem}`).join('\n'),
      plan_file: input.planFile,
    },
    level,
  );
  const above = docsAbove(input.template, values, spec);
  return {
    ...values,
    dossier: level > 0 ? compactDossierText(dossier, above) : dossierText(dossier, above),
  };
}

/**
 * The files of the documents the rendered system and shared parts hold whole. A user template may leave one out,
 * and a budget may have cut it: the dossier then repeats its tables, types or rules, since nothing above has them.
 */
export function docsAbove(template: Template, values: PromptValues, spec: Spec): DocsAbove {
  const rendered = renderTemplate(template, values);
  const before = `${rendered.system}\n${rendered.shared}`;
  const holds = (text: string): boolean => text !== '' && before.includes(text);
  const { sources } = spec;
  const files: string[] = [];
  if (holds(values.api_plan)) files.push(sources.apiPlan);
  const dbFile = sources.dbPlan ?? spec.db?.file;
  if (holds(values.db_plan) && dbFile !== undefined) files.push(dbFile);
  const typesFile = sources.types ?? spec.types?.file;
  if (holds(values.types_file) && typesFile !== undefined) files.push(typesFile);
  return new Set(files);
}

/** The nine section headings in the plan's language when the tool knows them (Polish); empty for English. */
export function planHeadings(language: string): string {
  if (draftLanguage(language) !== 'pl') return '';
  return PLAN_SECTIONS.map((section) => `## ${section.number}. ${section.pl}`).join('\n');
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
