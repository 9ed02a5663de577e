#!/usr/bin/env node
// The one composition root: argv, environment and config file → settings and adapters → a command or the wizard.
// Only the argument parser is imported up front so --version and --help answer before anything heavy loads;
// everything else arrives through dynamic imports, which the bundler splits into chunks.
import nodeModule from 'node:module';
import pkg from '../package.json' with { type: 'json' };
import type { ParseCache } from './adapters/parse-cache.ts';
import { type CommonFlags, type ParsedArgs, parseCliArgs, UsageError } from './args.ts';
import type { CodeMap } from './core/code/model.ts';
import type { Endpoint, Spec } from './core/docs/model.ts';
import type { DocsFacts } from './core/dossier/build.ts';
import type { Dossier } from './core/dossier/model.ts';
import type { BackoffPolicy } from './core/llm/backoff.ts';
import type { Clock, LlmClient, PlanEngine, PlannedFile, PlanStore } from './core/ports.ts';
import type { Template } from './core/prompt/template.ts';
import type { Tokenizer } from './core/prompt/tokens.ts';
import type { Settings } from './core/settings.ts';
import { helpText } from './help.ts';
import { InputError, type Io } from './io.ts';

// V8 keeps the compiled bundle chunks on disk between runs: measured, it takes the module compile step
// out of every start after the first.
nodeModule.enableCompileCache?.();

const clock: Clock = { now: () => Date.now() };

/** Color and style sequences (SGR), the only escapes the commands' own text carries. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function makeIo(): Io {
  const noColor = process.argv.includes('--no-color') || 'NO_COLOR' in process.env;
  // Color is decided by stdout; stderr redirected to a file while stdout is a terminal gets its text plain.
  const plainErr = process.stderr.isTTY !== true && !('FORCE_COLOR' in process.env);
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(plainErr ? text.replace(SGR, '') : text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    color: !noColor && (process.stdout.isTTY === true || 'FORCE_COLOR' in process.env),
    // A pseudo-terminal may report 0 columns: that is no width to lay out in.
    columns: process.stdout.columns || 80,
  };
}

type Loaded = {
  readonly settings: Settings;
  readonly spec: Spec;
  /** Where parses are kept between runs: none for `list`, or when the cache folder cannot be known. */
  readonly parseCache: ParseCache | undefined;
};

/**
 * Reads the config file and the docs. `onSettings` runs once the settings are known and before the docs are
 * parsed, to start work that needs only them.
 */
async function load(
  flags: CommonFlags,
  only: 'api' | 'all',
  options: {
    readonly concurrency?: number | undefined;
    readonly prefetch?: number | undefined;
    readonly onSettings?: (settings: Settings) => void;
  } = {},
): Promise<Loaded> {
  const { resolve } = await import('node:path');
  const { stat } = await import('./adapters/fs-read.ts');
  const root = resolve(flags.cwd ?? process.cwd());
  const info = await stat(root).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new InputError(`--cwd ${flags.cwd ?? root}: no such folder. Pass the root of your app repo.`);
  }
  const { loadConfigFile, loadSpec } = await import('./adapters/fs-docs.ts');
  const { resolveSettings } = await import('./core/settings.ts');
  // `list` parses the API plan alone and keeps nothing; the other commands keep the other docs' parses.
  const parseCache = only === 'api' ? undefined : docsParseCache().catch(() => undefined);
  const config = await loadConfigFile(root);
  if (config.kind === 'error') throw new InputError(config.message);
  const settings = resolveSettings({
    flags,
    config: config.config,
    env: process.env,
    root,
    resolvePath: (p) => resolve(root, p),
    concurrency: options.concurrency,
    prefetch: options.prefetch,
  });
  options.onSettings?.(settings);
  const overrides = {
    ...(flags.apiPlan === undefined ? {} : { apiPlan: flags.apiPlan }),
    ...(flags.dbPlan === undefined ? {} : { dbPlan: flags.dbPlan }),
    ...(flags.types === undefined ? {} : { types: flags.types }),
    ...(flags.techStack === undefined ? {} : { techStack: flags.techStack }),
    ...(flags.rules.length === 0 ? {} : { rules: flags.rules }),
  };
  const loaded = await loadSpec(
    {
      cwd: root,
      overrides,
      config: config.config,
      ...(config.file === undefined ? {} : { configFile: config.file }),
      out: settings.out,
      parseCache: await parseCache,
    },
    only === 'api' ? { only } : {},
  );
  if (loaded.kind === 'error') throw new InputError(loaded.error.message);
  return { settings, spec: loaded.spec, parseCache: await parseCache };
}

/** Where the docs' parses are kept: the user's cache folder, under this build's readers. */
async function docsParseCache(): Promise<ParseCache> {
  const [{ userCacheDir }, { parseCodeVersion }, { homedir }] = await Promise.all([
    import('./adapters/cache-dir.ts'),
    import('./adapters/parse-cache.ts'),
    import('node:os'),
  ]);
  return {
    dir: userCacheDir(process.env, process.platform, homedir()),
    version: await parseCodeVersion(pkg.version),
  };
}

