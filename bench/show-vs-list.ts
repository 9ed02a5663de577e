// `show ID --json` against `list --json` on the same (largest) API plan: the dossier's cost over reading the
// plan at all. Goal: show ≤ 1.5× list. `node bench/show-vs-list.ts [DIR]` takes a folder of api-plan.md files
// (searched recursively; the largest wins), by default the shared corpus next to the repository, else the
// bundled example.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { median, report, timeCommand } from './support.ts';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const RUNS = 15;

function plans(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...plans(path));
    else if (/api-plan\.md$/.test(entry.name)) found.push(path);
  }
  return found;
}

const dir =
  process.argv[2] ??
  [
    join(root, '..', 'shared', 'corpus'),
    join(root, '..', '..', 'shared', 'corpus'),
    join(root, 'examples'),
  ].find(existsSync);
if (dir === undefined) throw new Error('no folder of API plans found');
const largest = plans(dir).sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (largest === undefined) throw new Error(`no api-plan.md under ${dir}`);
const folder = dirname(largest);
const flags = ['--api-plan', largest];
for (const [flag, name] of [
  ['--db-plan', 'db-plan.md'],
  ['--types', 'types.ts'],
] as const) {
  if (existsSync(join(folder, name))) flags.push(flag, join(folder, name));
}

const listed = spawnSync(process.execPath, [cli, 'list', '--json', ...flags], { encoding: 'utf8' });
const endpoints = (JSON.parse(listed.stdout) as { endpoints: { id: string }[] }).endpoints;
const target = endpoints[Math.floor(endpoints.length / 2)]?.id;
if (target === undefined) throw new Error(`${largest} has no endpoints`);

console.log(`${largest} (${statSync(largest).size} bytes, ${endpoints.length} endpoints), show ${target}`);
const floor = median(timeCommand(process.execPath, ['-e', '0'], RUNS));
// Both run in the plan's folder: the code scan `show` starts has the same small project to read.
const list = median(timeCommand(process.execPath, [cli, 'list', '--json', ...flags], RUNS, folder));
const show = median(timeCommand(process.execPath, [cli, 'show', target, '--json', ...flags], RUNS, folder));
report('node -e 0', floor, undefined);
report('list --json', list, undefined);
report('show ID --json', show, undefined, `${(show / list).toFixed(2)}× list (goal ≤ 1.50×)`);
process.exit(show / list <= 1.5 ? 0 : 1);
