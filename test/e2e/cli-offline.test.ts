import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, copyExample, runCli } from '../support/cli.ts';
import { plansIn } from '../support/project.ts';

type Listing = {
  sources: { apiPlan: string };
  endpoints: {
    id: string;
    method: string;
    path: string;
    title: string;
    line: number;
    planned: string | null;
  }[];
  diagnostics: unknown[];
};

async function listing(project: string): Promise<Listing> {
  const run = await runCli(['list', '--json'], { cwd: project });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listing;
}

describe('the CLI without a model', () => {
  it('answers --version and --help at once', async () => {
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('endpoint-planner generate');
    const generateHelp = await runCli(['generate', '--help']);
    expect(generateHelp.stdout).toContain('--concurrency N');
  });

  it.each([
    [['--bogus'], /Unknown flag --bogus/],
    [['list', '--all'], /Unknown flag --all for "list"/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['lst'], /Unknown command "lst"\. Did you mean "list"\?/],
    [['help', 'nope'], /Unknown command "nope"/],
    [['generate', '--all', '--concurency', '2'], /Did you mean --concurrency\?/],
    [['generate'], /--all, or ids/],
    [['generate', '--all', 'get-x'], /either --all or endpoint ids/],
    [['generate', '--all', '--concurrency', 'zero'], /--concurrency takes a whole number/],
    [['list', '--cwd'], /--cwd needs a value/],
  ])('treats %j as a usage error (exit 2, no stack trace)', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the places it looked when there is no API plan', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ep-empty-'));
    const run = await runCli(['list'], { cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.ai/api-plan.md');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a --cwd that does not exist', async () => {
    const run = await runCli(['list', '--cwd', '/no/such/folder']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/no/such/folder');
  });

  it('offers both ways forward when no model is configured', async () => {
    const project = copyExample('flashcards');
    const run = await runCli(['generate', '--all'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OPENAI_API_KEY');
    expect(run.stderr).toContain('--offline');
  });

  it('does not start the wizard without a terminal and points to generate', async () => {
    const project = copyExample('flashcards');
    const run = await runCli([], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('generate --all');
  });

  it('lists the example endpoints as JSON in document order', async () => {
    const project = copyExample('flashcards');
    const list = await listing(project);
    expect(list.sources.apiPlan).toBe('.ai/api-plan.md');
    expect(list.endpoints.length).toBeGreaterThanOrEqual(8);
    const lines = list.endpoints.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(list.endpoints.every((e) => e.planned === null)).toBe(true);
    expect(new Set(list.endpoints.map((e) => e.id)).size).toBe(list.endpoints.length);
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (`list | head`)', () => {
    const project = mkdtempSync(join(tmpdir(), 'ep-pipe-'));
    mkdirSync(join(project, '.ai'));
    const endpoints = Array.from({ length: 800 }, (_, i) => `### GET /api/items${i}\n\nLists items ${i}.\n`);
    writeFileSync(join(project, '.ai', 'api-plan.md'), `# API\n\n${endpoints.join('\n')}`);
    const script = `"$NODE" "$CLI" list --json 2>"$ERR" | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const err = join(project, 'stderr.txt');
    const result = spawnSync('bash', ['-c', script], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', NODE: process.execPath, CLI: cliPath, ERR: err },
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('0');
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('writes numbered offline plans, skips them on a re-run, and never overwrites with --force', async () => {
    const project = copyExample('flashcards');
    const { endpoints } = await listing(project);
    const first = await runCli(['generate', '--offline', '--all', '--yes'], { cwd: project });
    expect(first.code, first.stderr).toBe(0);
    const files = plansIn(project);
    expect(files).toEqual(endpoints.map((e, i) => `${String(i + 1).padStart(3, '0')}-${e.id}.md`));
    const plan = readFileSync(join(project, '.ai', 'documents', 'api-plans', files[0] ?? ''), 'utf8');
    expect(plan).toMatch(/^# API Endpoint Implementation Plan: /);
    expect(plan).not.toContain('<analysis>');

    const relisted = await listing(project);
    expect(relisted.endpoints.map((e) => e.planned)).toEqual(files);

    const again = await runCli(['generate', '--offline', '--all'], { cwd: project });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(plansIn(project)).toEqual(files);

    const target = endpoints[1];
    if (target === undefined) throw new Error('the example needs two endpoints');
    const forced = await runCli(['generate', '--offline', '--force', `${target.method} ${target.path}`], {
      cwd: project,
    });
    expect(forced.code, forced.stderr).toBe(0);
    const after = plansIn(project);
    expect(after).toEqual([...files, `${String(files.length + 1).padStart(3, '0')}-${target.id}.md`]);
  });

  it('picks endpoints by id and by "METHOD /path", and says so when one does not exist', async () => {
    const project = copyExample('flashcards');
    const { endpoints } = await listing(project);
    const [a, b] = endpoints;
    if (a === undefined || b === undefined) throw new Error('the example needs two endpoints');
    const run = await runCli(['generate', '--offline', b.id, `${a.method.toLowerCase()} ${a.path}`], {
      cwd: project,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(plansIn(project)).toEqual([`001-${b.id}.md`, `002-${a.id}.md`]);
    const missing = await runCli(['generate', '--offline', 'get-nothing-here'], { cwd: project });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('get-nothing-here');
  });

  it('gives two processes saving at once different numbers', async () => {
    const project = copyExample('flashcards');
    const [one, two] = await Promise.all([
      runCli(['generate', '--offline', '--all', '--force'], { cwd: project }),
      runCli(['generate', '--offline', '--all', '--force'], { cwd: project }),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const { endpoints } = await listing(project);
    const files = plansIn(project);
    expect(files).toHaveLength(endpoints.length * 2);
    const numbers = files.map((f) => f.slice(0, 3));
    expect(new Set(numbers).size).toBe(files.length);
    expect(
      readdirSync(join(project, '.ai', 'documents', 'api-plans')).filter(
        (f) => f.startsWith('.') && !f.startsWith('.endpoint-planner'),
      ),
    ).toEqual([]);
  });

  it('reads docs from flags over convention', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ep-flags-'));
    mkdirSync(join(project, 'specs'));
    writeFileSync(join(project, 'specs', 'my-api.md'), '# API\n\n### GET /api/things\n\nLists things.\n');
    const run = await runCli(['list', '--json', '--api-plan', 'specs/my-api.md'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    const list = JSON.parse(run.stdout) as Listing;
    expect(list.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/things']);
    const missing = await runCli(['list', '--api-plan', 'specs/nope.md'], { cwd: project });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--api-plan');
  });
});
