import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from '../support/cli.ts';
import { startFakeLocalServer } from '../support/fake-local-server.ts';
import { fakeServers } from '../support/fake-servers.ts';
import { aPlanAnswerFor, endpointKey, scriptByEndpoint } from '../support/plan-replies.ts';

const KEY = 'sk-test-decisions';
const fake = fakeServers();

/** A valid plan that also decides a service file, a function, a schema and an error helper. */
const decidingReply = (request: Parameters<typeof aPlanAnswerFor>[0]) => ({
  kind: 'text' as const,
  text: aPlanAnswerFor(request).replace(
    '1. Add the input schema.',
    '1. Add `createFlashcardSchema` to `src/lib/schemas/flashcard.schema.ts` and `createFlashcard()` to ' +
      '`src/lib/services/flashcards.service.ts`; answer errors with `ApiError` from `src/lib/errors.ts`.',
  ),
});

/** A project with many endpoints and tables: prompts far over a small window. */
function largeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ep-large-'));
  const api = ['# REST API Plan', '', '## Endpoints', ''];
  const db = ['# Database plan', ''];
  for (let i = 0; i < 45; i++) {
    api.push(
      `### POST /api/things${i}`,
      '',
      `Creates a thing of kind ${i} for the signed-in user and records who made it and when, so that the`,
      'history of every change can be listed later by the owner and by the administrators of the workspace.',
      '',
      '```json',
      `{ "name": "thing ${i}", "size": ${i}, "tags": ["a", "b"] }`,
      '```',
      '',
      'Errors: 400 Bad Request, 401 Unauthorized, 409 Conflict (a thing with that name exists).',
      '',
    );
    db.push(
      `## things${i}`,
      '',
      '| Column | Type | Constraints |',
      '| --- | --- | --- |',
      '| id | uuid | PRIMARY KEY |',
      '| name | text | NOT NULL UNIQUE |',
      '| size | integer | CHECK (size >= 0) |',
      '| owner_id | uuid | REFERENCES users(id) ON DELETE CASCADE |',
      '',
    );
  }
  mkdirSync(join(dir, '.ai'));
  writeFileSync(join(dir, '.ai', 'api-plan.md'), api.join('\n'));
  writeFileSync(join(dir, '.ai', 'db-plan.md'), db.join('\n'));
  return dir;
}

const tokensOf = (stderr: string): number =>
  Number(/([\d,]+) prompt tokens/.exec(stderr)?.[1]?.replaceAll(',', '') ?? Number.NaN);

describe('decisions carried across plans and the context budget (built binary)', () => {
  it("gives the second plan the first one's decisions after the same shared prefix", async () => {
    const project = copyExample('flashcards');
    const server = await fake({
      script: scriptByEndpoint({
        byEndpoint: { [endpointKey({ method: 'POST', path: '/api/flashcards' })]: [decidingReply] },
      }),
    });
    const env = { OPENAI_API_KEY: KEY };
    const base = [
      'generate',
      '--yes',
      '--base-url',
      server.baseURL,
      '--model',
      'gpt-4.1-mini',
      '--concurrency',
      '1',
    ];
    const first = await runCli([...base, 'POST /api/flashcards'], { cwd: project, env });
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli([...base, 'GET /api/flashcards'], { cwd: project, env });
    expect(second.code, second.stderr).toBe(0);

    const [a, b] = server.chatRequests().map((r) => r.body?.messages ?? []);
    if (a === undefined || b === undefined) throw new Error('two requests expected');
    expect(b.slice(0, -1)).toEqual(a.slice(0, -1));
    const last = String(b.at(-1)?.content);
    expect(last).toContain('`src/lib/services/flashcards.service.ts`');
    expect(last).toContain('`createFlashcard`');
    expect(last).toContain('`ApiError`');
    expect(String(a.at(-1)?.content)).not.toContain('flashcards.service.ts');

    const shown = await runCli(['show', 'GET /api/flashcards/{id}'], { cwd: project });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('## Decisions of saved plans');
    expect(shown.stdout).toContain('`src/lib/services/flashcards.service.ts`');
  });

  it('offline drafts keep to the files a saved plan decided for the same resource', async () => {
    const project = copyExample('flashcards');
    const server = await fake({
      script: scriptByEndpoint({
        byEndpoint: {
          [endpointKey({ method: 'POST', path: '/api/flashcards' })]: [
            (request) => ({
              kind: 'text' as const,
              text: aPlanAnswerFor(request).replace(
                '2. Add the service function.',
                '2. Add `createFlashcard()` to `src/server/flashcard-store.service.ts`.',
              ),
            }),
          ],
        },
      }),
    });
    const saved = await runCli(
      ['generate', '--yes', '--base-url', server.baseURL, '--model', 'gpt-4.1-mini', 'POST /api/flashcards'],
      { cwd: project, env: { OPENAI_API_KEY: KEY } },
    );
    expect(saved.code, saved.stderr).toBe(0);
    const draft = await runCli(['generate', '--offline', '--yes', 'GET /api/flashcards'], { cwd: project });
    expect(draft.code, draft.stderr).toBe(0);
    const plans = readdirSync(join(project, '.ai', 'documents', 'api-plans')).filter((f) =>
      f.endsWith('.md'),
    );
    const offline = plans.find((f) => f.includes('get-flashcards'));
    if (offline === undefined) throw new Error(`no offline draft among ${plans.join(', ')}`);
    const text = readFileSync(join(project, '.ai', 'documents', 'api-plans', offline), 'utf8');
    expect(text).toContain('src/server/flashcard-store.service.ts');
  });

  it('fits every prompt into --context-window and keeps the endpoint facts', async () => {
    const project = largeProject();
    const whole = await runCli(['prompt', 'post-things7'], { cwd: project });
    const fitted = await runCli(['prompt', 'post-things7', '--context-window', '8192'], { cwd: project });
    expect(whole.code, whole.stderr).toBe(0);
    expect(fitted.code, fitted.stderr).toBe(0);
    expect(tokensOf(whole.stderr)).toBeGreaterThan(8192);
    expect(tokensOf(fitted.stderr)).toBeLessThanOrEqual(8192 - 2048);
    for (const fact of ['POST /api/things7', 'things7', '409', 'UNIQUE', 'CHECK', '"size": 7']) {
      expect(fitted.stdout).toContain(fact);
    }
    expect(fitted.stdout).not.toContain('POST /api/things12');
  });

  it("takes the window from a local server (Ollama's num_ctx), and warns when the server does not say", async () => {
    const project = largeProject();
    const ollama = await startFakeLocalServer('ollama', 8192);
    const silent = await startFakeLocalServer('ollama-default');
    try {
      const told = await runCli(['prompt', 'post-things7', '--base-url', ollama.baseURL], { cwd: project });
      expect(told.code, told.stderr).toBe(0);
      expect(ollama.requests).toContain('POST /api/show');
      expect(tokensOf(told.stderr)).toBeLessThanOrEqual(8192 - 2048);

      const unknown = await runCli(['prompt', 'post-things7', '--base-url', silent.baseURL], {
        cwd: project,
      });
      expect(unknown.code, unknown.stderr).toBe(0);
      expect(unknown.stderr).toMatch(
        /ollama at .* did not say its context window: it may cut longer prompts/,
      );
      expect(unknown.stderr).toContain('--context-window');
      expect(tokensOf(unknown.stderr)).toBeGreaterThan(8192);
    } finally {
      await ollama.close();
      await silent.close();
    }
  });
});
