import { assertNever } from '../core/assert-never.ts';
import type { Implementation } from '../core/code/model.ts';
import type { Endpoint } from '../core/docs/model.ts';
import { summarizeChange } from '../core/plan/diff-summary.ts';
import { plannedByEndpoint } from '../core/plan/planned.ts';
import { type PlanProblem, validatePlan } from '../core/plan/validate.ts';
import type { PlannedFile, Usage } from '../core/ports.ts';

/** Which engine writes the plans, as data for status lines and metadata. */
export type EngineInfo = {
  readonly name: string;
  readonly kind: 'llm' | 'offline';
  /** The model server's host (`api.openai.com`, `localhost:11434`), for the status line. */
  readonly host?: string | undefined;
};

/** How a draft came to be. */
export type DraftOrigin = 'generated' | 'regenerated' | 'edited' | 'restored';

/** One version of an endpoint's plan in this review; every one is kept until the endpoint is saved. */
export type Draft = {
  readonly plan: string;
  readonly analysis: string;
  readonly origin: DraftOrigin;
  /** Cancelled before the end: cannot be saved as is. */
  readonly incomplete: boolean;
  readonly problems: readonly PlanProblem[];
  readonly elapsedMs: number;
  readonly usage: Usage | undefined;
};

/** A draft kept from an earlier wizard session (or a crash), offered again for its endpoint. */
export type KeptDraft = { readonly plan: string; readonly origin: DraftOrigin };

/** A plan generated ahead of the one under review, so it is ready when the user gets to it. */
export type Prefetch = {
  /** Index in the run's queue of the endpoint it is for. */
  readonly index: number;
  readonly generationId: number;
  readonly status: 'streaming' | 'ready' | 'failed';
  readonly analysis: string;
  readonly plan: string;
  readonly chars: number;
  readonly startedAt: number;
  readonly elapsedMs: number;
  readonly usage: Usage | undefined;
  readonly message: string | undefined;
  /** Its failure is the run's: see the `failed` step. */
  readonly runLevel: boolean;
};

/** One endpoint on the pick screen. */
export type PickRow = {
  readonly endpoint: Endpoint;
  /** The plan file that already covers it, if any. */
  readonly plannedFile: string | undefined;
  /** True when the saved plan's facts changed since; undefined when unplanned or not known. */
  readonly stale: boolean | undefined;
  /** Unsaved drafts from an earlier session, reviewed again instead of generating. */
  readonly kept: readonly KeptDraft[];
  readonly selected: boolean;
  /** The route handler found in the code for it; undefined when none is (or the code is not scanned yet). */
  readonly implemented?: Implementation | undefined;
  /** The user toggled it: what arrives later (stale plans, built handlers) no longer changes its selection. */
  readonly touched?: boolean | undefined;
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
  /** Prompt tokens the provider served from its prefix cache (priced at the cached rate where known). */
  readonly cachedTokens: number;
  /** Undefined until some request had a known price. */
  readonly costUsd: number | undefined;
  /** Requests whose usage or price was not reported, so the totals are a lower bound. */
  readonly unpriced: number;
};

/** A run: the queue being worked through after the pick screen, one plan per endpoint (as `generate` does in batch). */
export type Run = {
  readonly engine: EngineInfo;
  readonly queue: readonly Endpoint[];
  /** Index in `queue` of the endpoint being worked on. */
  readonly index: number;
  readonly outcomes: readonly Outcome[];
  readonly startedAt: number;
  readonly totals: Totals;
  /** The last generationId handed out; each generation gets the next one. */
  readonly lastGenerationId: number;
  /** How many endpoints after the current one are generated ahead of time. */
  readonly prefetch: number;
  readonly ahead: readonly Prefetch[];
  /** Drafts kept from an earlier session, by endpoint id. */
  readonly kept: Readonly<Record<string, readonly KeptDraft[]>>;
  /** Prefetched plans thrown away unseen (quit before they were reached). */
  readonly discarded: number;
};

/** What the next generation is asked for beyond the endpoint itself. */
export type GenerationRequest = {
  readonly instructions: string | undefined;
  readonly problems: readonly string[];
};

