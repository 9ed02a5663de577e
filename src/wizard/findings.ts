import type { Endpoint } from '../core/docs/model.ts';
import type { Finding } from '../core/plan/ground.ts';
import type { PlanProblem } from '../core/plan/validate.ts';
import { currentEndpoint, type Draft, type WizardState } from './machine.ts';

/** The grounding check of a plan: what the docs lack that it names, what it drops. */
export type PlanCheck = (endpoint: Endpoint, plan: string) => readonly Finding[];

/** Findings as review problems: listed above the menu, and sent to the model as what to fix on regenerate. */
export function findingProblems(findings: readonly Finding[]): readonly PlanProblem[] {
  return findings.map((finding) => ({
    code: 'ungrounded',
    message: finding.line > 0 ? `Line ${finding.line}: ${finding.message}` : finding.message,
  }));
}

/**
 * The state with every draft under review checked against the docs: its findings join its problems. Each draft
 * is checked once (`checked` remembers it), since drafts never change once made.
 */
export function withFindings(
  state: WizardState,
  check: PlanCheck | undefined,
  checked: WeakMap<Draft, Draft>,
): WizardState {
  if (state.step !== 'reviewing' || check === undefined) return state;
  const endpoint = currentEndpoint(state.run);
  let changed = false;
  const drafts = state.drafts.map((draft) => {
    const known = checked.get(draft);
    if (known !== undefined) {
      changed ||= known !== draft;
      return known;
    }
    const findings = draft.plan.trim() === '' ? [] : findingProblems(check(endpoint, draft.plan));
    const next = findings.length === 0 ? draft : { ...draft, problems: [...draft.problems, ...findings] };
    checked.set(draft, next);
    checked.set(next, next);
    changed ||= next !== draft;
    return next;
  });
  if (!changed) return state;
  return { ...state, drafts, problems: drafts[state.shown]?.problems ?? state.problems };
}
