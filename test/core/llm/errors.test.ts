import { describe, expect, it } from 'vitest';
import { describeLlmError, describeRetry, isRetryable, isRunLevel } from '../../../src/core/llm/errors.ts';
import type { LlmError } from '../../../src/core/ports.ts';

const everyKind: readonly (readonly [LlmError, boolean])[] = [
  [{ kind: 'auth', message: 'Incorrect API key provided' }, false],
  [{ kind: 'permission', message: 'Project does not have access' }, false],
  [{ kind: 'model-not-found', model: 'gpt-9' }, false],
  [{ kind: 'no-api', baseURL: 'http://localhost:11434' }, false],
  [{ kind: 'payment', message: 'Payment required' }, false],
  [{ kind: 'moderation', message: 'Input was flagged by moderation' }, false],
  [{ kind: 'quota-exhausted', message: 'You exceeded your current quota' }, false],
  [{ kind: 'rate-limited', retryAfterMs: 20_000 }, true],
  [{ kind: 'rate-limited', retryAfterMs: undefined }, true],
  [{ kind: 'context-too-long', message: 'maximum context length is 8192 tokens' }, false],
  [{ kind: 'bad-request', message: 'temperature too high' }, false],
  [{ kind: 'server', status: 503, message: 'overloaded' }, true],
  [{ kind: 'server', status: 0, message: 'server_error' }, true],
  [{ kind: 'connection', code: 'ECONNREFUSED', baseURL: 'http://localhost:11434/v1' }, true],
  [{ kind: 'connection', code: 'ENOTFOUND', baseURL: 'https://llm.example/v1' }, true],
  [{ kind: 'connection', code: 'UND_ERR_SOCKET', baseURL: 'https://llm.example/v1' }, true],
  [{ kind: 'timeout', seconds: 600 }, true],
  [{ kind: 'idle-timeout', seconds: 60 }, true],
  [{ kind: 'stream-dropped', message: 'terminated, UND_ERR_SOCKET' }, true],
  [{ kind: 'incomplete', message: 'the stream ended without a finish_reason' }, true],
  [{ kind: 'malformed', message: 'malformed server-sent event JSON' }, false],
  [{ kind: 'aborted' }, false],
];

describe('describeLlmError', () => {
  it('gives every kind one sentence', () => {
    for (const [error] of everyKind) {
      const sentence = describeLlmError(error, { baseURL: 'http://127.0.0.1:9/v1' });
      expect(sentence, error.kind).toMatch(/^[A-Z].*[.)]$/s);
      expect(sentence.split('\n')).toHaveLength(1);
    }
  });

  it('says what to do for the faults users hit most', () => {
    const at = { baseURL: 'http://localhost:1234/v1' };
    expect(describeLlmError({ kind: 'auth', message: '' }, at)).toBe(
      'The API key was rejected by http://localhost:1234/v1 (401): set OPENAI_API_KEY to a valid key for that server.',
    );
    expect(describeLlmError({ kind: 'model-not-found', model: 'llama3' }, at)).toContain(
      'Model "llama3" was not found at http://localhost:1234/v1: pass --model',
    );
    expect(describeLlmError({ kind: 'context-too-long', message: '' })).toContain('--rules/--db-plan');
    expect(describeLlmError({ kind: 'connection', code: 'ECONNREFUSED', baseURL: at.baseURL })).toContain(
      'start the server or pass the right --base-url (Ollama: `ollama serve`, http://localhost:11434/v1)',
    );
    expect(describeLlmError({ kind: 'rate-limited', retryAfterMs: 90_000 })).toContain('run again in 90 s');
    expect(describeLlmError({ kind: 'rate-limited', retryAfterMs: 600_000 })).toContain(
      'run again in 10 min',
    );
    expect(describeLlmError({ kind: 'quota-exhausted', message: 'x' })).toContain('billing');
    expect(describeLlmError({ kind: 'idle-timeout', seconds: 60 })).toContain('--idle-timeout');
  });

  it('names the OpenAI API when no base URL is configured', () => {
    expect(describeLlmError({ kind: 'model-not-found', model: 'gpt-9' })).toContain(
      'https://api.openai.com/v1',
    );
  });

  it('shortens a long server message', () => {
    const sentence = describeLlmError({ kind: 'bad-request', message: 'x'.repeat(5_000) });
    expect(sentence.length).toBeLessThan(300);
  });
});

describe('isRetryable', () => {
  it('retries transient faults only: never a bad key, model, quota, request or a cancel', () => {
    for (const [error, retryable] of everyKind) expect(isRetryable(error), error.kind).toBe(retryable);
  });
});

describe('isRunLevel', () => {
  it('stops the run for what every request would meet: key, account, money, model, base URL, no server', () => {
    const runLevel = everyKind.filter(([error]) => isRunLevel(error)).map(([error]) => error.kind);
    expect(runLevel).toEqual([
      'auth',
      'permission',
      'model-not-found',
      'no-api',
      'payment',
      'quota-exhausted',
      'connection',
      'connection',
    ]);
  });

  it('keeps a socket closed mid-request, a moderation refusal and a rate limit per endpoint', () => {
    const at = 'http://127.0.0.1:1234/v1';
    expect(isRunLevel({ kind: 'connection', code: 'ECONNRESET', baseURL: at })).toBe(false);
    expect(isRunLevel({ kind: 'moderation', message: 'flagged' })).toBe(false);
    expect(isRunLevel({ kind: 'rate-limited', retryAfterMs: 1_000 })).toBe(false);
    expect(isRunLevel({ kind: 'connection', code: 'ERR_TLS_CERT_ALTNAME_INVALID', baseURL: at })).toBe(true);
  });
});

describe('describeRetry', () => {
  it('says how long, which attempt and why', () => {
    const error: LlmError = { kind: 'stream-dropped', message: 'terminated' };
    expect(describeRetry({ attempt: 2, maxAttempts: 5, delayMs: 3_600, error })).toBe(
      'retrying in 4 s (2 of 5): the server closed the connection',
    );
  });
});

describe('no-api: a 404 that is not about the model', () => {
  it('suggests adding /v1 when the base URL lacks it', () => {
    expect(describeLlmError({ kind: 'no-api', baseURL: 'http://localhost:11434/' })).toContain(
      'try --base-url http://localhost:11434/v1',
    );
  });
});
