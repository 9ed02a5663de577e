import type { Endpoint } from '../core/docs/model.ts';
import { describeRetry, isRunLevel } from '../core/llm/errors.ts';
import {
  addUsage,
  type GenerationOutcome,
  generatePlan,
  type RestartPolicy,
} from '../core/plan/generate-plan.ts';
import { type Finding, formatFinding } from '../core/plan/ground.ts';
import { plannedByEndpoint } from '../core/plan/planned.ts';
import type {
  Clock,
  LlmError,
  PlanEngine,
  PlannedFile,
  PlanStore,
  Usage,
  WriteCheck,
} from '../core/ports.ts';
import { SaveFailure } from '../core/ports.ts';
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
  /** The one command line that plans exactly these endpoints again, with the flags of this run. */
  readonly resumeCommand: (endpoints: readonly Endpoint[]) => string;
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
  | { readonly kind: 'interrupted'; readonly endpoint: Endpoint }
  /** The run stopped (a run-level failure) before this endpoint finished; `reason` is the stop's sentence. */
  | { readonly kind: 'not-attempted'; readonly endpoint: Endpoint; readonly reason: string }
  /** Answered, but the save failed: the text is at `path` (undefined when nowhere took it). */
  | { readonly kind: 'unsaved'; readonly endpoint: Endpoint; readonly path: string | undefined };

