import { describe, expect, it } from 'vitest';
import type { Usage } from '../../src/core/ports.ts';
import {
  initialState,
  transition,
  type WizardEvent,
  type WizardInit,
  type WizardState,
} from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { aValidPlan } from './plans.ts';

const list = anEndpoint({ method: 'GET', path: '/api/decks', title: 'List decks' });
const create = anEndpoint({ method: 'POST', path: '/api/decks', title: 'Create a deck', errorCodes: [400] });
const remove = anEndpoint({
  method: 'DELETE',
  path: '/api/decks/{id}',
  title: 'Delete a deck',
  errorCodes: [404],
});
const usage: Usage = { promptTokens: 1000, completionTokens: 500, cachedTokens: undefined };

function init(overrides: Partial<WizardInit> = {}): WizardInit {
  return {
    endpoints: [list, create, remove],
    planned: [],
    engine: { name: 'gpt-test', kind: 'llm' },
    ...overrides,
  };
}

function play(state: WizardState, ...events: WizardEvent[]): WizardState {
  return events.reduce(transition, state);
}

function as<S extends WizardState['step']>(state: WizardState, step: S): Extract<WizardState, { step: S }> {
  if (state.step !== step) throw new Error(`Expected step ${step}, got ${state.step}`);
  return state as Extract<WizardState, { step: S }>;
}

const finish = (generationId: number, plan: string, at = 5000): WizardEvent => ({
  type: 'finished',
  generationId,
  analysis: 'why',
  plan,
  usage,
  costUsd: 0.01,
  at,
});

describe('draft history', () => {
  const first = play(initialState(init()), { type: 'start', at: 0 }, finish(1, aValidPlan(list)));

  it('keeps the generated, the edited and the regenerated draft, and moves between them', () => {
    const edited = `${aValidPlan(list)}\nMy own note.\n`;
    const regenerating = play(
      first,
      { type: 'edited', text: edited },
      { type: 'regenerate', instructions: undefined, at: 6000 },
    );
    const generationId = as(regenerating, 'generating').generationId;
    const third = as(
      play(regenerating, finish(generationId, `${aValidPlan(list)}\nModel text.\n`, 9000)),
      'reviewing',
    );
    expect(third.drafts.map((draft) => draft.origin)).toEqual(['generated', 'edited', 'regenerated']);
    expect(third.shown).toBe(2);
    const back = as(transition(third, { type: 'draft-previous' }), 'reviewing');
    expect(back.shown).toBe(1);
    expect(back.plan).toBe(edited);
    expect(transition(back, { type: 'draft-next' })).toMatchObject({ shown: 2 });
    expect(as(transition(back, { type: 'save' }), 'saving').review.plan).toBe(edited);
  });

  it('stays on the first and the last draft at the ends', () => {
    expect(transition(first, { type: 'draft-previous' })).toBe(first);
    expect(transition(first, { type: 'draft-next' })).toBe(first);
  });

  it('shows the changes from the previous draft, and says when there is none', () => {
    expect(as(transition(first, { type: 'toggle-diff' }), 'reviewing').notice).toContain('first draft');
    const two = play(first, { type: 'edited', text: 'x' }, { type: 'toggle-diff' });
    expect(as(two, 'reviewing').diff).toBe(true);
  });

  it('keeps the drafts through a failed regenerate, and goes back to them', () => {
    const failed = play(
      first,
      { type: 'edited', text: 'mine' },
      { type: 'regenerate', instructions: undefined, at: 1 },
      { type: 'generation-failed', generationId: 2, message: 'down', runLevel: false },
    );
    const back = as(transition(failed, { type: 'back-to-drafts' }), 'reviewing');
    expect(back.plan).toBe('mine');
    expect(back.drafts).toHaveLength(2);
  });

  it('a regenerate cancelled before any text keeps the drafts as they were', () => {
    const state = play(
      first,
      { type: 'regenerate', instructions: undefined, at: 1 },
      { type: 'cancel', at: 2 },
    );
    expect(as(state, 'reviewing').drafts).toHaveLength(1);
  });

  it('offers drafts kept from an earlier session instead of generating', () => {
    const state = initialState(init({ kept: { [create.id]: [{ plan: 'kept plan', origin: 'edited' }] } }));
    const row = as(state, 'picking').rows[1];
    expect(row?.kept).toHaveLength(1);
    expect(row?.selected).toBe(true);
    const review = play(
      state,
      { type: 'toggle-all' },
      { type: 'cursor-down' },
      { type: 'toggle' },
      { type: 'start', at: 0 },
    );
    expect(as(review, 'reviewing')).toMatchObject({ plan: 'kept plan', shown: 0 });
    expect(as(review, 'reviewing').notice).toContain('kept from an earlier session');
  });

  it('offline: regenerate with instructions says the engine cannot follow them', () => {
    const offline = play(
      initialState(init({ engine: undefined })),
      { type: 'use-offline', engine: { name: 'offline', kind: 'offline' } },
      { type: 'start', at: 0 },
      finish(1, aValidPlan(list)),
      { type: 'regenerate', instructions: 'use cursors', at: 1 },
    );
    expect(as(offline, 'reviewing').notice).toContain('offline engine cannot follow instructions');
  });
});

