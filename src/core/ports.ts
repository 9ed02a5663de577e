import type { Endpoint } from './docs/model.ts';

/** One message of a chat request. */
export type ChatMessage = { readonly role: 'system' | 'user' | 'assistant'; readonly content: string };

/** Token counts reported by the provider for one request. */
export type Usage = {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens served from the provider's prefix cache, when reported. */
  readonly cachedTokens: number | undefined;
};

/** A wait before the next attempt of a request, reported so the user sees why nothing streams. */
export type RetryNotice = {
  readonly type: 'retry';
  /** The attempt about to start: 2 for the first retry. */
  readonly attempt: number;
  /** The most attempts this request gets. */
  readonly maxAttempts: number;
  readonly delayMs: number;
  /** The fault that ended the previous attempt. */
  readonly error: LlmError;
};

/**
 * What one streamed request yields: text deltas, then exactly one `done`. A `retry` may come before the first
 * delta: the previous attempt failed and the next starts after `delayMs`.
 */
export type LlmChunk =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'done'; readonly usage: Usage | undefined; readonly finishReason: string }
  | RetryNotice;

/** A chat request for one endpoint. */
export type LlmRequest = {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature?: number;
};

/** Every way a model request can fail, as data the UI turns into one sentence. */
export type LlmError =
  | { readonly kind: 'auth'; readonly message: string }
  | { readonly kind: 'permission'; readonly message: string }
  /** A 403 about this prompt's content (a moderation refusal), not about the key. */
  | { readonly kind: 'moderation'; readonly message: string }
  /** 402: the account must pay before it may send more. */
  | { readonly kind: 'payment'; readonly message: string }
  | { readonly kind: 'model-not-found'; readonly model: string }
  /** A 404 that is not about the model: nothing answers Chat Completions at this base URL. */
  | { readonly kind: 'no-api'; readonly baseURL: string }
  | { readonly kind: 'quota-exhausted'; readonly message: string }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'context-too-long'; readonly message: string }
  | { readonly kind: 'bad-request'; readonly message: string }
  | { readonly kind: 'server'; readonly status: number; readonly message: string }
  | { readonly kind: 'connection'; readonly code: string; readonly baseURL: string }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'idle-timeout'; readonly seconds: number }
  | { readonly kind: 'stream-dropped'; readonly message: string }
  | { readonly kind: 'incomplete'; readonly message: string }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'aborted' };

/** Thrown out of `LlmClient.stream` iteration; carries the typed error. */
export class LlmFailure extends Error {
  readonly error: LlmError;
  readonly retryable: boolean;
  constructor(error: LlmError, retryable: boolean, message: string) {
    super(message);
    this.name = 'LlmFailure';
    this.error = error;
    this.retryable = retryable;
  }
}

/** The model adapter: one streamed chat request at a time, retries included. */
export type LlmClient = {
  readonly model: string;
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk>;
};

/** A plan file the store knows about. */
export type PlannedFile = {
  /** File name inside the plans folder, e.g. `003-post-flashcards.md`. */
  readonly file: string;
  readonly number: number;
  /** The endpoint id it plans, when known. */
  readonly endpointId: string | undefined;
  /** Hash of the inputs it was generated from, when known. */
  readonly inputsHash: string | undefined;
  /** Fingerprint of the endpoint's facts when it was saved (see `factsFingerprint`); undefined for older plans. */
  readonly factsFingerprint?: string | undefined;
  /** The route its sidecar recorded; `query` is undefined for sidecars written before queries were kept. */
  readonly route?: PlannedRoute;
};

/** The route a saved plan was written for, as its sidecar records it. */
export type PlannedRoute = {
  readonly method: string;
  readonly path: string;
  /** The query written with the path, null for none, undefined when the sidecar predates queries. */
  readonly query: string | null | undefined;
};

/** What the store needs to save one plan. */
export type SavePlanInput = {
  readonly endpoint: Pick<Endpoint, 'id' | 'method' | 'path'> & { readonly query?: string | undefined };
  readonly content: string;
  readonly inputsHash: string;
  readonly engine: string;
  /** Fingerprint of the endpoint's facts, so a later run can tell the plan is stale. */
  readonly factsFingerprint?: string | undefined;
};