const label = (e: Endpoint): string => `${e.method} ${e.path}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const formatTokens = (usage: Usage | undefined): string =>
  usage === undefined
    ? ''
    : `${(usage.promptTokens + usage.completionTokens).toLocaleString('en-US')} tokens`;

/** The sentence for a plans folder that cannot take plans. */
export function describeNotWritable(check: Extract<WriteCheck, { kind: 'not-writable' }>): string {
  return `Cannot write plans into ${check.dir} (${check.reason}): make it writable, or pass --out with a folder that is.`;
}

/**
 * `endpoint-planner generate`: plans the targets, at most `concurrency` at once, saving in the chosen order.
 * A failure every other request would meet too (bad key, no server, no money, a save that fails) stops the run:
 * no new request starts, those in flight are cancelled, and the rest are listed as not attempted.
 */
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
  // Before anything is paid for: a folder that cannot take plans would lose every answer.
  const check = await store.ensureWritable();
  if (check.kind === 'not-writable') {
    io.err(`endpoint-planner: ${describeNotWritable(check)}\n`);
    return 2;
  }
  if (input.confirm !== undefined) {
    const engineName = engine.kind === 'offline' ? 'the offline draft engine' : `model ${engine.name}`;
    const go = await input.confirm(`Write ${todo.length} plan(s) into ${store.dir} with ${engineName}?`);
    if (!go) {
      io.out('Nothing written.\n');
      return 0;
    }
  }

  // The run's own signal: Ctrl+C aborts it, and so does the first run-level failure.
  const run = new AbortController();
  const onInterrupt = (): void => run.abort();
  signal.addEventListener('abort', onInterrupt, { once: true });
  let stopReason: string | undefined;
  const stop = (reason: string): void => {
    stopReason ??= reason;
    run.abort();
  };
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
  let saveBroken = false;

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
        return stopReason === undefined
          ? { kind: 'interrupted', endpoint }
          : { kind: 'not-attempted', endpoint, reason: stopReason };
      case 'failed': {
        // Told once for the whole run, not once per endpoint that met it.
        if (isRunLevel(outcome.error))
          return { kind: 'not-attempted', endpoint, reason: stopReason ?? input.describe(outcome.error) };
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
        usage = addUsage(usage, generated.usage);
        const plan = {
          endpoint,
          content: generated.plan.endsWith('\n') ? generated.plan : `${generated.plan}\n`,
          inputsHash: input.inputsHash(endpoint),
          engine: engine.name,
          factsFingerprint: input.factsFingerprint?.(endpoint),
        };
        if (saveBroken) return { kind: 'unsaved', endpoint, path: await store.keepUnsaved(plan) };
        try {
          const saved = await store.save(plan);
          const facts = [formatTokens(generated.usage), seconds(ms)].filter((s) => s !== '').join(', ');
          print(`${paint.green('✓')} ${saved.file}  ${label(endpoint)}  ${paint.dim(facts)}`);
          const warnings = generated.problems.map((p) => p.message);
          for (const w of warnings) print(`  ${paint.yellow('warning:')} ${w}`);
          const findings = input.check?.(endpoint, generated.plan) ?? [];
          for (const f of findings) print(`  ${paint.yellow('finding:')} ${formatFinding(saved.file, f)}`);
          return { kind: 'saved', endpoint, file: saved.file, warnings, findings };
        } catch (error) {
          if (!(error instanceof SaveFailure)) throw error;
          // A full disk or a folder gone read-only does not get better by paying for more plans.
          saveBroken = true;
          const path = await store.keepUnsaved(plan);
          const kept =
            path === undefined ? 'no copy could be written anywhere' : `the plan is kept at ${path}`;
          stop(`${error.message}: ${kept}. Free the folder (or pass --out), then resume.`);
          return { kind: 'unsaved', endpoint, path };
        }
      }
    }
  };

  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (!run.signal.aborted && cursor < todo.length) {
      const index = cursor++;
      const endpoint = todo[index];
      if (endpoint === undefined) return;
      const t0 = clock.now();
      progress.set(index, `… ${label(endpoint)}  waiting for the model`);
      refresh();
      const outcome = await generatePlan({
        engine,
        endpoint,
        signal: run.signal,
        restart: input.restart,
        onProgress: (p) => {
          if (p.retry !== undefined) {
            progress.set(index, `… ${label(endpoint)}  ${describeRetry(p.retry)}`);
            refresh();
            return;
          }
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
      if (outcome.kind === 'failed' && isRunLevel(outcome.error)) stop(input.describe(outcome.error));
      progress.delete(index);
      refresh();
      saving = saving.then(flushInOrder);
      await saving;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, todo.length) }, worker));
  await saving;
  signal.removeEventListener('abort', onInterrupt);
  // After a stop, plans that did finish are still saved (in order); the ones cut off are not.
  for (let i = nextToSave; i < todo.length; i++) {
    const endpoint = todo[i];
    const outcome = outcomes[i];
    if (endpoint === undefined) continue;
    if (outcome !== undefined) results.push(await settle(endpoint, outcome, durations[i] ?? 0));
    else if (stopReason !== undefined) results.push({ kind: 'not-attempted', endpoint, reason: stopReason });
    else results.push({ kind: 'interrupted', endpoint });
  }
  live?.stop();
  const code = summarize(io, {
    results,
    usage,
    cost: input.cost,
    ms: clock.now() - started,
    interrupted: signal.aborted,
    stopReason,
    resumeCommand: input.resumeCommand,
  });
  return code === 0 && input.strict === true ? strictVerdict(io, results) : code;
}

function summarize(
  io: Io,
  summary: {
    readonly results: readonly Result[];
    readonly usage: Usage | undefined;
    readonly cost: (usage: Usage) => number | undefined;
    readonly ms: number;
    readonly interrupted: boolean;
    readonly stopReason: string | undefined;
    readonly resumeCommand: (endpoints: readonly Endpoint[]) => string;
  },
): number {
  const { results, usage } = summary;
  const paint = colors(io.color);
  const count = (kind: Result['kind']): number => results.filter((r) => r.kind === kind).length;
  const failed = results.filter((r) => r.kind === 'failed');
  const unsaved = results.flatMap((r) => (r.kind === 'unsaved' ? [r] : []));
  const open = results.flatMap((r) =>
    r.kind === 'not-attempted' || r.kind === 'interrupted' || r.kind === 'unsaved' ? [r.endpoint] : [],
  );
  const parts = [`${count('saved')} saved`, `${count('skipped')} already planned`, `${failed.length} failed`];
  if (unsaved.length > 0) parts.push(`${unsaved.length} not saved`);
  if (count('not-attempted') > 0) parts.push(`${count('not-attempted')} not attempted`);
  if (count('interrupted') > 0) parts.push(`${count('interrupted')} not written (interrupted)`);
  const findings = results.reduce((n, r) => n + (r.kind === 'saved' ? r.findings.length : 0), 0);
  if (findings > 0) parts.push(`${findings} grounding finding(s)`);
  let money = '';
  if (usage !== undefined) {
    const cached = usage.cachedTokens ? `, ${usage.cachedTokens.toLocaleString('en-US')} cached` : '';
    money = ` · ${usage.promptTokens.toLocaleString('en-US')} prompt + ${usage.completionTokens.toLocaleString('en-US')} completion tokens${cached}`;
    const usd = summary.cost(usage);
    if (usd !== undefined) money += ` · $${usd.toFixed(4)}`;
  }
  io.out(`\n${paint.bold(parts.join(', '))}${money} · ${seconds(summary.ms)}\n`);
  if (failed.length > 0) {
    io.out(`${paint.red('Failed:')}\n`);
    for (const f of failed) if (f.kind === 'failed') io.out(`  ${label(f.endpoint)}: ${f.reason}\n`);
  }
  for (const u of unsaved.slice(1)) {
    const where = u.path === undefined ? 'lost: nowhere could take it' : `kept at ${u.path}`;
    io.out(`  ${label(u.endpoint)}: not saved, ${where}\n`);
  }
  if (summary.stopReason !== undefined && !summary.interrupted) {
    io.err(`${paint.red('Stopped:')} ${summary.stopReason}\n`);
    const ids = results.flatMap((r) => (r.kind === 'not-attempted' ? [r.endpoint.id] : []));
    const listed = ids.length === 0 ? '' : `Not attempted (${ids.length}): ${ids.join(', ')}. `;
    io.err(`${listed}Resume with: ${summary.resumeCommand([...open, ...failed.map((f) => f.endpoint)])}\n`);
    return 1;
  }
  if (summary.interrupted) {
    io.out(
      `Interrupted: nothing partial was saved. Resume with: ${summary.resumeCommand([...open, ...failed.map((f) => f.endpoint)])}\n`,
    );
    return 130;
  }
  if (failed.length > 0) {
    io.out(`Retry only what is missing with: ${summary.resumeCommand(failed.map((f) => f.endpoint))}\n`);
    return 1;
  }
  return 0;
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
      file:
        r.kind === 'saved' || r.kind === 'skipped' ? r.file : r.kind === 'unsaved' ? (r.path ?? null) : null,
      reason: r.kind === 'failed' || r.kind === 'not-attempted' ? r.reason : null,
      warnings: r.kind === 'saved' ? r.warnings : [],
      findings: r.kind === 'saved' ? r.findings : [],
    })),
  };
}
