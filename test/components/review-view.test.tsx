import { describe, expect, it } from 'vitest';
import { ReviewView } from '../../components/review-view.tsx';
import type { WizardEvent, WizardState } from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { waitUntil } from '../support/wait-for-frame.ts';
import { aValidPlan } from '../wizard/plans.ts';
import { mount, recorder, stateAt } from './harness.ts';

const endpoint = anEndpoint({
  method: 'POST',
  path: '/api/decks',
  title: 'Create a deck',
  errorCodes: [409],
});

type Reviewing = Extract<WizardState, { step: 'reviewing' }>;

function reviewing(plan: string, incomplete = false, ...more: WizardEvent[]): Reviewing {
  const start = { type: 'start', at: 0 } as const;
  if (incomplete) {
    return stateAt(
      'reviewing',
      [endpoint],
      start,
      { type: 'progress', generationId: 1, analysis: '', plan, chars: 1 },
      { type: 'cancel', at: 1500 },
      ...more,
    );
  }
  return stateAt(
    'reviewing',
    [endpoint],
    start,
    { type: 'finished', generationId: 1, analysis: '', plan, usage: undefined, costUsd: undefined, at: 1500 },
    ...more,
  );
}

/** A plan of `count` numbered lines, each long enough to wrap at 80 columns. */
function aLongPlan(count: number): string {
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `- line ${i + 1}: the handler validates the request body with the schema and answers with the created resource`,
  );
  return `# API Endpoint Implementation Plan: POST /api/decks\n\n${lines.join('\n')}\n`;
}

async function view(
  state: Reviewing,
  options: { height?: number; width?: number; findings?: string[] } = {},
) {
  const r = recorder(
    'onSave',
    'onSaveElsewhere',
    'onEdit',
    'onRegenerate',
    'onSkip',
    'onQuit',
    'onDraft',
    'onToggleDiff',
  );
  const mounted = await mount(
    <ReviewView
      state={state}
      findings={options.findings ?? state.problems.map((problem) => problem.message)}
      editorCommand="vim"
      width={options.width ?? 80}
      height={options.height ?? 30}
      isActive
      {...r.fns}
    />,
  );
  return { ...mounted, calls: r.calls };
}

function rowsOf(frame: string): string[] {
  return frame.split('\n');
}

