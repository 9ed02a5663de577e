// Local model servers cut prompts longer than their context window, often without a word (Ollama's
// OpenAI-compatible endpoint ignores `num_ctx`). This asks the server what the model's window is.

/** The local servers recognised by their models endpoint's answer. */
export type LocalServer = 'ollama' | 'lm-studio' | 'vllm' | 'llama.cpp';

/** What the server said about the model's context window. */
export type ServerWindow =
  | { readonly kind: 'known'; readonly server: LocalServer; readonly tokens: number; readonly from: string }
  | { readonly kind: 'unknown'; readonly server: LocalServer | undefined };

/** A prompt longer than this may be cut by a local server left at its default window. */
export const LOCAL_DEFAULT_WINDOW = 4096;

type Json = Record<string, unknown>;

async function getJson(url: string, init: RequestInit, timeoutMs: number): Promise<Json | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Json) : undefined;
  } catch {
    return undefined;
  }
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

/** The server's root (`http://localhost:11434/v1` → `http://localhost:11434`). */
function rootOf(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/** Which local server answers, from its `/models` list. */
function recognise(
  models: Json | undefined,
  model: string,
): { server: LocalServer | undefined; entry: Json | undefined } {
  const data = Array.isArray(models?.data) ? (models.data as Json[]) : [];
  const entry = data.find((m) => m.id === model) ?? data[0];
  const owner = String(entry?.owned_by ?? '').toLowerCase();
  if (owner === 'vllm' || entry?.max_model_len !== undefined) return { server: 'vllm', entry };
  if (
    owner === 'llamacpp' ||
    (typeof entry?.meta === 'object' && entry.meta !== null && 'n_ctx_train' in entry.meta)
  ) {
    return { server: 'llama.cpp', entry };
  }
  if (owner === 'library' || owner === 'ollama') return { server: 'ollama', entry };
  if (owner === 'organization_owner' || owner === 'lmstudio' || owner === 'lm-studio')
    return { server: 'lm-studio', entry };
  return { server: undefined, entry };
}

/**
 * Asks a local server for the model's context window: vLLM's `max_model_len`, llama.cpp's `/props` `n_ctx`,
 * LM Studio's loaded context length, Ollama's `num_ctx` (from `/api/show`). Never throws; `unknown` when the
 * server is not a recognised local one or does not say.
 */
export async function serverWindow(
  baseURL: string,
  model: string,
  apiKey: string,
  timeoutMs = 2000,
): Promise<ServerWindow> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const base = baseURL.replace(/\/+$/, '');
  const root = rootOf(base);
  const { server, entry } = recognise(await getJson(`${base}/models`, { headers }, timeoutMs), model);
  switch (server) {
    case 'vllm': {
      const tokens = positive(entry?.max_model_len);
      return tokens === undefined
        ? { kind: 'unknown', server }
        : { kind: 'known', server, tokens, from: 'max_model_len' };
    }
    case 'llama.cpp': {
      const props = await getJson(`${root}/props`, { headers }, timeoutMs);
      const settings = props?.default_generation_settings as Json | undefined;
      const tokens = positive(settings?.n_ctx) ?? positive(props?.n_ctx);
      return tokens === undefined
        ? { kind: 'unknown', server }
        : { kind: 'known', server, tokens, from: '/props n_ctx' };
    }
    case 'lm-studio': {
      const list = await getJson(`${root}/api/v0/models`, { headers }, timeoutMs);
      const models = Array.isArray(list?.data) ? (list.data as Json[]) : [];
      const found = models.find((m) => m.id === model);
      const tokens = positive(found?.loaded_context_length) ?? positive(found?.max_context_length);
      return tokens === undefined
        ? { kind: 'unknown', server }
        : { kind: 'known', server, tokens, from: 'LM Studio model list' };
    }
    case 'ollama': {
      const show = await getJson(
        `${root}/api/show`,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ model }),
        },
        timeoutMs,
      );
      // The window Ollama runs with is `num_ctx` when the model's parameters set it; the model's trained length
      // (model_info) is only its ceiling, and the default window is smaller.
      const parameters = typeof show?.parameters === 'string' ? show.parameters : '';
      const numCtx = positive(Number(/(?:^|\n)\s*num_ctx\s+(\d+)/.exec(parameters)?.[1]));
      return numCtx === undefined
        ? { kind: 'unknown', server }
        : { kind: 'known', server, tokens: numCtx, from: '/api/show num_ctx' };
    }
    case undefined:
      return { kind: 'unknown', server: undefined };
  }
}
