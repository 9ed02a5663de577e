import type { Endpoint } from '../core/docs/model.ts';
import {
  addUsage,
  type GenerationOutcome,
  generatePlan,
  type RestartPolicy,
} from '../core/plan/generate-plan.ts';
import { type Finding, formatFinding } from '../core/plan/ground.ts';
import { plannedByEndpoint } from '../core/plan/planned.ts';
import type { Clock, LlmError, PlanEngine, PlannedFile, PlanStore, Usage } from '../core/ports.ts';
import type { Io } from '../io.ts';
import { colors } from '../terminal/colors.ts';
import { createLiveLines, type LiveLines } from '../terminal/live-lines.ts';

/** Everything `generate` needs, built by the composition root. */
export type GenerateInput = {
  readonly io: Io;
  readonly engine: PlanEngine;
  readonly store: PlanStore;
  readonly clock: Clock;
  /** The endpoints asked for, in the order their files are numbered. */
  readonly targets: readonly Endpoint[];
  readonly planned: readonly PlannedFile[];
  readonly force: boolean;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly restart: RestartPolicy;
  readonly inputsHash: (endpoint: Endpoint) => string;
  /** The fingerprint of the endpoint's facts, recorded with its plan so a later `list` can tell it is stale. */
  readonly factsFingerprint?: ((endpoint: Endpoint) => string | undefined) | undefined;
  readonly cost: (usage: Usage) => number | undefined;
  /** One actionable sentence for a failed request. */
  readonly describe: (error: LlmError) => string;
  /** Shown before starting and asked about on a terminal unless --yes; undefined means go. */
  readonly confirm: ((question: string) => Promise<boolean>) | undefined;
  /** The grounding check of a finished plan; its findings are reported, never sent anywhere by themselves. */
  readonly check?: ((endpoint: Endpoint, plan: string) => readonly Finding[]) | undefined;
  /** --strict: exit 1 when any plan has findings. */
  readonly strict?: boolean | undefined;
  /** --json: progress goes to stderr and stdout gets one JSON document of the results. */
  readonly json?: boolean | undefined;
};

type Result =
  | {
      readonly kind: 'saved';
      readonly endpoint: Endpoint;
      readonly file: string;
      readonly warnings: readonly string[];
      readonly findings: readonly Finding[];
    }
  | { readonly kind: 'failed'; readonly endpoint: Endpoint; readonly reason: string }
  | { readonly kind: 'skipped'; readonly endpoint: Endpoint; readonly file: string }
  | { readonly kind: 'interrupted'; readonly endpoint: Endpoint };

/** Failures that every other request of the run would hit too. */
const FATAL: ReadonlySet<LlmError['kind']> = new Set([
  'auth',
  'permission',
  'model-not-found',
  'quota-exhausted',
]);

