import { describe, expect, it } from 'vitest';
import { costOf, priceFor } from '../../../src/core/llm/pricing.ts';

describe('priceFor', () => {
  it('knows common models, dated snapshots and router prefixes', () => {
    expect(priceFor('gpt-4o-mini')).toEqual({ input: 0.15, cachedInput: 0.075, output: 0.6 });
    expect(priceFor('gpt-4o-2024-08-06')).toEqual(priceFor('gpt-4o'));
    expect(priceFor('openai/gpt-4.1-mini')).toEqual(priceFor('gpt-4.1-mini'));
    expect(priceFor(' GPT-4.1 ')).toEqual(priceFor('gpt-4.1'));
  });

  it('does not price a model by a prefix it shares with another', () => {
    expect(priceFor('gpt-4o-mini')).not.toEqual(priceFor('gpt-4o'));
    expect(priceFor('gpt-4o-mini-tts')).toBeUndefined();
  });

  it('knows nothing of local or unknown models', () => {
    expect(priceFor('llama3.1:8b')).toBeUndefined();
    expect(priceFor('qwen2.5-coder')).toBeUndefined();
    expect(priceFor('toString')).toBeUndefined();
  });
});

describe('costOf', () => {
  it('charges cached prompt tokens at the cached rate', () => {
    // gpt-4o: 1000 uncached × 2.5 + 1000 cached × 1.25 + 500 out × 10, per million.
    const cost = costOf('gpt-4o', { promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_000 });
    expect(cost).toBeCloseTo((1_000 * 2.5 + 1_000 * 1.25 + 500 * 10) / 1e6, 12);
  });

  it('charges every prompt token fully when the cache is not reported or the model has no discount', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 0, cachedTokens: undefined };
    expect(costOf('gpt-4.1', usage)).toBeCloseTo(2, 12);
    expect(costOf('gpt-4-turbo', { ...usage, cachedTokens: 500_000 })).toBeCloseTo(10, 12);
  });

  it('never counts more cached tokens than prompt tokens', () => {
    const cost = costOf('gpt-4.1-mini', { promptTokens: 100, completionTokens: 0, cachedTokens: 900 });
    expect(cost).toBeCloseTo((100 * 0.1) / 1e6, 12);
  });

  it('is undefined for an unknown model, so the summary shows tokens only', () => {
    expect(
      costOf('mistral-large', { promptTokens: 10, completionTokens: 10, cachedTokens: undefined }),
    ).toBeUndefined();
  });
});
