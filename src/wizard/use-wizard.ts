import { basename, join, resolve } from 'node:path';
import { useApp } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { assertNever } from '../core/assert-never.ts';
import type { Endpoint } from '../core/docs/model.ts';
import { describeLlmError, describeRetry, isRunLevel } from '../core/llm/errors.ts';
import { createSplitter } from '../core/plan/split.ts';
import {
  type Deps,
  type EditorResult,
  type LlmError,
  LlmFailure,
  type PlanEngine,
  SaveFailure,
  type Usage,
  type WriteCheck,
} from '../core/ports.ts';
import { type PlanCheck, withFindings } from './findings.ts';
import {
  currentEndpoint,
  type Draft,
  type EngineInfo,
  type GenerationRequest,
  initialState,
  runOf,
  transition,
  type WizardEvent,
  type WizardInit,
  type WizardState,
} from './machine.ts';

/** What the effects need besides the state machine's input. */
export type WizardOptions = {
  readonly init: WizardInit;
  readonly deps: Deps;
  /** The project root: a path typed to save a draft elsewhere is resolved against it. */
  readonly root: string;
  readonly makeOfflineEngine: () => PlanEngine | Promise<PlanEngine>;
  readonly costOf: ((usage: Usage) => number | undefined) | undefined;
  readonly inputsHash: (endpoint: Endpoint, engine: string) => string;
  /** The fingerprint of the endpoint's facts recorded with a saved plan; undefined while the docs load. */
  readonly factsFingerprint?: ((endpoint: Endpoint) => string | undefined) | undefined;
  readonly describeError: (error: LlmError) => string;
  /** The grounding check of a finished draft; undefined checks nothing. */
  readonly check?: PlanCheck | undefined;
  /** How long stream deltas are gathered before one state update. */
  readonly batchMs: number;
};

/** The wizard as the views see it: the state, and one callback per thing a user can do. */
export type WizardController = {
  readonly state: WizardState;
  /** A message that belongs to no step (the Ctrl+C hint, an engine that failed to start). */
  readonly flash: string | undefined;
  readonly now: () => number;
  readonly send: (event: WizardEvent) => void;
  readonly chooseOffline: () => void;
  readonly start: () => void;
  readonly cancel: () => void;
  readonly save: () => void;
  /** Saves the draft under review at the path typed (relative to the project root) instead of the plans folder. */
  readonly saveElsewhere: (typed: string) => void;
  readonly edit: () => void;
  readonly regenerate: (instructions: string | undefined) => void;
  readonly retry: () => void;
  readonly skip: () => void;
  readonly next: () => void;
  readonly quit: () => void;
  readonly open: () => void;
  /** Ctrl+C: the first cancels the generation, a second within 2 s quits with 130. */
  readonly interrupt: () => void;
};

const DOUBLE_CTRL_C_MS = 2000;
const TICK_MS = 500;

