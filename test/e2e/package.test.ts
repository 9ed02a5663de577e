// The package as a user gets it: `npm pack` (of the dist/ the global setup built), installed from the tarball
// with no network, then run from the install, away from this repository's node_modules.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, repoRoot } from '../support/cli.ts';

const run = promisify(execFile);
const MAX_INSTALLED_BYTES = 15 * 1024 * 1024;

type Manifest = { readonly name: string; readonly version: string } & Partial<
  Record<'dependencies' | 'optionalDependencies' | 'peerDependencies', Record<string, string>>
>;

/** The environment without the npm_* settings of an outer `npm test`, so npm behaves as in a user's shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => statSync(join(dir, name)))
    .filter((stats) => stats.isFile())
    .reduce((sum, stats) => sum + stats.size, 0);
}

let work: string;
let prefix: string;
let installed: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ep-package-'));
  prefix = join(work, 'prefix');
  mkdirSync(prefix);
  const env = cleanEnv();
  // --ignore-scripts: prepack would rebuild dist/ under the other tests' feet; the global setup just built it.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: repoRoot,
    env,
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, filename)],
    {
      cwd: work,
      env,
    },
  );
  installed = join(prefix, 'node_modules', 'endpoint-planner');
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('depends on nothing: the install is the package alone', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Manifest;
    expect(manifest.name).toBe('endpoint-planner');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    const packages = readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(packages).toEqual(['endpoint-planner']);
  });

  it('ships its notices and prompt template, not the build metafile, in at most 15 MB', () => {
    expect(readFileSync(join(installed, 'dist', 'THIRD_PARTY_NOTICES'), 'utf8')).toContain('\nink@');
    expect(existsSync(join(installed, 'prompts', 'endpoint-plan.md'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'metafile.json'))).toBe(false);
    expect(bytesUnder(installed)).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);
  });

  it('runs `list` and `prompt` on the example from the installed bin', async () => {
    const project = copyExample('flashcards');
    const bin = join(prefix, 'node_modules', '.bin', 'endpoint-planner');
    const env = { PATH: process.env.PATH ?? '', HOME: project, NO_COLOR: '1' };
    const list = await run(process.execPath, [bin, 'list', '--json'], { cwd: project, env });
    const endpoints = (JSON.parse(list.stdout) as { endpoints: { id: string }[] }).endpoints;
    expect(endpoints.length).toBeGreaterThan(3);
    // The built-in prompt template is read from the package at run time.
    const prompt = await run(process.execPath, [bin, 'prompt', endpoints[0]!.id], { cwd: project, env });
    expect(prompt.stdout.length).toBeGreaterThan(1000);
  });
});
