import { assertNever } from '../core/assert-never.ts';
import type { Endpoint } from '../core/docs/model.ts';
import { summarizeChange } from '../core/plan/diff-summary.ts';
import { plannedByEndpoint } from '../core/plan/planned.ts';
import { type PlanProblem, validatePlan } from '../core/plan/validate.ts';
import type { PlannedFile, Usage } from '../core/ports.ts';

/** Which engine writes the plans, as data for status lines and metadata. */
export type EngineInfo = { readonly name: string; readonly kind: 'llm' | 'offline' };

/** One endpoint on the pick screen. */
export type PickRow = {
  readonly endpoint: Endpoint;
  /** The plan file that already covers it, if any. */
  readonly plannedFile: string | undefined;
  readonly selected: boolean;
};

/** How one queued endpoint ended. */
export type Outcome =
  | { readonly kind: 'saved'; readonly endpoint: Endpoint; readonly file: string; readonly path: string }
  | { readonly kind: 'skipped'; readonly endpoint: Endpoint }
  | { readonly kind: 'failed'; readonly endpoint: Endpoint; readonly message: string };

/** Token counts summed over the run, from what the provider reported. */
export type Totals = {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Undefined until some request had a known price. */
  readonly costUsd: number | undefined;
  /** Requests whose usage or price was not reported, so the totals are a lower bound. */
  readonly unpriced: number;
};

/** The queue being worked through after the pick screen. */
export type Run = {
  readonly engine: EngineInfo;
  readonly queue: readonly Endpoint[];
  /** Index in `queue` of the endpoint being worked on. */
  readonly index: number;
  readonly outcomes: readonly Outcome[];
  readonly startedAt: number;
  readonly totals: Totals;
  /** The last runId handed out; each generation gets the next one. */
  readonly lastRunId: number;
};

/** What the next generation is asked for beyond the endpoint itself. */
export type GenerationRequest = {
  readonly instructions: string | undefined;
  readonly problems: readonly string[];
};

/** Every screen of the wizard and the data it shows. */
export type WizardState =
  | { readonly step: 'choosing-engine'; readonly rows: readonly PickRow[] }
  | {
      readonly step: 'picking';
      readonly engine: EngineInfo;
      /** All endpoints in queue order (document order until moved). */
      readonly rows: readonly PickRow[];
      /** Index into the visible (filtered) rows. */
      readonly cursor: number;
      readonly filter: string;
      /** Typing into the filter: keys are text, not commands. */
      readonly filtering: boolean;
      readonly notice: string | undefined;
    }
  | {
      readonly step: 'generating';
      readonly run: Run;
      readonly runId: number;
      readonly request: GenerationRequest;
      readonly startedAt: number;
      readonly analysis: string;
      readonly plan: string;
      /** Characters streamed so far, for a live token estimate. */
      readonly chars: number;
      /** The draft this one replaces, for the change summary. */
      readonly previous: string | undefined;
      /** Set while the request waits to try again ("retrying in 4 s (2 of 5): …"). */
      readonly retry: string | undefined;
    }
  | {
      readonly step: 'reviewing';
      readonly run: Run;
      readonly runId: number;
      readonly analysis: string;
      readonly plan: string;
      /** Cancelled before the end: cannot be saved as is. */
      readonly incomplete: boolean;
      readonly problems: readonly PlanProblem[];
      readonly changeSummary: string | undefined;
      readonly notice: string | undefined;
      readonly elapsedMs: number;
      readonly usage: Usage | undefined;
    }
  | {
      readonly step: 'saving';
      readonly run: Run;
      readonly review: Extract<WizardState, { step: 'reviewing' }>;
    }
  | {
      readonly step: 'failed';
      readonly run: Run;
      readonly runId: number;
      readonly request: GenerationRequest;
      readonly message: string;
      readonly previous: string | undefined;
      /** The failure is the run's (a bad key, no server): skipping to the next endpoint would meet it again. */
      readonly runLevel: boolean;
    }
  | {
      readonly step: 'saved';
      readonly run: Run;
      readonly file: string;
      readonly path: string;
      readonly notice: string | undefined;
    }
  | {
      readonly step: 'summary';
      readonly outcomes: readonly Outcome[];
      /** Queued endpoints never reached because the user quit. */
      readonly notReached: readonly Endpoint[];
      readonly totals: Totals;
      readonly elapsedMs: number;
      readonly engine: EngineInfo;
      readonly notice: string | undefined;
    }
  | {
      readonly step: 'done';
      readonly exitCode: 0 | 130;
      /** The summary the run ended on, left on screen after exit. */
      readonly summary: Extract<WizardState, { step: 'summary' }> | undefined;
    };

