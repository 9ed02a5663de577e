import type { Usage } from '../ports.ts';

/** USD per one million tokens. */
export type ModelPrice = {
  readonly input: number;
  /** Prompt tokens served from the provider's prefix cache; undefined when the model has no cache discount. */
  readonly cachedInput: number | undefined;
  readonly output: number;
};

/**
 * OpenAI list prices (standard tier, USD per 1M tokens) as published in 2025. They change: the summary prints
 * tokens as well, so an outdated price is visible rather than silent.
 */
export const modelPrices = {
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-4-turbo': { input: 10, cachedInput: undefined, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, cachedInput: undefined, output: 1.5 },
} as const satisfies Readonly<Record<string, ModelPrice>>;

/**
 * The price of a model, or undefined when unknown. Accepts dated snapshots (`gpt-4o-2024-08-06`) and
 * router prefixes (`openai/gpt-4o`); never guesses from a prefix, so `gpt-4o-mini` is not priced as `gpt-4o`.
 */
export function priceFor(model: string): ModelPrice | undefined {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^.*\//, '')
    .replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return Object.hasOwn(modelPrices, name) ? modelPrices[name as keyof typeof modelPrices] : undefined;
}

/** Cost in USD of one request's usage; cached prompt tokens at the cached rate. Undefined for an unknown model. */
export function costOf(model: string, usage: Usage): number | undefined {
  const price = priceFor(model);
  if (price === undefined) return undefined;
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const uncached = usage.promptTokens - cached;
  const cachedRate = price.cachedInput ?? price.input;
  return (uncached * price.input + cached * cachedRate + usage.completionTokens * price.output) / 1_000_000;
}