/** Every screen of the wizard and the data it shows. */
export type WizardState =
  | { readonly step: 'choosing-engine'; readonly rows: readonly PickRow[]; readonly prefetch: number }
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
      /** Endpoints generated ahead of the one under review. */
      readonly prefetch: number;
    }
  | {
      readonly step: 'generating';
      readonly run: Run;
      readonly generationId: number;
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
      /** The drafts of this endpoint so far; the new one joins them. */
      readonly drafts: readonly Draft[];
    }
  | {
      readonly step: 'reviewing';
      readonly run: Run;
      readonly generationId: number;
      readonly analysis: string;
      readonly plan: string;
      /** Cancelled before the end: cannot be saved as is. */
      readonly incomplete: boolean;
      readonly problems: readonly PlanProblem[];
      readonly changeSummary: string | undefined;
      readonly notice: string | undefined;
      readonly elapsedMs: number;
      readonly usage: Usage | undefined;
      /** Every draft of this endpoint in this review, oldest first. */
      readonly drafts: readonly Draft[];
      /** Index in `drafts` of the draft on screen (the fields above are its copy). */
      readonly shown: number;
      /** Showing what changed from the previous draft instead of the draft. */
      readonly diff: boolean;
      /** The last save failed: saving elsewhere is offered. */
      readonly saveFailed: boolean;
    }
  | {
      readonly step: 'saving';
      readonly run: Run;
      readonly review: Extract<WizardState, { step: 'reviewing' }>;
      /** The absolute path the user chose instead of the plans folder; undefined for the plans folder. */
      readonly to: string | undefined;
    }
  | {
      readonly step: 'failed';
      readonly run: Run;
      readonly generationId: number;
      readonly request: GenerationRequest;
      readonly message: string;
      readonly previous: string | undefined;
      /** The failure is the run's (a bad key, no server): skipping to the next endpoint would meet it again. */
      readonly runLevel: boolean;
      readonly drafts: readonly Draft[];
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
      /** Prefetched plans generated (and counted in the totals) but never reviewed. */
      readonly discarded: number;
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
      readonly generationId: number;
      readonly analysis: string;
      readonly plan: string;
      readonly chars: number;
    }
  | {
      readonly type: 'finished';
      readonly generationId: number;
      readonly analysis: string;
      readonly plan: string;
      readonly usage: Usage | undefined;
      readonly costUsd: number | undefined;
      readonly at: number;
    }
  | { readonly type: 'retrying'; readonly generationId: number; readonly message: string }
  | {
      readonly type: 'generation-failed';
      readonly generationId: number;
      readonly message: string;
      readonly runLevel: boolean;
    }
  | { readonly type: 'cancel'; readonly at: number }
  | { readonly type: 'save' }
  | { readonly type: 'save-elsewhere'; readonly path: string }
  | { readonly type: 'save-done'; readonly file: string; readonly path: string }
  | { readonly type: 'save-failed'; readonly message: string }
  | { readonly type: 'edited'; readonly text: string }
  | { readonly type: 'notice'; readonly message: string }
  | { readonly type: 'regenerate'; readonly instructions: string | undefined; readonly at: number }
  | { readonly type: 'retry'; readonly at: number }
  | { readonly type: 'skip'; readonly at: number }
  | { readonly type: 'next'; readonly at: number }
  | { readonly type: 'facts-known'; readonly stale: ReadonlySet<string> }
  | { readonly type: 'code-known'; readonly implemented: ReadonlyMap<string, Implementation> }
  | { readonly type: 'draft-previous' }
  | { readonly type: 'draft-next' }
  | { readonly type: 'toggle-diff' }
  | { readonly type: 'back-to-drafts' }
  | { readonly type: 'quit'; readonly at: number }
  | { readonly type: 'abort'; readonly at: number };

type State<S extends WizardState['step']> = Extract<WizardState, { step: S }>;

/** What the wizard starts from. */
export type WizardInit = {
  readonly endpoints: readonly Endpoint[];
  readonly planned: readonly PlannedFile[];
  /** Undefined when no model is configured: the wizard offers the offline engine first. */
  readonly engine: EngineInfo | undefined;
  /** Endpoints generated ahead of the one under review (0: none). */
  readonly prefetch?: number | undefined;
  /** Endpoint ids whose saved plan's facts changed since it was saved. */
  readonly stale?: ReadonlySet<string> | undefined;
  /** Unsaved drafts from an earlier session, by endpoint id. */
  readonly kept?: Readonly<Record<string, readonly KeptDraft[]>> | undefined;
};

