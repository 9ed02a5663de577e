import { planFileHint } from '../core/plan/llm-engine.ts';
import { buildMessages } from '../core/prompt/build-messages.ts';
import type { Template } from '../core/prompt/template.ts';
import type { Tokenizer } from '../core/prompt/tokens.ts';
import type { Settings } from '../core/settings.ts';
import { relatedResources } from '../core/spec/related.ts';
import type { Endpoint, Spec } from '../core/spec/model.ts';
import type { Usage } from '../deps.ts';

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
    related: relatedResources(input.endpoint, input.spec),
    language: input.settings.language,
    instructions: undefined,
    problems: [],
    planFile: planFileHint(input.endpoint),
  });
  return input.tokenizer.count(messages).tokens;
}

/** Estimated tokens and cost of planning these endpoints; the offline engine costs nothing. */
export function estimateRun(input: {
  spec: Spec;
  settings: Settings;
  template: Template | undefined;
  endpoints: readonly Endpoint[];
  tokenizer: Tokenizer | undefined;
  costOf: (model: string, usage: Usage) => number | undefined;
}): { tokens: number; costUsd: number | undefined } {
  const { template, tokenizer } = input;
  if (template === undefined || tokenizer === undefined) return { tokens: 0, costUsd: 0 };
  let prompt = 0;
  for (const endpoint of input.endpoints) prompt += promptTokens({ ...input, template, tokenizer, endpoint });
  const completion = EXPECTED_COMPLETION_TOKENS * input.endpoints.length;
  const usage: Usage = { promptTokens: prompt, completionTokens: completion, cachedTokens: undefined };
  return { tokens: prompt + completion, costUsd: input.costOf(input.settings.model, usage) };
}
