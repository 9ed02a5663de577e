import { describe, expect, it } from 'vitest';
import { ChooseEngineView } from '../../components/choose-engine-view.tsx';
import { FailedView } from '../../components/failed-view.tsx';
import { SavedView } from '../../components/saved-view.tsx';
import { SummaryView } from '../../components/summary-view.tsx';
import { transition, type WizardState } from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { aValidPlan } from '../wizard/plans.ts';
import { mount, recorder, stateAt } from './harness.ts';

const a = anEndpoint({ method: 'GET', path: '/api/decks' });
const b = anEndpoint({ method: 'POST', path: '/api/decks' });
const c = anEndpoint({ method: 'DELETE', path: '/api/decks/{id}' });
const usage = { promptTokens: 10_000, completionTokens: 2345, cachedTokens: undefined };

function saved(): Extract<WizardState, { step: 'saved' }> {
  return stateAt(
    'saved',
    [a, b],
    { type: 'start', at: 0 },
    { type: 'finished', generationId: 1, analysis: '', plan: aValidPlan(a), usage, costUsd: 0.0123, at: 10 },
    { type: 'save' },
    { type: 'save-done', file: '004-get-decks.md', path: '/p/plans/004-get-decks.md' },
  );
}

describe('SavedView', () => {
  it('names the file; o opens it, Enter goes on, q finishes', async () => {
    const r = recorder('onOpen', 'onNext', 'onQuit');
    const { frame, press } = await mount(<SavedView state={saved()} root="/p" isActive {...r.fns} />);
    expect(frame()).toContain('✓ Saved 004-get-decks.md');
    expect(frame()).toContain('plans/004-get-decks.md');
    expect(frame()).not.toContain('/p/plans');
    expect(frame()).toContain('1 of 2 done');
    expect(frame()).toContain('Enter next endpoint');
    await press('o', keys.enter, 'q');
    expect(r.calls).toEqual(['onOpen', 'onNext', 'onQuit']);
  });
});

describe('SummaryView', () => {
  function summary(): Extract<WizardState, { step: 'summary' }> {
    const events = [
      { type: 'next', at: 20 },
      {
        type: 'generation-failed',
        generationId: 2,
        message: 'The server is rate limiting requests.',
        runLevel: false,
      },
      { type: 'skip', at: 125_000 },
    ] as const;
    let state: WizardState = saved();
    for (const event of events) state = transition(state, event);
    if (state.step !== 'summary') throw new Error(state.step);
    return { ...state, notReached: [c] };
  }

  it('lists saved with paths, failed with the reason, not reached, tokens, cost and time; o opens, Enter exits', async () => {
    const r = recorder('onOpen', 'onExit');
    const { frame, press } = await mount(<SummaryView state={summary()} height={20} isActive {...r.fns} />);
    const text = frame();
    expect(text).toContain('Done in 2 min 05 s: 1 saved, 0 skipped, 1 failed, 1 not reached');
    expect(text).toContain('✓ GET /api/decks → /p/plans/004-get-decks.md');
    expect(text).toContain('✗ POST /api/decks: The server is rate limiting requests.');
    expect(text).toContain('DELETE /api/decks/{id} (not reached)');
    expect(text).toContain('Tokens: 12,345 (prompt 10,000, completion 2,345)');
    expect(text).toContain('Cost: $0.0123');
    await press('o', keys.enter, 'q');
    expect(r.calls).toEqual(['onOpen', 'onExit', 'onExit']);
  });

  it('says how many prompt tokens the provider served from its cache', async () => {
    const state = summary();
    const cached = { ...state, totals: { ...state.totals, cachedTokens: 8192 } };
    const { frame } = await mount(
      <SummaryView state={cached} height={20} isActive onOpen={() => {}} onExit={() => {}} />,
    );
    expect(frame()).toContain('Tokens: 12,345 (prompt 10,000, 8,192 of them cached, completion 2,345)');
  });

  it('at 80 columns shows paths relative to the project and wraps instead of cutting a file name', async () => {
    const long =
      '/p/.ai/documents/api-plans/004-get-decks-with-a-rather-long-slug-for-the-listing-of-every-deck.md';
    const base = summary();
    const state = {
      ...base,
      outcomes: base.outcomes.map((outcome) =>
        outcome.kind === 'saved' ? { ...outcome, path: long } : outcome,
      ),
    };
    const { frame } = await mount(
      <SummaryView
        state={state}
        height={20}
        width={80}
        root="/p"
        isActive
        onOpen={() => {}}
        onExit={() => {}}
      />,
    );
    const rows = frame().split('\n');
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
    expect(rows.map((row) => row.trim()).join('')).toContain(
      '.ai/documents/api-plans/004-get-decks-with-a-rather-long-slug-for-the-listing-of-every-deck.md',
    );
    expect(frame()).not.toContain('/p/.ai');
  });

  it('shows tokens without a price when the server has none, and counts unreviewed prefetched plans', async () => {
    const base = summary();
    const state = { ...base, totals: { ...base.totals, costUsd: undefined }, discarded: 1 };
    const { frame } = await mount(
      <SummaryView state={state} height={20} isActive onOpen={() => {}} onExit={() => {}} />,
    );
    expect(frame()).toContain('Tokens: 12,345');
    expect(frame()).toContain('Cost: unknown');
    expect(frame()).toContain('1 prefetched plan not reviewed');
  });

  it('fits a long run into the height', async () => {
    const many = Array.from({ length: 40 }, (_, i) => anEndpoint({ path: `/api/x/${i}` }));
    const state = { ...summary(), notReached: many };
    const { frame } = await mount(
      <SummaryView state={state} height={12} isActive onOpen={() => {}} onExit={() => {}} />,
    );
    expect(frame().split('\n').length).toBeLessThanOrEqual(12);
    expect(frame()).toMatch(/… and \d+ more/);
  });
});

describe('FailedView', () => {
  it('gives the reason and offers retry, skip and quit by hotkey', async () => {
    const state = stateAt(
      'failed',
      [a],
      { type: 'start', at: 0 },
      {
        type: 'generation-failed',
        generationId: 1,
        message: 'The API key was rejected (401).',
        runLevel: false,
      },
    );
    const r = recorder('onRetry', 'onSkip', 'onQuit', 'onBack');
    const { frame, press } = await mount(<FailedView state={state} isActive {...r.fns} />);
    expect(frame()).toContain('✗ Failed 1 of 1');
    expect(frame()).toContain('The API key was rejected (401).');
    await press('r', 'k', 'q');
    expect(r.calls).toEqual(['onRetry', 'onSkip', 'onQuit']);
  });
});

describe('ChooseEngineView', () => {
  it('explains how to configure a model and offers the offline engine', async () => {
    const r = recorder('onOffline', 'onQuit');
    const { frame, press } = await mount(<ChooseEngineView endpointCount={3} isActive {...r.fns} />);
    expect(frame()).toContain('No model is configured.');
    expect(frame()).toContain('OPENAI_API_KEY');
    expect(frame()).toContain('--model');
    expect(frame()).toContain('--base-url');
    expect(frame()).toContain('o  Use the offline draft engine for this run');
    await press('o', keys.down, keys.enter);
    expect(r.calls).toEqual(['onOffline', 'onQuit']);
  });
});
