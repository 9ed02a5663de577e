// Issue 11: the grounding check on the corpus authors' reference plans, to list every finding for a verdict (the
// goal is no false alarm), and its speed: median check time per plan ≤ 50 ms for the largest reference plan.
// A plan covering several endpoints is checked against the union of their dossiers. Runs from source (no build).
// Run: node --experimental-strip-types bench/ground-reference.ts   (CORPUS=/work/shared/corpus by default)
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSpec } from '../src/adapters/fs-docs.ts';
import type { Endpoint, Spec } from '../src/core/docs/model.ts';
import { buildDossier } from '../src/core/dossier/build.ts';
import { formatFinding, groundingIndex, groundPlan } from '../src/core/plan/ground.ts';
import { normalizePath } from '../src/core/plan/validate.ts';
import { median, report } from './support.ts';

type ManifestEntry = {
  readonly id: string;
  readonly files: {
    readonly api_plan: string;
    readonly db_plan?: string | null;
    readonly types?: string | null;
    readonly tech_stack?: string | null;
    readonly rules?: readonly string[];
    readonly reference_plans?: readonly string[];
  };
};

const corpus = process.env.CORPUS ?? '/work/shared/corpus';
const runs = Number(process.env.RUNS ?? 21);
const METHOD_AND_PATH = /\b(GET|POST|PUT|PATCH|DELETE)\s+`?(\/[^\s`*),]*)/g;

/**
 * The endpoints a plan is about: those its headings name (`# Plan: POST /api/x`), else every `METHOD /path` it
 * writes that the API plan defines.
 */
function coveredEndpoints(plan: string, spec: Spec): Endpoint[] {
  const headings = plan
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .join('\n');
  const named = endpointsIn(headings, spec);
  return named.length > 0 ? named : endpointsIn(plan, spec);
}

function endpointsIn(text: string, spec: Spec): Endpoint[] {
  const found = new Set<Endpoint>();
  for (const match of text.matchAll(METHOD_AND_PATH)) {
    const path = normalizePath(match[2] ?? '');
    const endpoint = spec.api.endpoints.find((e) => e.method === match[1] && normalizePath(e.path) === path);
    if (endpoint !== undefined) found.add(endpoint);
  }
  return [...found];
}

const entries = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as ManifestEntry[];
let total = 0;
let largest: { file: string; size: number; times: number[] } | undefined;
for (const entry of entries) {
  const at = (file: string | null | undefined): string | undefined => (file ? join(corpus, file) : undefined);
  const loaded = await loadSpec({
    cwd: join(corpus, 'api-plans', entry.id),
    overrides: {
      apiPlan: at(entry.files.api_plan),
      dbPlan: at(entry.files.db_plan),
      types: at(entry.files.types),
      techStack: at(entry.files.tech_stack),
      rules: (entry.files.rules ?? []).map((rule) => join(corpus, rule)),
    },
  });
  if (loaded.kind === 'error') {
    console.log(`${entry.id}: ${loaded.error.message}`);
    continue;
  }
  const { spec } = loaded;
  const index = groundingIndex(spec);
  for (const file of entry.files.reference_plans ?? []) {
    const plan = readFileSync(join(corpus, file), 'utf8');
    const endpoints = coveredEndpoints(plan, spec);
    const dossiers = endpoints.map((endpoint) => buildDossier({ spec, endpoint }));
    const findings = groundPlan(plan, dossiers, index);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      groundPlan(plan, dossiers, index);
      times.push(performance.now() - t0);
    }
    const size = statSync(join(corpus, file)).size;
    if (largest === undefined || size > largest.size) largest = { file, size, times };
    const name = file.replace(/^api-plans\//, '');
    console.log(
      `\n${name} (${endpoints.map((e) => `${e.method} ${e.path}`).join(', ') || 'no endpoint named'}): ${findings.length} finding(s), median ${median(times).toFixed(2)} ms`,
    );
    for (const finding of findings) console.log(`  ${formatFinding(name.split('/').pop() ?? name, finding)}`);
    total += findings.length;
  }
}
console.log(`\n${total} finding(s) on the reference plans`);
if (largest !== undefined) {
  // The fastest run shows the check's own cost when other processes share the cores.
  const fastest = Math.min(...largest.times).toFixed(1);
  report(
    `check, largest plan (${(largest.size / 1024).toFixed(0)} KB)`,
    median(largest.times),
    50,
    `fastest ${fastest} ms`,
  );
}
