import { describe, expect, it } from 'vitest';
import type { Usage } from '../../src/core/ports.ts';
import {
  type EngineInfo,
  initialState,
  transition,
  visibleRows,
  type WizardEvent,
  type WizardInit,
  type WizardState,
} from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { aValidPlan } from './plans.ts';

const model: EngineInfo = { name: 'gpt-test', kind: 'llm' };
const list = anEndpoint({ method: 'GET', path: '/api/flashcards', title: 'List flashcards' });
const create = anEndpoint({
  method: 'POST',
  path: '/api/flashcards',
  title: 'Create flashcards',
  errorCodes: [400],
});
const remove = anEndpoint({ method: 'DELETE', path: '/api/flashcards/{id}', title: 'Delete a flashcard' });
const usage: Usage = { promptTokens: 1000, completionTokens: 500, cachedTokens: undefined };

function init(overrides: Partial<WizardInit> = {}): WizardInit {
  return { endpoints: [list, create, remove], planned: [], engine: model, ...overrides };
}

/** Plays events from a state, returning every intermediate state's step and the last state. */
function play(state: WizardState, ...events: WizardEvent[]): WizardState {
  return events.reduce(transition, state);
}

function as<S extends WizardState['step']>(state: WizardState, step: S): Extract<WizardState, { step: S }> {
  if (state.step !== step) throw new Error(`Expected step ${step}, got ${state.step}`);
  return state as Extract<WizardState, { step: S }>;
}

function picking(state: WizardState) {
  return as(state, 'picking');
}

function order(state: WizardState): string[] {
  return picking(state).rows.map((row) => row.endpoint.id);
}

function selected(state: WizardState): string[] {
  return picking(state)
    .rows.filter((row) => row.selected)
    .map((row) => row.endpoint.id);
}

/** A run started on all three endpoints, generating the first. */
function started(): Extract<WizardState, { step: 'generating' }> {
  return as(play(initialState(init()), { type: 'start', at: 1000 }), 'generating');
}

function finished(state: WizardState, plan: string, at = 5000): WizardState {
  const generationId = as(state, 'generating').generationId;
  return transition(state, {
    type: 'finished',
    generationId,
    analysis: 'why',
    plan,
    usage,
    costUsd: 0.01,
    at,
  });
}

describe('initial state', () => {
  it('lists endpoints in document order with those without a plan selected', () => {
    const state = initialState(
      init({
        planned: [
          { file: '002-post-flashcards.md', number: 2, endpointId: create.id, inputsHash: undefined },
        ],
      }),
    );
    expect(order(state)).toEqual([list.id, create.id, remove.id]);
    expect(selected(state)).toEqual([list.id, remove.id]);
    expect(picking(state).rows[1]?.plannedFile).toBe('002-post-flashcards.md');
  });

  it('offers the offline engine first when no model is configured', () => {
    const state = initialState(init({ engine: undefined }));
    expect(state.step).toBe('choosing-engine');
    const offline = transition(state, { type: 'use-offline', engine: { name: 'offline', kind: 'offline' } });
    expect(picking(offline).engine.kind).toBe('offline');
    expect(transition(state, { type: 'quit', at: 0 })).toMatchObject({ step: 'done', exitCode: 0 });
  });
});

