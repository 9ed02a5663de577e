import { describe, expect, it } from 'vitest';
import { leftOutAt, levelThatFits, promptBudget, valuesAtLevel } from '../../../src/core/prompt/budget.ts';
import type { PromptValues } from '../../../src/core/prompt/template.ts';

const values = {
  api_plan: 'API '.repeat(500),
  db_plan: 'DB '.repeat(300),
  types_file: 'TYPES '.repeat(100),
  tech_stack: Array.from({ length: 60 }, (_, i) => `stack line ${i}`).join('\n'),
  rules: '### .cursor/rules/backend.mdc\n\nUse zod.\n\n### AGENTS.md\n\nBe nice.',
  dossier: 'LONG DOSSIER '.repeat(100),
} as unknown as PromptValues;

describe('the context budget', () => {
  it('keeps a 10% margin when token counts are guesses', () => {
    expect(promptBudget(8192, 2048, false)).toBe(6144);
    expect(promptBudget(8192, 2048, true)).toBe(5529);
  });

  it('cuts least related context first and never the dossier', () => {
    const level3 = valuesAtLevel(values, 3);
    expect(level3.dossier).toBe(values.dossier);
    expect(level3.api_plan).toBe('');
    expect(level3.db_plan).toBe('');
    expect(level3.rules).toBe(values.rules);
    const level5 = valuesAtLevel(values, 5);
    expect(level5.rules).toBe("Follow the project's rules files: .cursor/rules/backend.mdc, AGENTS.md.");
    expect(level5.tech_stack.split('\n')).toHaveLength(25);
    expect(valuesAtLevel(values, 0)).toBe(values);
  });

  it('takes the smallest level that fits, and says when none does', () => {
    const size = (level: number) => 1000 - level * 150;
    const build = (level: number) => [{ role: 'user' as const, content: String(size(level)) }];
    const count = (messages: readonly { content: string }[]) => Number(messages[0]?.content);
    expect(levelThatFits(build, count, 10_000)).toEqual({ level: 0, tokens: 1000, fits: true });
    expect(levelThatFits(build, count, 600)).toEqual({ level: 3, tokens: 550, fits: true });
    expect(levelThatFits(build, count, 100)).toEqual({ level: 5, tokens: 250, fits: false });
    expect(leftOutAt(2)).toHaveLength(2);
  });
});
