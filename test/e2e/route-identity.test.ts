import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { plansDir, plansIn } from '../support/project.ts';

// A PostgREST-style plan: operations on one table told apart by their query strings.
const API_PLAN = [
  '# Reading list API',
  '',
  '## Endpoints',
  '',
  '- **All books with their shelves**',
  '  - `GET /rest/v1/books?select=*,shelves(*, rooms(name))`',
  '- **One book**',
  '  - `GET /rest/v1/books?select=*,shelves(*, rooms(name))&id=eq.{bookId}`',
  '- **Add a book**',
  '  - `POST /rest/v1/books`',
  '  - Body: `{ "title": "string" }`',
  '',
].join('\n');

type Listed = { id: string; method: string; path: string; query: string | null; planned: string | null };

function aProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'ep-routes-'));
  mkdirSync(join(project, '.ai'), { recursive: true });
  writeFileSync(join(project, '.ai', 'api-plan.md'), API_PLAN);
  return project;
}

/** A plan saved by an older version: id `get-books-2`, a sidecar without the query. */
function anOldPlan(project: string): void {
  const dir = plansDir(project);
  mkdirSync(join(dir, '.endpoint-planner'), { recursive: true });
  writeFileSync(join(dir, '001-get-books-2.md'), '# API Endpoint Implementation Plan: GET /rest/v1/books\n');
  const sidecar = {
    file: '001-get-books-2.md',
    endpointId: 'get-books-2',
    method: 'GET',
    path: '/rest/v1/books',
    inputsHash: 'older',
    engine: 'offline',
  };
  writeFileSync(join(dir, '.endpoint-planner', '001-get-books-2.json'), JSON.stringify(sidecar));
}

describe('routes told apart by their queries', () => {
  it('lists each with its query, keeps an old plan with its endpoint and does not plan it again', async () => {
    const project = aProject();
    anOldPlan(project);
    const list = await runCli(['list', '--json'], { cwd: project });
    expect(list.code, list.stderr).toBe(0);
    const endpoints = (JSON.parse(list.stdout) as { endpoints: Listed[] }).endpoints;
    expect(endpoints.map(({ id, query, planned }) => ({ id, query, planned }))).toEqual([
      { id: 'get-books', query: 'select=*,shelves(*, rooms(name))', planned: null },
      {
        id: 'get-books-by-id',
        query: 'select=*,shelves(*, rooms(name))&id=eq.{bookId}',
        planned: '001-get-books-2.md',
      },
      { id: 'post-books', query: null, planned: null },
    ]);
    const table = await runCli(['list'], { cwd: project });
    expect(table.stdout).toContain('/rest/v1/books?select=*,shelves(*, rooms(name))&id=eq.{bookId}');

    const generate = await runCli(['generate', '--all', '--offline', '--yes'], { cwd: project });
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stdout).toContain('already planned: 001-get-books-2.md');
    expect(plansIn(project)).toEqual(['001-get-books-2.md', '002-get-books.md', '003-post-books.md']);
  });

  it('takes "METHOD /path?query" as a reference, and names candidates or the closest ids otherwise', async () => {
    const project = aProject();
    const show = await runCli(
      ['show', 'GET /rest/v1/books?select=*,shelves(*,rooms(name))&id=eq.{bookId}', '--json'],
      {
        cwd: project,
      },
    );
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: 'get-books-by-id',
      query: 'select=*,shelves(*, rooms(name))&id=eq.{bookId}',
    });

    const ambiguous = await runCli(['show', 'GET /rest/v1/books'], { cwd: project });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'get-books (GET /rest/v1/books?select=*,shelves(*, rooms(name))), get-books-by-id',
    );

    const unknown = await runCli(['generate', '--offline', 'get-bokos-by-id'], { cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean get-books-by-id/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
