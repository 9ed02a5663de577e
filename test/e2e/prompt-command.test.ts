import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample, runCli } from '../support/cli.ts';

type Listed = { id: string; method: string; path: string };

let target: Listed = { id: '', method: '', path: '' };
beforeAll(async () => {
  const project = copyExample('flashcards');
  const run = await runCli(['list', '--json'], { cwd: project });
  expect(run.code, run.stderr).toBe(0);
  const [first] = (JSON.parse(run.stdout) as { endpoints: Listed[] }).endpoints;
  if (first === undefined) throw new Error('the example has no endpoint');
  target = first;
});

/** A small template in the documented format; `extra` goes into the endpoint part. */
const template = (extra: string): string =>
  [
    '<!-- @system -->',
    'You are a careful planner of one endpoint at a time.',
    '<!-- @shared -->',
    '{{api_plan}}',
    '<!-- @endpoint -->',
    `Plan {{endpoint_method}} {{endpoint_path}} in {{language}}. ${extra}`,
    '',
  ].join('\n');

describe('endpoint-planner prompt', () => {
  it('prints the messages for an endpoint and their token count, with no key configured', async () => {
    const project = copyExample('flashcards');

    const run = await runCli(['prompt', target.id], { cwd: project });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/=== message 1 of \d+: system ===/);
    expect(run.stdout).toMatch(/=== message \d+ of \d+: user ===/);
    expect(run.stdout).toContain(`${target.method} ${target.path}`);
    expect(run.stderr).toMatch(/^[\d,]+ prompt tokens \(\w+ tokenizer for [\w.-]+\), \d+ messages\./m);
  });

  it('finds the endpoint by "METHOD /path" too', async () => {
    const project = copyExample('flashcards');

    const run = await runCli(['prompt', `${target.method} ${target.path}`], { cwd: project });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${target.method} ${target.path}`);
  });

  it('rejects a --prompt file with an unknown placeholder, naming it (exit 2)', async () => {
    const project = copyExample('flashcards');
    writeFileSync(join(project, 'my-prompt.md'), template('{{endpoint_colour}}'));

    const run = await runCli(['prompt', target.id, '--prompt', 'my-prompt.md'], { cwd: project });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('endpoint_colour');
    expect(run.stderr).toContain('my-prompt.md');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('uses a --prompt file that is valid', async () => {
    const project = copyExample('flashcards');
    writeFileSync(join(project, 'my-prompt.md'), template('Flag-file template in use.'));

    const run = await runCli(['prompt', target.id, '--prompt', 'my-prompt.md'], { cwd: project });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Flag-file template in use.');
    expect(run.stdout).toContain(`Plan ${target.method} ${target.path} in English.`);
  });

  it('uses the project override .ai/prompts/endpoint-plan.md when present', async () => {
    const project = copyExample('flashcards');
    mkdirSync(join(project, '.ai', 'prompts'), { recursive: true });
    writeFileSync(join(project, '.ai', 'prompts', 'endpoint-plan.md'), template('Project template in use.'));

    const run = await runCli(['prompt', target.id], { cwd: project });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Project template in use.');
    expect(run.stdout).toContain('You are a careful planner of one endpoint at a time.');
  });

  it('writes the language asked for with --language into the messages', async () => {
    const project = copyExample('flashcards');

    const polish = await runCli(['prompt', target.id, '--language', 'pl'], { cwd: project });
    const english = await runCli(['prompt', target.id], { cwd: project });

    expect(polish.code, polish.stderr).toBe(0);
    expect(polish.stdout).toContain('Polish');
    expect(english.stdout).not.toContain('Polish');
  });

  it('exits 2 naming an endpoint that does not exist', async () => {
    const project = copyExample('flashcards');

    const run = await runCli(['prompt', 'get-no-such-endpoint'], { cwd: project });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('get-no-such-endpoint');
  });
});
