// Issue 16's figures on the corpus projects (../shared/corpus, read in place, never copied into the repo):
// prompt tokens with `--context-window 8192` and without; the share of the endpoint's dossier facts (status
// codes, tables, types, body fields) still in the budgeted prompt; and the share of each request's prompt tokens
// that is cacheable under OpenAI's rule (an identical prefix of >= 1,024 tokens, counted in 128-token steps) for
// the second and later requests of a run, with the decisions of saved plans carried (offline plans are saved
// first for the first endpoints, in a temp copy of the project).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { median } from './support.ts';

const here = import.meta.dirname;
const cli = join(here, '..', 'dist', 'cli.js');
const corpus = process.env.CORPUS ?? resolve(here, '..', '..', 'shared', 'corpus');
const SAMPLE = Number(process.env.SAMPLE ?? 4);

type Entry = { id: string; files: Record<string, string | string[] | undefined> };
type Dossier = {
  statusCodes: { code: number }[];
  tables: { name: string }[];
  types: { request: { name: string }[]; response: { name: string }[] };
  fields: { body: { name: string }[] };
};

function cliRun(args: readonly string[], cwd: string): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.status !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

const tokensOf = (stderr: string): number =>
  Number(/([\d,]+) prompt tokens/.exec(stderr)?.[1]?.replaceAll(',', ''));

/** The messages of `prompt`'s output, split at its `=== message i of n: role ===` lines. */
function messagesOf(stdout: string): string[] {
  return stdout.split(/^=== message \d+ of \d+: \w+ ===\n/m).slice(1);
}

/** Tokens of the longest identical prefix of two prompts, rounded down to OpenAI's 128-token steps, 0 under 1,024. */
function cacheable(a: readonly string[], b: readonly string[]): number {
  const ta = encode(a.join('\n'));
  const tb = encode(b.join('\n'));
  let same = 0;
  while (same < ta.length && same < tb.length && ta[same] === tb[same]) same++;
  return same < 1024 ? 0 : Math.floor(same / 128) * 128;
}

if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync(corpus)) {
  console.log(`No corpus at ${corpus}: nothing to measure.`);
  process.exit(0);
}
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as Entry[];
const rows: string[] = [];
const keptShares: number[] = [];
const cacheShares: number[] = [];
const projectCacheShares: number[] = [];
const anyShares: number[] = [];
const projectAnyShares: number[] = [];
const ratios: number[] = [];
const only = process.env.ONLY?.split(',');
for (const entry of manifest) {
  if (only !== undefined && !only.includes(entry.id)) continue;
  const source = join(corpus, 'api-plans', entry.id);
  const project = mkdtempSync(join(tmpdir(), 'ep-budget-'));
  cpSync(source, project, { recursive: true });
  // The manifest's paths are relative to the corpus; in the copy they are relative to the project.
  const local = (path: string): string => path.replace(`api-plans/${entry.id}/`, '');
  const docs: string[] = ['--api-plan', local(String(entry.files.api_plan))];
  if (typeof entry.files.db_plan === 'string') docs.push('--db-plan', local(entry.files.db_plan));
  if (typeof entry.files.types === 'string') docs.push('--types', local(entry.files.types));
  if (typeof entry.files.tech_stack === 'string') docs.push('--tech-stack', local(entry.files.tech_stack));
  const rules = Array.isArray(entry.files.rules) ? entry.files.rules : [];
  for (const rule of rules) docs.push('--rules', local(rule));
  const ids = (
    JSON.parse(cliRun(['list', '--json', ...docs], project).stdout) as { endpoints: { id: string }[] }
  ).endpoints
    .map((e) => e.id)
    .slice(0, SAMPLE + 1);
  const [first] = ids;
  if (first === undefined) continue;
  // The first endpoint's plan is saved (offline) before the others are asked, so their requests carry decisions.
  cliRun(['generate', first, '--offline', '--yes', ...docs], project);
  const whole: number[] = [];
  const fitted: number[] = [];
  let kept = 0;
  let facts = 0;
  let firstMessages: string[] | undefined;
  const projectCache: number[] = [];
  const projectAny: number[] = [];
  const earlier: string[][] = [];
  for (const id of ids) {
    const full = cliRun(['prompt', id, ...docs], project);
    const small = cliRun(['prompt', id, '--context-window', '8192', ...docs], project);
    whole.push(tokensOf(full.stderr));
    fitted.push(tokensOf(small.stderr));
    const dossier = JSON.parse(cliRun(['show', id, '--json', ...docs], project).stdout) as Dossier;
    const wanted = [
      ...dossier.statusCodes.map((s) => String(s.code)),
      ...dossier.tables.map((t) => t.name),
      ...dossier.types.request.map((t) => t.name),
      ...dossier.types.response.map((t) => t.name),
      ...dossier.fields.body.map((f) => f.name),
    ];
    facts += wanted.length;
    kept += wanted.filter((fact) => small.stdout.includes(fact)).length;
    const messages = messagesOf(full.stdout);
    if (firstMessages === undefined || id === first) {
      firstMessages = messages;
      earlier.push(messages);
      continue;
    }
    const total = tokensOf(full.stderr);
    cacheShares.push(cacheable(firstMessages, messages) / total);
    projectCache.push(cacheable(firstMessages, messages) / total);
    // OpenAI serves the longest prefix any earlier request of the run left in its cache.
    anyShares.push(Math.max(...earlier.map((e) => cacheable(e, messages))) / total);
    projectAny.push(Math.max(...earlier.map((e) => cacheable(e, messages))) / total);
    earlier.push(messages);
  }
  if (projectAny.length > 0) projectAnyShares.push(median(projectAny));
  if (projectCache.length > 0) projectCacheShares.push(median(projectCache));
  const keptShare = facts === 0 ? 1 : kept / facts;
  keptShares.push(keptShare);
  ratios.push(median(fitted) / median(whole));
  rows.push(
    `  ${entry.id.padEnd(42)} whole ${median(whole).toFixed(0).padStart(6)} · 8192-window ${median(fitted).toFixed(0).padStart(5)} tokens · facts kept ${(100 * keptShare).toFixed(0)}% · cacheable ${(100 * median(projectCache)).toFixed(1)}% (mean ${((100 * projectCache.reduce((a, b) => a + b, 0)) / Math.max(1, projectCache.length)).toFixed(1)}%, worst ${(100 * Math.min(...projectCache)).toFixed(1)}%; vs any earlier request ${(100 * median(projectAny)).toFixed(1)}%, worst ${(100 * Math.min(...projectAny)).toFixed(1)}%)`,
  );
}
console.log(rows.join('\n'));
console.log(
  `prompt tokens with --context-window 8192: median ${(100 * median(ratios)).toFixed(0)}% of the whole prompt; dossier facts kept: ${(100 * Math.min(...keptShares)).toFixed(0)}% (worst project)`,
);
console.log(
  `cacheable share of the second and later requests (full mode, decisions carried): median ${(100 * median(cacheShares)).toFixed(1)}%, worst project ${(100 * Math.min(...projectCacheShares)).toFixed(1)}% (goal: every project >= 90%), worst single request ${(100 * Math.min(...cacheShares)).toFixed(1)}%`,
);
console.log(
  `cacheable share against any earlier request of the run (OpenAI's cache keeps every prefix it served): median ${(100 * median(anyShares)).toFixed(1)}%, worst project ${(100 * Math.min(...projectAnyShares)).toFixed(1)}%, worst single request ${(100 * Math.min(...anyShares)).toFixed(1)}%`,
);
