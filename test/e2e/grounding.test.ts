import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliRun, copyExample, runCli } from '../support/cli.ts';
import type { FakeServer } from '../support/fake-openai-server.ts';
import { fakeServers } from '../support/fake-servers.ts';
import { aPlanAnswer, endpointOfRequest } from '../support/plan-replies.ts';
import { plansDir } from '../support/project.ts';

const fake = fakeServers();
const TARGET = 'GET /api/flashcards/{id}';

function generate(project: string, server: FakeServer, args: readonly string[]): Promise<CliRun> {
  return runCli(
    ['generate', '--yes', '--base-url', server.baseURL, '--model', 'gpt-4.1-mini', TARGET, ...args],
    { cwd: project, env: { OPENAI_API_KEY: 'sk-test' } },
  );
}

/** A valid plan for the requested endpoint, with `extra` appended to its data flow. */
function answering(extra: string): (request: Parameters<typeof endpointOfRequest>[0]) => {
  kind: 'text';
  text: string;
} {
  return (request) => {
    const endpoint = endpointOfRequest(request) ?? { method: 'GET', path: '/unknown' };
    const answer = aPlanAnswer({ ...endpoint, errorCodes: [400, 401, 404] });
    return {
      kind: 'text',
      text: answer.replace('## 6. Security Considerations', `${extra}\n\n## 6. Security Considerations`),
    };
  };
}

const INVENTED = [
  'Read the card and its badges:',
  '',
  '```ts',
  "const { data } = await supabase.from('flashcards').select('id, front, difficulty').eq('id', id).single();",
  "const badges = await supabase.from('user_badges').select('*').eq('user_id', userId);",
  'const result: FlashcardBadgeDto = { ...data, badges };',
  '```',
  '',
  'Success: `200 OK` with the card.',
].join('\n');

const EXISTING = [
  'Read the card of the caller:',
  '',
  '```ts',
  "const { data } = await supabase.from('flashcards').select('id, front, back, due_at').eq('id', id).eq('user_id', userId).single();",
  'const result: FlashcardDto = data;',
  '```',
  '',
  'A `ReviewStreakDto` (new) could carry the streak later. Success: `200 OK` with the card.',
].join('\n');

describe('generate checks every plan against the docs (fake OpenAI server, built binary)', () => {
  it('names an invented table, column and type with the plan file; --strict exits 1; --json lists them', async () => {
    const project = copyExample('flashcards');
    const server = await fake({ script: answering(INVENTED) });

    const run = await generate(project, server, ['--strict']);

    expect(run.code, run.stdout + run.stderr).toBe(1);
    const findings = run.stdout.split('\n').filter((line) => line.includes('finding:'));
    expect(findings.join('\n')).toContain('`user_badges` is not in the db plan');
    expect(findings.join('\n')).toContain('`flashcards.difficulty` is not in the db plan');
    expect(findings.join('\n')).toContain('`FlashcardBadgeDto` is not in the types file');
    for (const line of findings) expect(line).toMatch(/001-get-flashcards-id\.md:\d+: /);
    const saved = readFileSync(join(plansDir(project), '001-get-flashcards-id.md'), 'utf8').split('\n');
    const at = Number(/\.md:(\d+): `user_badges`/.exec(findings.join('\n'))?.[1]);
    expect(saved[at - 1]).toContain("from('user_badges')");
    expect(run.stdout).toContain('--strict: 1 plan(s) have grounding findings');
    expect(server.chatRequests()).toHaveLength(1);

    const again = await generate(project, await fake({ script: answering(INVENTED) }), ['--force', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as { plans: { file: string; findings: { name: string }[] }[] };
    expect(json.plans[0]?.file).toBe('002-get-flashcards-id.md');
    expect(json.plans[0]?.findings.map((f) => f.name)).toEqual([
      'user_badges',
      'flashcards.difficulty',
      'FlashcardBadgeDto',
    ]);
  });

  it('finds nothing in a plan that names only what the docs have, or marks what it adds as new', async () => {
    const project = copyExample('flashcards');
    const server = await fake({ script: answering(EXISTING) });

    const run = await generate(project, server, ['--strict']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain('finding:');
  });
});

const POLISH_API_PLAN = `# Plan API

Wszystkie punkty końcowe wymagają zalogowanego użytkownika i zwracają odpowiedź w formacie JSON.

### POST /api/talie

Tworzy nową talię dla użytkownika. Żądanie jest odrzucane, gdy nazwa się powtarza lub nie jest poprawna.

- Treść żądania: \`{ "nazwa": "string" }\`
- Odpowiedź 201: utworzona talia
- Błędy: 400 (błąd walidacji), 401 (brak sesji), 409 (nazwa już istnieje)
`;

describe("the docs' language", () => {
  it('Polish docs give a Polish prompt, and show and prompt say why', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ep-polish-'));
    mkdirSync(join(project, '.ai'));
    writeFileSync(join(project, '.ai', 'api-plan.md'), POLISH_API_PLAN);

    const prompt = await runCli(['prompt', 'POST /api/talie'], { cwd: project });
    expect(prompt.code, prompt.stderr).toBe(0);
    expect(prompt.stdout).toContain('Write the analysis and the plan in Polish.');
    expect(prompt.stdout).toContain('## 2. Szczegóły żądania');
    expect(prompt.stdout).toContain('(nowy)');
    expect(prompt.stderr).toContain('Polish (detected in .ai/api-plan.md');

    const english = await runCli(['prompt', 'POST /api/talie', '--language', 'en'], { cwd: project });
    expect(english.stdout).toContain('Write the analysis and the plan in English.');
    expect(english.stderr).toContain('English (--language en)');
  });
});