describe('picking', () => {
  const start = initialState(init());

  it.each<[string, WizardEvent[], { cursor: number; order?: string[]; selected?: string[] }]>([
    ['down moves the cursor', [{ type: 'cursor-down' }], { cursor: 1 }],
    [
      'down stops at the last row',
      [{ type: 'cursor-down' }, { type: 'cursor-down' }, { type: 'cursor-down' }],
      { cursor: 2 },
    ],
    ['up stops at the first row', [{ type: 'cursor-up' }], { cursor: 0 }],
    [
      'space toggles the highlighted row',
      [{ type: 'cursor-down' }, { type: 'toggle' }],
      { cursor: 1, selected: [list.id, remove.id] },
    ],
    ['all/none clears a full selection', [{ type: 'toggle-all' }], { cursor: 0, selected: [] }],
    [
      'all/none selects all when some are off',
      [{ type: 'toggle' }, { type: 'toggle-all' }],
      { cursor: 0, selected: [list.id, create.id, remove.id] },
    ],
    [
      'move-down carries the highlighted row down',
      [{ type: 'move-down' }],
      { cursor: 1, order: [create.id, list.id, remove.id] },
    ],
    [
      'move-up carries it back up',
      [{ type: 'cursor-down' }, { type: 'cursor-down' }, { type: 'move-up' }],
      { cursor: 1, order: [list.id, remove.id, create.id] },
    ],
    [
      'move-up at the top does nothing',
      [{ type: 'move-up' }],
      { cursor: 0, order: [list.id, create.id, remove.id] },
    ],
  ])('%s', (_name, events, expected) => {
    const state = picking(play(start, ...events));
    expect(state.cursor).toBe(expected.cursor);
    if (expected.order) expect(order(state)).toEqual(expected.order);
    if (expected.selected) expect(selected(state)).toEqual(expected.selected);
  });

  it('filters by text over method, path and title, and toggles only what is shown', () => {
    const filtered = play(start, { type: 'filter-start' }, { type: 'filter-text', text: 'delete' });
    expect(visibleRows(picking(filtered))).toEqual([2]);
    expect(picking(filtered).filtering).toBe(true);
    const none = play(filtered, { type: 'filter-end', keep: true }, { type: 'toggle-all' });
    expect(picking(none).filtering).toBe(false);
    expect(selected(none)).toEqual([list.id, create.id]);
    const cleared = transition(none, { type: 'filter-end', keep: false });
    expect(picking(cleared).filter).toBe('');
    expect(visibleRows(picking(cleared))).toEqual([0, 1, 2]);
  });

  it('moves within the filtered rows, swapping with the nearest shown row', () => {
    const a = anEndpoint({ path: '/api/a', title: 'alpha one' });
    const b = anEndpoint({ path: '/api/b', title: 'beta' });
    const c = anEndpoint({ path: '/api/c', title: 'alpha two' });
    const state = play(
      initialState(init({ endpoints: [a, b, c] })),
      { type: 'filter-text', text: 'ALPHA' },
      { type: 'cursor-down' },
      { type: 'move-up' },
    );
    expect(order(state)).toEqual([c.id, b.id, a.id]);
    expect(picking(state).cursor).toBe(0);
  });

  it('keeps the cursor inside the filtered rows', () => {
    const state = play(
      start,
      { type: 'cursor-down' },
      { type: 'cursor-down' },
      { type: 'filter-text', text: 'GET' },
    );
    expect(visibleRows(picking(state))).toEqual([0]);
    expect(picking(state).cursor).toBe(0);
    const nothing = play(
      start,
      { type: 'filter-text', text: 'zzz' },
      { type: 'toggle' },
      { type: 'move-down' },
    );
    expect(selected(nothing)).toEqual([list.id, create.id, remove.id]);
  });

  it('starts with the selected endpoints in the order shown', () => {
    const state = play(
      start,
      { type: 'move-down' },
      { type: 'cursor-down' },
      { type: 'toggle' },
      { type: 'start', at: 10 },
    );
    const generating = as(state, 'generating');
    expect(generating.run.queue.map((e) => e.id)).toEqual([create.id, list.id]);
    expect(generating.run.startedAt).toBe(10);
    expect(generating.generationId).toBe(1);
  });

  it('refuses to start with nothing selected and says why', () => {
    const state = play(start, { type: 'toggle-all' }, { type: 'start', at: 0 });
    expect(picking(state).notice).toContain('Nothing selected');
  });

  it('quits with code 0', () => {
    expect(transition(start, { type: 'quit', at: 0 })).toMatchObject({ step: 'done', exitCode: 0 });
  });
});

