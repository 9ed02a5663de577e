import type { Config } from './config.ts';
import type { LanguageChoice } from './docs/language.ts';

/** The model used when neither a flag, the environment nor the config file names one. */
export const DEFAULT_MODEL = 'gpt-4.1-mini';
/** Where plans go, relative to the project root. */
export const DEFAULT_OUT = '.ai/documents/api-plans';
/** Where a project keeps its own prompt template, relative to the project root. */
export const PROJECT_PROMPT = '.ai/prompts/endpoint-plan.md';

/** Everything a command needs to know, resolved once: flag, then environment, then config file, then default. */
export type Settings = {
  readonly root: string;
  readonly out: string;
  readonly model: string;
  readonly baseURL: string | undefined;
  /** Present when a model can be reached: a key, or a base URL (local servers accept any key). */
  readonly apiKey: string | undefined;
  readonly modelConfigured: boolean;
  readonly offline: boolean;
  /** The plan language the user chose (flag, then config file); undefined means detect it from the docs. */
  readonly language: LanguageChoice | undefined;
  readonly promptFile: string | undefined;
  readonly concurrency: number;
  /** Plans the wizard generates ahead of the one under review: 1 with a model, 0 offline. */
  readonly prefetch: number;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxRetries: number;
  /** The model's context window in tokens when the user set one (flag, then config); undefined: ask the server. */
  readonly contextWindow: number | undefined;
};

/** The flag values settings are resolved from; the command line parser fills them (undefined: not given). */
export type SettingFlags = {
  readonly out: string | undefined;
  readonly model: string | undefined;
  readonly baseUrl: string | undefined;
  readonly language: string | undefined;
  readonly prompt: string | undefined;
  readonly offline: boolean;
  readonly timeout: number | undefined;
  readonly idleTimeout: number | undefined;
  readonly maxRetries: number | undefined;
  readonly contextWindow?: number | undefined;
};

/** The environment variables the tool reads. */
export type Env = {
  readonly OPENAI_API_KEY?: string | undefined;
  readonly OPENAI_BASE_URL?: string | undefined;
  readonly ENDPOINT_PLANNER_MODEL?: string | undefined;
};

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

/**
 * Resolves settings. `resolvePath` makes a path absolute against the project root.
 * A local server (base URL set, no key) gets a placeholder key: the SDK needs a non-empty one.
 */
export function resolveSettings(input: {
  readonly flags: SettingFlags;
  readonly config: Config | undefined;
  readonly env: Env;
  readonly root: string;
  readonly resolvePath: (path: string) => string;
  readonly concurrency?: number | undefined;
  readonly prefetch?: number | undefined;
}): Settings {
  const { flags, config, env, root, resolvePath } = input;
  const baseURL = nonEmpty(flags.baseUrl) ?? nonEmpty(env.OPENAI_BASE_URL) ?? nonEmpty(config?.baseURL);
  const key = nonEmpty(env.OPENAI_API_KEY);
  const apiKey = key ?? (baseURL !== undefined ? 'local-no-key' : undefined);
  const promptFile = flags.prompt ?? config?.prompt;
  const model =
    nonEmpty(flags.model) ?? nonEmpty(env.ENDPOINT_PLANNER_MODEL) ?? nonEmpty(config?.model) ?? DEFAULT_MODEL;
  return {
    root,
    out: resolvePath(flags.out ?? config?.out ?? DEFAULT_OUT),
    model,
    baseURL,
    apiKey,
    modelConfigured: apiKey !== undefined,
    offline: flags.offline,
    language: chooseLanguage(nonEmpty(flags.language), nonEmpty(config?.language)),
    promptFile: promptFile === undefined ? undefined : resolvePath(promptFile),
    concurrency: input.concurrency ?? config?.concurrency ?? 3,
    prefetch: flags.offline || apiKey === undefined ? 0 : (input.prefetch ?? config?.prefetch ?? 1),
    timeoutMs: (flags.timeout ?? config?.timeout ?? 600) * 1000,
    idleTimeoutMs: (flags.idleTimeout ?? config?.idleTimeout ?? 60) * 1000,
    maxRetries: flags.maxRetries ?? config?.maxRetries ?? 4,
    contextWindow: flags.contextWindow ?? configWindow(config?.contextWindow, model),
  };
}

/** The config file's window for `model`: one number for every model, or the model's entry. */
function configWindow(value: Config['contextWindow'], model: string): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  return value[model];
}

function chooseLanguage(flag: string | undefined, config: string | undefined): LanguageChoice | undefined {
  if (flag !== undefined) return { code: flag, from: 'flag' };
  if (config !== undefined) return { code: config, from: 'config' };
  return undefined;
}
