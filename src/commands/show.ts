import type { CodeMap } from '../core/code/model.ts';
import type { DocsLanguage } from '../core/docs/language.ts';
import type { Endpoint, Spec } from '../core/docs/model.ts';
import { describeRules } from '../core/docs/rules.ts';
import { buildDossier } from '../core/dossier/build.ts';
import { dossierJson } from '../core/dossier/json.ts';
import { renderDossier } from '../core/dossier/render.ts';
import { languageName } from '../core/prompt/build-messages.ts';
import type { Io } from '../io.ts';

/** `endpoint-planner show ID`: everything the docs say about one endpoint, each fact with its source. */
export function showEndpoint(input: {
  io: Io;
  spec: Spec;
  endpoint: Endpoint;
  code: CodeMap | undefined;
  json: boolean;
  language: DocsLanguage;
}): number {
  const dossier = buildDossier({ spec: input.spec, endpoint: input.endpoint, code: input.code });
  if (input.json) {
    input.io.out(`${JSON.stringify(dossierJson(dossier), null, 2)}\n`);
    return 0;
  }
  input.io.out(`${renderDossier(dossier)}\n${planContext(input.spec, input.language)}`);
  return 0;
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
