import type { OpenAI } from 'openai';
import type { APIError } from 'openai/error';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { BackoffPolicy } from '../core/llm/backoff.ts';
import { defaultBackoff, parseRetryAfterMs, retryDelayMs } from '../core/llm/backoff.ts';
import { describeLlmError, isRetryable, isUnreachable } from '../core/llm/errors.ts';
import type { LlmChunk, LlmClient, LlmError, LlmRequest, Usage } from '../core/ports.ts';
import { LlmFailure } from '../core/ports.ts';

/** What the model adapter needs; the composition root fills it from flags, env and config. */
export type LlmConfig = {
  /** Any non-empty string: local servers (Ollama, LM Studio) accept a placeholder. Never logged. */
  readonly apiKey: string;
  /** `…/v1` of an OpenAI-compatible server; undefined means the OpenAI API. */
  readonly baseURL: string | undefined;
  readonly model: string;
  /** Until the response headers arrive; the SDK's timeout does not cover a streamed body. */
  readonly timeoutMs: number;
  /** Longest silence allowed between two chunks of a streamed body. */
  readonly idleTimeoutMs: number;
  /** Retries after the first attempt, for retryable faults before the first text delta. */
  readonly maxRetries: number;
  /**
   * How long a server that cannot be reached (refused, unknown host, TLS) is retried before the failure is
   * reported; default 5 s. Past that the run, not the request, has failed.
   */
  readonly unreachableBudgetMs?: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly onRetry?: (info: RetryInfo) => void;
  readonly backoff?: BackoffPolicy;
};

/** Reported before each retry's wait. */
export type RetryInfo = { readonly attempt: number; readonly delayMs: number; readonly error: LlmError };

type Sdk = typeof import('openai');
type Loaded = { readonly sdk: Sdk; readonly client: OpenAI };

const openAiBaseURL = 'https://api.openai.com/v1';
const defaultUnreachableBudgetMs = 5_000;

/**
 * The model client over the `openai` SDK (Chat Completions, streamed).
 *
 * Contract of `stream()`: it yields text deltas and then exactly one `done`, or throws `LlmFailure`.
 * Retryable faults (429, 5xx, connection, timeout, idle stall, drop, cut-off body) are retried here with
 * backoff and jitter as long as no delta was yielded, each wait announced by a `retry` chunk; a server that
 * cannot be reached is retried for `unreachableBudgetMs` at most. A fault after deltas were yielded is thrown
 * with `retryable: true`: the partial text is already with the caller, so only the caller can start over
 * (`generatePlan` in src/core/plan/ does that).
 * The SDK sends the request and reports HTTP errors; the body's server-sent events are read here, because the
 * SDK's stream ends alike on `[DONE]` and on a body that just stops. An answer is complete when a
 * `finish_reason` or `[DONE]` arrived (LocalAI and some proxies send `[DONE]` with no finish reason); a body
 * that just stops is `incomplete`, never a complete answer. `openai` is imported on first use.
 */
export function createOpenAiLlm(config: LlmConfig): LlmClient {
  let loading: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> => {
    loading ??= import('openai').then((sdk) => ({
      sdk,
      client: new sdk.OpenAI({
        apiKey: config.apiKey,
        baseURL: config.baseURL ?? openAiBaseURL,
        timeout: config.timeoutMs,
        maxRetries: 0,
        logLevel: 'off',
      }),
    }));
    return loading;
  };
  return {
    model: config.model,
    stream: (request, signal) => streamWithRetries(load, config, request, signal),
  };
}

async function* streamWithRetries(
  load: () => Promise<Loaded>,
  config: LlmConfig,
  request: LlmRequest,
  signal: AbortSignal,
): AsyncGenerator<LlmChunk, void, undefined> {
  const baseURL = config.baseURL ?? openAiBaseURL;
  if (config.apiKey === '') throw failure({ kind: 'auth', message: 'no API key was given' }, baseURL);
  const sleep = config.sleep ?? sleepUnlessAborted;
  const random = config.random ?? Math.random;
  const now = config.now ?? Date.now;
  const budgetMs = config.unreachableBudgetMs ?? defaultUnreachableBudgetMs;
  let unreachableSince: number | undefined;
  for (let attempt = 1; ; attempt += 1) {
    let yieldedText = false;
    try {
      for await (const chunk of streamOnce(await load(), config, request, signal)) {
        if (chunk.type === 'delta') yieldedText = true;
        yield chunk;
      }
      return;
    } catch (error) {
      if (!(error instanceof LlmFailure) || !error.retryable || yieldedText) throw error;
      const retryAfterMs = error.error.kind === 'rate-limited' ? error.error.retryAfterMs : undefined;
      const delayMs = retryDelayMs(attempt, retryAfterMs, random, config.backoff ?? defaultBackoff);
      if (delayMs === undefined) throw error;
      if (attempt > config.maxRetries) throw error;
      if (isUnreachable(error.error)) {
        // A server that cannot be reached gets a few seconds, however many retries are allowed: every request
        // of the run waits on the same server, and a user waiting minutes for "connection refused" learns nothing.
        unreachableSince ??= now();
        if (now() + delayMs - unreachableSince > budgetMs) throw error;
      } else unreachableSince = undefined;
      config.onRetry?.({ attempt, delayMs, error: error.error });
      yield {
        type: 'retry',
        attempt: attempt + 1,
        maxAttempts: config.maxRetries + 1,
        delayMs,
        error: error.error,
      };
      await sleep(delayMs, signal);
      if (signal.aborted) throw failure({ kind: 'aborted' }, baseURL);
    }
  }
}