/** Everything that can happen to the wizard: keys the views translate, and results the effects report. */
export type WizardEvent =
  | { readonly type: 'use-offline'; readonly engine: EngineInfo }
  | { readonly type: 'cursor-up' }
  | { readonly type: 'cursor-down' }
  | { readonly type: 'toggle' }
  | { readonly type: 'toggle-all' }
  | { readonly type: 'move-up' }
  | { readonly type: 'move-down' }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-text'; readonly text: string }
  | { readonly type: 'filter-end'; readonly keep: boolean }
  | { readonly type: 'start'; readonly at: number }
  | {
      readonly type: 'progress';
      readonly runId: number;
      readonly analysis: string;
      readonly plan: string;
      readonly chars: number;
    }
  | {
      readonly type: 'finished';
      readonly runId: number;
      readonly analysis: string;
      readonly plan: string;
      readonly usage: Usage | undefined;
      readonly costUsd: number | undefined;
      readonly at: number;
    }
  | { readonly type: 'retrying'; readonly runId: number; readonly message: string }
  | {
      readonly type: 'generation-failed';
      readonly runId: number;
      readonly message: string;
      readonly runLevel: boolean;
    }
  | { readonly type: 'cancel'; readonly at: number }
  | { readonly type: 'save' }
  | { readonly type: 'save-done'; readonly file: string; readonly path: string }
  | { readonly type: 'save-failed'; readonly message: string }
  | { readonly type: 'edited'; readonly text: string }
  | { readonly type: 'notice'; readonly message: string }
  | { readonly type: 'regenerate'; readonly instructions: string | undefined; readonly at: number }
  | { readonly type: 'retry'; readonly at: number }
  | { readonly type: 'skip'; readonly at: number }
  | { readonly type: 'next'; readonly at: number }
  | { readonly type: 'quit'; readonly at: number }
  | { readonly type: 'abort' };

type State<S extends WizardState['step']> = Extract<WizardState, { step: S }>;

/** What the wizard starts from. */
export type WizardInit = {
  readonly endpoints: readonly Endpoint[];
  readonly planned: readonly PlannedFile[];
  /** Undefined when no model is configured: the wizard offers the offline engine first. */
  readonly engine: EngineInfo | undefined;
};

const noTotals: Totals = { promptTokens: 0, completionTokens: 0, costUsd: undefined, unpriced: 0 };

/** The first screen: endpoints in document order, those without a plan selected. */
export function initialState(init: WizardInit): WizardState {
  const planned = plannedByEndpoint(init.planned);
  const rows = init.endpoints.map((endpoint): PickRow => {
    const file = planned.get(endpoint.id)?.file;
    return { endpoint, plannedFile: file, selected: file === undefined };
  });
  if (init.engine === undefined) return { step: 'choosing-engine', rows };
  return picking(rows, init.engine);
}

function picking(rows: readonly PickRow[], engine: EngineInfo): State<'picking'> {
  return { step: 'picking', engine, rows, cursor: 0, filter: '', filtering: false, notice: undefined };
}

/** Indexes into `rows` of the rows the filter lets through, in queue order. */
export function visibleRows(state: Pick<State<'picking'>, 'rows' | 'filter'>): readonly number[] {
  const needle = state.filter.trim().toLowerCase();
  const indexes: number[] = [];
  state.rows.forEach((row, index) => {
    const { method, path, title, id } = row.endpoint;
    if (needle === '' || `${method} ${path} ${title} ${id}`.toLowerCase().includes(needle))
      indexes.push(index);
  });
  return indexes;
}

