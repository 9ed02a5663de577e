import type { ChatMessage } from '../ports.ts';
import type { PromptValues } from './template.ts';

/**
 * What a context budget takes out of a prompt, least related first, each step on top of the ones before. The
 * endpoint's own definition, its tables and its types are never among them: they are the dossier's core.
 */
export const BUDGET_STEPS = [
  { id: 'compact-dossier', leftOut: "the dossier's long form (it is given compact)" },
  { id: 'api-plan', leftOut: "other endpoints' text (the whole API plan)" },
  {
    id: 'db-plan',
    leftOut: 'tables the endpoint does not touch (the whole db plan) and the whole types file',
  },
  { id: 'rules', leftOut: "the rules files' text (their names stay)" },
  { id: 'tech-stack', leftOut: 'most of the tech stack doc' },
] as const;

/** How far a prompt is cut: 0 is whole, N applies the first N budget steps. */
export type BudgetLevel = number;

/**
 * The prompt values at a budget level, documents cut. From level 1 the dossier is given in its compact form: the
 * caller builds it (see `promptValues`), since only the caller knows which documents the shared part still carries.
 */
export function valuesAtLevel(values: PromptValues, level: BudgetLevel): PromptValues {
  if (level <= 0) return values;
  const cut: Record<string, string> = { ...values };
  if (level >= 2) cut.api_plan = '';
  if (level >= 3) {
    cut.db_plan = '';
    cut.types_file = '';
  }
  if (level >= 4) cut.rules = ruleNames(values.rules);
  if (level >= 5) cut.tech_stack = values.tech_stack.split('\n').slice(0, 25).join('\n').trim();
  return cut as PromptValues;
}

/** Only the `### file` headings of the rendered rules. */
function ruleNames(rules: string): string {
  const names = rules.split('\n').filter((line) => line.startsWith('### '));
  return names.length === 0
    ? ''
    : `Follow the project's rules files: ${names.map((n) => n.slice(4)).join(', ')}.`;
}

/** The room a budget leaves for the prompt: the window less the answer's room, less 10% when counts are guesses. */
export function promptBudget(window: number, answerRoom: number, approximateCounts: boolean): number {
  const room = window - answerRoom;
  return Math.max(0, Math.floor(approximateCounts ? room * 0.9 : room));
}

/** The smallest level at which `build(level)` fits `budget` tokens, or the last level when none does. */
export function levelThatFits(
  build: (level: BudgetLevel) => readonly ChatMessage[],
  count: (messages: readonly ChatMessage[]) => number,
  budget: number,
): { readonly level: BudgetLevel; readonly tokens: number; readonly fits: boolean } {
  let tokens = 0;
  for (let level = 0; level <= BUDGET_STEPS.length; level++) {
    tokens = count(build(level));
    if (tokens <= budget) return { level, tokens, fits: true };
  }
  return { level: BUDGET_STEPS.length, tokens, fits: false };
}

/** What a level leaves out, for the one warning a run gives. */
export function leftOutAt(level: BudgetLevel): readonly string[] {
  return BUDGET_STEPS.slice(0, Math.max(0, level)).map((step) => step.leftOut);
}

/**
 * The one level for a whole run: the smallest at which every endpoint's prompt fits. The shared part is the same
 * for every endpoint at a level, so it is counted once; the endpoint part is counted per endpoint.
 */
export function runLevelThatFits<E>(
  endpoints: readonly E[],
  build: (endpoint: E, level: BudgetLevel) => readonly ChatMessage[],
  count: (messages: readonly ChatMessage[]) => number,
  budget: number,
): { readonly level: BudgetLevel; readonly tokens: number; readonly fits: boolean } {
  const first = endpoints[0];
  if (first === undefined) return { level: 0, tokens: 0, fits: true };
  // Past the first step the endpoint parts no longer change, so each distinct text is counted once.
  const counted = new Map<string, number>();
  const countOwn = (message: ChatMessage): number => {
    let tokens = counted.get(message.content);
    if (tokens === undefined) {
      tokens = count([message]);
      counted.set(message.content, tokens);
    }
    return tokens;
  };
  let largest = 0;
  for (let level = 0; level <= BUDGET_STEPS.length; level++) {
    const messages = build(first, level);
    const shared = count(messages.slice(0, -1));
    largest = 0;
    for (const endpoint of endpoints) {
      const own = build(endpoint, level).at(-1);
      largest = Math.max(largest, shared + (own === undefined ? 0 : countOwn(own)));
    }
    if (largest <= budget) return { level, tokens: largest, fits: true };
  }
  return { level: BUDGET_STEPS.length, tokens: largest, fits: false };
}
