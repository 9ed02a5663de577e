import { describe, expect, it } from 'vitest';
import { GenerateView } from '../../components/generate-view.tsx';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { mount, stateAt } from './harness.ts';

const endpoints = [
  anEndpoint({ method: 'PATCH', path: '/api/decks/{id}', title: 'Rename a deck' }),
  anEndpoint({ path: '/api/decks' }),
];

function generating(analysis: string, plan: string, chars = analysis.length + plan.length) {
  const state = stateAt('generating', endpoints, { type: 'start', at: 1000 });
  return { ...state, analysis, plan, chars };
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`).join('\n');

describe('GenerateView', () => {
  it('shows n of N, the method and path, the analysis tail dimmed and the plan tail within the height', async () => {
    const state = generating(numbered('thought', 20), `# Plan\n${numbered('plan line', 100)}`, 8000);
    const { frame } = await mount(
      <GenerateView state={state} now={5000} height={16} isActive onCancel={() => {}} />,
    );
    const text = frame();
    expect(text).toContain('Planning 1 of 2');
    expect(text).toContain('PATCH /api/decks/{id}');
    expect(text).toContain('thought 20');
    expect(text).not.toContain('thought 17');
    expect(text).toContain('plan line 100');
    expect(text).not.toContain('plan line 80');
    expect(text.split('\n').length).toBeLessThanOrEqual(16);
    expect(text).toContain('gpt-test · 4.0 s · ~2,000 tokens · 500 tok/s');
  });

  it('gives the analysis the room while the plan has not started', async () => {
    const state = generating(numbered('thought', 30), '');
    const { frame } = await mount(
      <GenerateView state={state} now={1000} height={20} isActive onCancel={() => {}} />,
    );
    expect(frame()).toContain('thought 30');
    expect(frame()).toContain('thought 17');
    expect(frame().split('\n').length).toBeLessThanOrEqual(20);
  });

  it('waits for the model before the first chunk, and Esc cancels', async () => {
    const calls: string[] = [];
    const { frame, press } = await mount(
      <GenerateView
        state={generating('', '')}
        now={1000}
        height={20}
        isActive
        onCancel={() => calls.push('cancel')}
      />,
    );
    expect(frame()).toContain('Waiting for the model…');
    await press(keys.escape);
    await expect.poll(() => calls).toEqual(['cancel']);
  });

  it('names the instructions it regenerates with', async () => {
    const state = { ...generating('', ''), request: { instructions: 'use cursors', problems: [] } };
    const { frame } = await mount(
      <GenerateView state={state} now={1000} height={20} isActive onCancel={() => {}} />,
    );
    expect(frame()).toContain('with instructions: use cursors');
  });
});
