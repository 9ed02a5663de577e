import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliRun, cliPath, copyExample, runCli } from '../support/cli.ts';
import { plansDir } from '../support/project.ts';

// How the CLI behaves on an ordinary day: what it prints on a pipe, what it says about a mistyped word or a
// bad config file, what a dry run needs, and which Node runs it. Every binary here runs at once.

/** Nothing a pipe or a log file would show as garbage. */
function expectNoEscapes(run: CliRun): void {
  expect(run.stdout).not.toContain('\u001b');
  expect(run.stderr).not.toContain('\u001b');
}

const LONG_PATH =
  '/api/organisations/{organisationId}/projects/{projectId}/environments/{environmentId}/secrets';
const LONG_TITLE =
  'Lists every secret of one environment of one project of an organisation, newest first, paged';

function projectWithLongRoutes(): string {
  const root = mkdtempSync(join(tmpdir(), 'ep-long-'));
  mkdirSync(join(root, '.ai'));
  writeFileSync(
    join(root, '.ai', 'api-plan.md'),
    `# REST API Plan\n\n## Endpoints\n\n### GET ${LONG_PATH}\n\n${LONG_TITLE}.\n\n- Errors: 404 when the environment does not exist.\n\n### DELETE ${LONG_PATH}/{secretId}\n\nDeletes one secret.\n`,
  );
  return root;
}

describe.concurrent('CLI manners', () => {
  it('list on a pipe cuts nothing: whole ids, routes and titles', async () => {
    const project = projectWithLongRoutes();
    const json = await runCli(['list', '--json'], { cwd: project });
    const listed = (JSON.parse(json.stdout) as { endpoints: { id: string; title: string }[] }).endpoints;
    const ids = listed.map((e) => e.id);
    // The JSON's title is the table's: a heading that only repeats method and path gives way to the description.
    expect(listed[0]?.title).toBe(`${LONG_TITLE}.`);
    expect(ids.some((id) => id.length > 40)).toBe(true);
    const run = await runCli(['list'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    for (const id of ids) expect(run.stdout).toContain(` ${id} `);
    expect(run.stdout).toContain(LONG_PATH);
    expect(run.stdout).toContain(LONG_TITLE);
    expect(run.stdout).not.toContain('…');
    expectNoEscapes(run);
  });

  it('list --json names every document a plan would use, relative to the project', async () => {
    const project = copyExample('flashcards');
    const run = await runCli(['list', '--json'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { sources: unknown }).sources).toEqual({
      apiPlan: '.ai/api-plan.md',
      dbPlan: '.ai/db-plan.md',
      types: 'src/types.ts',
      techStack: '.ai/tech-stack.md',
      rules: ['.cursor/rules/backend.mdc', '.cursor/rules/frontend.mdc', '.cursor/rules/shared.mdc'],
    });
  });

  it('generate --dry-run works without a key and creates nothing', async () => {
    const project = copyExample('flashcards');
    const run = await runCli(['generate', '--all', '--dry-run'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Nothing was sent.');
    expect(run.stdout).toContain('A real run needs OPENAI_API_KEY');
    expect(existsSync(plansDir(project))).toBe(false);
    expect(existsSync(join(project, '.ai', 'documents'))).toBe(false);
    expectNoEscapes(run);
  });

  it('a bad config file gets one sentence: file, key, expected, found', async () => {
    const project = copyExample('flashcards');
    writeFileSync(join(project, '.endpoint-planner.json'), '{ "concurrency": "four" }\n');
    const run = await runCli(['list'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'endpoint-planner: .endpoint-planner.json: "concurrency" should be a whole number from 1 to 32, found "four".\n',
    );
  });

  it('generate --offline with stderr and stdout redirected writes no escape sequences', async () => {
    const project = copyExample('flashcards');
    const run = await runCli(['generate', '--all', '--offline'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    expectNoEscapes(run);
  });
});

/** A Node older than 22 on this machine (the system one, when the tests run on a newer one through npx). */
function oldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', 'node']) {
    const probe = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const major = Number(probe.stdout?.split('.')[0]);
    if (probe.status === 0 && major > 0 && major < 22) return candidate;
  }
  return undefined;
}

describe('on Node older than 22', () => {
  const node = oldNode();
  const npx = spawnSync('npx', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(node === undefined || !npx)(
    'says so and suggests a command that works from that Node (skipped without an old Node or npx)',
    async () => {
      const project = copyExample('flashcards');
      const old = spawnSync(node ?? 'node', [cliPath, 'list', '--cwd', project], { encoding: 'utf8' });
      expect(old.status).toBe(1);
      const suggested = /Run it on Node 24 with: (.*)$/m.exec(old.stderr)?.[1];
      expect(suggested, old.stderr).toBeDefined();
      const output = execFileSync('sh', ['-c', suggested ?? 'false'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PATH: `${join(node ?? 'node', '..')}:${process.env.PATH ?? ''}` },
      });
      expect(output).toContain('10 endpoints');
    },
    120_000,
  );
});
