import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/plan/ground.ts';
import { type PlanCheck, withFindings } from '../../src/wizard/findings.ts';
import { type Draft, initialState, transition, type WizardState } from '../../src/wizard/machine.ts';
import { anEndpoint } from '../support/builders.ts';
import { aValidPlan } from './plans.ts';

const deck = anEndpoint({ method: 'GET', path: '/api/decks/{id}', title: 'Get a deck' });
const invented: Finding = {
  kind: 'unknown-table',
  name: 'deck_badges',
  line: 12,
  message: '`deck_badges` is not in the db plan (.ai/db-plan.md).',
};

/** The wizard reviewing one finished draft, every transition passed through the check as the hook does. */
function reviewing(
  check: PlanCheck,
  calls: string[],
): { state: WizardState; send: (s: WizardState) => WizardState } {
  const checked = new WeakMap<Draft, Draft>();
  const counted: PlanCheck = (endpoint, plan) => {
    calls.push(plan);
    return check(endpoint, plan);
  };
  const step = (state: WizardState, event: Parameters<typeof transition>[1]): WizardState =>
    withFindings(transition(state, event), counted, checked);
  let state = step(initialState({ endpoints: [deck], planned: [], engine: { name: 'm', kind: 'llm' } }), {
    type: 'start',
    at: 0,
  });
  if (state.step !== 'generating') throw new Error(state.step);
  state = step(state, {
    type: 'finished',
    generationId: state.generationId,
    analysis: '',
    plan: aValidPlan(deck),
    usage: undefined,
    costUsd: undefined,
    at: 10,
  });
  return { state, send: (s) => step(s, { type: 'regenerate', instructions: undefined, at: 20 }) };
}

describe('findings in review', () => {
  it('lists the findings as problems of the draft, and regenerate sends them as what to fix', () => {
    const calls: string[] = [];
    const { state, send } = reviewing(() => [invented], calls);
    if (state.step !== 'reviewing') throw new Error(state.step);
    expect(state.problems.map((p) => p.message)).toEqual([
      'Line 12: `deck_badges` is not in the db plan (.ai/db-plan.md).',
    ]);
    const again = send(state);
    if (again.step !== 'generating') throw new Error(again.step);
    expect(again.request.problems).toEqual([
      'Line 12: `deck_badges` is not in the db plan (.ai/db-plan.md).',
    ]);
  });

  it('checks each draft once, and a clean draft has no problems', () => {
    const calls: string[] = [];
    const { state } = reviewing(() => [], calls);
    if (state.step !== 'reviewing') throw new Error(state.step);
    expect(state.problems).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