/** Moves the wizard one event forward; events that do not apply to the current step leave it unchanged. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  if (event.type === 'abort') return { step: 'done', exitCode: 130, summary: undefined };
  switch (state.step) {
    case 'choosing-engine':
      return chooseEngine(state, event);
    case 'picking':
      return pick(state, event);
    case 'generating':
      return generate(state, event);
    case 'reviewing':
      return review(state, event);
    case 'saving':
      return save(state, event);
    case 'failed':
      return fail(state, event);
    case 'saved':
      return saved(state, event);
    case 'summary':
      return summary(state, event);
    case 'done':
      return state;
    default:
      return assertNever(state);
  }
}

function chooseEngine(state: State<'choosing-engine'>, event: WizardEvent): WizardState {
  if (event.type === 'use-offline') return picking(state.rows, event.engine);
  if (event.type === 'quit') return { step: 'done', exitCode: 0, summary: undefined };
  return state;
}

function clampCursor(state: State<'picking'>): State<'picking'> {
  const count = visibleRows(state).length;
  const cursor = Math.max(0, Math.min(state.cursor, count - 1));
  return cursor === state.cursor ? state : { ...state, cursor };
}

function pick(state: State<'picking'>, event: WizardEvent): WizardState {
  const visible = visibleRows(state);
  const current = visible[state.cursor];
  const base = { ...state, notice: undefined };
  switch (event.type) {
    case 'cursor-up':
      return { ...base, cursor: Math.max(0, state.cursor - 1) };
    case 'cursor-down':
      return { ...base, cursor: Math.min(visible.length - 1, state.cursor + 1) };
    case 'toggle':
      if (current === undefined) return state;
      return {
        ...base,
        rows: state.rows.map((row, index) => (index === current ? { ...row, selected: !row.selected } : row)),
      };
    case 'toggle-all': {
      const shown = new Set(visible);
      const select = visible.some((index) => state.rows[index]?.selected !== true);
      return {
        ...base,
        rows: state.rows.map((row, index) => (shown.has(index) ? { ...row, selected: select } : row)),
      };
    }
    case 'move-up':
    case 'move-down': {
      const target = event.type === 'move-up' ? state.cursor - 1 : state.cursor + 1;
      const other = visible[target];
      if (current === undefined || other === undefined) return state;
      const rows = [...state.rows];
      const a = rows[current];
      const b = rows[other];
      if (a === undefined || b === undefined) return state;
      rows[current] = b;
      rows[other] = a;
      return { ...base, rows, cursor: target };
    }
    case 'filter-start':
      return { ...base, filtering: true };
    case 'filter-text':
      return clampCursor({ ...base, filter: event.text, cursor: 0 });
    case 'filter-end':
      return clampCursor(
        event.keep ? { ...base, filtering: false } : { ...base, filtering: false, filter: '' },
      );
    case 'notice':
      return { ...state, notice: event.message };
    case 'start': {
      const queue = state.rows.filter((row) => row.selected).map((row) => row.endpoint);
      if (queue.length === 0)
        return { ...state, notice: 'Nothing selected: press Space to select an endpoint.' };
      const run: Run = {
        engine: state.engine,
        queue,
        index: 0,
        outcomes: [],
        startedAt: event.at,
        totals: noTotals,
        lastRunId: 0,
      };
      return beginGeneration(run, { instructions: undefined, problems: [] }, undefined, event.at);
    }
    case 'quit':
      return { step: 'done', exitCode: 0, summary: undefined };
    default:
      return state;
  }
}

function beginGeneration(
  run: Run,
  request: GenerationRequest,
  previous: string | undefined,
  at: number,
): State<'generating'> {
  const runId = run.lastRunId + 1;
  return {
    step: 'generating',
    run: { ...run, lastRunId: runId },
    runId,
    request,
    startedAt: at,
    analysis: '',
    plan: '',
    chars: 0,
    previous,
    retry: undefined,
  };
}

/** The endpoint the run is working on. */
export function currentEndpoint(run: Run): Endpoint {
  const endpoint = run.queue[run.index];
  if (endpoint === undefined) throw new Error(`No endpoint at queue index ${run.index}`);
  return endpoint;
}

function addUsage(totals: Totals, usage: Usage | undefined, costUsd: number | undefined): Totals {
  return {
    promptTokens: totals.promptTokens + (usage?.promptTokens ?? 0),
    completionTokens: totals.completionTokens + (usage?.completionTokens ?? 0),
    costUsd: costUsd === undefined ? totals.costUsd : (totals.costUsd ?? 0) + costUsd,
    unpriced: totals.unpriced + (costUsd === undefined ? 1 : 0),
  };
}

function reviewing(
  state: State<'generating'>,
  fields: {
    plan: string;
    analysis: string;
    incomplete: boolean;
    at: number;
    usage: Usage | undefined;
    run: Run;
  },
): State<'reviewing'> {
  const endpoint = currentEndpoint(state.run);
  const changed = state.previous !== undefined && !fields.incomplete;
  return {
    step: 'reviewing',
    run: fields.run,
    runId: state.runId,
    analysis: fields.analysis,
    plan: fields.plan,
    incomplete: fields.incomplete,
    problems: validatePlan(fields.plan, endpoint),
    changeSummary: changed ? summarizeChange(state.previous ?? '', fields.plan) : undefined,
    notice: fields.incomplete
      ? 'Cancelled: this draft is incomplete. Regenerate, or edit it before saving.'
      : undefined,
    elapsedMs: Math.max(0, fields.at - state.startedAt),
    usage: fields.usage,
  };
}