const label = (e: Endpoint): string => `${e.method} ${e.path}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const formatTokens = (usage: Usage | undefined): string =>
  usage === undefined
    ? ''
    : `${(usage.promptTokens + usage.completionTokens).toLocaleString('en-US')} tokens`;

/** `endpoint-planner generate`: plans the targets, at most `concurrency` at once, saving in the chosen order. */
export async function generatePlans(input: GenerateInput): Promise<number> {
  if (input.json === true) {
    const results: Result[] = [];
    const human: Io = { ...input.io, out: input.io.err, stdoutIsTTY: false };
    const code = await generateAndReport({ ...input, io: human }, results);
    input.io.out(`${JSON.stringify(resultsJson(results, code), null, 2)}\n`);
    return code;
  }
  return generateAndReport(input, []);
}

async function generateAndReport(input: GenerateInput, results: Result[]): Promise<number> {
  const { io, engine, store, clock, signal } = input;
  const paint = colors(io.color);
  const byId = plannedByEndpoint(input.planned);
  const todo: Endpoint[] = [];
  for (const endpoint of input.targets) {
    const existing = byId.get(endpoint.id);
    if (existing !== undefined && !input.force)
      results.push({ kind: 'skipped', endpoint, file: existing.file });
    else todo.push(endpoint);
  }
  for (const r of results) {
    if (r.kind === 'skipped')
      io.out(`${paint.dim('-')} ${label(r.endpoint)} ${paint.dim(`already planned: ${r.file}`)}\n`);
  }
  if (todo.length === 0) {
    io.out(
      `Nothing to do: all ${input.targets.length} endpoint(s) already have a plan (--force plans them again).\n`,
    );
    return 0;
  }
  if (input.confirm !== undefined) {
    const engineName = engine.kind === 'offline' ? 'the offline draft engine' : `model ${engine.name}`;
    const go = await input.confirm(`Write ${todo.length} plan(s) into ${store.dir} with ${engineName}?`);
    if (!go) {
      io.out('Nothing written.\n');
      return 0;
    }
  }

  // A bad key, a missing model or an exhausted quota fails every request alike: after the first one no new
  // request starts (those in flight finish on their own).
  let fatal: string | undefined;
  const started = clock.now();
  const live: LiveLines | undefined = io.stdoutIsTTY ? createLiveLines(io.out, io.columns) : undefined;
  const print = (line: string): void => (live ? live.log(line) : io.out(`${line}\n`));
  const progress = new Map<number, string>();
  const refresh = (): void => live?.set([...progress.values()]);

  let usage: Usage | undefined;
  const outcomes: (GenerationOutcome | undefined)[] = todo.map(() => undefined);
  const durations: number[] = todo.map(() => 0);
  let nextToSave = 0;
  let saving: Promise<void> = Promise.resolve();

  // Files are numbered in the chosen order: a finished plan waits until every plan before it is saved or failed.
  const flushInOrder = async (): Promise<void> => {
    while (nextToSave < todo.length) {
      const outcome = outcomes[nextToSave];
      const endpoint = todo[nextToSave];
      if (outcome === undefined || endpoint === undefined) return;
      const index = nextToSave;
      nextToSave++;
      results.push(await settle(endpoint, outcome, durations[index] ?? 0));
    }
  };

  const settle = async (endpoint: Endpoint, outcome: GenerationOutcome, ms: number): Promise<Result> => {
    switch (outcome.kind) {
      case 'aborted':
        return { kind: 'interrupted', endpoint };
      case 'failed': {
        const reason = input.describe(outcome.error);
        print(`${paint.red('✗')} ${label(endpoint)}  ${paint.red(reason)}`);
        return { kind: 'failed', endpoint, reason };
      }
      case 'ok': {
        const { generated } = outcome;
        if (generated.plan.trim() === '') {
          const reason = 'The model returned no plan text.';
          print(`${paint.red('✗')} ${label(endpoint)}  ${paint.red(reason)}`);
          return { kind: 'failed', endpoint, reason };
        }
        try {
          const saved = await store.save({
            endpoint,
            content: generated.plan.endsWith('\n') ? generated.plan : `${generated.plan}\n`,
            inputsHash: input.inputsHash(endpoint),
            engine: engine.name,
            factsFingerprint: input.factsFingerprint?.(endpoint),
          });
          usage = addUsage(usage, generated.usage);
          const facts = [formatTokens(generated.usage), seconds(ms)].filter((s) => s !== '').join(', ');
          print(`${paint.green('✓')} ${saved.file}  ${label(endpoint)}  ${paint.dim(facts)}`);
          const warnings = generated.problems.map((p) => p.message);
          for (const w of warnings) print(`  ${paint.yellow('warning:')} ${w}`);
          const findings = input.check?.(endpoint, generated.plan) ?? [];
          for (const f of findings) print(`  ${paint.yellow('finding:')} ${formatFinding(saved.file, f)}`);
          return { kind: 'saved', endpoint, file: saved.file, warnings, findings };
        } catch (error) {
          const reason = `Could not save the plan: ${error instanceof Error ? error.message : String(error)}`;
          print(`${paint.red('✗')} ${label(endpoint)}  ${paint.red(reason)}`);
          return { kind: 'failed', endpoint, reason };
        }
      }
    }
  };

  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && fatal === undefined && cursor < todo.length) {
      const index = cursor++;
      const endpoint = todo[index];
      if (endpoint === undefined) return;
      const t0 = clock.now();
      progress.set(index, `… ${label(endpoint)}  waiting for the model`);
      refresh();
      const outcome = await generatePlan({
        engine,
        endpoint,
        signal,
        restart: input.restart,
        onProgress: (p) => {
          const phase = p.phase === 'plan' ? 'writing the plan' : 'analysing';
          const retry = p.attempt > 0 ? ` (restart ${p.attempt})` : '';
          progress.set(
            index,
            `… ${label(endpoint)}  ${phase}, ${p.chars.toLocaleString('en-US')} chars${retry}`,
          );
          refresh();
        },
      });
      durations[index] = clock.now() - t0;
      outcomes[index] = outcome;
      if (outcome.kind === 'failed' && FATAL.has(outcome.error.kind)) fatal ??= input.describe(outcome.error);
      progress.delete(index);
      refresh();
      saving = saving.then(flushInOrder);
      await saving;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, todo.length) }, worker));
  await saving;
  // After Ctrl+C, plans that did finish are still saved (in order); the ones cut off are not.
  for (let i = nextToSave; i < todo.length; i++) {
    const endpoint = todo[i];
    const outcome = outcomes[i];
    if (endpoint === undefined) continue;
    if (outcome !== undefined && outcome.kind !== 'aborted')
      results.push(await settle(endpoint, outcome, durations[i] ?? 0));
    else if (fatal !== undefined && !signal.aborted) {
      results.push({ kind: 'failed', endpoint, reason: `not attempted after: ${fatal}` });
    } else results.push({ kind: 'interrupted', endpoint });
  }
  live?.stop();
  const code = summarize(io, results, usage, input.cost, clock.now() - started, signal.aborted);
  return code === 0 && input.strict === true ? strictVerdict(io, results) : code;
}

function summarize(
  io: Io,
  results: readonly Result[],
  usage: Usage | undefined,
  cost: (usage: Usage) => number | undefined,
  ms: number,
  interrupted: boolean,
): number {
  const paint = colors(io.color);
  const count = (kind: Result['kind']): number => results.filter((r) => r.kind === kind).length;
  const saved = count('saved');
  const failed = results.filter((r) => r.kind === 'failed');
  const cut = count('interrupted');
  const parts = [`${saved} saved`, `${count('skipped')} already planned`, `${failed.length} failed`];
  if (cut > 0) parts.push(`${cut} not written (interrupted)`);
  const findings = results.reduce((n, r) => n + (r.kind === 'saved' ? r.findings.length : 0), 0);
  if (findings > 0) parts.push(`${findings} grounding finding(s)`);
  let money = '';
  if (usage !== undefined) {
    const cached = usage.cachedTokens ? `, ${usage.cachedTokens.toLocaleString('en-US')} cached` : '';
    money = ` · ${usage.promptTokens.toLocaleString('en-US')} prompt + ${usage.completionTokens.toLocaleString('en-US')} completion tokens${cached}`;
    const usd = cost(usage);
    if (usd !== undefined) money += ` · $${usd.toFixed(4)}`;
  }
  io.out(`\n${paint.bold(parts.join(', '))}${money} · ${seconds(ms)}\n`);
  if (failed.length > 0) {
    io.out(`${paint.red('Failed:')}\n`);
    for (const f of failed) if (f.kind === 'failed') io.out(`  ${label(f.endpoint)}: ${f.reason}\n`);
    io.out('Run the same command again to retry only what is missing.\n');
  }
  if (interrupted) {
    io.out('Interrupted: nothing partial was saved. Run the same command again to continue.\n');
    return 130;
  }
  return failed.length > 0 ? 1 : 0;
}

/** --strict: exit 1 when any saved plan has findings, saying how many. */
function strictVerdict(io: Io, results: readonly Result[]): number {
  const flagged = results.filter((r) => r.kind === 'saved' && r.findings.length > 0).length;
  if (flagged === 0) return 0;
  io.out(`--strict: ${flagged} plan(s) have grounding findings (listed above).\n`);
  return 1;
}

/** What `generate --json` prints: each endpoint's outcome, with its plan file, warnings and findings. */
function resultsJson(results: readonly Result[], exitCode: number): unknown {
  return {
    exitCode,
    plans: results.map((r) => ({
      id: r.endpoint.id,
      method: r.endpoint.method,
      path: r.endpoint.path,
      outcome: r.kind,
      file: r.kind === 'saved' || r.kind === 'skipped' ? r.file : null,
      reason: r.kind === 'failed' ? r.reason : null,
      warnings: r.kind === 'saved' ? r.warnings : [],
      findings: r.kind === 'saved' ? r.findings : [],
    })),
  };
}
