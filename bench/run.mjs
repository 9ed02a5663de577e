// Runs every benchmark in turn (after a build) and prints their figures. `npm run bench -- NAME...` runs some.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const all = [
  'parse-scaling',
  'deep-nesting',
  'cli-startup',
  'batch',
  'stream-cpu',
  'wizard-start',
  'wizard-stream',
  'wizard-pipeline',
  'review-scroll',
  'show-vs-list',
  'fail-fast',
];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
const here = import.meta.dirname;

const build = spawnSync(process.execPath, [join(here, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const name of chosen) {
  console.log(`\n## ${name}`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--experimental-strip-types', '--no-warnings', join(here, `${name}.ts`)],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