async function* streamOnce(
  { sdk, client }: Loaded,
  config: LlmConfig,
  request: LlmRequest,
  signal: AbortSignal,
): AsyncGenerator<LlmChunk, void, undefined> {
  const baseURL = config.baseURL ?? openAiBaseURL;
  const fail = (error: LlmError): LlmFailure => failure(error, baseURL, config.apiKey);
  if (signal.aborted) throw fail({ kind: 'aborted' });

  // One controller per attempt: the user's signal and the idle watchdog both abort it, the flags say which.
  const controller = new AbortController();
  const onUserAbort = (): void => controller.abort();
  signal.addEventListener('abort', onUserAbort, { once: true });
  let idleFired = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armWatchdog = (): void => {
    idleTimer = setTimeout(() => {
      idleFired = true;
      controller.abort();
    }, config.idleTimeoutMs);
  };
  const disarmWatchdog = (): void => clearTimeout(idleTimer);

  try {
    let body: ReadableStream<Uint8Array>;
    try {
      const response = await client.chat.completions
        .create(
          {
            model: request.model,
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            stream: true,
            stream_options: { include_usage: true },
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          },
          { signal: controller.signal },
        )
        .asResponse();
      if (response.body === null) throw fail({ kind: 'incomplete', message: 'the response had no body' });
      body = response.body;
    } catch (error) {
      if (error instanceof LlmFailure) throw error;
      throw fail(signal.aborted ? { kind: 'aborted' } : classifyRequestError(sdk, error, config, request));
    }

    let finishReason: string | undefined;
    let sawDone = false;
    let usage: Usage | undefined;
    try {
      armWatchdog();
      for await (const event of readServerSentEvents(body)) {
        // The watchdog measures the server's silence, not the time the consumer spends on a delta.
        disarmWatchdog();
        if (event.data === '[DONE]') {
          sawDone = true;
          break;
        }
        const chunk = parseChunk(sdk, event);
        // Some compatible servers omit `choices` on their usage chunk, despite the SDK's type.
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = usageOf(chunk.usage);
        const text = choice?.delta?.content;
        if (text) yield { type: 'delta', text };
        armWatchdog();
      }
    } catch (error) {
      throw fail(classifyBodyError(sdk, error, signal.aborted, idleFired, config, request));
    } finally {
      disarmWatchdog();
    }

    if (signal.aborted) throw fail({ kind: 'aborted' });
    if (idleFired) throw fail({ kind: 'idle-timeout', seconds: config.idleTimeoutMs / 1_000 });
    if (finishReason === undefined && !sawDone) {
      throw fail({ kind: 'incomplete', message: 'the stream ended without a finish_reason or [DONE]' });
    }
    yield { type: 'done', usage, finishReason: finishReason ?? 'stop' };
  } finally {
    signal.removeEventListener('abort', onUserAbort);
    controller.abort();
  }
}

/** One server-sent event: its `event:` name, if any, and its `data:` lines joined. */
type ServerSentEvent = { readonly event: string | undefined; readonly data: string };

/**
 * The events of an SSE body, as the EventSource spec reads them: lines split on CR, LF or CRLF, `data:` lines
 * joined, an event dispatched at a blank line. An event cut off by the end of the body is dropped, so a body
 * that stops mid-event never counts as an answer.
 */
async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone CR at the end of the buffer may be the first half of a CRLF split across two reads.
        if (match === null || (match[0] === '\r' && match.index === buffer.length - 1 && !done)) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') {
          if (data.length > 0) yield { event, data: data.join('\n') };
          data = [];
          event = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

/** A chunk from one event, or the SDK's errors for what the SDK's own reader would reject. */
function parseChunk(sdk: Sdk, event: ServerSentEvent): ChatCompletionChunk {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    throw new SyntaxError('Error reading response: malformed server-sent event JSON.');
  }
  if (typeof data !== 'object' || data === null) {
    throw new SyntaxError('Error reading response: a server-sent event that is not a JSON object.');
  }
  const record = data as { readonly error?: unknown };
  if (event.event === 'error' || record.error !== undefined) {
    throw new sdk.APIError(undefined, record.error ?? data, undefined, new Headers());
  }
  return data as ChatCompletionChunk;
}

function usageOf(usage: NonNullable<ChatCompletionChunk['usage']>): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? undefined,
  };
}

