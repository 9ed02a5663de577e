import { describe, expect, it } from 'vitest';
import { ReviewView } from '../../components/review-view.tsx';
import type { WizardState } from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { aValidPlan } from '../wizard/plans.ts';
import { mount, recorder, stateAt } from './harness.ts';

const endpoint = anEndpoint({
  method: 'POST',
  path: '/api/decks',
  title: 'Create a deck',
  errorCodes: [409],
});

function reviewing(plan: string, incomplete = false): Extract<WizardState, { step: 'reviewing' }> {
  const generating = stateAt('generating', [endpoint], { type: 'start', at: 0 });
  const generationId = generating.generationId;
  if (incomplete) {
    const state = stateAt(
      'reviewing',
      [endpoint],
      { type: 'start', at: 0 },
      { type: 'progress', generationId, analysis: '', plan, chars: 1 },
      { type: 'cancel', at: 1500 },
    );
    return state;
  }
  return stateAt(
    'reviewing',
    [endpoint],
    { type: 'start', at: 0 },
    { type: 'finished', generationId, analysis: '', plan, usage: undefined, costUsd: undefined, at: 1500 },
  );
}

async function view(state: Extract<WizardState, { step: 'reviewing' }>, height = 30) {
  const r = recorder('onSave', 'onEdit', 'onRegenerate', 'onSkip', 'onQuit');
  const mounted = await mount(
    <ReviewView state={state} editorCommand="vim" height={height} isActive {...r.fns} />,
  );
  return { ...mounted, calls: r.calls };
}

describe('ReviewView', () => {
  it('lists the first validator problems above the menu and counts them all', async () => {
    const { frame } = await view(
      reviewing('# API Endpoint Implementation Plan: POST /api/decks\n\nHTTP Method: POST\n'),
    );
    const text = frame();
    expect(text).toMatch(/\d+ problems found \(first 3\):/);
    expect(text).toContain('• Section 1 "Endpoint Overview" is missing');
    expect(text.indexOf('problems found')).toBeLessThan(text.indexOf('s  Save'));
    expect(text).toContain('e  Edit in $EDITOR (vim)');
  });

  it('a valid draft passes and each hotkey calls its action', async () => {
    const { frame, press, calls } = await view(reviewing(aValidPlan(endpoint)));
    expect(frame()).toContain('✓ All checks passed');
    await press('s', 'e', 'r', 'k', 'q');
    expect(calls).toEqual(['onSave', 'onEdit', 'onRegenerate:[null]', 'onSkip', 'onQuit']);
  });

  it('Enter on the highlighted item acts too', async () => {
    const { press, calls } = await view(reviewing(aValidPlan(endpoint)));
    await press(keys.down, keys.enter);
    expect(calls).toEqual(['onEdit']);
  });

  it('an incomplete draft explains why Save is unavailable', async () => {
    const { frame, press, calls } = await view(reviewing('# half a plan', true));
    expect(frame()).toContain('incomplete (cancelled)');
    expect(frame()).toContain('s  Save — unavailable: the draft is incomplete');
    expect(frame()).toContain('Cancelled: this draft is incomplete');
    await press('s');
    expect(calls).toEqual(['onSave']);
  });

  it('regenerates with typed instructions; Esc goes back to the menu', async () => {
    const { frame, press, calls, waitForText } = await view(reviewing(aValidPlan(endpoint)));
    await press('i');
    await waitForText('Instructions:');
    await press('s', 'k', 'i', 'p', ' ', 'x', keys.backspace, 'y');
    expect(frame()).toContain('Instructions: skip y');
    await press(keys.enter);
    expect(calls).toEqual(['onRegenerate:["skip y"]']);
    await press('i');
    await waitForText('Instructions:');
    await press(keys.escape);
    await waitForText('s  Save');
    expect(calls).toEqual(['onRegenerate:["skip y"]']);
  });

  it('shows the change summary after a regenerate and scrolls the preview with PgDn', async () => {
    const state = {
      ...reviewing(aValidPlan(endpoint)),
      changeSummary: '+12 −5 lines; sections changed: Error Handling',
    };
    const { frame, press, waitForText } = await view(state, 24);
    expect(frame()).toContain('Changed: +12 −5 lines; sections changed: Error Handling');
    expect(frame()).toContain('# API Endpoint Implementation Plan');
    expect(frame().split('\n').length).toBeLessThanOrEqual(24);
    await press(keys.pageDown);
    await waitForText('draft · lines 14');
    expect(frame()).not.toContain('# API Endpoint Implementation Plan');
  });
});