/** Runs the wizard's effects (generation, saving, the editor) and turns their results into events. */
export function useWizard(options: WizardOptions): WizardController {
  const { deps } = options;
  const { exit, suspendTerminal } = useApp();
  // Findings are added to each draft as it reaches review, so the view lists them and regenerate sends them.
  const checked = useRef(new WeakMap<Draft, Draft>());
  const opts = useRef(options);
  opts.current = options;
  const [state, dispatch] = useReducer(
    (current: WizardState, event: WizardEvent) =>
      withFindings(transition(current, event), opts.current.check, checked.current),
    options.init,
    initialState,
  );
  const [flash, setFlash] = useState<string | undefined>(undefined);
  const [, setTick] = useState(0);
  const latest = useRef(state);
  latest.current = state;
  const engine = useRef<PlanEngine | undefined>(deps.engine);
  const lastInterrupt = useRef<number | undefined>(undefined);
  const folderChecked = useRef(false);
  const editorBusy = useRef(false);

  const send = useCallback((event: WizardEvent) => {
    setFlash(undefined);
    dispatch(event);
  }, []);
  const now = useCallback(() => opts.current.deps.clock.now(), []);

  // Every stream that should be running: the plan on screen and the plans prefetched behind it. A prefetched
  // plan keeps its stream when it comes on screen; a stream no longer wanted (quit, regenerate) is aborted.
  const streams = useRef(new Map<number, AbortController>());
  const wanted = liveStreams(state);
  const wantedKey = wanted.map((job) => job.generationId).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: streams start and stop only when the set of generationIds changes
  useEffect(() => {
    const jobs = liveStreams(latest.current);
    const running = streams.current;
    for (const [generationId, controller] of running) {
      if (!jobs.some((job) => job.generationId === generationId)) {
        controller.abort();
        running.delete(generationId);
      }
    }
    for (const job of jobs) {
      if (running.has(job.generationId)) continue;
      const active = engine.current;
      if (active === undefined) {
        dispatch({
          type: 'generation-failed',
          generationId: job.generationId,
          message: 'No engine is configured.',
          runLevel: true,
        });
        continue;
      }
      const controller = new AbortController();
      running.set(job.generationId, controller);
      void streamPlan({
        engine: active,
        generationId: job.generationId,
        endpoint: job.endpoint,
        request: job.request,
        signal: controller.signal,
        dispatch: (event) => {
          if (event.type !== 'progress') running.delete(job.generationId);
          dispatch(event);
        },
        options: opts.current,
      });
    }
  }, [wantedKey]);
  useEffect(
    () => () => {
      for (const controller of streams.current.values()) controller.abort();
      streams.current.clear();
    },
    [],
  );

  const generatingId = state.step === 'generating' ? state.generationId : undefined;
  useEffect(() => {
    if (generatingId === undefined) return;
    // Redraw now and then so elapsed time moves while the model is silent.
    const tick = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(tick);
  }, [generatingId]);

  // Unsaved drafts go to disk as soon as they exist, so a crash or a kill loses none.
  const reviewed = state.step === 'reviewing' ? state : undefined;
  const keptDrafts = reviewed?.drafts;
  useEffect(() => {
    const store = opts.current.deps.drafts;
    const current = latest.current;
    if (store === undefined || keptDrafts === undefined || current.step !== 'reviewing') return;
    const complete = keptDrafts.filter((draft) => draft.plan.trim() !== '');
    if (complete.length === 0) return;
    void store
      .keep({
        endpointId: currentEndpoint(current.run).id,
        updatedAt: opts.current.deps.clock.now(),
        drafts: complete.map((draft) => ({ plan: draft.plan, origin: draft.origin })),
      })
      .catch(() => undefined);
  }, [keptDrafts]);

  const saving = state.step === 'saving' ? state.review : undefined;
  const savingTo = state.step === 'saving' ? state.to : undefined;
  useEffect(() => {
    if (saving === undefined) return;
    const { store } = opts.current.deps;
    const endpoint = currentEndpoint(saving.run);
    const engineName = saving.run.engine.name;
    let live = true;
    const input = {
      endpoint,
      content: saving.plan,
      inputsHash: opts.current.inputsHash(endpoint, engineName),
      engine: engineName,
      factsFingerprint: opts.current.factsFingerprint?.(endpoint),
    };
    const written =
      savingTo === undefined
        ? store.save(input).then((planned) => ({ file: planned.file, path: join(store.dir, planned.file) }))
        : store.saveCopy(savingTo, saving.plan).then(() => ({ file: basename(savingTo), path: savingTo }));
    written.then(
      (done) => {
        void opts.current.deps.drafts?.drop(endpoint.id).catch(() => undefined);
        if (live) dispatch({ type: 'save-done', ...done });
      },
      async (error: unknown) => {
        // The draft stays in review; when the plans folder refused it a copy also goes where it cannot be lost, in
        // case the wizard is left (a path typed by hand failing needs no second copy: the first one is kept).
        const kept =
          savingTo === undefined ? await store.keepUnsaved(input).catch(() => undefined) : undefined;
        const message = !(error instanceof SaveFailure)
          ? `Unexpected error while saving (a bug; please report it): ${error instanceof Error ? error.message : String(error)}`
          : savingTo === undefined
            ? describeSaveFailure(error, kept)
            : `${error.message}.`;
        if (live) dispatch({ type: 'save-failed', message });
      },
    );
    return () => {
      live = false;
    };
  }, [saving, savingTo]);

  const exitCode = state.step === 'done' ? state.exitCode : undefined;
  useEffect(() => {
    if (exitCode !== undefined) exit(exitCode);
  }, [exitCode, exit]);

  const withEditor = useCallback(
    async (run: (editor: Deps['editor']) => EditorResult): Promise<EditorResult | undefined> => {
      if (editorBusy.current) return undefined;
      editorBusy.current = true;
      let result: EditorResult | undefined;
      try {
        // The editor is spawned synchronously: Ink must not read stdin while it owns the terminal.
        await suspendTerminal(() => {
          result = run(opts.current.deps.editor);
        });
      } finally {
        editorBusy.current = false;
      }
      return result;
    },
    [suspendTerminal],
  );

  const edit = useCallback(() => {
    const current = latest.current;
    if (current.step !== 'reviewing') return;
    const endpoint = currentEndpoint(current.run);
    void withEditor((editor) => editor.edit(current.plan, `${endpoint.id}.md`)).then((result) => {
      if (result === undefined) return;
      if (result.kind === 'ok') send({ type: 'edited', text: result.text });
      else send({ type: 'notice', message: `${editorProblem(result)} The draft is unchanged.` });
    });
  }, [withEditor, send]);

  const open = useCallback(() => {
    const current = latest.current;
    const paths =
      current.step === 'saved'
        ? [current.path]
        : current.step === 'summary'
          ? current.outcomes.flatMap((outcome) => (outcome.kind === 'saved' ? [outcome.path] : []))
          : [];
    if (paths.length === 0) return;
    void withEditor((editor) => editor.open(paths)).then((result) => {
      if (result !== undefined && result.kind !== 'ok')
        send({ type: 'notice', message: editorProblem(result) });
    });
  }, [withEditor, send]);

  const chooseOffline = useCallback(() => {
    void (async () => {
      try {
        const offline = await opts.current.makeOfflineEngine();
        engine.current = offline;
        const info: EngineInfo = { name: offline.name, kind: offline.kind };
        send({ type: 'use-offline', engine: info });
      } catch (error) {
        setFlash(
          `The offline engine could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    })();
  }, [send]);

  // The plans folder is proved writable before the first generation is paid for; the picker shows why not.
  const start = useCallback(() => {
    if (folderChecked.current) {
      send({ type: 'start', at: now() });
      return;
    }
    void opts.current.deps.store.ensureWritable().then((check) => {
      if (check.kind === 'ok') {
        folderChecked.current = true;
        send({ type: 'start', at: now() });
      } else send({ type: 'notice', message: describeWriteCheck(check) });
    });
  }, [send, now]);

  const interrupt = useCallback(() => {
    const at = now();
    const previous = lastInterrupt.current;
    if (previous !== undefined && at - previous <= DOUBLE_CTRL_C_MS) {
      dispatch({ type: 'abort', at });
      return;
    }
    lastInterrupt.current = at;
    if (latest.current.step === 'generating') dispatch({ type: 'cancel', at });
    setFlash('Press Ctrl+C again within 2 s to quit.');
  }, [now]);

  return {
    state,
    flash,
    now,
    send,
    chooseOffline,
    start,
    cancel: () => send({ type: 'cancel', at: now() }),
    save: () => send({ type: 'save' }),
    saveElsewhere: (typed) =>
      typed.trim() === ''
        ? send({ type: 'notice', message: 'No path typed: nothing was saved.' })
        : send({ type: 'save-elsewhere', path: resolve(opts.current.root, typed.trim()) }),
    edit,
    regenerate: (instructions) => send({ type: 'regenerate', instructions, at: now() }),
    retry: () => send({ type: 'retry', at: now() }),
    skip: () => send({ type: 'skip', at: now() }),
    next: () => send({ type: 'next', at: now() }),
    quit: () => send({ type: 'quit', at: now() }),
    open,
    interrupt,
  };
}

/** The sentence for a plans folder that cannot take plans. */
export function describeWriteCheck(check: Extract<WriteCheck, { kind: 'not-writable' }>): string {
  return `Cannot write plans into ${check.dir} (${check.reason}): make it writable, or pass --out with a folder that is.`;
}

/** The sentence for a save that failed, naming where the text was kept. */
export function describeSaveFailure(error: SaveFailure, kept: string | undefined): string {
  const copy =
    kept === undefined ? ' No copy could be written anywhere either.' : ` The plan is kept at ${kept}.`;
  return `${error.message}.${copy}`;
}

function editorProblem(result: Exclude<EditorResult, { kind: 'ok' }>): string {
  switch (result.kind) {
    case 'not-found':
      return `No editor found (${result.command}): set $VISUAL or $EDITOR.`;
    case 'failed':
      return `The editor failed: ${result.message}`;
    default:
      return assertNever(result);
  }
}

/**
 * Streams one generation: deltas go through the splitter and reach the state at most once per `batchMs`,
 * because Ink lays out the whole tree on every commit (one update per chunk cost seconds of CPU).
 */
async function streamPlan(job: {
  readonly engine: PlanEngine;
  readonly generationId: number;
  readonly endpoint: Endpoint;
  readonly request: { readonly instructions: string | undefined; readonly problems: readonly string[] };
  readonly signal: AbortSignal;
  readonly dispatch: (event: WizardEvent) => void;
  readonly options: WizardOptions;
}): Promise<void> {
  const { engine, generationId, signal, dispatch, options } = job;
  const splitter = createSplitter();
  let snapshot = { analysis: '', plan: '' };
  let chars = 0;
  let usage: Usage | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (!signal.aborted) {
      dispatch({ type: 'progress', generationId, analysis: snapshot.analysis, plan: snapshot.plan, chars });
    }
  };
  try {
    const request = {
      endpoint: job.endpoint,
      instructions: job.request.instructions,
      problems: job.request.problems,
    };
    for await (const chunk of engine.generate(request, signal)) {
      if (signal.aborted) return;
      if (chunk.type === 'delta') {
        chars += chunk.text.length;
        snapshot = splitter.push(chunk.text);
        timer ??= setTimeout(flush, options.batchMs);
      } else if (chunk.type === 'retry') {
        dispatch({ type: 'retrying', generationId, message: describeRetry(chunk) });
      } else {
        usage = chunk.usage;
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    const message =
      error instanceof LlmFailure
        ? options.describeError(error.error)
        : `Unexpected error (a bug; please report it): ${error instanceof Error ? error.message : String(error)}`;
    const runLevel = error instanceof LlmFailure && isRunLevel(error.error);
    dispatch({ type: 'generation-failed', generationId, message, runLevel });
    return;
  } finally {
    clearTimeout(timer);
  }
  if (signal.aborted) return;
  const final = splitter.finish();
  dispatch({
    type: 'finished',
    generationId,
    analysis: final.analysis,
    plan: final.plan,
    usage,
    costUsd: usage === undefined ? undefined : options.costOf?.(usage),
    at: options.deps.clock.now(),
  });
}

type StreamJob = {
  readonly generationId: number;
  readonly endpoint: Endpoint;
  readonly request: GenerationRequest;
};

const noRequest: GenerationRequest = { instructions: undefined, problems: [] };

/** The streams the state wants running: the generation on screen and every prefetch still streaming. */
function liveStreams(state: WizardState): readonly StreamJob[] {
  const run = runOf(state);
  if (run === undefined) return [];
  const jobs: StreamJob[] = [];
  if (state.step === 'generating')
    jobs.push({ generationId: state.generationId, endpoint: currentEndpoint(run), request: state.request });
  for (const entry of run.ahead) {
    const endpoint = run.queue[entry.index];
    if (entry.status === 'streaming' && endpoint !== undefined)
      jobs.push({ generationId: entry.generationId, endpoint, request: noRequest });
  }
  return jobs;
}

/** The default sentence for an engine failure. */
export const defaultDescribeError: (error: LlmError) => string = (error) => describeLlmError(error);
