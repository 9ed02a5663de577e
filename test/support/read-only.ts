import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A folder writes to which fail, or why this machine cannot make one. */
export type ReadOnlyFolder = { readonly dir: string } | { readonly skip: string };

/**
 * Makes read-only folders for tests and undoes them after the file. As a normal user `chmod 555` is enough; root
 * writes through any mode, so there the folder is a read-only tmpfs mounted for the test (skipped, with the
 * reason, where mounting is not allowed).
 */
export function readOnlyFolders(): () => ReadOnlyFolder {
  const mounts: string[] = [];
  afterAll(() => {
    for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
  });
  return () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ep-read-only-')), 'plans');
    mkdirSync(dir);
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o555);
      return { dir };
    }
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      return {
        skip: 'running as root, where chmod does not stop writes, and mounting a read-only tmpfs is not allowed',
      };
    }
    mounts.push(dir);
    try {
      writeFileSync(join(dir, 'probe'), '');
      return { skip: 'the read-only tmpfs took a write' };
    } catch {
      return { dir };
    }
  };
}
