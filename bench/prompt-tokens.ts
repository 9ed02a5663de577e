// Issue 11 bar: the `prompt` output has ≥ 15% fewer tokens than the baseline build's (the main of before the
// dossier prompts), median over the corpus projects, with every dossier fact still in the prompt and the shared
// part (system + API plan + stack + rules) byte-identical across a project's endpoints.
// Rules are passed as the corpus manifest lists them, one --rules each. Needs `npm run build` first.
// Run: BASELINE_CLI=/path/to/baseline/dist/cli.js node --experimental-strip-types bench/prompt-tokens.ts
// (a baseline: `git worktree add /tmp/ep-base ef06a3a && cd /tmp/ep-base && npm ci && npm run build`).
// CORPUS (default /work/shared/corpus) and PER_PROJECT (endpoints sampled per project, default 3) tune it.
// With any baseline it also prints the endpoint message's tokens before and after (the part that differs per
// request, which a prefix cache cannot serve); the 15% bar is meant for the ef06a3a baseline only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { median } from './support.ts';

type ManifestEntry = {
  readonly id: string;
  readonly files: {
    readonly api_plan: string;
    readonly db_plan?: string | null;
    readonly types?: string | null;
    readonly tech_stack?: string | null;
    readonly rules?: readonly string[];
  };
  readonly endpoints: readonly string[];
};

type PromptRun = { readonly tokens: number; readonly messages: readonly string[] };

const corpus = process.env.CORPUS ?? '/work/shared/corpus';
const perProject = Number(process.env.PER_PROJECT ?? 3);
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const baseline = process.env.BASELINE_CLI;

function docFlags(entry: ManifestEntry): string[] {
  const at = (file: string): string => join(corpus, file);
  const flags = ['--api-plan', at(entry.files.api_plan)];
  if (entry.files.db_plan) flags.push('--db-plan', at(entry.files.db_plan));
  if (entry.files.types) flags.push('--types', at(entry.files.types));
  if (entry.files.tech_stack) flags.push('--tech-stack', at(entry.files.tech_stack));
  for (const rule of entry.files.rules ?? []) flags.push('--rules', at(rule));
  return flags;
}

/** Evenly spread endpoints of the project, so a sample is not only its first resource. */
function sample(endpoints: readonly string[]): string[] {
  if (endpoints.length <= perProject) return [...endpoints];
  const step = endpoints.length / perProject;
  return Array.from({ length: perProject }, (_, i) => endpoints[Math.floor(i * step)] ?? '');
}

function runCli(bin: string, args: readonly string[], cwd: string): { out: string; err: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`${args.slice(0, 2).join(' ')} exited ${result.status}: ${result.stderr}`);
  return { out: result.stdout, err: result.stderr };
}

function prompt(bin: string, entry: ManifestEntry, endpoint: string, cwd: string): PromptRun {
  const { out, err } = runCli(bin, ['prompt', endpoint, ...docFlags(entry)], cwd);
  const tokens = Number((/([\d,]+) prompt tokens/.exec(err)?.[1] ?? 'NaN').replaceAll(',', ''));
  const messages = out.split(/^=== message \d+ of \d+: \w+ ===\n/m).slice(1);
  return { tokens, messages };
}

/** The dossier's facts as strings the prompt must contain: tables, columns, codes, fields, type names. */
function dossierFacts(entry: ManifestEntry, endpoint: string, cwd: string): string[] {
  const { out } = runCli(cli, ['show', endpoint, '--json', ...docFlags(entry)], cwd);
  const d = JSON.parse(out) as {
    tables: { name: string; columns: { name: string }[] }[];
    statusCodes: { code: number }[];
    fields: Record<'path' | 'query' | 'body', { name: string }[]>;
    types: Record<'request' | 'response', { name: string }[]>;
  };
  return [
    ...d.tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name)]),
    ...d.statusCodes.map((s) => String(s.code)),
    ...(['path', 'query', 'body'] as const).flatMap((k) => d.fields[k].map((f) => f.name)),
    ...d.types.request.map((t) => t.name),
    ...d.types.response.map((t) => t.name),
  ];
}

const entries = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as ManifestEntry[];
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
const cwd = mkdtempSync(join(tmpdir(), 'ep-prompt-bench-'));
const reductions: number[] = [];
// The endpoint message is the part that differs per request: the part a provider's prefix cache cannot serve.
const endpointReductions: number[] = [];
const endpointTokens = (run: PromptRun): number => encode(run.messages.at(-1) ?? '').length;
let facts = 0;
let present = 0;
let sharedStable = true;
try {
  console.log(
    `${'project'.padEnd(40)} ${'baseline'.padStart(9)} ${'now'.padStart(9)} ${'change'.padStart(8)}  ${'endpoint msg'.padStart(13)}  facts in prompt`,
  );
  for (const entry of entries) {
    const endpoints = sample(entry.endpoints);
    const now = endpoints.map((e) => prompt(cli, entry, e, cwd));
    const before = baseline === undefined ? undefined : endpoints.map((e) => prompt(baseline, entry, e, cwd));
    const shared = new Set(now.map((run) => run.messages.slice(0, -1).join('\u0000')));
    if (shared.size > 1) sharedStable = false;
    let projectFacts = 0;
    let projectPresent = 0;
    endpoints.forEach((endpoint, i) => {
      const text = now[i]?.messages.at(-1) ?? '';
      for (const fact of dossierFacts(entry, endpoint, cwd)) {
        projectFacts++;
        if (text.includes(fact)) projectPresent++;
      }
    });
    facts += projectFacts;
    present += projectPresent;
    const nowTokens = median(now.map((run) => run.tokens));
    const beforeTokens = before === undefined ? Number.NaN : median(before.map((run) => run.tokens));
    const change = (nowTokens - beforeTokens) / beforeTokens;
    if (before !== undefined) reductions.push(-change);
    const nowOwn = median(now.map(endpointTokens));
    const beforeOwn = before === undefined ? Number.NaN : median(before.map(endpointTokens));
    if (before !== undefined) endpointReductions.push(1 - nowOwn / beforeOwn);
    const own = Number.isNaN(beforeOwn) ? `${nowOwn}` : `${beforeOwn} → ${nowOwn}`;
    console.log(
      `${entry.id.padEnd(40)} ${Number.isNaN(beforeTokens) ? '-'.padStart(9) : String(beforeTokens).padStart(9)} ${String(nowTokens).padStart(9)} ${Number.isNaN(change) ? '-'.padStart(8) : `${(change * 100).toFixed(1)}%`.padStart(8)}  ${own.padStart(13)}  ${projectPresent}/${projectFacts}`,
    );
  }
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
const factShare = facts === 0 ? 1 : present / facts;
console.log(
  `\ndossier facts present in the endpoint message: ${present}/${facts} (${(factShare * 100).toFixed(1)}%)`,
);
console.log(`shared part identical across each project's endpoints: ${sharedStable ? 'yes' : 'NO'}`);
if (reductions.length > 0) {
  const reduction = median(reductions);
  const ok = reduction >= 0.15 && factShare === 1 && sharedStable;
  console.log(
    `median token reduction of the endpoint message (o200k_base): ${(median(endpointReductions) * 100).toFixed(1)}%`,
  );
  console.log(
    `median token reduction over ${reductions.length} projects: ${(reduction * 100).toFixed(1)}% (bar ≥ 15%: ${ok ? 'ok' : 'MISSED'})`,
  );
} else {
  console.log('no baseline: set BASELINE_CLI to a baseline build to print the reduction');
}