/** What the docs say about an endpoint, kept between runs under the docs it was read from. */
async function keptDocsFacts(
  spec: Spec,
  endpoint: Endpoint,
  cache: ParseCache | undefined,
): Promise<DocsFacts> {
  const { cachedParse, dossierText } = await import('./adapters/parse-cache.ts');
  const read = async () => (await import('./core/dossier/build.ts')).docsFactsOf({ spec, endpoint });
  return cachedParse(cache, dossierText(spec), read, `${endpoint.id}\u0000${endpoint.lines.start}`);
}

/** Scans the project's code for route handlers and reusable code, cached in the user's cache folder. */
async function scanProjectCode(root: string, onProgress?: (files: number) => void): Promise<CodeMap> {
  const [{ scanCode, defaultCacheFile }, { homedir }] = await Promise.all([
    import('./adapters/code-scan.ts'),
    import('node:os'),
  ]);
  return scanCode(root, {
    cacheFile: defaultCacheFile(root, process.env, process.platform, homedir()),
    ...(onProgress === undefined ? {} : { onProgress: (p) => onProgress(p.files) }),
  });
}

async function resolveTargets(spec: Spec, targets: readonly string[]): Promise<readonly Endpoint[]> {
  const [{ findEndpoint }, { pathWithQuery }] = await Promise.all([
    import('./core/docs/find-endpoint.ts'),
    import('./core/routes/paths.ts'),
  ]);
  const found: Endpoint[] = [];
  const problems: string[] = [];
  for (const target of targets) {
    const result = findEndpoint(spec.api.endpoints, target);
    switch (result.kind) {
      case 'found':
        if (!found.includes(result.endpoint)) found.push(result.endpoint);
        break;
      case 'ambiguous':
        problems.push(
          `"${target}" matches ${result.matches.map((e) => `${e.id} (${e.method} ${pathWithQuery(e.path, e.query)})`).join(', ')}: use one of those ids.`,
        );
        break;
      case 'not-found': {
        const hint = result.suggestions.length > 0 ? ` Did you mean ${result.suggestions.join(', ')}?` : '';
        problems.push(
          `No endpoint "${target}" in ${spec.sources.apiPlan}.${hint} See \`endpoint-planner list\`.`,
        );
        break;
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return found;
}

/** The offline engine, and the dossiers it drafts from: generate's grounding check reuses them. */
type OfflineEngine = PlanEngine & { readonly dossierOf: (endpoint: Endpoint) => Dossier };

async function makeOfflineEngine(spec: Spec, settings: Settings): Promise<OfflineEngine> {
  const [{ createOfflineEngine }, { detectStack }, { buildDossier }, { planLanguage }, code] =
    await Promise.all([
      import('./core/plan/offline-engine.ts'),
      import('./core/plan/tech-stack.ts'),
      import('./core/dossier/build.ts'),
      import('./core/docs/language.ts'),
      // Drafts name the project's own handler and services instead of new ones.
      scanProjectCode(settings.root).catch(() => undefined),
    ]);
  // One dossier per endpoint serves its draft and the check of that draft.
  const dossiers = new Map<string, Dossier>();
  const dossierOf = (endpoint: Endpoint): Dossier => {
    const known = dossiers.get(endpoint.id);
    if (known !== undefined) return known;
    const built = buildDossier({ spec, endpoint, code });
    dossiers.set(endpoint.id, built);
    return built;
  };
  const [{ decidedFiles }, { join, relative, sep }] = await Promise.all([
    import('./core/plan/decisions.ts'),
    import('node:path'),
  ]);
  const relativeTo = (root: string, path: string) => relative(root, path).split(sep).join('/');
  const planned = (file: { path: string; planFile: string; line: number } | undefined) =>
    file === undefined
      ? undefined
      : {
          path: file.path,
          source: { file: relativeTo(settings.root, join(settings.out, file.planFile)), line: file.line },
        };
  const engine = createOfflineEngine({
    // Drafts keep to the files plans already saved chose (a plan saved a moment ago counts).
    decidedFor: async (endpoint) => {
      const files = decidedFiles(await savedPlanDecisions(spec, settings), endpoint.path);
      return Object.fromEntries(
        (
          [
            ['service', files.get('service-file')],
            ['schema', files.get('schema-file')],
            ['errors', files.get('error-file')],
            ['middleware', files.get('middleware-file')],
          ] as const
        ).flatMap(([slot, file]) => {
          const place = planned(file);
          return place === undefined ? [] : [[slot, place]];
        }),
      );
    },
    dossierOf,
    stack: detectStack(spec.techStack, spec.sources.types),
    rules: spec.rules.map((picked) => ({ path: picked.rule.path, body: picked.rule.body })),
    language: planLanguage(settings.language, spec).code,
    typesFile: spec.sources.types,
  });
  return { ...engine, dossierOf };
}

/** generate's grounding check: an offline draft is checked against the dossier it was drafted from. */
async function makePlanCheck(spec: Spec, settings: Settings, offline: OfflineEngine | undefined) {
  const { createPlanCheck, groundingIndex, groundPlan } = await import('./core/plan/ground.ts');
  if (offline === undefined)
    return createPlanCheck(spec, await scanProjectCode(settings.root).catch(() => undefined));
  const index = groundingIndex(spec);
  return (endpoint: Endpoint, plan: string) => groundPlan(plan, [offline.dossierOf(endpoint)], index);
}

async function loadTemplate(settings: Settings) {
  const { readFile } = await import('./adapters/fs-read.ts');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { parseTemplate } = await import('./core/prompt/template.ts');
  const { normalizeText } = await import('./adapters/fs-docs.ts');
  const { PROJECT_PROMPT } = await import('./core/settings.ts');
  const projectFile = join(settings.root, PROJECT_PROMPT);
  const builtIn = fileURLToPath(new URL('../prompts/endpoint-plan.md', import.meta.url));
  const candidates = settings.promptFile !== undefined ? [settings.promptFile] : [projectFile, builtIn];
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && file !== settings.promptFile) return undefined;
      throw new InputError(`--prompt ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
    });
    if (text === undefined) continue;
    const parsed = parseTemplate(normalizeText(text), file);
    if (parsed.kind === 'error') throw new InputError(parsed.message);
    return parsed.template;
  }
  throw new InputError(`The built-in prompt template is missing at ${builtIn}: reinstall endpoint-planner.`);
}

async function makeLlm(settings: Settings): Promise<LlmClient> {
  // The SDK takes ~300 ms to import; start it now, while the docs load, instead of on the first request.
  void import('openai').catch(() => undefined);
  const { createOpenAiLlm } = await import('./adapters/openai-llm.ts');
  const backoff = await retryBackoff();
  return createOpenAiLlm({
    apiKey: settings.apiKey ?? '',
    baseURL: settings.baseURL,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    idleTimeoutMs: settings.idleTimeoutMs,
    maxRetries: settings.maxRetries,
    backoff,
    unreachableBudgetMs: backoff.baseMs * UNREACHABLE_BUDGET_IN_FIRST_DELAYS,
  });
}

/** The plans folder, with the user's state folder and the OS temp folder for plans it cannot take. */
async function makeStore(settings: Settings): Promise<PlanStore> {
  const [{ createFsPlanStore, unsavedFolders }, { homedir, tmpdir }] = await Promise.all([
    import('./adapters/fs-store.ts'),
    import('node:os'),
  ]);
  const folders = unsavedFolders({
    env: process.env,
    platform: process.platform,
    home: homedir(),
    tmp: tmpdir(),
  });
  return createFsPlanStore(settings.out, { clock, unsavedFolders: folders });
}

/** A server that cannot be reached is retried for about five first-retry delays (5 s by default). */
const UNREACHABLE_BUDGET_IN_FIRST_DELAYS = 5;

/**
 * The retry timing. `ENDPOINT_PLANNER_RETRY_MS` sets the first retry's delay (default 1000); the rest scales with
 * it, so tests and benchmarks run every retry path in milliseconds.
 */
async function retryBackoff(): Promise<BackoffPolicy> {
  const { defaultBackoff } = await import('./core/llm/backoff.ts');
  const baseMs = Number(process.env.ENDPOINT_PLANNER_RETRY_MS);
  if (!Number.isFinite(baseMs) || baseMs <= 0) return defaultBackoff;
  const scale = baseMs / defaultBackoff.baseMs;
  return { ...defaultBackoff, baseMs, maxMs: defaultBackoff.maxMs * scale };
}

/** What every prompt of a run is built with besides the docs: the code map, saved plans' decisions, the budget. */
type Prompting = {
  readonly language: string;
  readonly code: CodeMap | undefined;
  readonly decisionsFor: (endpoint: Endpoint) => Promise<string>;
  readonly budgetLevel: number;
};

/**
 * Prepares the run's prompting: scans the code, reads saved plans' decisions when a request starts, and picks the
 * context budget's cut from --context-window, the config file or the local server's window. `warn` gets at most one
 * sentence about the window.
 */
async function preparePrompting(
  spec: Spec,
  settings: Settings,
  template: Template,
  warn: (text: string) => void,
): Promise<Prompting> {
  const [{ planLanguage }, { carryDecisions }, code] = await Promise.all([
    import('./core/docs/language.ts'),
    import('./core/plan/decisions.ts'),
    scanProjectCode(settings.root).catch(() => undefined),
  ]);
  const language = planLanguage(settings.language, spec).code;
  const decisionsFor = async (endpoint: Endpoint): Promise<string> =>
    carryDecisions(await savedPlanDecisions(spec, settings), endpoint.path);
  const budgetLevel = await chooseBudgetLevel(spec, settings, template, language, code, warn);
  return { language, code, decisionsFor, budgetLevel };
}

/** The decisions of the plans saved so far, read now (a plan saved a moment ago counts). */
async function savedPlanDecisions(spec: Spec, settings: Settings) {
  const [{ createFsPlanStore }, { readSavedDecisions }] = await Promise.all([
    import('./adapters/fs-store.ts'),
    import('./adapters/saved-decisions.ts'),
  ]);
  const store = createFsPlanStore(settings.out, { clock });
  const planned = await store.list().catch(() => []);
  if (planned.length === 0) return [];
  const pathById = new Map(spec.api.endpoints.map((e) => [e.id, e.path]));
  return readSavedDecisions(store.dir, planned, (id) => pathById.get(id));
}

/** The context budget's cut for the run (0: none), and the one warning when a window is too small or unknown. */
async function chooseBudgetLevel(
  spec: Spec,
  settings: Settings,
  template: Template,
  language: string,
  code: CodeMap | undefined,
  warn: (text: string) => void,
): Promise<number> {
  const [{ buildMessages }, { buildDossier }, budget, { loadTokenizer }, { planFileHint }, windows] =
    await Promise.all([
      import('./core/prompt/build-messages.ts'),
      import('./core/dossier/build.ts'),
      import('./core/prompt/budget.ts'),
      import('./core/prompt/tokens.ts'),
      import('./core/plan/llm-engine.ts'),
      import('./adapters/server-window.ts'),
    ]);
  let window = settings.contextWindow;
  let server: string | undefined;
  if (
    window === undefined &&
    settings.baseURL !== undefined &&
    settings.apiKey !== undefined &&
    !settings.offline
  ) {
    const found = await windows.serverWindow(settings.baseURL, settings.model, settings.apiKey);
    if (found.kind === 'known') window = found.tokens;
    else server = found.server;
  }
  const endpoints = spec.api.endpoints;
  if (endpoints.length === 0 || (window === undefined && server === undefined)) return 0;
  const tokenizer = await loadTokenizer(settings.model);
  const dossiers = new Map(endpoints.map((e) => [e, buildDossier({ spec, endpoint: e, code })]));
  const build = (endpoint: Endpoint, level: number) =>
    buildMessages({
      template,
      spec,
      endpoint,
      dossier: dossiers.get(endpoint),
      language,
      instructions: undefined,
      problems: [],
      planFile: planFileHint(endpoint),
      budgetLevel: level,
    });
  const count = (messages: Parameters<typeof tokenizer.count>[0]) => tokenizer.count(messages).tokens;
  if (window === undefined) {
    const whole = budget.runLevelThatFits(endpoints, build, count, Number.POSITIVE_INFINITY).tokens;
    if (whole > windows.LOCAL_DEFAULT_WINDOW) {
      warn(
        `Prompts are up to ${whole.toLocaleString('en-US')} tokens and ${server} at ${settings.baseURL} did not say its context window: it may cut longer prompts without a word (its default is often ${windows.LOCAL_DEFAULT_WINDOW.toLocaleString('en-US')}). Set the window with --context-window N or "contextWindow" in .endpoint-planner.json.\n`,
      );
    }
    return 0;
  }
  const answerRoom = Math.min(4096, Math.floor(window / 4));
  const room = budget.promptBudget(window, answerRoom, tokenizer.approximate);
  const fit = budget.runLevelThatFits(endpoints, build, count, room);
  if (!fit.fits) {
    warn(
      `Even with ${budget.leftOutAt(fit.level).join(', ')} left out, the largest prompt is ${fit.tokens.toLocaleString('en-US')} tokens, more than the ${room.toLocaleString('en-US')} a ${window.toLocaleString('en-US')}-token window leaves: the endpoint's own facts do not fit, so the model may see a cut prompt.\n`,
    );
  }
  return fit.level;
}

async function makeLlmEngine(
  spec: Spec,
  settings: Settings,
  template: Promise<Template> = loadTemplate(settings),
  warn: (text: string) => void = () => undefined,
): Promise<PlanEngine> {
  const [{ createLlmEngine }, parsed, llm] = await Promise.all([
    import('./core/plan/llm-engine.ts'),
    template,
    makeLlm(settings),
  ]);
  const prompting = await preparePrompting(spec, settings, parsed, warn);
  return createLlmEngine({ llm, spec, template: parsed, ...prompting });
}

const NO_MODEL = `No model is configured. Either set OPENAI_API_KEY (and --model, or --base-url for a local
OpenAI-compatible server such as Ollama: http://localhost:11434/v1), or pass --offline to write drafts with
the built-in offline engine (no model, no key).`;

function interruptSignal(io: Io): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    io.err('\nStopping: cancelling the requests in flight…\n');
    controller.abort();
    // The cancelled run settles in moments and prints its tally; a second Ctrl+C only bounds the wait for it.
    process.once('SIGINT', () => setTimeout(() => process.exit(130), 1_000).unref());
  });
  return controller.signal;
}

