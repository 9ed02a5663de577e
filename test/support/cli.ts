import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root and the built CLI that end-to-end tests spawn. */
export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

/** What a CLI run printed and how it ended. */
export type CliRun = { readonly code: number | null; readonly stdout: string; readonly stderr: string };

/** Spawns the built CLI with a clean environment (no key, no color) plus `env`, and `nodeFlags` for node itself. */
export function runCli(
  args: readonly string[],
  options: {
    nodeFlags?: readonly string[];
    cwd?: string;
    env?: Record<string, string>;
    input?: string;
    signalAfter?: (out: string) => boolean;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NO_COLOR: '1',
    };
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!signalled && options.signalAfter?.(stdout)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A fresh copy of an example project in a temp folder, as git has it: without the plans `npm run demo` saves into
 * the example (`.ai/documents/`, ignored by git), which would make every test see endpoints as already planned.
 */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ep-${name}-`));
  const example = join(repoRoot, 'examples', name);
  const generated = join(example, '.ai', 'documents');
  cpSync(example, dir, { recursive: true, filter: (source) => !source.startsWith(generated) });
  return dir;
}
