import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from './cli.ts';

/** The plans folder of a test project. */
export const plansDir = (project: string): string => join(project, '.ai', 'documents', 'api-plans');

/** The plan files saved in a test project, sorted; none when the folder does not exist yet. */
export function plansIn(project: string): string[] {
  if (!existsSync(plansDir(project))) return [];
  return readdirSync(plansDir(project))
    .filter((name) => name.endsWith('.md'))
    .sort();
}

/** Every file below `dir`, as paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The key may be sent to the server and nowhere else: not printed, not written into the project. */
export function expectKeyNowhere(key: string, project: string, ...runs: readonly CliRun[]): void {
  for (const run of runs) {
    expect(run.stdout).not.toContain(key);
    expect(run.stderr).not.toContain(key);
  }
  const leaking = filesUnder(project).filter((file) => readFileSync(file, 'utf8').includes(key));
  expect(leaking).toEqual([]);
}
