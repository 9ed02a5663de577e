import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleFile } from '../../../src/core/docs/model.ts';
import { parseRuleFile, pickRules } from '../../../src/core/docs/rules.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('parseRuleFile fixtures', () => {
  it.each(readdirSync(FIXTURES).sort())('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
    const actual = parseRuleFile(`.cursor/rules/${name}.mdc`, text);
    const expectedFile = join(FIXTURES, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

function aRule(path: string, overrides: Partial<RuleFile> = {}): RuleFile {
  return { path, description: undefined, globs: [], alwaysApply: false, body: '# rules', ...overrides };
}

const reasons = (pick: ReturnType<typeof pickRules>): Record<string, string> =>
  Object.fromEntries([
    ...pick.picked.map((picked) => [picked.rule.path, `picked: ${picked.reason}`]),
    ...pick.skippedReasons.map((skipped) => [skipped.path, `skipped: ${skipped.reason}`]),
  ]);

describe('pickRules', () => {
  it('keeps shared, backend and the stack framework; leaves frontend, testing and CI out', () => {
    const pick = pickRules(
      [
        aRule('.cursor/rules/shared.mdc', { alwaysApply: true }),
        aRule('.cursor/rules/backend.mdc', { globs: ['src/db/*.ts', 'src/lib/*.ts'] }),
        aRule('.cursor/rules/astro.mdc', { globs: ['*.astro'] }),
        aRule('.cursor/rules/frontend.mdc', { globs: ['*.tsx', '*.astro'] }),
        aRule('.cursor/rules/react.mdc', { globs: ['*.tsx'] }),
        aRule('.cursor/rules/ui-shadcn-helper.mdc'),
        aRule('.cursor/rules/vitest-unit-testing.mdc'),
        aRule('.cursor/rules/playwright-e2e-testing.mdc'),
        aRule('.cursor/rules/github-action.mdc'),
        aRule('.cursor/rules/mermaid-diagram-auth.mdc'),
        aRule('.cursor/rules/supabase-auth.mdc'),
        aRule('.cursor/rules/db-supabase-migrations.mdc'),
        aRule('.cursor/rules/handlers.mdc', { globs: ['src/pages/api/**'] }),
        aRule('.cursor/rules/copywriting.mdc'),
        aRule('.github/copilot-instructions.md'),
      ],
      '# Tech stack\n- Astro 5\n- Supabase\n',
    );
    expect(reasons(pick)).toEqual({
      '.cursor/rules/shared.mdc': 'picked: alwaysApply',
      '.cursor/rules/backend.mdc': 'picked: name mentions backend',
      '.cursor/rules/astro.mdc': 'picked: framework of the tech stack: astro',
      '.cursor/rules/frontend.mdc': 'skipped: frontend: name mentions frontend',
      '.cursor/rules/react.mdc': 'skipped: frontend: name mentions react',
      '.cursor/rules/ui-shadcn-helper.mdc': 'skipped: frontend: name mentions ui',
      '.cursor/rules/vitest-unit-testing.mdc': 'skipped: testing: name mentions vitest',
      '.cursor/rules/playwright-e2e-testing.mdc': 'skipped: testing: name mentions playwright',
      '.cursor/rules/github-action.mdc': 'skipped: ci: name mentions github',
      '.cursor/rules/mermaid-diagram-auth.mdc': 'skipped: diagrams: name mentions mermaid',
      '.cursor/rules/supabase-auth.mdc': 'picked: name mentions supabase',
      '.cursor/rules/db-supabase-migrations.mdc':
        'skipped: migrations (schema changes are not endpoint code): name mentions migrations',
      '.cursor/rules/handlers.mdc': 'picked: backend: globs src/pages/api/**',
      '.cursor/rules/copywriting.mdc': 'skipped: not backend-related',
      '.github/copilot-instructions.md':
        'skipped: project-wide instructions already covered by alwaysApply .cursor rules',
    });
    expect(pick.picked[0]?.rule.path).toBe('.cursor/rules/shared.mdc');
    expect(pick.skipped).toEqual(pick.skippedReasons.map((skipped) => skipped.path));
  });

  it('picks project-wide instruction files when no rule is always applied', () => {
    const pick = pickRules([aRule('CLAUDE.md'), aRule('AGENTS.md'), aRule('.windsurfrules')]);
    expect(reasons(pick)).toEqual({
      'AGENTS.md': 'picked: project-wide instructions',
      'CLAUDE.md': 'picked: project-wide instructions',
      '.windsurfrules': 'picked: project-wide instructions',
    });
  });

  it('does not pick a framework rule when the stack uses another framework', () => {
    const pick = pickRules([aRule('.cursor/rules/astro.mdc', { globs: ['*.astro'] })], 'Next.js 15, Prisma');
    expect(reasons(pick)).toEqual({ '.cursor/rules/astro.mdc': 'skipped: frontend: globs *.astro' });
  });

  it('reads the description when name and globs say nothing', () => {
    const pick = pickRules([
      aRule('.cursor/rules/conventions-2.mdc', { description: 'API error handling' }),
      aRule('.cursor/rules/misc.mdc', { description: 'Storybook component stories' }),
    ]);
    expect(reasons(pick)).toEqual({
      '.cursor/rules/conventions-2.mdc': 'picked: name mentions conventions',
      '.cursor/rules/misc.mdc': 'skipped: frontend: description mentions component',
    });
  });
});