describe('ReviewView', () => {
  it('lists every validator problem above the plan, wrapped to the width', async () => {
    const { frame } = await view(
      reviewing('# API Endpoint Implementation Plan: POST /api/decks\n\nHTTP Method: POST\n'),
      { width: 40 },
    );
    const text = frame();
    expect(text).toMatch(/\d+ problems found:/);
    expect(text).toContain('• Section 1 "Endpoint Overview"');
    expect(text.indexOf('problems found')).toBeLessThan(text.indexOf('# API Endpoint'));
    for (const row of rowsOf(text)) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('wraps long findings instead of cutting them', async () => {
    const finding =
      'The plan answers 404 for a missing deck, but the docs say a deck of another user answers 403 (api-plan.md:42).';
    const { frame } = await view(reviewing(aValidPlan(endpoint)), { width: 50, findings: [finding] });
    const joined = rowsOf(frame())
      .map((row) => row.trim())
      .join(' ');
    expect(joined).toContain('(api-plan.md:42).');
    expect(joined).toContain('but the docs say a deck of another user');
  });

  it('a valid draft passes and each hotkey calls its action', async () => {
    const { frame, press, calls } = await view(reviewing(aValidPlan(endpoint)));
    expect(frame()).toContain('✓ All checks passed');
    expect(frame()).toContain('draft 1 of 1 (generated)');
    await press('s', 'e', 'r', 'k', 'q');
    expect(calls).toEqual(['onSave', 'onEdit', 'onRegenerate:[null]', 'onSkip', 'onQuit']);
  });

  it('an incomplete draft says so', async () => {
    const { frame, press, calls } = await view(reviewing('# half a plan', true));
    expect(frame()).toContain('incomplete (cancelled)');
    expect(frame()).toContain('Cancelled: this draft is incomplete');
    await press('s');
    expect(calls).toEqual(['onSave']);
  });

  it('regenerates with typed instructions; Esc goes back to the hints', async () => {
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
    await waitForText('s save');
    expect(calls).toEqual(['onRegenerate:["skip y"]']);
  });

  it('wraps the plan at word boundaries and scrolls it with ↑↓, PgUp/PgDn, Space, Home and End', async () => {
    const { frame, press, waitForText } = await view(reviewing(aLongPlan(400)), { width: 80, height: 23 });
    expect(rowsOf(frame()).length).toBeLessThanOrEqual(23);
    for (const row of rowsOf(frame())) expect(row.length).toBeLessThanOrEqual(80);
    expect(frame()).toContain('- line 1: the handler validates');
    expect(frame()).toMatch(/\n {2}\S/);
    expect(frame()).toMatch(/rows 1–\d+ of 8\d\d \(\d+%\)/);
    await press(keys.down);
    await waitForText('rows 2–');
    await press(keys.pageDown);
    const paged = await waitForText('rows 1');
    expect(paged).not.toContain('# API Endpoint');
    await press(keys.space);
    await waitForText('rows 2');
    await press(keys.end);
    const end = await waitForText('(100%)');
    expect(end).toContain('- line 400:');
    await press(keys.pageUp);
    await waitFor(() => !frame().includes('(100%)'));
    await press(keys.home);
    await waitForText('rows 1–');
    await press(keys.up);
    expect(frame()).toContain('# API Endpoint');
  });

  it('redraws to a new width', async () => {
    const state = reviewing(aLongPlan(3));
    const mounted = await view(state, { width: 100 });
    expect(rowsOf(mounted.frame()).some((row) => row.length > 40)).toBe(true);
    const r = recorder(
      'onSave',
      'onSaveElsewhere',
      'onEdit',
      'onRegenerate',
      'onSkip',
      'onQuit',
      'onDraft',
      'onToggleDiff',
    );
    mounted.rerender(
      <ReviewView
        state={state}
        findings={[]}
        editorCommand="vim"
        width={40}
        height={30}
        isActive
        {...r.fns}
      />,
    );
    await waitFor(() => rowsOf(mounted.frame()).every((row) => row.length <= 40));
  });

  it('names the draft, moves between drafts with ←/→ and shows the changes with d', async () => {
    const state = reviewing(aValidPlan(endpoint), false, {
      type: 'edited',
      text: `${aValidPlan(endpoint)}\nA new line.\n`,
    });
    const { frame, press, calls } = await view(state);
    expect(frame()).toContain('draft 2 of 2 (edited)');
    expect(frame()).toContain('←/→ drafts');
    await press(keys.left, keys.right, 'd');
    expect(calls).toEqual(['onDraft:[-1]', 'onDraft:[1]', 'onToggleDiff']);
    const diff = await view({ ...state, diff: true });
    expect(diff.frame()).toContain('+ A new line.');
    expect(diff.frame()).toContain('unchanged line');
  });

  it('offline: regenerate with instructions asks the machine, which says why it cannot', async () => {
    const base = reviewing(aValidPlan(endpoint));
    const offline = { ...base, run: { ...base.run, engine: { name: 'offline', kind: 'offline' as const } } };
    const { press, calls } = await view(offline);
    await press('i');
    expect(calls).toEqual(['onRegenerate:[""]']);
  });

  it('fits every key hint at 80 columns without cutting one', async () => {
    const state = reviewing(aValidPlan(endpoint), false, { type: 'edited', text: 'x' });
    const { frame } = await view(state, { width: 80, height: 23 });
    for (const row of rowsOf(frame())) expect(row.length).toBeLessThanOrEqual(80);
    for (const hint of [
      's save',
      'e edit (vim)',
      'r regenerate',
      'i with instructions',
      'k skip',
      'q quit',
      'd changes',
      '←/→ drafts',
    ])
      expect(frame()).toContain(hint);
  });
});

function waitFor(check: () => boolean): Promise<void> {
  return waitUntil(check, 'the frame to change');
}
