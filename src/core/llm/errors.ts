import { assertNever } from '../assert-never.ts';
import type { LlmError } from '../ports.ts';

/** What a sentence may name besides the error itself. */
export type LlmErrorContext = {
  /** The server the request went to; the default OpenAI API when undefined. */
  readonly baseURL?: string | undefined;
};

const defaultBaseURL = 'https://api.openai.com/v1';

/** One sentence a user can act on, for each way a model request fails. */
export function describeLlmError(error: LlmError, context: LlmErrorContext = {}): string {
  const where = context.baseURL ?? defaultBaseURL;
  switch (error.kind) {
    case 'auth':
      return `The API key was rejected (401): set OPENAI_API_KEY to a valid key for ${where}${detail(error.message)}.`;
    case 'permission':
      return `Access was denied (403): this key may not use the model or project at ${where}${detail(error.message)}.`;
    case 'model-not-found':
      return `Model "${error.model}" was not found at ${where}: pass --model with a model this server has (and check that the base URL ends in /v1).`;
    case 'quota-exhausted':
      return `The account behind this API key has run out of quota (429 insufficient_quota): add credit or raise the limit in the provider's billing settings, then run again.`;
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
    case 'model-not-found':
    case 'quota-exhausted':
    case 'context-too-long':
    case 'bad-request':
    case 'aborted':
      return false;
    default:
      return assertNever(error);
  }
}

function describeConnection(code: string, baseURL: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${baseURL} (connection refused): is the server running? (Ollama: \`ollama serve\`, base URL http://localhost:11434/v1)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not find the host of ${baseURL} (${code}): check OPENAI_BASE_URL and your network connection.`;
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
      return `The server at ${baseURL} closed the connection before answering (${code}): try again, and check that it is an OpenAI-compatible server.`;
    default:
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
