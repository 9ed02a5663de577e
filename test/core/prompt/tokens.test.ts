import { encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/core/ports.ts';
import { countTokens, encodingFor, loadTokenizer } from '../../../src/core/prompt/tokens.ts';

const messages: readonly ChatMessage[] = [
  { role: 'system', content: 'You are an experienced software architect.' },
  { role: 'user', content: '## POST /api/decks\nTworzy talię fiszek. Zwraca 201, błędy: 400, 401.' },
  { role: 'user', content: 'Plan this endpoint: POST /api/decks' },
];

describe('encodingFor', () => {
  it.each([
    ['gpt-4o', 'o200k_base', false],
    ['gpt-4o-mini', 'o200k_base', false],
    ['gpt-4.1-nano', 'o200k_base', false],
    ['gpt-5', 'o200k_base', false],
    ['o3-mini', 'o200k_base', false],
    ['openai/gpt-4o', 'o200k_base', false],
    ['gpt-4', 'cl100k_base', false],
    ['gpt-4-turbo', 'cl100k_base', false],
    ['gpt-3.5-turbo', 'cl100k_base', false],
    ['llama3.1:8b', 'o200k_base', true],
    ['qwen2.5-coder', 'o200k_base', true],
    ['anthropic/claude-sonnet-4', 'o200k_base', true],
  ])('%s → %s (approximate: %s)', (model, encoding, approximate) => {
    expect(encodingFor(model)).toEqual({ encoding, approximate });
  });
});

describe('countTokens', () => {
  it("matches the tokenizer library's own chat count for gpt-4o", async () => {
    const count = await countTokens(messages, 'gpt-4o');
    expect(count).toEqual({
      tokens: encodeChat(messages, 'gpt-4o').length,
      encoding: 'o200k_base',
      approximate: false,
    });
  });

  it('says "approximate" for a model family it has no tokenizer for', async () => {
    const count = await countTokens(messages, 'llama3.1:8b');
    expect(count.encoding).toBe('o200k_base (approximate)');
    expect(count.approximate).toBe(true);
  });

  it('counts cl100k models with cl100k, which splits Polish text differently', async () => {
    const [o200k, cl100k] = await Promise.all([
      countTokens(messages, 'gpt-4o'),
      countTokens(messages, 'gpt-4'),
    ]);
    expect(cl100k.encoding).toBe('cl100k_base');
    expect(cl100k.tokens).not.toBe(o200k.tokens);
  });

  it('treats special-token text in documents as plain text instead of throwing', async () => {
    const tokenizer = await loadTokenizer('gpt-4o');
    const count = tokenizer.count([
      { role: 'user', content: 'A doc that mentions <|endoftext|> and <|im_start|>.' },
    ]);
    expect(count.tokens).toBeGreaterThan(10);
  });
});
