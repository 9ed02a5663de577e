import type { CodeMap } from '../core/code/model.ts';
import type { DocsLanguage } from '../core/docs/language.ts';
import type { Endpoint, Spec } from '../core/docs/model.ts';
import { describeRules } from '../core/docs/rules.ts';
import { buildDossier } from '../core/dossier/build.ts';
import { dossierJson } from '../core/dossier/json.ts';
import { renderDossier, wrapMarkdown } from '../core/dossier/render.ts';
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
  code: CodeMap | undefined;
  json: boolean;
  language: DocsLanguage;
}): Promise<number> {
  const { io } = input;
  const dossier = buildDossier({ spec: input.spec, endpoint: input.endpoint, code: input.code });
  if (input.json) {
    io.out(`${JSON.stringify(dossierJson(dossier), null, 2)}\n`);
    return 0;
  }
  const text = `${renderDossier(dossier)}\n${planContext(input.spec, input.language)}`;
  io.out(io.stdoutIsTTY ? await wrapForTerminal(text, io.columns) : text);
  return 0;
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