async function confirmOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${question} [Y/n] `).finally(() => rl.close());
  return !/^\s*n/i.test(answer);
}

async function executeCommand(args: ParsedArgs, io: Io): Promise<number> {
  switch (args.kind) {
    case 'version':
      io.out(`${pkg.version}\n`);
      return 0;
    case 'help':
      io.out(`${helpText(args.command)}\n`);
      return 0;
    case 'list': {
      const modules = Promise.all([import('./adapters/fs-store.ts'), import('./commands/list.ts')]);
      // The plan files are listed while the API plan is read and parsed: once it is parsed the output goes
      // straight out, with no idle moment in which the garbage collector finishes its marking (~10 ms).
      let planned: Promise<readonly PlannedFile[]> | undefined;
      let out = '';
      let code: Promise<CodeMap> | undefined;
      const { spec } = await load(args.flags, 'api', {
        onSettings: (settings) => {
          out = settings.out;
          planned = modules.then(([{ createFsPlanStore }]) =>
            createFsPlanStore(settings.out, { clock }).list(),
          );
          planned.catch(() => undefined);
          code = scanProjectCode(settings.root);
          code.catch(() => undefined);
        },
      });
      const [[, { listEndpoints }], plans, codeMap] = await Promise.all([modules, planned ?? [], code]);
      const stale = await stalePlans(args.flags, out, spec, plans);
      return listEndpoints({ io, spec, planned: plans, stale, code: codeMap, json: args.json });
    }
    case 'prompt': {
      const { settings, spec } = await load(args.flags, 'all');
      const [endpoint] = await resolveTargets(spec, [args.target]);
      if (endpoint === undefined) return 2;
      const [{ printPrompt }, template] = await Promise.all([
        import('./commands/prompt.ts'),
        loadTemplate(settings),
      ]);
      const { loadTokenizer } = await import('./core/prompt/tokens.ts');
      const [tokenizer, prompting] = await Promise.all([
        loadTokenizer(settings.model),
        preparePrompting(spec, settings, template, io.err),
      ]);
      return printPrompt({
        io,
        spec,
        endpoint,
        template,
        settings,
        tokenizer,
        code: prompting.code,
        decisions: await prompting.decisionsFor(endpoint),
        budgetLevel: prompting.budgetLevel,
      });
    }
    case 'show': {
      let code: Promise<CodeMap> | undefined;
      const { settings, spec, parseCache } = await load(args.flags, 'all', {
        onSettings: (s) => {
          code = scanProjectCode(s.root);
          code.catch(() => undefined);
        },
      });
      const [endpoint] = await resolveTargets(spec, [args.target]);
      if (endpoint === undefined) return 2;
      const [{ showEndpoint }, { planLanguage }, decisions, plans, docsFacts] = await Promise.all([
        import('./commands/show.ts'),
        import('./core/docs/language.ts'),
        import('./core/plan/decisions.ts'),
        savedPlanDecisions(spec, settings),
        keptDocsFacts(spec, endpoint, parseCache),
      ]);
      return showEndpoint({
        io,
        spec,
        endpoint,
        docsFacts,
        code: await code,
        savedPlans: {
          decisions: decisions.carryDecisions(plans, endpoint.path),
          conflicts: decisions.decisionConflicts(plans),
        },
        json: args.json,
        language: planLanguage(settings.language, spec),
      });
    }
    case 'generate': {
      const { settings, spec } = await load(args.flags, 'all', { concurrency: args.concurrency });
      // A dry run sends nothing, so it needs no key.
      if (!args.dryRun && !settings.offline && !settings.modelConfigured) throw new InputError(NO_MODEL);
      const { currentFingerprints } = await import('./adapters/facts-cache.ts');
      const fingerprints = await currentFingerprints(settings.out, spec);
      const stale = args.stale ? await staleTargets(settings.out, spec, fingerprints) : undefined;
      if (stale !== undefined && stale.length === 0) {
        io.out('No stale plans: every saved plan was written from the facts the docs give now.\n');
        return 0;
      }
      const targets = stale ?? (args.all ? spec.api.endpoints : await resolveTargets(spec, args.targets));
      if (targets.length === 0) throw new InputError(`No endpoints found in ${spec.sources.apiPlan}.`);
      const [{ createFsPlanStore }, { generatePlans }, { costOf }, { backoffDelay }, { describeLlmError }] =
        await Promise.all([
          import('./adapters/fs-store.ts'),
          import('./commands/generate.ts'),
          import('./core/llm/pricing.ts'),
          import('./core/llm/backoff.ts'),
          import('./core/llm/errors.ts'),
        ]);
      if (args.dryRun) {
        const { previewGenerate } = await import('./commands/dry-run.ts');
        const template = settings.offline ? undefined : await loadTemplate(settings);
        const { attributePlans } = await import('./core/plan/planned.ts');
        const planned = attributePlans(
          await createFsPlanStore(settings.out, { clock }).list(),
          spec.api.endpoints,
        );
        const { loadTokenizer } = await import('./core/prompt/tokens.ts');
        const tokenizer = template === undefined ? undefined : await loadTokenizer(settings.model);
        return previewGenerate({
          io,
          spec,
          settings,
          targets,
          template,
          planned,
          force: args.force || args.stale,
          tokenizer,
          costOf,
        });
      }
      const store = await makeStore(settings);
      const { attributePlans } = await import('./core/plan/planned.ts');
      const planned = attributePlans(await store.list(), spec.api.endpoints);
      // The plans folder is proved writable before anything talks to the server (the engine asks a local server
      // for its context window), when there is something to write.
      const { plannedByEndpoint } = await import('./core/plan/planned.ts');
      const byId = plannedByEndpoint(planned);
      if (args.force || targets.some((endpoint) => !byId.has(endpoint.id))) {
        const check = await store.ensureWritable();
        if (check.kind === 'not-writable') {
          const { describeNotWritable } = await import('./commands/generate.ts');
          throw new InputError(describeNotWritable(check));
        }
      }
      const offline = settings.offline ? await makeOfflineEngine(spec, settings) : undefined;
      const engine = offline ?? (await makeLlmEngine(spec, settings, loadTemplate(settings), io.err));
      const { planInputsHash } = await import('./adapters/inputs-hash.ts');
      const { setTimeout: sleep } = await import('node:timers/promises');
      const backoff = await retryBackoff();
      return generatePlans({
        io,
        engine,
        store,
        clock,
        targets,
        planned,
        force: args.force || args.stale,
        concurrency: settings.concurrency,
        signal: interruptSignal(io),
        restart: {
          maxRestarts: settings.maxRetries,
          delayMs: (attempt, error) => backoffDelay(attempt, error, Math.random, backoff),
          sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
        },
        inputsHash: (endpoint) => planInputsHash(endpoint, engine.name),
        resumeCommand: (endpoints) => {
          // Planned endpoints are skipped, so `--all` resumes exactly; with --force it would plan them again.
          const which = args.all && !args.force ? ['--all'] : endpoints.map((endpoint) => endpoint.id);
          return ['endpoint-planner', 'generate', ...which, ...args.flagWords].map(shellWord).join(' ');
        },
        factsFingerprint: (endpoint) => fingerprints.get(endpoint.id),
        cost: (usage) => costOf(settings.model, usage),
        describe: (error) => describeLlmError(error, { baseURL: settings.baseURL, model: settings.model }),
        confirm: args.yes || args.json || !io.stdinIsTTY || !io.stdoutIsTTY ? undefined : confirmOnTerminal,
        check: await makePlanCheck(spec, settings, offline),
        strict: args.strict,
        json: args.json,
      });
    }
    case 'wizard': {
      if (!io.stdinIsTTY || !io.stdoutIsTTY) {
        throw new InputError(
          'The wizard needs a terminal (stdin and stdout are not a TTY). Without one, use `endpoint-planner generate --all` (add --offline without a model).',
        );
      }
      // Ink colours through chalk, which reads --no-color but not NO_COLOR: FORCE_COLOR=0 turns it off before
      // chalk loads, so the wizard keeps the promise list and generate keep.
      if (!io.color) process.env.FORCE_COLOR = '0';
      // The picker needs only the API plan: it shows first, and the other docs, the engine, the SDK and the
      // tokenizer load behind it. Ink, React and yoga's WebAssembly load while the API plan is read.
      const wizardModule = import('./commands/wizard.tsx');
      const { settings, spec: apiOnly } = await load(args.flags, 'api', { prefetch: args.prefetch });
      const llm = !settings.offline && settings.modelConfigured;
      const [
        { createFsDraftStore },
        { createEditor },
        { startWizard },
        { costOf },
        { createEstimator },
        { describeLlmError },
      ] = await Promise.all([
        import('./adapters/fs-drafts.ts'),
        import('./adapters/editor.ts'),
        wizardModule,
        import('./core/llm/pricing.ts'),
        import('./core/prompt/estimate.ts'),
        import('./core/llm/errors.ts'),
      ]);
      const { tmpdir } = await import('node:os');
      const store = await makeStore(settings);
      const drafts = createFsDraftStore(settings.out, clock);
      const priced = pricedServer(settings.baseURL) ? costOf : () => undefined;
      const firstFrame = deferred<void>();
      const spec = firstFrame.promise.then(() => load(args.flags, 'all')).then((loaded) => loaded.spec);
      // Read behind the first frame too: a broken template ends the wizard with its error before anything is
      // generated, as it stops `generate`.
      const template = llm ? firstFrame.promise.then(() => loadTemplate(settings)) : undefined;
      // Never rejects: when the docs fail to load the wizard ends anyway, and the estimate keeps its guess.
      const tokenizer =
        template === undefined
          ? undefined
          : new Promise<Tokenizer>((resolve) => {
              Promise.all([spec, template])
                .then(() => import('./core/prompt/tokens.ts'))
                .then((m) => m.loadTokenizer(settings.model))
                .then(resolve, () => undefined);
            });
      const estimator = (of: Spec, parsed: Template | undefined) =>
        createEstimator({ spec: of, settings, template: parsed, tokenizer, costOf: priced });
      // The context budget's warning cannot go to stderr while Ink owns the screen: the picker shows it.
      const budgetWarnings: string[] = [];
      const llmEngine =
        llm && !settings.offline
          ? spec.then((full) =>
              makeLlmEngine(full, settings, template, (text) => budgetWarnings.push(text.trim())),
            )
          : undefined;
      const engine = settings.offline
        ? whenReady({ name: 'offline', kind: 'offline' }, () =>
            spec.then((full) => makeOfflineEngine(full, settings)),
          )
        : llmEngine === undefined
          ? undefined
          : whenReady({ name: settings.model, kind: 'llm' }, () => llmEngine);
      const [listed, kept] = await Promise.all([store.list(), drafts.load().catch(() => [])]);
      const { attributePlans } = await import('./core/plan/planned.ts');
      const planned = attributePlans(listed, apiOnly.api.endpoints);
      // Stale plans are known before the first frame while the docs are unchanged (the facts cache); otherwise
      // once every doc is read.
      const staleNow = await stalePlans(args.flags, settings.out, apiOnly, planned, false);
      const rest = Promise.all([
        spec,
        template,
        import('./core/plan/ground.ts'),
        import('./core/docs/language.ts'),
        import('./adapters/facts-cache.ts'),
        import('./core/plan/fingerprint.ts'),
        import('./core/plan/planned.ts'),
      ]).then(
        async ([
          full,
          parsed,
          { createPlanCheck },
          { planLanguage },
          { currentFingerprints },
          { staleness },
          { plannedByEndpoint },
        ]) => {
          const fingerprints = await currentFingerprints(settings.out, full);
          const saved = new Map(
            [...plannedByEndpoint(planned)].map(([id, file]) => [id, file.factsFingerprint] as const),
          );
          return {
            spec: full,
            estimate: estimator(full, parsed),
            check: createPlanCheck(full, await scanProjectCode(settings.root).catch(() => undefined)),
            language: planLanguage(settings.language, full),
            factsFingerprint: (endpoint: Endpoint) => fingerprints.get(endpoint.id),
            stale: staleIds(staleness(saved, fingerprints)),
          };
        },
      );
      return startWizard({
        spec: apiOnly,
        rest,
        planned,
        deps: {
          engine,
          store,
          drafts,
          editor: createEditor(process.env, process.platform, tmpdir()),
          clock,
        },
        makeOfflineEngine: () => spec.then((full) => makeOfflineEngine(full, settings)),
        estimate: estimator(apiOnly, undefined),
        modelLabel: llm ? settings.model : undefined,
        costOf: (usage) => priced(settings.model, usage),
        describeError: (error) =>
          describeLlmError(error, { baseURL: settings.baseURL, model: settings.model }),
        onFirstFrame: () => firstFrame.resolve(),
        budgetWarning: llmEngine?.then(
          () => (budgetWarnings.length === 0 ? undefined : budgetWarnings.join(' ')),
          () => undefined,
        ),
        prefetch: llm ? settings.prefetch : 0,
        engineHost: llm ? serverHost(settings.baseURL) : undefined,
        kept: Object.fromEntries(kept.map((record) => [record.endpointId, record.drafts])),
        stale: staleIds(staleNow),
        // The code is scanned behind the first frame, like the other docs.
        scanCode: (onProgress) => firstFrame.promise.then(() => scanProjectCode(settings.root, onProgress)),
      });
    }
  }
}

/** A word as a POSIX shell reads it back: quoted only when it has to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The model server's host for the status line: `api.openai.com` unless a base URL names another. */
function serverHost(baseURL: string | undefined): string {
  if (baseURL === undefined) return 'api.openai.com';
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** OpenAI's list prices hold on OpenAI's own server only: a local or other server's price is unknown. */
function pricedServer(baseURL: string | undefined): boolean {
  return serverHost(baseURL) === 'api.openai.com';
}

function staleIds(stale: ReadonlyMap<string, boolean | null>): ReadonlySet<string> {
  return new Set([...stale].flatMap(([id, value]) => (value === true ? [id] : [])));
}

/**
 * Whether each saved plan is stale. Only plans that recorded a fingerprint need the facts: they come from the cache
 * while the docs are unchanged, and otherwise from the whole docs (read once, and the cache refreshed).
 */
async function stalePlans(
  flags: CommonFlags,
  out: string,
  apiOnly: Spec,
  plans: readonly PlannedFile[],
  /** False: answer from the cache only (unknown otherwise), never reading the other docs. */
  readAll = true,
): Promise<ReadonlyMap<string, boolean | null>> {
  const { staleness } = await import('./core/plan/fingerprint.ts');
  const { attributePlans, plannedByEndpoint } = await import('./core/plan/planned.ts');
  const saved = new Map(
    [...plannedByEndpoint(attributePlans(plans, apiOnly.api.endpoints))].map(
      ([id, file]) => [id, file.factsFingerprint] as const,
    ),
  );
  if (![...saved.values()].some((fingerprint) => fingerprint !== undefined))
    return staleness(saved, new Map());
  const { cachedFingerprints, currentFingerprints } = await import('./adapters/facts-cache.ts');
  const cached = await cachedFingerprints(out, apiOnly.apiText);
  if (cached === undefined && !readAll) return staleness(saved, new Map());
  const current = cached ?? (await currentFingerprints(out, (await load(flags, 'all')).spec));
  return staleness(saved, current);
}

/** The endpoints whose saved plan is stale, in document order. */
async function staleTargets(
  out: string,
  spec: Spec,
  fingerprints: ReadonlyMap<string, string>,
): Promise<readonly Endpoint[]> {
  const [{ createFsPlanStore }, { staleness }, { attributePlans, plannedByEndpoint }] = await Promise.all([
    import('./adapters/fs-store.ts'),
    import('./core/plan/fingerprint.ts'),
    import('./core/plan/planned.ts'),
  ]);
  const planned = plannedByEndpoint(attributePlans(await createFsPlanStore(out).list(), spec.api.endpoints));
  const saved = new Map([...planned].map(([id, file]) => [id, file.factsFingerprint] as const));
  const stale = staleness(saved, fingerprints);
  return spec.api.endpoints.filter((endpoint) => stale.get(endpoint.id) === true);
}

/** A promise with its resolve function, for starting work once something else has happened. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * An engine whose parts are still loading: its first generation waits for them, so building it (the OpenAI SDK
 * alone takes ~300 ms to import) never delays the first frame.
 */
function whenReady(info: Pick<PlanEngine, 'name' | 'kind'>, build: () => Promise<PlanEngine>): PlanEngine {
  const engine = build();
  // Failures surface on the first generation; until then the rejection is held, not unhandled.
  engine.catch(() => undefined);
  return {
    ...info,
    async *generate(request, signal) {
      yield* (await engine).generate(request, signal);
    },
  };
}

/** A write made only of terminal control sequences (cursor show/hide, moves, erases). */
const CONTROL_ONLY = new RegExp(`^(?:${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z])+$`);

/**
 * Keeps escape sequences off a stderr that is no terminal. Ink hides the cursor through cli-cursor, whose exit hook
 * (restore-cursor) writes `ESC[?25h` to stderr whatever stderr is: a redirected log got it. Such a write goes to
 * stdout when that is the terminal whose cursor was hidden, and nowhere otherwise.
 */
function keepControlSequencesOffStderr(): void {
  if (process.stderr.isTTY === true) return;
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string' && CONTROL_ONLY.test(chunk)) {
      if (process.stdout.isTTY === true) process.stdout.write(chunk);
      const done = rest.at(-1);
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
}

async function main(): Promise<number> {
  keepControlSequencesOffStderr();
  // A reader that stops early (`list | head`) closes the pipe: stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const io = makeIo();
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    // `npx -p node@24 -- endpoint-planner` would not find the command: npx's PATH holds node, not this package.
    const again = [
      'npx',
      '-y',
      '-p',
      'node@24',
      '--',
      'node',
      process.argv[1] ?? 'dist/cli.js',
      ...process.argv.slice(2),
    ];
    io.err(
      `endpoint-planner needs Node.js 22 or newer; this is ${process.version}. Run it on Node 24 with: ${again.map(shellWord).join(' ')}\n`,
    );
    return 1;
  }
  try {
    return await executeCommand(parseCliArgs(process.argv.slice(2)), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`endpoint-planner: ${error.message}\nRun \`endpoint-planner --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`endpoint-planner: ${error.message}\n`);
      return 2;
    }
    io.err(
      `endpoint-planner: unexpected error (a bug; please report it):\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await main();
// Exit as soon as the output is out: a natural exit first runs the garbage collector's pending work (a full
// mark-compact after a large plan, measured 6-10 ms). The compile cache is written first, as a natural exit does.
nodeModule.flushCompileCache?.();
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
);
process.exit();
