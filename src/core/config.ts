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
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(configSchema.shape).filter((key) => key !== '$schema');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: ${known.join(', ')})`;
    }
    const field = issue.path.map(String).join('.') || '(root)';
    return `"${field}" ${issue.message}`;
  });
  return { kind: 'error', message: `${file}: ${problems.join('; ')}.` };
}
