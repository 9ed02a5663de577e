import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

// Runs under `node --experimental-strip-types` too (fake-openai-cli.ts): erasable TypeScript only.

/** Token counts the fake reports in its usage chunk. */
export type FakeUsage = {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens?: number;
};

/** How the streamed text is paced. */
export type FakePacing = {
  /** Characters (code points) per content delta; default 8. */
  readonly chunkSize?: number;
  /** Pause before each content delta; default 0. */
  readonly delayMs?: number;
  /**
   * Spread the content deltas evenly over this many ms instead, each due at a fixed offset from the start, so
   * late timers do not add up (a paced answer then takes this long, not this long plus drift).
   */
  readonly spreadMs?: number;
};

/** One scripted answer to one chat request. */
export type FakeReply =
  | (FakePacing & {
      readonly kind: 'text';
      readonly text: string;
      readonly finishReason?: string;
      /** `false` sends no usage chunk even when the client asked for one. */
      readonly usage?: FakeUsage | false;
    })
  | {
      readonly kind: 'rate-limit';
      readonly code?: 'rate_limit_exceeded' | 'insufficient_quota';
      readonly retryAfterSeconds?: number;
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'server-error'; readonly status?: 500 | 502 | 503 }
  | { readonly kind: 'drop-before-headers' }
  /** Reads the request and never answers: exercises the client's own request timeout. */
  | { readonly kind: 'hang' }
  | (FakePacing & { readonly kind: 'drop-mid-body'; readonly text: string; readonly afterChunks: number })
  | (FakePacing & { readonly kind: 'stall'; readonly text: string; readonly afterChunks: number })
  /** A body that just stops: no finish_reason, no `[DONE]`. */
  | (FakePacing & { readonly kind: 'no-done'; readonly text: string })
  /** Ends with `data: [DONE]` but never sends a finish_reason (LocalAI, some proxies). */
  | (FakePacing & { readonly kind: 'done-without-finish'; readonly text: string })
  | (FakePacing & { readonly kind: 'malformed'; readonly text: string; readonly afterChunks: number })
  | (FakePacing & { readonly kind: 'stream-error'; readonly text: string; readonly afterChunks: number })
  | {
      readonly kind: 'auth';
      /** Echo the presented key in the error body, as some proxies do, to prove it is scrubbed. */
      readonly echoKey?: boolean;
    }
  | { readonly kind: 'model-not-found' }
  /** 403 about the key or the account (`key`), or a moderation refusal of this prompt (`moderation`). */
  | { readonly kind: 'forbidden'; readonly reason: 'key' | 'moderation' }
  | { readonly kind: 'payment-required' }
  | { readonly kind: 'context-length' }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code?: string;
      readonly type?: string;
      readonly message?: string;
    };

