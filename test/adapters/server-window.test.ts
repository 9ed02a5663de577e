import { describe, expect, it } from 'vitest';
import { serverWindow } from '../../src/adapters/server-window.ts';
import { type LocalFlavour, startFakeLocalServer } from '../support/fake-local-server.ts';

describe("a local server's context window", () => {
  it.each([
    ['ollama', { kind: 'known', server: 'ollama', tokens: 8192, from: '/api/show num_ctx' }],
    ['lm-studio', { kind: 'known', server: 'lm-studio', tokens: 8192, from: 'LM Studio model list' }],
    ['vllm', { kind: 'known', server: 'vllm', tokens: 8192, from: 'max_model_len' }],
    ['llama.cpp', { kind: 'known', server: 'llama.cpp', tokens: 8192, from: '/props n_ctx' }],
    ['ollama-default', { kind: 'unknown', server: 'ollama' }],
    ['openai', { kind: 'unknown', server: undefined }],
  ] as const)('%s', async (flavour: LocalFlavour, expected) => {
    const fake = await startFakeLocalServer(flavour, 8192);
    try {
      expect(await serverWindow(fake.baseURL, 'local-model', 'local-no-key')).toEqual(expected);
    } finally {
      await fake.close();
    }
  });

  it('is unknown, quickly, when nothing answers', async () => {
    const fake = await startFakeLocalServer('openai');
    await fake.close();
    expect(await serverWindow(fake.baseURL, 'm', 'k', 500)).toEqual({ kind: 'unknown', server: undefined });
  });
});