describe('generating', () => {
  it('takes the latest snapshot of analysis and plan', () => {
    const state = started();
    const next = play(
      state,
      { type: 'progress', generationId: 1, analysis: 'a', plan: '', chars: 1 },
      { type: 'progress', generationId: 1, analysis: 'ab', plan: '# P', chars: 5 },
    );
    expect(as(next, 'generating')).toMatchObject({ analysis: 'ab', plan: '# P', chars: 5 });
  });

  it('drops chunks of a stale generation', () => {
    const state = started();
    const regenerated = play(finished(state, aValidPlan(list)), {
      type: 'regenerate',
      instructions: undefined,
      at: 6000,
    });
    expect(as(regenerated, 'generating').generationId).toBe(2);
    const stale = play(
      regenerated,
      { type: 'progress', generationId: 1, analysis: 'old', plan: 'old plan', chars: 8 },
      { type: 'finished', generationId: 1, analysis: 'old', plan: 'old plan', usage, costUsd: 1, at: 7000 },
      { type: 'generation-failed', generationId: 1, message: 'old failure', runLevel: false },
    );
    expect(stale).toBe(regenerated);
  });

  it('finishes into review with the validator problems and the usage added to the totals', () => {
    const review = as(finished(started(), '# not a plan'), 'reviewing');
    expect(review.incomplete).toBe(false);
    expect(review.problems.map((p) => p.code)).toContain('missing-section');
    expect(review.elapsedMs).toBe(4000);
    expect(review.run.totals).toEqual({
      promptTokens: 1000,
      completionTokens: 500,
      cachedTokens: 0,
      costUsd: 0.01,
      unpriced: 0,
    });
    expect(review.changeSummary).toBeUndefined();
  });

  it('adds the prompt tokens a provider served from its cache to the totals', () => {
    const state = play(started(), {
      type: 'finished',
      generationId: 1,
      analysis: 'a',
      plan: '# not a plan',
      usage: { promptTokens: 1000, completionTokens: 500, cachedTokens: 768 },
      costUsd: 0.005,
      at: 5000,
    });
    expect(as(state, 'reviewing').run.totals.cachedTokens).toBe(768);
  });

  it('cancel goes to review with what arrived, marked incomplete, and saving is refused', () => {
    const state = play(started(), {
      type: 'progress',
      generationId: 1,
      analysis: 'a',
      plan: '# half',
      chars: 7,
    });
    const review = as(transition(state, { type: 'cancel', at: 3000 }), 'reviewing');
    expect(review).toMatchObject({ plan: '# half', incomplete: true });
    const refused = as(transition(review, { type: 'save' }), 'reviewing');
    expect(refused.notice).toContain('incomplete');
  });

  it('a failure becomes a failed step; retry gets a new generationId, skip records the failure', () => {
    const failed = as(
      transition(started(), {
        type: 'generation-failed',
        generationId: 1,
        message: 'The API key was rejected.',
        runLevel: false,
      }),
      'failed',
    );
    expect(failed.message).toBe('The API key was rejected.');
    const retried = as(transition(failed, { type: 'retry', at: 2000 }), 'generating');
    expect(retried.generationId).toBe(2);
    expect(retried.run.index).toBe(0);
    const skipped = as(transition(failed, { type: 'skip', at: 2000 }), 'generating');
    expect(skipped.run.index).toBe(1);
    expect(skipped.run.outcomes).toEqual([
      { kind: 'failed', endpoint: list, message: 'The API key was rejected.' },
    ]);
  });

  it('quit goes to the summary with nothing saved', () => {
    const summary = as(transition(started(), { type: 'quit', at: 4000 }), 'summary');
    expect(summary.outcomes).toEqual([]);
    expect(summary.notReached.map((e) => e.id)).toEqual([list.id, create.id, remove.id]);
    expect(summary.elapsedMs).toBe(3000);
  });

  it('abort ends the wizard with 130 from any step', () => {
    expect(transition(started(), { type: 'abort', at: 9_000 })).toMatchObject({
      step: 'done',
      exitCode: 130,
    });
    expect(transition(initialState(init()), { type: 'abort', at: 9_000 })).toMatchObject({
      step: 'done',
      exitCode: 130,
    });
  });
});

