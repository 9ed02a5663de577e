import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Vitest global setup: builds dist/cli.js once, because end-to-end tests spawn the built binary as a user
 * would. Each test starts its own fake server.
 * A failed build is reported, not thrown, so the unit tests still run; the old dist/ is removed so the
 * end-to-end tests fail on the missing binary instead of passing against a stale one.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    process.stderr.write(
      `\nBuilding dist/cli.js failed; end-to-end tests will fail:\n${result.stderr}${result.stdout}\n`,
    );
  }
}