/** Whether the plans folder can take plans, checked before anything is paid for. */
export type WriteCheck =
  | { readonly kind: 'ok' }
  /** `reason` is plain words ("read-only file system", "a file is in the way"), no errno code. */
  | { readonly kind: 'not-writable'; readonly dir: string; readonly reason: string };

/** A save that failed; `reason` is plain words, as in `WriteCheck`. */
export class SaveFailure extends Error {
  readonly dir: string;
  readonly reason: string;
  constructor(dir: string, reason: string) {
    super(`Could not write into ${dir} (${reason})`);
    this.name = 'SaveFailure';
    this.dir = dir;
    this.reason = reason;
  }
}

/** The plans folder: numbered, exclusive, atomic saves and an index of what is planned. */
export type PlanStore = {
  /** Absolute path of the plans folder. */
  readonly dir: string;
  list(): Promise<readonly PlannedFile[]>;
  /** Throws `SaveFailure` when the folder cannot take the plan. */
  save(input: SavePlanInput): Promise<PlannedFile>;
  /** Creates the folder when missing and proves it writable with a temp file, written and removed. */
  ensureWritable(): Promise<WriteCheck>;
  /**
   * Keeps a plan that could not be saved where it cannot be lost: the sidecar folder when writable, else the
   * user's state folder, else the OS temp folder. The absolute path written, or undefined when none took it.
   */
  keepUnsaved(input: SavePlanInput): Promise<string | undefined>;
  /**
   * Writes `content` to the absolute `path` the user chose instead of the plans folder: missing folders are created,
   * the file appears whole or not at all, and an existing file is never replaced. Throws `SaveFailure` naming the
   * folder and a plain reason.
   */
  saveCopy(path: string, content: string): Promise<void>;
};

/** The outcome of handing text or files to the user's editor. */
export type EditorResult =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'not-found'; readonly command: string }
  | {
      readonly kind: 'failed';
      readonly command: string;
      readonly exitCode: number | undefined;
      readonly message: string;
    };

/** The user's editor, run synchronously with the terminal handed over. */
export type Editor = {
  /** The command line that will run, for messages. */
  readonly command: string;
  /** Opens `text` in a temp file and returns the edited text. */
  edit(text: string, fileNameHint: string): EditorResult;
  /** Opens existing files. */
  open(paths: readonly string[]): EditorResult;
};

/** One generation request for one endpoint. */
export type GenerateRequest = {
  readonly endpoint: Endpoint;
  /** Extra instructions typed by the user ("Regenerate with instructions"). */
  readonly instructions: string | undefined;
  /** Validator problems of the previous draft, named so the next one fixes them. */
  readonly problems: readonly string[];
};

/**
 * Something that writes plans: the model (prompt + LlmClient) or the offline draft engine.
 * Both stream the same shape: `<analysis>…</analysis>` then the markdown plan, then `done`.
 */
export type PlanEngine = {
  /** `offline` or the model name, for status lines and metadata. */
  readonly name: string;
  readonly kind: 'llm' | 'offline';
  generate(request: GenerateRequest, signal: AbortSignal): AsyncIterable<LlmChunk>;
};

/** One endpoint's unsaved drafts, as kept on disk between wizard sessions. */
export type KeptDrafts = {
  readonly endpointId: string;
  /** When the drafts were last written, in ms since the epoch. */
  readonly updatedAt: number;
  readonly drafts: readonly {
    readonly plan: string;
    readonly origin: 'generated' | 'regenerated' | 'edited' | 'restored';
  }[];
};

/** Where unsaved drafts live so a crash or a kill loses none; they expire after `DRAFT_TTL_MS`. */
export type DraftStore = {
  /** Every endpoint's kept drafts younger than the time to live; older ones are removed. */
  load(): Promise<readonly KeptDrafts[]>;
  keep(drafts: KeptDrafts): Promise<void>;
  drop(endpointId: string): Promise<void>;
};

/** How long unsaved drafts are kept: 30 days. */
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Time, passed in so the core reads no clock. */
export type Clock = { now(): number };

/** Everything below the composition root needs from the outside world. */
export type Deps = {
  /** Undefined when no model is configured and the offline engine was not chosen yet. */
  readonly engine: PlanEngine | undefined;
  readonly store: PlanStore;
  readonly editor: Editor;
  readonly clock: Clock;
  /** Where unsaved drafts are kept; without one they live only as long as the wizard. */
  readonly drafts?: DraftStore | undefined;
};
