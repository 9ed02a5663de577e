import { describe, expect, it } from 'vitest';
import type { DocInfo } from '../../components/docs-summary.tsx';
import { PickView, windowStart } from '../../components/pick-view.tsx';
import type { Diagnostic } from '../../src/core/docs/model.ts';
import type { WizardEvent, WizardState } from '../../src/wizard/machine.ts';
import { initialState } from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { mount } from './harness.ts';

const endpoints = [
  anEndpoint({ method: 'GET', path: '/api/decks', title: 'List decks' }),
  anEndpoint({ method: 'POST', path: '/api/decks', title: 'Create a deck' }),
  anEndpoint({ method: 'DELETE', path: '/api/decks/{id}', title: 'Delete a deck' }),
];
const docs: DocInfo[] = [
  { label: 'API plan', file: '.ai/api-plan.md', tokens: 1234 },
  { label: 'Database plan', file: undefined, tokens: undefined },
];
const diagnostics: Diagnostic[] = [
  {
    file: '.ai/api-plan.md',
    line: 12,
    severity: 'warning',
    message: 'Path without a method',
    code: 'path-without-method',
  },
];

function picking(overrides: Partial<Extract<WizardState, { step: 'picking' }>> = {}, list = endpoints) {
  const state = initialState({
    endpoints: list,
    planned: [{ file: '002-post-decks.md', number: 2, endpointId: 'post-decks', inputsHash: undefined }],
    engine: { name: 'gpt-test', kind: 'llm' },
  });
  if (state.step !== 'picking') throw new Error('not picking');
  return { ...state, ...overrides };
}

async function view(state = picking(), height = 20, warning?: string) {
  const events: WizardEvent[] = [];
  const calls: string[] = [];
  const mounted = await mount(
    <PickView
      state={state}
      docs={docs}
      diagnostics={diagnostics}
      estimate={{ tokens: 12_345, costUsd: 0.0421 }}
      height={height}
      warning={warning}
      isActive
      onEvent={(event) => events.push(event)}
      onStart={() => calls.push('start')}
      onQuit={() => calls.push('quit')}
    />,
  );
  return { ...mounted, events, calls };
}

describe('PickView', () => {
  it('shows the docs, every endpoint with its planned marker, the selection and its estimate', async () => {
    const { frame } = await view();
    const text = frame();
    expect(text).toContain('✓ API plan');
    expect(text).toContain('1,234 tokens');
    expect(text).toMatch(/✗ Database plan\s+not found/);
    expect(text).toContain('1 diagnostic');
    expect(text).toContain('.ai/api-plan.md:12 Path without a method');
    expect(text).toMatch(/❯ \[x\]\s+1 GET\s+\/api\/decks\s+List decks/);
    expect(text).toMatch(/\[ \]\s+2 POST\s+\/api\/decks\s+Create a deck ✓ 002-post-decks\.md/);
    expect(text).toContain('2 selected · ~12,345 tokens · ~$0.0421');
  });

  it('shows the query that tells two operations on one path apart', async () => {
    const twins = [
      anEndpoint({
        id: 'get-doctors',
        method: 'GET',
        path: '/rest/v1/doctors',
        query: 'select=*',
        title: 'All',
      }),
      anEndpoint({
        id: 'get-doctors-by-id',
        method: 'GET',
        path: '/rest/v1/doctors',
        query: 'select=*,clinics(*)&id=eq.{id}',
        title: 'One',
      }),
    ];
    const { frame } = await view(picking({}, twins));
    expect(frame()).toMatch(/GET\s+\/rest\/v1\/doctors\?select=\*\s+All/);
    expect(frame()).toMatch(/GET\s+\/rest\/v1\/doctors\?select=\*,clinics\(\*\)&id=eq\.\{id\}\s+One/);
  });

  it('turns keys into events', async () => {
    const { press, events, calls } = await view();
    await press(
      keys.down,
      keys.up,
      keys.space,
      'a',
      'K',
      'J',
      keys.shiftUp,
      keys.shiftDown,
      '/',
      keys.enter,
      'q',
    );
    expect(events.map((e) => e.type)).toEqual([
      'cursor-down',
      'cursor-up',
      'toggle',
      'toggle-all',
      'move-up',
      'move-down',
      'move-up',
      'move-down',
      'filter-start',
    ]);
    expect(calls).toEqual(['start', 'quit']);
  });

  it('while filtering, letters are text and Enter/Esc end the filter', async () => {
    const { press, events, frame } = await view(picking({ filtering: true, filter: 'de' }));
    expect(frame()).toContain('Filter: de█');
    await press('q', keys.backspace, keys.enter);
    expect(events).toEqual([
      { type: 'filter-text', text: 'deq' },
      { type: 'filter-text', text: 'd' },
      { type: 'filter-end', keep: true },
    ]);
  });

  it('Esc clears a kept filter before it quits', async () => {
    const { press, events, calls } = await view(picking({ filter: 'POST' }));
    await press(keys.escape);
    await expect.poll(() => events).toEqual([{ type: 'filter-end', keep: false }]);
    expect(calls).toEqual([]);
  });

  it("keeps the context budget's warning on screen, wrapped, within the height", async () => {
    const many = Array.from({ length: 50 }, (_, i) => anEndpoint({ path: `/api/items/${i}` }));
    const warning = `Even with the rules files' text left out, the largest prompt is 2,884 tokens, more than the 768 a 1,024-token window leaves: the endpoint's own facts do not fit, so the model may see a cut prompt.`;
    const { frame, press } = await view(picking({ cursor: 40 }, many), 15, warning);
    expect(frame().split('\n').length).toBeLessThanOrEqual(15);
    expect(frame().replace(/\s+/g, ' ')).toContain(warning);
    await press(keys.down);
    expect(frame().replace(/\s+/g, ' ')).toContain(warning);
  });

  it('windows a long list to the height it is given, keeping the cursor in view', async () => {
    const many = Array.from({ length: 50 }, (_, i) => anEndpoint({ path: `/api/items/${i}` }));
    const { frame } = await view(picking({ cursor: 40 }, many), 15);
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(frame()).toMatch(/❯ \[x\]\s+41 GET\s+\/api\/items\/40/);
    expect(frame()).toMatch(/\d+–\d+ of 50/);
  });

  it('says when the filter matches nothing, and when nothing can start', async () => {
    const { frame } = await view(
      picking({ filter: 'zzz', notice: 'Nothing selected: press Space to select an endpoint.' }),
    );
    expect(frame()).toContain('No endpoint matches the filter.');
    expect(frame()).toContain('Nothing selected');
  });
});

describe('windowStart', () => {
  it.each([
    [0, 10, 20, 0],
    [5, 50, 10, 0],
    [25, 50, 10, 20],
    [49, 50, 10, 40],
  ])('cursor %i of %i in %i rows starts at %i', (cursor, count, size, start) => {
    expect(windowStart(cursor, count, size)).toBe(start);
  });
});
