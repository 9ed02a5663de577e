import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const PLAN = `# Garden API

## 2. Endpoints

### 2.1 Plots

| Method | Path            | Description                 |
| ------ | --------------- | --------------------------- |
| GET    | \`/v1/plots\`     | List the caller's plots.    |
| POST   | \`/v1/plots\`     | Create a plot (owner only). |

POST \`/plots\` request

\`\`\`json
{
  "name": "string (2-60 characters, required)",
  "area_m2": "number (optional)"
}
\`\`\`

Response 201

Errors: 401 Unauthorized, 422 Validation failed.

## 3. Security

Every request must carry a JWT in the \`Authorization: Bearer <token>\` header, and the gateway rejects calls beyond 50 requests / minute / IP with 429; this sentence is deliberately longer than any terminal line.

## 4. Errors

| Code | When                                 |
| ---- | ------------------------------------ |
| 400  | Body is not JSON or fails the schema |
`;

function project(plan: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ep-show-'));
  mkdirSync(join(dir, '.ai'));
  writeFileSync(join(dir, '.ai', 'api-plan.md'), plan);
  return dir;
}

type ShownJson = {
  id: string;
  query: string | null;
  language: string;
  definition: { file: string; line: number; text: string };
  fields: { body: { name: string; type: string; required: boolean; source: string }[] };
  statusCodes: { code: number; origin: string; source: string }[];
  crossCutting: { topic: string; source: string }[];
};

describe('endpoint-planner show', () => {
  it('prints the dossier as JSON: blocks under the table row, codes with origins, sources as file:line', async () => {
    const run = await runCli(['show', 'POST /v1/plots', '--json'], { cwd: project(PLAN) });

    expect(run.code, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as ShownJson;
    expect(shown.query).toBeNull();
    expect(shown.language).toBe('en');
    expect(shown.definition.text).toContain('"area_m2"');
    expect(shown.fields.body.map((field) => [field.name, field.type, field.required])).toEqual([
      ['name', 'string', true],
      ['area_m2', 'number', false],
    ]);
    expect(shown.fields.body[0]?.source).toMatch(/^\.ai\/api-plan\.md:\d+$/);
    expect(shown.statusCodes.map((status) => `${status.code} ${status.origin}`)).toEqual([
      '201 endpoint',
      '400 global',
      '401 section',
      '422 section',
      '429 requirement',
    ]);
  });

  it('prints readable text that names the docs language and keeps lines whole on a pipe', async () => {
    const run = await runCli(['show', 'GET /v1/plots'], { cwd: project(PLAN) });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Docs language: English (en).');
    expect(run.stdout).toMatch(
      /^- 429 rate limit exceeded \(implied by a requirement that covers it, \.ai\/api-plan\.md:\d+\)$/m,
    );
    expect(run.stdout).toMatch(/^- auth \(\.ai\/api-plan\.md:\d+\): Every request must carry a JWT .{60,}$/m);
  });

  it('reads a Polish plan and says so', async () => {
    const polish = [
      '# Plan API',
      '',
      '## 2. Punkty końcowe',
      '',
      '#### Dodanie książki',
      '',
      '- **Metoda**: `POST`',
      '- **Ścieżka**: `/api/books`',
      '- **Opis**: Dodaje książkę do katalogu i zwraca jej dane; dla gościa nie jest dostępne, lub zwraca błąd, gdy książka się powtarza.',
      '- **Treść żądania**: `{ tytul: string, autor?: string }`',
      '- **Kody błędów**: `400 Bad Request` - nieprawidłowe dane',
      '',
      '## 3. Bezpieczeństwo',
      '',
      '- Wszystkie żądania modyfikujące dane muszą być uwierzytelnione za pomocą JWT.',
      '',
    ].join('\n');

    const run = await runCli(['show', 'POST /api/books', '--json'], { cwd: project(polish) });

    expect(run.code, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as ShownJson;
    expect(shown.language).toBe('pl');
    expect(shown.fields.body.map((field) => `${field.name}${field.required === false ? '?' : ''}`)).toEqual([
      'tytul',
      'autor?',
    ]);
    expect(shown.statusCodes.map((status) => status.code)).toEqual([400, 401]);
  });
});