describe('prefetch', () => {
  const start = play(initialState(init({ prefetch: 1 })), { type: 'start', at: 0 });

  it('starts the next plan once the current one is on screen, not while it streams', () => {
    expect(as(start, 'generating').run.ahead).toEqual([]);
    const review = as(transition(start, finish(1, aValidPlan(list))), 'reviewing');
    expect(review.run.ahead).toMatchObject([{ index: 1, generationId: 2, status: 'streaming' }]);
  });

  it('a prefetched plan that finished while reviewing is shown at once, its usage counted', () => {
    const state = play(start, finish(1, aValidPlan(list)), finish(2, aValidPlan(create), 7000), {
      type: 'save',
    });
    expect(as(state, 'saving').run.totals.promptTokens).toBe(2000);
    const next = play(
      state,
      { type: 'save-done', file: '001-x.md', path: '/p/001-x.md' },
      { type: 'next', at: 8000 },
    );
    expect(as(next, 'reviewing')).toMatchObject({ generationId: 2, shown: 0 });
    expect(as(next, 'reviewing').plan).toBe(aValidPlan(create));
    expect(as(next, 'reviewing').run.ahead).toMatchObject([{ index: 2, status: 'streaming' }]);
  });

  it('a prefetch still streaming is taken over by the generating screen, same stream', () => {
    const state = play(
      start,
      finish(1, aValidPlan(list)),
      { type: 'progress', generationId: 2, analysis: 'a', plan: '# P', chars: 3 },
      { type: 'skip', at: 6000 },
    );
    expect(as(state, 'generating')).toMatchObject({ generationId: 2, plan: '# P' });
    expect(as(transition(state, finish(2, aValidPlan(create))), 'reviewing').plan).toBe(aValidPlan(create));
  });

  it('regenerating the current plan keeps the prefetch', () => {
    const state = play(start, finish(1, aValidPlan(list)), {
      type: 'regenerate',
      instructions: undefined,
      at: 1,
    });
    expect(as(state, 'generating').generationId).toBe(3);
    expect(as(state, 'generating').run.ahead).toMatchObject([{ generationId: 2 }]);
  });

  it('quitting drops the prefetch and the summary counts it', () => {
    const state = play(start, finish(1, aValidPlan(list)), finish(2, aValidPlan(create)), {
      type: 'quit',
      at: 9,
    });
    expect(as(state, 'summary')).toMatchObject({ discarded: 1 });
    expect(as(state, 'summary').totals.promptTokens).toBe(2000);
  });

  it('a failed prefetch shows as the failure of its endpoint', () => {
    const state = play(
      start,
      finish(1, aValidPlan(list)),
      { type: 'generation-failed', generationId: 2, message: 'rate limited', runLevel: false },
      { type: 'skip', at: 2 },
    );
    expect(as(state, 'failed').message).toBe('rate limited');
  });

  it('a prefetch streaming during a save leaves the review being saved as it is (one save, not two)', () => {
    const saving = play(start, finish(1, aValidPlan(list)), { type: 'save' });
    const later = transition(saving, {
      type: 'progress',
      generationId: 2,
      analysis: 'a',
      plan: '# P',
      chars: 3,
    });
    expect(as(later, 'saving').review).toBe(as(saving, 'saving').review);
    expect(as(later, 'saving').run.ahead[0]?.plan).toBe('# P');
  });

  it('once the plan on screen is being saved, the plan after the next one starts', () => {
    const saving = play(start, finish(1, aValidPlan(list)), { type: 'save' });
    expect(as(saving, 'saving').run.ahead.map((entry) => entry.index)).toEqual([1, 2]);
  });

  it('prefetch 0 generates nothing ahead', () => {
    const state = play(
      initialState(init({ prefetch: 0 })),
      { type: 'start', at: 0 },
      finish(1, aValidPlan(list)),
    );
    expect(as(state, 'reviewing').run.ahead).toEqual([]);
  });
});