const noTotals: Totals = {
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  costUsd: undefined,
  unpriced: 0,
};

/**
 * The first screen: endpoints in document order; preselected are those without a plan, those whose plan is
 * stale, and those with drafts kept from an earlier session.
 */
export function initialState(init: WizardInit): WizardState {
  const planned = plannedByEndpoint(init.planned);
  const rows = init.endpoints.map((endpoint): PickRow => {
    const file = planned.get(endpoint.id)?.file;
    const stale = file === undefined ? undefined : init.stale?.has(endpoint.id) === true;
    const kept = init.kept?.[endpoint.id] ?? [];
    return {
      endpoint,
      plannedFile: file,
      stale,
      kept,
      selected: file === undefined || stale === true || kept.length > 0,
    };
  });
  if (init.engine === undefined) return { step: 'choosing-engine', rows, prefetch: 0 };
  return picking(rows, init.engine, init.prefetch ?? 0);
}

function picking(rows: readonly PickRow[], engine: EngineInfo, prefetch: number): State<'picking'> {
  return {
    step: 'picking',
    engine,
    rows,
    cursor: 0,
    filter: '',
    filtering: false,
    notice: undefined,
    prefetch,
  };
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
  if (event.type === 'abort') {
    // Ctrl+C twice: the tally of the run so far stays on screen (saved, skipped, not reached, where).
    const run = runOf(state);
    const firstNotReached = state.step === 'saved' ? (run?.index ?? 0) + 1 : (run?.index ?? 0);
    const summary = run === undefined ? undefined : toSummary(run, event.at, firstNotReached);
    return { step: 'done', exitCode: 130, summary };
  }
  const ahead = routeToPrefetch(state, event);
  if (ahead !== undefined) return ahead;
  const next = step(state, event);
  return next === state ? state : topUp(next, event);
}

