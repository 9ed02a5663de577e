import { assertNever } from '../assert-never.ts';
import type { LlmError, RetryNotice } from '../ports.ts';

/** What a sentence may name besides the error itself. */
export type LlmErrorContext = {
  /** The server the request went to; the default OpenAI API when undefined. */
  readonly baseURL?: string | undefined;
  /** The model asked for, named by the sentences about the key and the account. */
  readonly model?: string | undefined;
};

const defaultBaseURL = 'https://api.openai.com/v1';

/** One sentence a user can act on, for each way a model request fails. */
export function describeLlmError(error: LlmError, context: LlmErrorContext = {}): string {
  const where = context.baseURL ?? defaultBaseURL;
  const model = context.model === undefined ? 'the model' : `model ${context.model}`;
  switch (error.kind) {
    case 'auth':
      return `The API key was rejected by ${where} (401)${detail(error.message)}: set OPENAI_API_KEY to a valid key for that server.`;
    case 'permission':
      return `Access was denied by ${where} (403)${detail(error.message)}: this key or account may not use ${model}; check the key's project and permissions, or pass another --model.`;
    case 'moderation':
      return `The server refused this prompt on content grounds (403)${detail(error.message)}: rephrase the endpoint's docs or use another model.`;
    case 'payment':
      return `The server at ${where} asks for payment before it answers (402)${detail(error.message)}: add credit to the account behind this API key, then run again.`;
    case 'model-not-found':
      return `Model "${error.model}" was not found at ${where}: pass --model with a model this server has.`;
    case 'no-api':
      return describeNoApi(error.baseURL);
    case 'quota-exhausted':
      return `The account behind this API key at ${where} has run out of quota or credit (429)${detail(error.message)}: add credit or raise the limit in the provider's billing settings, then run again.`;
    case 'rate-limited':
      return error.retryAfterMs === undefined
        ? 'The server is rate limiting requests (429): wait a minute and run again, or lower --concurrency.'
        : `The server is rate limiting requests (429): run again in ${formatWait(error.retryAfterMs)}, or lower --concurrency.`;
    case 'context-too-long':
      return `The prompt is too long for the model: use a model with a larger context or trim the docs with --rules/--db-plan${detail(error.message)}.`;
    case 'bad-request':
      return `The server rejected the request as invalid (400)${detail(error.message)}: check --model and the base URL.`;
    case 'server':
      return error.status === 0
        ? `The server reported an error in the middle of the answer${detail(error.message)}: try again later.`
        : `The server failed with status ${error.status}${detail(error.message)}: try again later.`;
    case 'connection':
      return describeConnection(error.code, error.baseURL);
    case 'timeout':
      return `The server did not start answering within ${error.seconds} s: try again, or raise the request timeout for slow local models.`;
    case 'idle-timeout':
      return `The answer stalled with no data for ${error.seconds} s and was stopped: try again, or raise --idle-timeout for slow models.`;
    case 'stream-dropped':
      return `The connection dropped in the middle of the answer${detail(error.message)}: try again.`;
    case 'incomplete':
      return `The answer ended before the model finished${detail(error.message)}: try again.`;
    case 'malformed':
      return `The server sent a stream that is not OpenAI-style server-sent events${detail(error.message)}: check that the base URL points at an OpenAI-compatible /v1 API.`;
    case 'aborted':
      return 'The request was cancelled.';
    default:
      return assertNever(error);
  }
}

/** Whether a later attempt can succeed: transient server, network and stream faults are; bad input and bad keys are not. */
export function isRetryable(error: LlmError): boolean {
  switch (error.kind) {
    case 'rate-limited':
    case 'server':
    case 'connection':
    case 'timeout':
    case 'idle-timeout':
    case 'stream-dropped':
    case 'incomplete':
      return true;
    // A server that speaks broken SSE does so again; retrying only repeats the cost.
    case 'malformed':
    case 'auth':
    case 'permission':
    case 'moderation':
    case 'payment':
    case 'model-not-found':
    case 'no-api':
    case 'quota-exhausted':
    case 'context-too-long':
    case 'bad-request':
    case 'aborted':
      return false;
    default:
      return assertNever(error);
  }
}