/** A request the fake received, as the client sent it. */
export type RecordedRequest = {
  readonly method: string;
  readonly path: string;
  /** Header names are lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly body: ChatBody | undefined;
};

/** The parts of a Chat Completions request body the fake looks at. */
export type ChatBody = {
  readonly model?: string;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly messages?: readonly { readonly role: string; readonly content: string }[];
};

/** Decides the reply to the `index`-th chat request (0-based). */
export type FakeScriptFn = (request: RecordedRequest, index: number) => FakeReply;

/** A queue of replies taken in order, or a function deciding per request. */
export type FakeScript = readonly FakeReply[] | FakeScriptFn;

/** Options of `startFakeOpenAI`. */
export type FakeServerOptions = {
  readonly script?: FakeScript;
  /** Answer once the queue is used up; default a short text reply. */
  readonly fallback?: FakeReply;
  /** Models listed by GET /v1/models; default `['gpt-fake']`. */
  readonly models?: readonly string[];
  /**
   * After this many chat requests have been answered, the server stops listening and drops every connection:
   * a server that worked and then went away mid-run (later connections are refused).
   */
  readonly stopListeningAfter?: number;
};

/** A running fake OpenAI-compatible server. */
export type FakeServer = {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  /** Every request received, in arrival order (chat, models and unknown paths alike). */
  readonly requests: readonly RecordedRequest[];
  /** Chat requests only. */
  readonly chatRequests: () => readonly RecordedRequest[];
  /** The most chat requests open at once so far, each counted from arrival until its response closed. */
  readonly maxInFlight: () => number;
  /** Adds replies to the end of the queue (only when the script is a queue). */
  enqueue(...replies: readonly FakeReply[]): void;
  /** Stops listening and destroys every open socket, stalled ones included. */
  close(): Promise<void>;
};

const defaultFallback: FakeReply = { kind: 'text', text: 'Hello from the fake server.' };

/** Starts a real HTTP fake of the OpenAI Chat Completions API on 127.0.0.1 and a random port. */
export async function startFakeOpenAI(options: FakeServerOptions = {}): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = Array.isArray(options.script) ? [...options.script] : [];
  const scriptFn = typeof options.script === 'function' ? options.script : undefined;
  const fallback = options.fallback ?? defaultFallback;
  const models = options.models ?? ['gpt-fake'];
  const sockets = new Set<Socket>();
  let chatCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return stopping;
  };

  const server = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      const recorded = recordRequest(req, rawBody);
      requests.push(recorded);
      if (req.method === 'GET' && recorded.path === '/v1/models') {
        sendJson(res, 200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
        });
        return;
      }
      if (req.method === 'POST' && recorded.path === '/v1/chat/completions') {
        const index = chatCount;
        chatCount += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        res.on('close', () => {
          inFlight -= 1;
          answered += 1;
          if (answered === options.stopListeningAfter) void stop();
        });
        const reply = scriptFn ? scriptFn(recorded, index) : (queue.shift() ?? fallback);
        void answerChat(req, res, recorded, reply, index);
        return;
      }
      sendJson(res, 404, errorBody(`Unknown path ${recorded.path}`, 'invalid_request_error', 'unknown_url'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    maxInFlight: () => maxInFlight,
    enqueue(...replies) {
      queue.push(...replies);
    },
    close: stop,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function recordRequest(req: IncomingMessage, rawBody: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: ChatBody | undefined;
  try {
    body = rawBody === '' ? undefined : (JSON.parse(rawBody) as ChatBody);
  } catch {
    body = undefined;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  return { method: req.method ?? 'GET', path, headers, rawBody, body };
}

function errorBody(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

async function answerChat(
  req: IncomingMessage,
  res: ServerResponse,
  recorded: RecordedRequest,
  reply: FakeReply,
  index: number,
): Promise<void> {
  const model = recorded.body?.model ?? 'gpt-fake';
  switch (reply.kind) {
    case 'rate-limit': {
      const quota = reply.code === 'insufficient_quota';
      const headers: Record<string, string> = {};
      if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      const body = quota
        ? errorBody(
            'You exceeded your current quota, please check your plan and billing details.',
            'insufficient_quota',
            'insufficient_quota',
          )
        : errorBody(
            `Rate limit reached for ${model} on requests per min. Please try again later.`,
            'requests',
            'rate_limit_exceeded',
          );
      sendJson(res, 429, body, headers);
      return;
    }
    case 'server-error':
      sendJson(
        res,
        reply.status ?? 500,
        errorBody('The server had an error processing your request.', 'server_error', null),
      );
      return;
    case 'drop-before-headers':
      req.socket.destroy();
      return;
    case 'hang':
      return;
    case 'auth': {
      const key = (recorded.headers.authorization ?? '').replace(/^Bearer /, '');
      const shown = reply.echoKey ? key : `${key.slice(0, 3)}***${key.slice(-2)}`;
      sendJson(
        res,
        401,
        errorBody(`Incorrect API key provided: ${shown}.`, 'invalid_request_error', 'invalid_api_key'),
      );
      return;
    }
    case 'forbidden':
      sendJson(
        res,
        403,
        reply.reason === 'key'
          ? errorBody(
              'Project `proj_fake` does not have access to model `' + model + '`.',
              'invalid_request_error',
              'model_not_found',
            )
          : errorBody('Your input was flagged by moderation for violence.', 'moderation_error', 'flagged'),
      );
      return;
    case 'payment-required':
      sendJson(
        res,
        402,
        errorBody(
          'Insufficient credits. Add more using https://example.test/credits',
          'payment_required',
          null,
        ),
      );
      return;
    case 'model-not-found':
      sendJson(
        res,
        404,
        errorBody(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      );
      return;
    case 'context-length':
      sendJson(
        res,
        400,
        errorBody(
          "This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens. Please reduce the length of the messages.",
          'invalid_request_error',
          'context_length_exceeded',
          'messages',
        ),
      );
      return;
    case 'error':
      sendJson(
        res,
        reply.status,
        errorBody(
          reply.message ?? `Fake error ${reply.status}.`,
          reply.type ?? 'invalid_request_error',
          reply.code ?? null,
        ),
      );
      return;
    case 'text':
    case 'drop-mid-body':
    case 'stall':
    case 'no-done':
    case 'done-without-finish':
    case 'malformed':
    case 'stream-error':
      if (recorded.body?.stream === true) {
        await streamReply(res, recorded, reply, index, model);
      } else {
        sendCompletion(res, recorded, reply, index, model);
      }
      return;
    default: {
      const unknown: never = reply;
      throw new Error(`Unknown fake reply ${JSON.stringify(unknown)}`);
    }
  }
}

type StreamedReply = Extract<
  FakeReply,
  {
    readonly kind:
      | 'text'
      | 'drop-mid-body'
      | 'stall'
      | 'no-done'
      | 'done-without-finish'
      | 'malformed'
      | 'stream-error';
  }
>;

function splitText(text: string, size: number): string[] {
  const points = Array.from(text);
  const parts: string[] = [];
  for (let i = 0; i < points.length; i += size) parts.push(points.slice(i, i + size).join(''));
  return parts;
}

function usageOf(recorded: RecordedRequest, reply: StreamedReply, parts: readonly string[]) {
  const given = reply.kind === 'text' ? reply.usage : undefined;
  const promptChars = (recorded.body?.messages ?? []).reduce((sum, m) => sum + m.content.length, 0);
  const usage: FakeUsage = given || {
    promptTokens: Math.ceil(promptChars / 4),
    completionTokens: parts.length,
  };
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

function sendCompletion(
  res: ServerResponse,
  recorded: RecordedRequest,
  reply: StreamedReply,
  index: number,
  model: string,
): void {
  const parts = splitText(reply.text, reply.chunkSize ?? 8);
  sendJson(res, 200, {
    id: `chatcmpl-fake-${index + 1}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null },
        logprobs: null,
        finish_reason: reply.kind === 'text' ? (reply.finishReason ?? 'stop') : 'stop',
      },
    ],
    usage: usageOf(recorded, reply, parts),
  });
}

async function streamReply(
  res: ServerResponse,
  recorded: RecordedRequest,
  reply: StreamedReply,
  index: number,
  model: string,
): Promise<void> {
  const parts = splitText(reply.text, reply.chunkSize ?? 8);
  const delayMs = reply.delayMs ?? 0;
  const includeUsage = recorded.body?.stream_options?.include_usage === true;
  const base = {
    id: `chatcmpl-fake-${index + 1}`,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    system_fingerprint: 'fp_fake',
  };
  // Real OpenAI sends `usage: null` on every chunk once usage was requested.
  const usageField = includeUsage ? { usage: null } : {};
  const send = (payload: unknown): void => {
    res.write(`data: ${JSON.stringify(payload)}\n\n`);
  };
  const choice = (delta: unknown, finishReason: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });
  const cutAfter =
    reply.kind === 'text' || reply.kind === 'no-done' || reply.kind === 'done-without-finish'
      ? parts.length
      : reply.afterChunks;

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  send(choice({ role: 'assistant', content: '', refusal: null }, null));
  const startedAt = performance.now();
  for (const [i, part] of parts.slice(0, cutAfter).entries()) {
    const waitMs =
      reply.spreadMs === undefined
        ? delayMs
        : startedAt + ((i + 1) * reply.spreadMs) / parts.length - performance.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    if (res.destroyed) return;
    send(choice({ content: part }, null));
  }
  switch (reply.kind) {
    case 'text':
      send(choice({}, reply.finishReason ?? 'stop'));
      if (includeUsage && reply.usage !== false) {
        send({ ...base, choices: [], usage: usageOf(recorded, reply, parts) });
      }
      res.end('data: [DONE]\n\n');
      return;
    case 'no-done':
      res.end();
      return;
    case 'done-without-finish':
      if (includeUsage) send({ ...base, choices: [], usage: usageOf(recorded, reply, parts) });
      res.end('data: [DONE]\n\n');
      return;
    case 'drop-mid-body': {
      // Flush what was written before cutting, so the client sees a partial body and then a dead socket.
      const socket = res.socket;
      socket?.end(() => socket.destroy());
      return;
    }
    case 'stall':
      // Headers and some chunks went out; nothing more until the client gives up or the server closes.
      return;
    case 'malformed':
      res.write('data: {"id": "chatcmpl-broken", "choices": [\n\n');
      res.end('data: [DONE]\n\n');
      return;
    case 'stream-error':
      send({
        error: { message: 'The server had an error while processing your request.', type: 'server_error' },
      });
      res.end();
      return;
    default: {
      const unknown: never = reply;
      throw new Error(`Unknown streamed reply ${JSON.stringify(unknown)}`);
    }
  }
}