function step(state: WizardState, event: WizardEvent): WizardState {
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

/** The run a step works on, when it has one. */
export function runOf(state: WizardState): Run | undefined {
  switch (state.step) {
    case 'generating':
    case 'reviewing':
    case 'saving':
    case 'failed':
    case 'saved':
      return state.run;
    default:
      return undefined;
  }
}

function withRun(state: WizardState, run: Run): WizardState {
  switch (state.step) {
    case 'generating':
    case 'reviewing':
    case 'failed':
    case 'saved':
      return { ...state, run };
    case 'saving':
      // The review being saved stays the same object: the save effect runs once per review it is given.
      return { ...state, run };
    default:
      return state;
  }
}

/** Stream events of a prefetched plan update it in the run, whatever step is on screen. */
function routeToPrefetch(state: WizardState, event: WizardEvent): WizardState | undefined {
  if (event.type !== 'progress' && event.type !== 'finished' && event.type !== 'generation-failed')
    return undefined;
  const run = runOf(state);
  const entry = run?.ahead.find((candidate) => candidate.generationId === event.generationId);
  if (run === undefined || entry === undefined) return undefined;
  let updated: Prefetch;
  let totals = run.totals;
  if (event.type === 'progress') {
    updated = { ...entry, analysis: event.analysis, plan: event.plan, chars: event.chars };
  } else if (event.type === 'finished') {
    updated = {
      ...entry,
      status: 'ready',
      analysis: event.analysis,
      plan: event.plan,
      usage: event.usage,
      elapsedMs: Math.max(0, event.at - entry.startedAt),
    };
    totals = addUsage(totals, event.usage, event.costUsd);
  } else {
    updated = { ...entry, status: 'failed', message: event.message, runLevel: event.runLevel };
  }
  const ahead = run.ahead.map((candidate) => (candidate === entry ? updated : candidate));
  return withRun(state, { ...run, ahead, totals });
}

/**
 * Keeps `run.prefetch` endpoints after the one under review generating: it starts once the current plan is on
 * screen (not while it streams). Once that plan is being saved the next one is the one under review, so the plan
 * after it starts then, not a keypress later.
 */
function topUp(state: WizardState, event: WizardEvent): WizardState {
  if (state.step !== 'reviewing' && state.step !== 'saving' && state.step !== 'saved') return state;
  const { run } = state;
  if (run.prefetch <= 0) return state;
  const at = 'at' in event ? event.at : run.startedAt;
  const underReview = state.step === 'reviewing' ? run.index : run.index + 1;
  let { lastGenerationId } = run;
  const ahead = [...run.ahead];
  const last = Math.min(underReview + run.prefetch, run.queue.length - 1);
  for (let index = underReview + 1; index <= last; index++) {
    const endpoint = run.queue[index];
    if (endpoint === undefined || ahead.some((entry) => entry.index === index)) continue;
    if ((run.kept[endpoint.id]?.length ?? 0) > 0) continue;
    lastGenerationId += 1;
    ahead.push({
      index,
      generationId: lastGenerationId,
      status: 'streaming',
      analysis: '',
      plan: '',
      chars: 0,
      startedAt: at,
      elapsedMs: 0,
      usage: undefined,
      message: undefined,
      runLevel: false,
    });
  }
  if (ahead.length === run.ahead.length) return state;
  return withRun(state, { ...run, ahead, lastGenerationId });
}

/**
 * Rows marked with the handlers found in the code. An endpoint already built (not a stub) is no longer preselected,
 * unless the user chose it or its plan is stale.
 */
function markImplemented(
  rows: readonly PickRow[],
  implemented: ReadonlyMap<string, Implementation>,
): readonly PickRow[] {
  return rows.map((row) => {
    const found = implemented.get(row.endpoint.id);
    if (found === undefined && row.implemented === undefined) return row;
    const built = found !== undefined && !found.stub;
    const selected = row.touched === true || !built || row.stale === true ? row.selected : false;
    return { ...row, implemented: found, selected };
  });
}

/** Rows marked with what is now known to be stale; a plan newly found stale is selected. */
function markStale(rows: readonly PickRow[], stale: ReadonlySet<string>): readonly PickRow[] {
  return rows.map((row) => {
    if (row.plannedFile === undefined) return row;
    const now = stale.has(row.endpoint.id);
    if (now === row.stale) return row;
    return { ...row, stale: now, selected: row.selected || now };
  });
}

function chooseEngine(state: State<'choosing-engine'>, event: WizardEvent): WizardState {
  if (event.type === 'facts-known') return { ...state, rows: markStale(state.rows, event.stale) };
  if (event.type === 'code-known') return { ...state, rows: markImplemented(state.rows, event.implemented) };
  if (event.type === 'use-offline') return picking(state.rows, event.engine, state.prefetch);
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
        rows: state.rows.map((row, index) =>
          index === current ? { ...row, selected: !row.selected, touched: true } : row,
        ),
      };
    case 'toggle-all': {
      const shown = new Set(visible);
      const select = visible.some((index) => state.rows[index]?.selected !== true);
      return {
        ...base,
        rows: state.rows.map((row, index) =>
          shown.has(index) ? { ...row, selected: select, touched: true } : row,
        ),
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
    case 'facts-known':
      return { ...state, rows: markStale(state.rows, event.stale) };
    case 'code-known':
      return { ...state, rows: markImplemented(state.rows, event.implemented) };
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
      const chosen = state.rows.filter((row) => row.selected);
      if (chosen.length === 0)
        return { ...state, notice: 'Nothing selected: press Space to select an endpoint.' };
      const kept: Record<string, readonly KeptDraft[]> = {};
      for (const row of chosen) if (row.kept.length > 0) kept[row.endpoint.id] = row.kept;
      const run: Run = {
        engine: state.engine,
        queue: chosen.map((row) => row.endpoint),
        index: 0,
        outcomes: [],
        startedAt: event.at,
        totals: noTotals,
        lastGenerationId: 0,
        prefetch: state.prefetch,
        ahead: [],
        kept,
        discarded: 0,
      };
      return enter(run, event.at);
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
  drafts: readonly Draft[] = [],
): State<'generating'> {
  const generationId = run.lastGenerationId + 1;
  return {
    step: 'generating',
    run: { ...run, lastGenerationId: generationId },
    generationId,
    request,
    startedAt: at,
    analysis: '',
    plan: '',
    chars: 0,
    previous,
    retry: undefined,
    drafts,
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
    cachedTokens: totals.cachedTokens + (usage?.cachedTokens ?? 0),
    costUsd: costUsd === undefined ? totals.costUsd : (totals.costUsd ?? 0) + costUsd,
    unpriced: totals.unpriced + (costUsd === undefined ? 1 : 0),
  };
}

/** A review screen showing draft `shown` of `drafts`. */
function reviewOf(
  run: Run,
  generationId: number,
  drafts: readonly Draft[],
  shown: number,
  extra: { readonly changeSummary?: string | undefined; readonly notice?: string | undefined } = {},
): State<'reviewing'> {
  const draft = drafts[shown];
  if (draft === undefined) throw new Error(`No draft ${shown} of ${drafts.length}`);
  return {
    step: 'reviewing',
    run,
    generationId,
    analysis: draft.analysis,
    plan: draft.plan,
    incomplete: draft.incomplete,
    problems: draft.problems,
    changeSummary: extra.changeSummary,
    notice:
      extra.notice ??
      (draft.incomplete
        ? 'Cancelled: this draft is incomplete. Regenerate, or edit it before saving.'
        : undefined),
    elapsedMs: draft.elapsedMs,
    usage: draft.usage,
    drafts,
    shown,
    diff: false,
    saveFailed: false,
  };
}

function draftOf(endpoint: Endpoint, fields: Omit<Draft, 'problems'>): Draft {
  return { ...fields, problems: validatePlan(fields.plan, endpoint) };
}

/** Shows the endpoint at `run.index`: its kept drafts, its prefetched plan, or a new generation. */
function enter(run: Run, at: number): WizardState {
  const endpoint = currentEndpoint(run);
  const kept = run.kept[endpoint.id];
  if (kept !== undefined && kept.length > 0) {
    const drafts = kept.map((draft) =>
      draftOf(endpoint, {
        plan: draft.plan,
        analysis: '',
        origin: draft.origin,
        incomplete: false,
        elapsedMs: 0,
        usage: undefined,
      }),
    );
    const { [endpoint.id]: _, ...rest } = run.kept;
    return reviewOf({ ...run, kept: rest }, run.lastGenerationId, drafts, drafts.length - 1, {
      notice: `${drafts.length} unsaved draft${drafts.length === 1 ? '' : 's'} kept from an earlier session: ←/→ to browse, s to save, r to regenerate.`,
    });
  }
  const entry = run.ahead.find((candidate) => candidate.index === run.index);
  if (entry === undefined)
    return beginGeneration(run, { instructions: undefined, problems: [] }, undefined, at);
  const rest = { ...run, ahead: run.ahead.filter((candidate) => candidate !== entry) };
  const request = { instructions: undefined, problems: [] };
  switch (entry.status) {
    case 'streaming':
      return {
        step: 'generating',
        run: rest,
        generationId: entry.generationId,
        request,
        startedAt: entry.startedAt,
        analysis: entry.analysis,
        plan: entry.plan,
        chars: entry.chars,
        previous: undefined,
        retry: undefined,
        drafts: [],
      };
    case 'ready': {
      const draft = draftOf(endpoint, {
        plan: entry.plan,
        analysis: entry.analysis,
        origin: 'generated',
        incomplete: false,
        elapsedMs: entry.elapsedMs,
        usage: entry.usage,
      });
      return reviewOf(rest, entry.generationId, [draft], 0);
    }
    case 'failed':
      return {
        step: 'failed',
        run: rest,
        generationId: entry.generationId,
        request,
        message: entry.message ?? 'The generation failed.',
        previous: undefined,
        runLevel: entry.runLevel,
        drafts: [],
      };
    default:
      return assertNever(entry.status);
  }
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
  // A cancelled regeneration that brought nothing adds no draft: the earlier ones are still there.
  if (fields.incomplete && fields.plan.trim() === '' && state.drafts.length > 0) {
    return reviewOf(fields.run, state.generationId, state.drafts, state.drafts.length - 1, {
      notice: 'Cancelled before any text arrived: the drafts are as they were.',
    });
  }
  const draft = draftOf(endpoint, {
    plan: fields.plan,
    analysis: fields.analysis,
    origin: state.drafts.length === 0 ? 'generated' : 'regenerated',
    incomplete: fields.incomplete,
    elapsedMs: Math.max(0, fields.at - state.startedAt),
    usage: fields.usage,
  });
  const drafts = [...state.drafts, draft];
  const changed = state.previous !== undefined && !fields.incomplete;
  return reviewOf(fields.run, state.generationId, drafts, drafts.length - 1, {
    changeSummary: changed ? summarizeChange(state.previous ?? '', fields.plan) : undefined,
  });
}

function generate(state: State<'generating'>, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'progress':
      // Drop stale chunks: a cancelled or replaced generation may still deliver a batch.
      if (event.generationId !== state.generationId) return state;
      return { ...state, analysis: event.analysis, plan: event.plan, chars: event.chars, retry: undefined };
    case 'retrying':
      if (event.generationId !== state.generationId) return state;
      return { ...state, analysis: '', plan: '', chars: 0, retry: event.message };
    case 'finished':
      if (event.generationId !== state.generationId) return state;
      return reviewing(state, {
        plan: event.plan,
        analysis: event.analysis,
        incomplete: false,
        at: event.at,
        usage: event.usage,
        run: { ...state.run, totals: addUsage(state.run.totals, event.usage, event.costUsd) },
      });
    case 'generation-failed':
      if (event.generationId !== state.generationId) return state;
      return {
        step: 'failed',
        run: state.run,
        generationId: state.generationId,
        request: state.request,
        message: event.message,
        previous: state.previous,
        runLevel: event.runLevel,
        drafts: state.drafts,
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
      return { step: 'saving', run: state.run, review: state, to: undefined };
    case 'save-elsewhere':
      // Only offered after a failed save; the draft must be as complete as for an ordinary save.
      if (!state.saveFailed || state.incomplete || state.plan.trim() === '') return state;
      return { step: 'saving', run: state.run, review: state, to: event.path };
    case 'edited': {
      if (event.text === state.plan) return { ...state, notice: 'No changes made in the editor.' };
      const draft = draftOf(endpoint, {
        plan: event.text,
        analysis: state.analysis,
        origin: 'edited',
        incomplete: false,
        elapsedMs: state.elapsedMs,
        usage: undefined,
      });
      const drafts = [...state.drafts, draft];
      return {
        ...reviewOf(state.run, state.generationId, drafts, drafts.length - 1, {
          changeSummary: `Edited: ${summarizeChange(state.plan, event.text)}`,
        }),
        saveFailed: state.saveFailed,
      };
    }
    case 'draft-previous':
    case 'draft-next': {
      const shown = state.shown + (event.type === 'draft-previous' ? -1 : 1);
      if (shown < 0 || shown >= state.drafts.length) return state;
      return {
        ...reviewOf(state.run, state.generationId, state.drafts, shown),
        diff: state.diff,
        saveFailed: state.saveFailed,
      };
    }
    case 'toggle-diff':
      if (state.shown === 0 && !state.diff)
        return { ...state, notice: 'This is the first draft: there is no earlier one to compare with.' };
      return { ...state, diff: !state.diff, notice: undefined };
    case 'notice':
      return { ...state, notice: event.message };
    case 'regenerate':
      if (state.run.engine.kind === 'offline' && event.instructions !== undefined)
        return {
          ...state,
          notice:
            'The offline engine cannot follow instructions: it drafts from the docs alone. Edit the draft (e), or configure a model.',
        };
      return beginGeneration(
        state.run,
        {
          instructions: event.instructions?.trim() === '' ? undefined : event.instructions?.trim(),
          problems: state.problems.map((problem) => problem.message),
        },
        state.plan.trim() === '' ? undefined : state.plan,
        event.at,
        state.drafts,
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
      return { ...state.review, run: state.run, notice: `Not saved: ${event.message}`, saveFailed: true };
    default:
      return state;
  }
}

function fail(state: State<'failed'>, event: WizardEvent): WizardState {
  const endpoint = currentEndpoint(state.run);
  switch (event.type) {
    case 'retry':
      return beginGeneration(state.run, state.request, state.previous, event.at, state.drafts);
    case 'back-to-drafts':
      if (state.drafts.length === 0) return state;
      return reviewOf(state.run, state.generationId, state.drafts, state.drafts.length - 1);
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
  return enter(next, at);
}

/** The end of a run: prefetched plans not reached are dropped (their streams end with them) and counted. */
function toSummary(run: Run, at: number, firstNotReached: number): State<'summary'> {
  return {
    step: 'summary',
    outcomes: run.outcomes,
    notReached: run.queue.slice(firstNotReached),
    totals: run.totals,
    elapsedMs: Math.max(0, at - run.startedAt),
    engine: run.engine,
    notice: undefined,
    discarded: run.discarded + run.ahead.length,
  };
}