/** Connection failures that say the server cannot be reached at all, as opposed to one request going wrong. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a connection failure means the server cannot be reached (refused, unknown host, TLS), not a dropped request. */
export function isUnreachable(error: LlmError): boolean {
  return (
    error.kind === 'connection' &&
    (UNREACHABLE_CODES.has(error.code) ||
      error.code.startsWith('ERR_SSL_') ||
      error.code.startsWith('ERR_TLS_'))
  );
}

/**
 * Whether a failure is the run's, not one endpoint's: every other request would meet it too (a bad key, a missing
 * model, no money, a server that cannot be reached), so the run stops instead of paying or waiting for each.
 */
export function isRunLevel(error: LlmError): boolean {
  switch (error.kind) {
    case 'auth':
    case 'permission':
    case 'payment':
    case 'model-not-found':
    case 'no-api':
    case 'quota-exhausted':
      return true;
    case 'connection':
      return isUnreachable(error);
    case 'moderation':
    case 'rate-limited':
    case 'context-too-long':
    case 'bad-request':
    case 'server':
    case 'timeout':
    case 'idle-timeout':
    case 'stream-dropped':
    case 'incomplete':
    case 'malformed':
    case 'aborted':
      return false;
    default:
      return assertNever(error);
  }
}

/** The live line of a request waiting to try again: "retrying in 4 s (2 of 5): the server closed the connection". */
export function describeRetry(notice: Omit<RetryNotice, 'type'>): string {
  const seconds = Math.max(1, Math.round(notice.delayMs / 1_000));
  return `retrying in ${seconds} s (${notice.attempt} of ${notice.maxAttempts}): ${retryReason(notice.error)}`;
}

function retryReason(error: LlmError): string {
  switch (error.kind) {
    case 'connection':
      switch (error.code) {
        case 'ECONNREFUSED':
          return 'the server refused the connection';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return 'the host was not found';
        case 'ECONNRESET':
        case 'UND_ERR_SOCKET':
          return 'the server closed the connection';
        default:
          return `the connection failed (${error.code})`;
      }
    case 'rate-limited':
      return 'the server is rate limiting requests (429)';
    case 'server':
      return error.status === 0
        ? 'the server reported an error mid-answer'
        : `the server failed (${error.status})`;
    case 'timeout':
      return `no answer within ${error.seconds} s`;
    case 'idle-timeout':
      return `the answer stalled for ${error.seconds} s`;
    case 'stream-dropped':
      return 'the server closed the connection';
    case 'incomplete':
      return 'the answer was cut off';
    case 'auth':
    case 'permission':
    case 'moderation':
    case 'payment':
    case 'model-not-found':
    case 'no-api':
    case 'quota-exhausted':
    case 'context-too-long':
    case 'bad-request':
    case 'malformed':
    case 'aborted':
      return describeLlmError(error);
    default:
      return assertNever(error);
  }
}

function describeNoApi(baseURL: string): string {
  const trimmed = baseURL.replace(/\/+$/, '');
  if (!/\/v\d+$/.test(trimmed)) {
    return `Nothing answers Chat Completions at ${trimmed} (404): the base URL probably lacks /v1; try --base-url ${trimmed}/v1.`;
  }
  return `Nothing answers Chat Completions at ${trimmed} (404): check --base-url; it must point at an OpenAI-compatible /v1 API.`;
}

function describeConnection(code: string, baseURL: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${baseURL} (connection refused): start the server or pass the right --base-url (Ollama: \`ollama serve\`, http://localhost:11434/v1).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not find the host of ${baseURL} (${code}): check OPENAI_BASE_URL and your network connection.`;
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
      return `The server at ${baseURL} closed the connection before answering (${code}): try again, and check that it is an OpenAI-compatible server.`;
    default:
      if (
        code.startsWith('ERR_TLS_') ||
        code.startsWith('ERR_SSL_') ||
        code.includes('CERT') ||
        code === 'EPROTO'
      )
        return `The secure connection to ${baseURL} failed (${code}): check that the base URL's scheme (http or https) and certificate are right.`;
      return `The connection to ${baseURL} failed (${code}): check your network and that the server is running.`;
  }
}

function detail(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  if (trimmed === '') return '';
  return ` (${trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed})`;
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1_000);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
