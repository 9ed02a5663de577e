import { parseArgs } from 'node:util';

/** The subcommands; `wizard` is what runs with none. */
export type CommandName = 'wizard' | 'list' | 'show' | 'generate' | 'prompt';

/** Flags shared by every command: where the docs are and which model writes the plans. */
export type CommonFlags = {
  readonly cwd: string | undefined;
  readonly apiPlan: string | undefined;
  readonly dbPlan: string | undefined;
  readonly types: string | undefined;
  readonly techStack: string | undefined;
  readonly rules: readonly string[];
  readonly out: string | undefined;
  readonly model: string | undefined;
  readonly baseUrl: string | undefined;
  readonly language: string | undefined;
  readonly prompt: string | undefined;
  readonly offline: boolean;
  readonly timeout: number | undefined;
  readonly idleTimeout: number | undefined;
  readonly maxRetries: number | undefined;
  readonly contextWindow: number | undefined;
};

/** A parsed command line. */
export type ParsedArgs =
  | { readonly kind: 'help'; readonly command: CommandName | undefined }
  | { readonly kind: 'version' }
  | { readonly kind: 'wizard'; readonly flags: CommonFlags; readonly prefetch: number | undefined }
  | { readonly kind: 'list'; readonly flags: CommonFlags; readonly json: boolean }
  | {
      readonly kind: 'generate';
      readonly flags: CommonFlags;
      readonly all: boolean;
      /** Plan again the endpoints whose saved plan is stale. */
      readonly stale: boolean;
      readonly targets: readonly string[];
      readonly yes: boolean;
      readonly force: boolean;
      readonly dryRun: boolean;
      readonly concurrency: number | undefined;
      /** The flags as typed, without `--all` and the endpoints: a resume command repeats them. */
      readonly flagWords: readonly string[];
      /** Exit 1 when any plan has grounding findings (for CI). */
      readonly strict: boolean;
      readonly json: boolean;
    }
  | { readonly kind: 'prompt'; readonly flags: CommonFlags; readonly target: string }
  | { readonly kind: 'show'; readonly flags: CommonFlags; readonly target: string; readonly json: boolean };

/** A command line that cannot be run as written (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const COMMON = {
  cwd: { type: 'string' },
  'api-plan': { type: 'string' },
  'db-plan': { type: 'string' },
  types: { type: 'string' },
  'tech-stack': { type: 'string' },
  rules: { type: 'string', multiple: true },
  out: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  language: { type: 'string' },
  prompt: { type: 'string' },
  offline: { type: 'boolean' },
  timeout: { type: 'string' },
  'idle-timeout': { type: 'string' },
  'context-window': { type: 'string' },
  'max-retries': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'no-color': { type: 'boolean' },
} as const;

const PER_COMMAND = {
  wizard: { prefetch: { type: 'string' } },
  list: { json: { type: 'boolean' } },
  generate: {
    all: { type: 'boolean' },
    stale: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    force: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    concurrency: { type: 'string' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  prompt: {},
  show: { json: { type: 'boolean' } },
} as const;

const COMMANDS: readonly CommandName[] = ['list', 'show', 'generate', 'prompt'];

function isCommand(word: string | undefined): word is CommandName {
  return word !== undefined && (COMMANDS as readonly string[]).includes(word);
}

function numberFlag(
  value: string | undefined,
  flag: string,
  { min, integer }: { min: number; integer: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    const what = integer ? `a whole number of at least ${min}` : `a number of at least ${min}`;
    throw new UsageError(`--${flag} takes ${what}, not "${value}".`);
  }
  return n;
}

const TAKES_VALUE = new Set(
  [COMMON, ...Object.values(PER_COMMAND)].flatMap((options) =>
    Object.entries(options as Record<string, { readonly type: string }>).flatMap(([name, o]) =>
      o.type === 'string' ? [`--${name}`] : [],
    ),
  ),
);

function commandIndex(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') return undefined;
    if (!word.startsWith('-')) return i;
    if (TAKES_VALUE.has(word)) i++;
  }
  return undefined;
}

/** Edit distance between two short words (insertions, deletions, substitutions, swaps of neighbours). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row !== undefined) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate a mistyped word most likely meant, or undefined when none is close. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: { readonly candidate: string; readonly distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(typed) && typed.length >= 2 ? 0.5 : editDistance(typed, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** "Unknown command" with the closest one, for a word that is no command. */
function unknownCommand(word: string): UsageError {
  const guess = closestWord(word, [...COMMANDS, 'help']);
  const hint = guess === undefined ? '' : ` Did you mean "${guess}"?`;
  return new UsageError(
    `Unknown command "${word}".${hint} Commands: ${COMMANDS.join(', ')}, help (none starts the wizard).`,
  );
}

