import type { CodeMap } from '../core/code/model.ts';
import { planLanguage } from '../core/docs/language.ts';
import type { Endpoint, Spec } from '../core/docs/model.ts';
import { buildDossier } from '../core/dossier/build.ts';
import { planFileHint } from '../core/plan/llm-engine.ts';
import { buildMessages } from '../core/prompt/build-messages.ts';
import type { Template } from '../core/prompt/template.ts';
import type { Tokenizer } from '../core/prompt/tokens.ts';
import type { Settings } from '../core/settings.ts';
import type { Io } from '../io.ts';
import { colors } from '../terminal/colors.ts';
import { planContext } from './show.ts';

/** `endpoint-planner prompt ID`: the exact messages that would be sent, then their token count (on stderr). */
export function printPrompt(input: {
  io: Io;
  spec: Spec;
  endpoint: Endpoint;
  template: Template;
  settings: Settings;
  tokenizer: Tokenizer;
  code: CodeMap | undefined;
  decisions: string;
  budgetLevel: number;
}): number {
  const { io, settings } = input;
  const paint = colors(io.color);
  const language = planLanguage(settings.language, input.spec);
  const messages = buildMessages({
    template: input.template,
    spec: input.spec,
    endpoint: input.endpoint,
    dossier: buildDossier({ spec: input.spec, endpoint: input.endpoint, code: input.code }),
    decisions: input.decisions,
    budgetLevel: input.budgetLevel,
    language: language.code,
    instructions: undefined,
    problems: [],
    planFile: planFileHint(input.endpoint),
  });
  messages.forEach((m, i) => {
    io.out(
      `${paint.bold(paint.cyan(`=== message ${i + 1} of ${messages.length}: ${m.role} ===`))}\n${m.content}\n\n`,
    );
  });
  // The messages on stdout stay exactly what is sent; why the language and the rules are what they are goes to stderr.
  io.err(planContext(input.spec, language));
  const count = input.tokenizer.count(messages);
  io.err(
    `${count.tokens.toLocaleString('en-US')} prompt tokens (${count.encoding} tokenizer for ${settings.model}), ${messages.length} messages.\n`,
  );
  return 0;
}
