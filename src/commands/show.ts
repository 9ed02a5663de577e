import type { CodeMap } from '../core/code/model.ts';
import type { DocsLanguage } from '../core/docs/language.ts';
import type { Endpoint, Spec } from '../core/docs/model.ts';
import { describeRules } from '../core/docs/rules.ts';
import { type DocsFacts, dossierWith } from '../core/dossier/build.ts';
import { dossierJson } from '../core/dossier/json.ts';
import { renderDossier, wrapMarkdown } from '../core/dossier/render.ts';
import type { DecisionConflict } from '../core/plan/decisions.ts';
import { languageName } from '../core/prompt/build-messages.ts';
import { isNarrowText } from '../core/text/narrow-text.ts';
import type { Io } from '../io.ts';

/**
 * `endpoint-planner show ID`: everything the docs say about one endpoint, each fact with its source. On a
 * terminal the text wraps to its width; on a pipe lines stay whole.
 */
export async function showEndpoint(input: {
  io: Io;
  spec: Spec;
  endpoint: Endpoint;
  /** What the docs say about the endpoint (read now or kept by an earlier run). */
  docsFacts: DocsFacts;
  code: CodeMap | undefined;
  /** What plans already saved decided for this endpoint, and where saved plans disagree (the later one wins). */
  savedPlans: { readonly decisions: string; readonly conflicts: readonly DecisionConflict[] };
  json: boolean;
  language: DocsLanguage;
}): Promise<number> {
  const { io } = input;
  const dossier = dossierWith(input.docsFacts, {
    spec: input.spec,
    endpoint: input.endpoint,
    code: input.code,
  });
  if (input.json) {
    const json = { ...(dossierJson(dossier) as object), savedPlans: input.savedPlans };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const text = `${renderDossier(dossier)}\n${savedPlansText(input.savedPlans)}${planContext(input.spec, input.language)}`;
  io.out(io.stdoutIsTTY ? await wrapForTerminal(text, io.columns) : text);
  return 0;
}

/** The saved plans' decisions the model is given for this endpoint, and their disagreements; empty when none. */
function savedPlansText(saved: {
  readonly decisions: string;
  readonly conflicts: readonly DecisionConflict[];
}): string {
  if (saved.decisions === '' && saved.conflicts.length === 0) return '';
  const lines = ['## Decisions of saved plans', ''];
  if (saved.decisions !== '') lines.push(saved.decisions, '');
  if (saved.conflicts.length > 0) {
    lines.push('Saved plans disagree (the later plan wins):', '');
    for (const c of saved.conflicts) {
      lines.push(
        `- ${c.role} for ${c.scope}: \`${c.earlier.value}\` (${c.earlier.planFile}) vs \`${c.later.value}\` (${c.later.planFile})`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Wraps prose to the terminal, measuring wide characters as the terminal shows them. */
async function wrapForTerminal(text: string, columns: number): Promise<string> {
  // string-width costs ~15 ms to load: only a terminal needs it.
  const { default: stringWidth } = await import('string-width');
  const measure = (part: string): number => (isNarrowText(part) ? part.length : stringWidth(part));
  return wrapMarkdown(text, Math.max(20, columns - 1), measure);
}

/** The plan's language and the rules a prompt carries, each with why: what `show` and `prompt` add. */
export function planContext(spec: Spec, language: DocsLanguage): string {
  const rules = describeRules(spec.rules, spec.skippedRules);
  return [
    '## Plan language',
    '',
    `${languageName(language.code)} (${language.why})`,
    '',
    '## Rules for the prompt',
    '',
    ...(rules.length === 0 ? ['none found'] : rules.map((line) => `- ${line}`)),
    '',
  ].join('\n');
}
