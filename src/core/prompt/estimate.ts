import { planLanguage } from '../docs/language.ts';
import type { Endpoint, Spec } from '../docs/model.ts';
import { planFileHint } from '../plan/llm-engine.ts';
import type { ChatMessage, Usage } from '../ports.ts';
import type { Settings } from '../settings.ts';
import { buildMessages } from './build-messages.ts';
import type { Template } from './template.ts';
import type { Tokenizer } from './tokens.ts';

/** What a plan's answer usually costs: an analysis plus nine sections. A guess, shown as "~". */
export const EXPECTED_COMPLETION_TOKENS = 2500;

/** Estimated prompt tokens for one endpoint's messages. */
export function promptTokens(input: {
  spec: Spec;
  settings: Settings;
  template: Template;
  endpoint: Endpoint;
  tokenizer: Tokenizer;
}): number {
  const messages = buildMessages({
    template: input.template,
    spec: input.spec,
    endpoint: input.endpoint,
    language: planLanguage(input.settings.language, input.spec).code,
    instructions: undefined,
    problems: [],
    planFile: planFileHint(input.endpoint),
  });
  return input.tokenizer.count(messages).tokens;
}

/**
 * A memoised estimator for the picker, which asks on every keystroke. The shared prefix (system + docs) is
 * identical for every endpoint, so it is counted once; only each endpoint's own message is counted per id.
 * Until the tokenizer has loaded (it takes a few hundred ms) it answers with a chars/4 guess.
 */
export function createEstimator(input: {
  spec: Spec;
  settings: Settings;
  template: Template | undefined;
  tokenizer: Promise<Tokenizer> | undefined;
  costOf: (model: string, usage: Usage) => number | undefined;
}): (endpoints: readonly Endpoint[]) => { tokens: number; costUsd: number | undefined } {
  const { spec, settings, template } = input;
  const language = planLanguage(settings.language, spec).code;
  let tokenizer: Tokenizer | undefined;
  void input.tokenizer?.then((t) => {
    tokenizer = t;
    perEndpoint.clear();
    shared = undefined;
  });
  const perEndpoint = new Map<string, number>();
  let shared: number | undefined;
  const count = (messages: readonly ChatMessage[]): number =>
    tokenizer !== undefined
      ? tokenizer.count(messages).tokens
      : Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
  const messagesFor = (endpoint: Endpoint, t: Template): readonly ChatMessage[] =>
    buildMessages({
      template: t,
      spec,
      endpoint,
      language,
      instructions: undefined,
      problems: [],
      planFile: planFileHint(endpoint),
    });
  return (endpoints) => {
    if (template === undefined) return { tokens: 0, costUsd: 0 };
    let prompt = 0;
    for (const endpoint of endpoints) {
      let own = perEndpoint.get(endpoint.id);
      if (own === undefined) {
        const messages = messagesFor(endpoint, template);
        shared ??= count(messages.slice(0, -1));
        own = count(messages.slice(-1));
        perEndpoint.set(endpoint.id, own);
      }
      prompt += (shared ?? 0) + own;
    }
    const completion = EXPECTED_COMPLETION_TOKENS * endpoints.length;
    const usage: Usage = { promptTokens: prompt, completionTokens: completion, cachedTokens: undefined };
    return { tokens: prompt + completion, costUsd: input.costOf(settings.model, usage) };
  };
}
