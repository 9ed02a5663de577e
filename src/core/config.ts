import { z } from 'zod';

export { CONFIG_FILE_NAMES } from './docs/discover.ts';

const path = z.string().trim().min(1, 'must be a non-empty path');
const seconds = z.number().positive('must be a positive number of seconds');

const configSchema = z
  .object({
    $schema: z.string().optional(),
    apiPlan: path.optional(),
    dbPlan: path.optional(),
    types: path.optional(),
    techStack: path.optional(),
    rules: z.array(path).optional(),
    out: path.optional(),
    model: z.string().trim().min(1, 'must be a non-empty model name').optional(),
    baseURL: z.url('must be a URL such as http://127.0.0.1:11434/v1').optional(),
    language: z.string().trim().min(1, 'must be a language such as "en" or "pl"').optional(),
    concurrency: z.number().int('must be a whole number').min(1).max(32).optional(),
    prefetch: z.number().int('must be a whole number').min(0).max(8).optional(),
    prompt: path.optional(),
    idleTimeout: seconds.optional(),
    maxRetries: z.number().int('must be a whole number').min(0).max(20).optional(),
    timeout: seconds.optional(),
    contextWindow: z
      .union([
        z.number().int('must be a whole number').min(1024),
        z.record(z.string(), z.number().int('must be a whole number').min(1024)),
      ])
      .optional(),
  })
  .strict();

/** The project config file (`.endpoint-planner.json`); paths are relative to the project root, times in seconds. */
export type Config = z.infer<typeof configSchema>;

/** The outcome of reading a config file: the config, or one message naming the file and every bad field. */
export type ConfigResult =
  | { readonly kind: 'ok'; readonly config: Config }
  | { readonly kind: 'error'; readonly message: string };

/** Parses and validates a config file's text; `file` names it in messages. */
export function parseConfig(text: string, file: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    return {
      kind: 'error',
      message: `${file} is not valid JSON (${reason}). Fix the syntax or delete the file.`,
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      kind: 'error',
      message: `${file} must hold a JSON object such as {"apiPlan": ".ai/api-plan.md"}.`,
    };
  }
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return { kind: 'ok', config: parsed.data };
  const record = json as Record<string, unknown>;
  const known = Object.keys(configSchema.shape).filter((key) => key !== '$schema');
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const guess = known.find((name) => name.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ''));
        const hint = guess === undefined ? '' : ` Did you mean "${guess}"?`;
        return `${file}: unknown key "${key}".${hint} Known keys: ${known.join(', ')}.`;
      });
    }
    const key = String(issue.path[0] ?? '');
    const where = issue.path.map(String).join('.');
    const expected = EXPECTED[key as keyof typeof EXPECTED] ?? 'a valid value';
    return [
      `${file}: "${where}" should be ${expected}, found ${describeFound(valueAt(record, issue.path))}.`,
    ];
  });
  return { kind: 'error', message: [...new Set(problems)].join('\n') };
}

/** What each key takes, in words, for the one sentence a bad value gets. */
const EXPECTED = {
  apiPlan: 'a path relative to the project, such as ".ai/api-plan.md"',
  dbPlan: 'a path relative to the project, such as ".ai/db-plan.md"',
  types: 'a path relative to the project, such as "src/types.ts"',
  techStack: 'a path relative to the project, such as ".ai/tech-stack.md"',
  rules: 'a list of paths, such as [".cursor/rules/backend.mdc"]',
  out: 'a folder path relative to the project, such as ".ai/documents/api-plans"',
  model: 'a model name, such as "gpt-4.1-mini"',
  baseURL: 'a URL such as "http://127.0.0.1:11434/v1"',
  language: 'a language such as "en" or "pl"',
  concurrency: 'a whole number from 1 to 32',
  prompt: 'a path to a prompt template, such as ".ai/prompts/endpoint-plan.md"',
  idleTimeout: 'a positive number of seconds',
  maxRetries: 'a whole number from 0 to 20',
  timeout: 'a positive number of seconds',
  contextWindow:
    'a number of tokens of at least 1024, or an object of model names and token counts such as {"llama3.1": 8192}',
  $schema: 'a URL string',
} as const;

function valueAt(record: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let current: unknown = record;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : JSON.stringify(value);
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty list' : `the list ${shorten(JSON.stringify(value))}`;
  if (typeof value === 'object') return `the object ${shorten(JSON.stringify(value))}`;
  return String(value);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
