import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from '../support/cli.ts';

type Listing = { endpoints: { id: string; planned: string | null; stale: boolean | null }[] };

async function staleById(project: string): Promise<Record<string, boolean | null>> {
  const run = await runCli(['list', '--json'], { cwd: project });
  expect(run.code, run.stderr).toBe(0);
  const listing = JSON.parse(run.stdout) as Listing;
  return Object.fromEntries(listing.endpoints.map((e) => [e.id, e.stale]));
}

function edit(project: string, file: string, change: (text: string) => string): void {
  const path = join(project, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('stale plans', () => {
  it('marks only the endpoint whose facts changed, not for whitespace or another endpoint; generate --stale replans it', async () => {
    const project = copyExample('flashcards');
    const before = await staleById(project);
    expect(Object.values(before).every((stale) => stale === null)).toBe(true);
    const generated = await runCli(
      ['generate', 'DELETE /api/flashcards/{id}', 'GET /api/generations', '--offline'],
      {
        cwd: project,
      },
    );
    expect(generated.code, generated.stderr).toBe(0);
    const fresh = await staleById(project);
    const planned = Object.entries(fresh).filter(([, stale]) => stale !== null);
    expect(planned.map(([, stale]) => stale)).toEqual([false, false]);
    const [deleteId, listGenerationsId] = planned.map(([id]) => id);

    edit(project, '.ai/api-plan.md', (text) =>
      text.replace(
        '- **Description:** Delete a flashcard and its review history.',
        '- **Description:**   Delete a flashcard\n  and its review history.',
      ),
    );
    expect(Object.values(await staleById(project)).filter((stale) => stale === true)).toEqual([]);

    edit(project, '.ai/api-plan.md', (text) =>
      text.replace('and its review history.', 'and its review history, keeping its generation.'),
    );
    const changed = await staleById(project);
    expect(changed[deleteId ?? '']).toBe(true);
    expect(changed[listGenerationsId ?? '']).toBe(false);

    const table = await runCli(['list'], { cwd: project });
    expect(table.stdout).toContain('stale');

    const replanned = await runCli(['generate', '--stale', '--offline'], { cwd: project });
    expect(replanned.code, replanned.stderr).toBe(0);
    expect(replanned.stdout).toContain('003-');
    const after = await staleById(project);
    expect(after[deleteId ?? '']).toBe(false);
    const nothing = await runCli(['generate', '--stale', '--offline'], { cwd: project });
    expect(nothing.stdout).toContain('No stale plans');
  });
});
