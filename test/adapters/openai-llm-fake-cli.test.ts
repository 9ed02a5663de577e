import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiLlm } from '../../src/adapters/openai-llm.ts';
import type { LlmChunk } from '../../src/core/ports.ts';
import type { FakeReply } from '../support/fake-openai-server.ts';

const cliFile = join(import.meta.dirname, '..', 'support', 'fake-openai-cli.ts');
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** Starts the fake in its own process, as benchmarks and e2e tests do, and reads its base URL. */
async function spawnFake(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', cliFile, ...args], {
    env: { ...process.env, ...env },
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) return (JSON.parse(line) as { baseURL: string }).baseURL;
  throw new Error('the fake server printed nothing');
}

async function streamText(baseURL: string): Promise<readonly LlmChunk[]> {
  const llm = createOpenAiLlm({
    apiKey: 'placeholder',
    baseURL,
    model: 'local-model',
    timeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    maxRetries: 1,
    sleep: async () => undefined,
  });
  const chunks: LlmChunk[] = [];
  for await (const chunk of llm.stream(
    { model: 'local-model', messages: [{ role: 'user', content: 'hi' }] },
    new AbortController().signal,
  )) {
    chunks.push(chunk);
  }
  return chunks;
}

describe('fake-openai-cli', () => {
  it('serves a JSON script given as an argument, faults included, from another process', async () => {
    const script: readonly FakeReply[] = [
      { kind: 'server-error', status: 503 },
      { kind: 'text', text: 'Cześć!', chunkSize: 2 },
    ];
    const baseURL = await spawnFake([JSON.stringify(script)]);
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const chunks = await streamText(baseURL);
    expect(
      chunks.map((c) => (c.type === 'delta' ? c.text : c.type === 'done' ? c.finishReason : c.type)),
    ).toEqual(['retry', 'Cz', 'eś', 'ć!', 'stop']);
  });

  it('reads the script from FAKE_OPENAI_SCRIPT, lists models and answers non-streamed requests', async () => {
    const baseURL = await spawnFake([], {
      FAKE_OPENAI_SCRIPT: JSON.stringify({
        models: ['llama3'],
        fallback: { kind: 'text', text: 'always this' },
      }),
    });
    const models = (await (await fetch(`${baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(['llama3']);
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const completion = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
    };
    expect(completion.choices[0]).toMatchObject({
      message: { content: 'always this' },
      finish_reason: 'stop',
    });
  });
});