function classifyRequestError(sdk: Sdk, error: unknown, config: LlmConfig, request: LlmRequest): LlmError {
  if (error instanceof sdk.APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof sdk.APIConnectionTimeoutError)
    return { kind: 'timeout', seconds: config.timeoutMs / 1_000 };
  if (error instanceof sdk.APIConnectionError) {
    return {
      kind: 'connection',
      code: causeCode(error.cause) ?? 'ECONNECTION',
      baseURL: config.baseURL ?? openAiBaseURL,
    };
  }
  if (error instanceof sdk.APIError) return classifyApiError(error, config, request);
  throw error;
}

function classifyBodyError(
  sdk: Sdk,
  error: unknown,
  userAborted: boolean,
  idleFired: boolean,
  config: LlmConfig,
  request: LlmRequest,
): LlmError {
  if (userAborted) return { kind: 'aborted' };
  if (idleFired) return { kind: 'idle-timeout', seconds: config.idleTimeoutMs / 1_000 };
  // The SDK's own words for a data line that is not JSON.
  if (error instanceof SyntaxError) return { kind: 'malformed', message: error.message };
  if (error instanceof sdk.APIError) return classifyApiError(error, config, request);
  // undici reports a socket closed mid-body as a bare TypeError ('terminated', cause UND_ERR_SOCKET).
  const code = causeCode(error);
  if (error instanceof TypeError || code !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'stream-dropped', message: code === undefined ? message : `${message}, ${code}` };
  }
  throw error;
}

function classifyApiError(error: APIError, config: LlmConfig, request: LlmRequest): LlmError {
  const body = (error.error ?? {}) as {
    readonly message?: unknown;
    readonly code?: unknown;
    readonly type?: unknown;
  };
  const message = typeof body.message === 'string' ? body.message : error.message;
  const code = typeof body.code === 'string' ? body.code : (error.code ?? undefined);
  const type = typeof body.type === 'string' ? body.type : undefined;
  const tooLong =
    code === 'context_length_exceeded' || /context (length|window)|too many tokens/i.test(message);
  const status = error.status;
  // An error event inside a 200 stream has no status of its own.
  if (status === undefined)
    return tooLong ? { kind: 'context-too-long', message } : { kind: 'server', status: 0, message };
  if (status === 400)
    return tooLong ? { kind: 'context-too-long', message } : { kind: 'bad-request', message };
  if (status === 401) return { kind: 'auth', message };
  if (status === 402) return { kind: 'payment', message };
  if (status === 403) {
    // OpenRouter and gateways refuse flagged prompts with 403: that is this prompt's, not the key's.
    return /moderat|flagged|content[ _-]?(policy|filter|management)|safety/i.test(`${code ?? ''} ${message}`)
      ? { kind: 'moderation', message }
      : { kind: 'permission', message };
  }
  if (status === 404) {
    // A 404 that names no model is the server saying the path is wrong (a base URL without /v1).
    return code === 'model_not_found' || /model/i.test(message)
      ? { kind: 'model-not-found', model: request.model }
      : { kind: 'no-api', baseURL: config.baseURL ?? openAiBaseURL };
  }
  if (status === 408) return { kind: 'timeout', seconds: config.timeoutMs / 1_000 };
  if (status === 429) {
    const retryAfterMs = retryAfterOf(error.headers);
    // A wait the server asks for means it will answer again; words about quota or credit without one mean it won't.
    const outOfMoney =
      /insufficient_quota|billing|credit/i.test(`${code ?? ''} ${type ?? ''}`) ||
      (retryAfterMs === undefined && /\b(quota|credits?|billing|balance)\b/i.test(message));
    if (outOfMoney) return { kind: 'quota-exhausted', message };
    return { kind: 'rate-limited', retryAfterMs };
  }
  if (status >= 500) return { kind: 'server', status, message };
  return { kind: 'bad-request', message };
}

function retryAfterOf(headers: Headers | undefined): number | undefined {
  const retryAfter = headers?.get('retry-after');
  const parsed = parseRetryAfterMs(headers?.get('retry-after-ms'), retryAfter);
  if (parsed !== undefined || !retryAfter) return parsed;
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The first `code` along an error's cause chain: undici hides ECONNREFUSED two levels down. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { readonly code?: unknown; readonly cause?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    current = cause;
  }
  return undefined;
}

function failure(error: LlmError, baseURL: string, apiKey = ''): LlmFailure {
  const scrubbed = scrubError(error, apiKey);
  return new LlmFailure(scrubbed, isRetryable(scrubbed), describeLlmError(scrubbed, { baseURL }));
}

/** Servers and proxies echo keys in error bodies; no message we keep may carry one. */
function scrubError(error: LlmError, apiKey: string): LlmError {
  if (!('message' in error)) return error;
  return { ...error, message: scrub(error.message, apiKey) };
}

function scrub(text: string, apiKey: string): string {
  // Placeholder keys for local servers ("ollama") are no secret, and replacing a short word would garble text.
  const withoutKey = apiKey.length >= 8 ? text.replaceAll(apiKey, '***') : text;
  return withoutKey.replace(/Bearer\s+\S+/gi, 'Bearer ***').replace(/\bsk-[\w*-]{4,}/g, 'sk-***');
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