function generate(state: State<'generating'>, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'progress':
      // Drop stale chunks: a cancelled or replaced generation may still deliver a batch.
      if (event.runId !== state.runId) return state;
      return { ...state, analysis: event.analysis, plan: event.plan, chars: event.chars, retry: undefined };
    case 'retrying':
      if (event.runId !== state.runId) return state;
      return { ...state, analysis: '', plan: '', chars: 0, retry: event.message };
    case 'finished':
      if (event.runId !== state.runId) return state;
      return reviewing(state, {
        plan: event.plan,
        analysis: event.analysis,
        incomplete: false,
        at: event.at,
        usage: event.usage,
        run: { ...state.run, totals: addUsage(state.run.totals, event.usage, event.costUsd) },
      });
    case 'generation-failed':
      if (event.runId !== state.runId) return state;
      return {
        step: 'failed',
        run: state.run,
        runId: state.runId,
        request: state.request,
        message: event.message,
        previous: state.previous,
        runLevel: event.runLevel,
      };
    case 'cancel':
      return reviewing(state, {
        plan: state.plan,
        analysis: state.analysis,
        incomplete: true,
        at: event.at,
        usage: undefined,
        run: state.run,
      });
    case 'quit':
      return toSummary(state.run, event.at, state.run.index);
    default:
      return state;
  }
}

function review(state: State<'reviewing'>, event: WizardEvent): WizardState {
  const endpoint = currentEndpoint(state.run);
  switch (event.type) {
    case 'save':
      if (state.incomplete) {
        return {
          ...state,
          notice: 'This draft is incomplete (cancelled): regenerate, or edit it before saving.',
        };
      }
      if (state.plan.trim() === '')
        return { ...state, notice: 'The draft is empty: regenerate or edit it first.' };
      return { step: 'saving', run: state.run, review: state };
    case 'edited': {
      if (event.text === state.plan) return { ...state, notice: 'No changes made in the editor.' };
      return {
        ...state,
        plan: event.text,
        incomplete: false,
        problems: validatePlan(event.text, endpoint),
        changeSummary: `Edited: ${summarizeChange(state.plan, event.text)}`,
        notice: undefined,
      };
    }
    case 'notice':
      return { ...state, notice: event.message };
    case 'regenerate':
      return beginGeneration(
        state.run,
        {
          instructions: event.instructions?.trim() === '' ? undefined : event.instructions?.trim(),
          problems: state.problems.map((problem) => problem.message),
        },
        state.plan.trim() === '' ? undefined : state.plan,
        event.at,
      );
    case 'skip':
      return advance(record(state.run, { kind: 'skipped', endpoint }), event.at);
    case 'quit':
      return toSummary(state.run, event.at, state.run.index);
    default:
      return state;
  }
}

function save(state: State<'saving'>, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'save-done': {
      const endpoint = currentEndpoint(state.run);
      const run = record(state.run, { kind: 'saved', endpoint, file: event.file, path: event.path });
      return { step: 'saved', run, file: event.file, path: event.path, notice: undefined };
    }
    case 'save-failed':
      return { ...state.review, notice: `Not saved: ${event.message}` };
    default:
      return state;
  }
}

function fail(state: State<'failed'>, event: WizardEvent): WizardState {
  const endpoint = currentEndpoint(state.run);
  switch (event.type) {
    case 'retry':
      return beginGeneration(state.run, state.request, state.previous, event.at);
    case 'skip':
      if (state.runLevel) return state;
      return advance(record(state.run, { kind: 'failed', endpoint, message: state.message }), event.at);
    case 'quit':
      // After a run-level failure this endpoint was no worse off than the rest of the queue: not reached.
      if (state.runLevel) return toSummary(state.run, event.at, state.run.index);
      return toSummary(
        record(state.run, { kind: 'failed', endpoint, message: state.message }),
        event.at,
        state.run.index + 1,
      );
    default:
      return state;
  }
}

function saved(state: State<'saved'>, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'next':
      return advance(state.run, event.at);
    case 'notice':
      return { ...state, notice: event.message };
    case 'quit':
      return toSummary(state.run, event.at, state.run.index + 1);
    default:
      return state;
  }
}

function summary(state: State<'summary'>, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'quit':
    case 'next':
      return { step: 'done', exitCode: 0, summary: { ...state, notice: undefined } };
    case 'notice':
      return { ...state, notice: event.message };
    default:
      return state;
  }
}

function record(run: Run, outcome: Outcome): Run {
  return { ...run, outcomes: [...run.outcomes, outcome] };
}

function advance(run: Run, at: number): WizardState {
  const next = { ...run, index: run.index + 1 };
  if (next.index >= run.queue.length) return toSummary(next, at, next.index);
  return beginGeneration(next, { instructions: undefined, problems: [] }, undefined, at);
}

function toSummary(run: Run, at: number, firstNotReached: number): State<'summary'> {
  return {
    step: 'summary',
    outcomes: run.outcomes,
    notReached: run.queue.slice(firstNotReached),
    totals: run.totals,
    elapsedMs: Math.max(0, at - run.startedAt),
    engine: run.engine,
    notice: undefined,
  };
}