function unknownFlag(flag: string, command: CommandName): UsageError {
  const where = command === 'wizard' ? '' : ` for "${command}"`;
  const own = Object.keys({ ...COMMON, ...PER_COMMAND[command] }).map((name) => `--${name}`);
  const elsewhere = (Object.keys(PER_COMMAND) as CommandName[]).filter(
    (other) => other !== command && Object.keys(PER_COMMAND[other]).some((name) => `--${name}` === flag),
  );
  if (elsewhere.length > 0) {
    const owners = elsewhere.map((other) => (other === 'wizard' ? 'the wizard' : `"${other}"`)).join(' and ');
    return new UsageError(`Unknown flag ${flag}${where}: it is a flag of ${owners}.`);
  }
  const guess = flag.startsWith('--')
    ? closestWord(
        flag.slice(2),
        own.map((name) => name.slice(2)),
      )
    : undefined;
  const hint = guess === undefined ? '' : ` Did you mean --${guess}?`;
  return new UsageError(`Unknown flag ${flag}${where}.${hint}`);
}

function explainParseError(error: unknown, command: CommandName): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1] !== undefined) return unknownFlag(unknown[1], command);
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return new UsageError(`${missing[1]} needs a value.`);
  const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous)
    return new UsageError(
      `${ambiguous[1]} needs a value (write ${ambiguous[1]}=VALUE for one that starts with "-").`,
    );
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return new UsageError(`Unexpected argument "${positional[1]}".`);
  return new UsageError(message.replace(/\. To specify a positional argument.*$/s, '.'));
}

/** Parses argv (without node and the script) into a command, or throws UsageError. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  // Global flags may come before the command (`--cwd app list`): the command is the first word that is
  // neither a flag nor a flag's value.
  const at = commandIndex(argv);
  const first = at === undefined ? undefined : argv[at];
  let command: CommandName = 'wizard';
  let rest = argv;
  if (at !== undefined && first !== undefined) {
    if (first === 'help') {
      const topic = argv[at + 1];
      if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
      return { kind: 'help', command: topic };
    }
    if (!isCommand(first)) throw unknownCommand(first);
    command = first;
    rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  }
  const options = { ...COMMON, ...PER_COMMAND[command] };
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true; tokens: true }>
  >;
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw explainParseError(error, command);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (v.version === true) return { kind: 'version' };
  if (v.help === true) return { kind: 'help', command: command === 'wizard' ? undefined : command };
  const str = (name: string): string | undefined => {
    const value = v[name];
    if (typeof value !== 'string') return undefined;
    if (value.trim() === '') throw new UsageError(`--${name} needs a value.`);
    return value;
  };
  const flags: CommonFlags = {
    cwd: str('cwd'),
    apiPlan: str('api-plan'),
    dbPlan: str('db-plan'),
    types: str('types'),
    techStack: str('tech-stack'),
    rules: Array.isArray(v.rules) ? v.rules : [],
    out: str('out'),
    model: str('model'),
    baseUrl: str('base-url'),
    language: str('language'),
    prompt: str('prompt'),
    offline: v.offline === true,
    timeout: numberFlag(str('timeout'), 'timeout', { min: 1, integer: false }),
    idleTimeout: numberFlag(str('idle-timeout'), 'idle-timeout', { min: 1, integer: false }),
    contextWindow: numberFlag(str('context-window'), 'context-window', { min: 1024, integer: true }),
    maxRetries: numberFlag(str('max-retries'), 'max-retries', { min: 0, integer: true }),
  };
  const positionals = parsed.positionals;
  switch (command) {
    case 'wizard':
      if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
      return {
        kind: 'wizard',
        flags,
        prefetch: numberFlag(str('prefetch'), 'prefetch', { min: 0, integer: true }),
      };
    case 'list':
      if (positionals.length > 0) throw new UsageError(`"list" takes no arguments, got "${positionals[0]}".`);
      return { kind: 'list', flags, json: v.json === true };
    case 'generate': {
      const all = v.all === true;
      const stale = v.stale === true;
      if ([all, stale, positionals.length > 0].filter(Boolean).length > 1) {
        throw new UsageError('Pass either --all or endpoint ids (or --stale alone), not two of them.');
      }
      if (!all && !stale && positionals.length === 0) {
        throw new UsageError(
          'Say which endpoints to plan: --all, or ids / "METHOD /path" (see `endpoint-planner list`), or --stale for plans whose docs changed.',
        );
      }
      return {
        kind: 'generate',
        flags,
        all,
        stale,
        targets: positionals,
        yes: v.yes === true,
        force: v.force === true,
        dryRun: v['dry-run'] === true,
        concurrency: numberFlag(str('concurrency'), 'concurrency', { min: 1, integer: true }),
        flagWords: parsed.tokens.flatMap((token) => {
          if (token.kind !== 'option' || token.rawName === '--all') return [];
          return token.value === undefined ? [token.rawName] : [token.rawName, token.value];
        }),
        strict: v.strict === true,
        json: v.json === true,
      };
    }
    case 'prompt': {
      const [target, extra] = positionals;
      if (target === undefined) throw new UsageError('Say which endpoint: an id or "METHOD /path".');
      if (extra !== undefined) throw new UsageError(`"prompt" takes one endpoint, got also "${extra}".`);
      return { kind: 'prompt', flags, target };
    }
    case 'show': {
      const [target, extra] = positionals;
      if (target === undefined) throw new UsageError('Say which endpoint: an id or "METHOD /path".');
      if (extra !== undefined) throw new UsageError(`"show" takes one endpoint, got also "${extra}".`);
      return { kind: 'show', flags, target, json: v.json === true };
    }
  }
}