describe('reviewing', () => {
  const plan = aValidPlan(list);
  const review = () => as(finished(started(), plan), 'reviewing');

  it('a valid plan has no problems', () => {
    expect(review().problems).toEqual([]);
  });

  it('regenerate keeps the previous draft for a change summary and sends the problems and instructions', () => {
    const broken = as(finished(started(), '# only a title'), 'reviewing');
    const generating = as(
      transition(broken, { type: 'regenerate', instructions: '  use cursor pagination ', at: 6000 }),
      'generating',
    );
    expect(generating.request.instructions).toBe('use cursor pagination');
    expect(generating.request.problems.length).toBe(broken.problems.length);
    expect(generating.previous).toBe('# only a title');
    const again = as(finished(generating, plan, 9000), 'reviewing');
    expect(again.changeSummary).toMatch(/\+\d+/);
    expect(again.elapsedMs).toBe(3000);
  });

  it('an edit replaces the draft, is validated, and makes an incomplete draft saveable', () => {
    const cancelled = as(transition(started(), { type: 'cancel', at: 2000 }), 'reviewing');
    const edited = as(transition(cancelled, { type: 'edited', text: plan }), 'reviewing');
    expect(edited).toMatchObject({ plan, incomplete: false, problems: [] });
    expect(edited.changeSummary).toMatch(/^Edited: /);
    expect(transition(edited, { type: 'save' }).step).toBe('saving');
  });

  it('an edit that changes nothing says so', () => {
    const same = as(transition(review(), { type: 'edited', text: plan }), 'reviewing');
    expect(same.notice).toContain('No changes');
  });

  it('save → saving → saved records the file; a failed save returns to review with the reason', () => {
    const saving = transition(review(), { type: 'save' });
    expect(saving.step).toBe('saving');
    const saved = as(
      transition(saving, {
        type: 'save-done',
        file: '001-get-flashcards.md',
        path: '/p/001-get-flashcards.md',
      }),
      'saved',
    );
    expect(saved.run.outcomes).toEqual([
      { kind: 'saved', endpoint: list, file: '001-get-flashcards.md', path: '/p/001-get-flashcards.md' },
    ]);
    const failed = as(transition(saving, { type: 'save-failed', message: 'EACCES' }), 'reviewing');
    expect(failed.notice).toBe('Not saved: EACCES');
    expect(failed.plan).toBe(plan);
  });

  it('skip moves to the next endpoint; skipping the last ends in the summary', () => {
    const next = as(transition(review(), { type: 'skip', at: 6000 }), 'generating');
    expect(next.run.index).toBe(1);
    expect(next.generationId).toBe(2);
    expect(next.previous).toBeUndefined();
    let state: WizardState = next;
    state = play(finished(state, aValidPlan(create)), { type: 'skip', at: 7000 });
    state = play(finished(state, aValidPlan(remove)), { type: 'skip', at: 8000 });
    const summary = as(state, 'summary');
    expect(summary.outcomes.map((o) => o.kind)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(summary.notReached).toEqual([]);
    expect(summary.elapsedMs).toBe(7000);
    expect(summary.totals.promptTokens).toBe(3000);
    expect(summary.totals.costUsd).toBeCloseTo(0.03);
  });

  it('quit goes to the summary, the current endpoint not reached', () => {
    const summary = as(transition(review(), { type: 'quit', at: 6000 }), 'summary');
    expect(summary.notReached.map((e) => e.id)).toEqual([list.id, create.id, remove.id]);
  });
});

describe('saved and summary', () => {
  const saved = () =>
    play(
      finished(started(), aValidPlan(list)),
      { type: 'save' },
      { type: 'save-done', file: '001-get-flashcards.md', path: '/p/001-get-flashcards.md' },
    );

  it('next starts the next endpoint', () => {
    const next = as(transition(saved(), { type: 'next', at: 6000 }), 'generating');
    expect(next.run.index).toBe(1);
  });

  it('quit summarises with the rest not reached', () => {
    const summary = as(transition(saved(), { type: 'quit', at: 6000 }), 'summary');
    expect(summary.outcomes.map((o) => o.kind)).toEqual(['saved']);
    expect(summary.notReached.map((e) => e.id)).toEqual([create.id, remove.id]);
  });

  it('the summary exits with 0 on Enter or q, and shows notices', () => {
    const summary = transition(saved(), { type: 'quit', at: 6000 });
    expect(transition(summary, { type: 'next', at: 0 })).toMatchObject({ step: 'done', exitCode: 0 });
    expect(transition(summary, { type: 'quit', at: 0 })).toMatchObject({ step: 'done', exitCode: 0 });
    expect(as(transition(summary, { type: 'quit', at: 0 }), 'done').summary?.outcomes).toHaveLength(1);
    expect(as(transition(summary, { type: 'notice', message: 'No editor' }), 'summary').notice).toBe(
      'No editor',
    );
  });

  it('events that do not apply leave the state unchanged', () => {
    const state = saved();
    for (const event of [
      { type: 'toggle' },
      { type: 'save' },
      { type: 'cancel', at: 1 },
      { type: 'retry', at: 1 },
    ] as const) {
      expect(transition(state, event)).toBe(state);
    }
    const done: WizardState = { step: 'done', exitCode: 0, summary: undefined };
    expect(transition(done, { type: 'quit', at: 0 })).toBe(done);
  });
});

describe('endpoints the code already implements', () => {
  const built = new Map([
    [list.id, { file: 'src/pages/api/flashcards/index.ts', line: 3, stub: false }],
    [remove.id, { file: 'src/pages/api/flashcards/[id].ts', line: 9, stub: true }],
  ]);

  it('are marked and no longer preselected; a stub stays selected', () => {
    const state = play(initialState(init()), { type: 'code-known', implemented: built });
    expect(selected(state)).toEqual([create.id, remove.id]);
    expect(picking(state).rows.map((row) => row.implemented?.stub)).toEqual([false, undefined, true]);
  });

  it("keep the user's own choice when the scan ends after it", () => {
    const state = play(
      initialState(init()),
      { type: 'toggle' },
      { type: 'toggle' },
      {
        type: 'code-known',
        implemented: built,
      },
    );
    expect(selected(state)).toEqual([list.id, create.id, remove.id]);
  });
});
