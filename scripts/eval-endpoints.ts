// Scores the endpoint parser against a corpus of real API plans with hand-checked ground truth.
//
//   node --experimental-strip-types --no-warnings scripts/eval-endpoints.ts <corpus dir> [--json] [--verbose]
//
// The corpus dir holds `manifest.json`: a list of `{ id, files: { api_plan }, endpoints: ["METHOD /path"] }`,
// paths relative to the corpus dir. An endpoint matches when these agree, compared as multisets:
//   - the method;
//   - the path as written, except that parameter spelling is ignored (`{id}`, `:id`, `[id]`, `<id>` and `*` are one
//     placeholder, so `/x/:aquariumId` and `/x/{id}` match), letter case is ignored and a trailing slash is ignored;
//   - the query string when the ground truth writes one (Supabase/PostgREST plans tell list from detail by it),
//     compared without case and with the same placeholder rule.
// Prefixes are NOT normalised: ground truth records paths as written, and so does the parser.
// Exit code 1 when micro recall or precision is below 98 %, or any repo is below 90 % on either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseApiPlan } from '../src/core/docs/api-plan.ts';

type ManifestEntry = { id: string; files: { api_plan: string }; endpoints: string[] };
type RepoScore = {
  id: string;
  expected: number;
  found: number;
  matched: number;
  recall: number;
  precision: number;
  missed: string[];
  extra: string[];
};

const MICRO_BAR = 0.98;
const REPO_BAR = 0.9;

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
const asJson = args.includes('--json');
const verbose = args.includes('--verbose');
if (dir === undefined) {
  process.stderr.write('usage: eval-endpoints.ts <corpus dir> [--json] [--verbose]\n');
  process.exit(2);
}

function normalise(route: string): string {
  const [method = '', ...rest] = route.trim().split(/\s+/);
  const target = rest.join(' ');
  const question = target.indexOf('?');
  const path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? '' : target.slice(question + 1);
  const placeholder = (text: string): string =>
    text.replace(/\{[^}]*\}|:[A-Za-z_][\w-]*|\[[^\]]*\]|<[^>]*>|(?<=\/)\*(?=\/|$)/g, '{}').toLowerCase();
  const bare = placeholder(path).replace(/\/+$/, '') || '/';
  return `${method.toUpperCase()} ${bare}${query.length > 0 ? `?${placeholder(query)}` : ''}`;
}

function count(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function score(entry: ManifestEntry, root: string): RepoScore {
  const text = readFileSync(join(root, entry.files.api_plan), 'utf8');
  const plan = parseApiPlan(text, entry.files.api_plan);
  const expected = entry.endpoints.map(normalise);
  const found = plan.endpoints.map((endpoint) =>
    normalise(
      `${endpoint.method} ${endpoint.path}${endpoint.query === undefined ? '' : `?${endpoint.query}`}`,
    ),
  );
  const want = count(expected);
  const got = count(found);
  let matched = 0;
  const missed: string[] = [];
  const extra: string[] = [];
  for (const [key, n] of want) {
    const m = Math.min(n, got.get(key) ?? 0);
    matched += m;
    for (let i = m; i < n; i++) missed.push(key);
  }
  for (const [key, n] of got) {
    const m = Math.min(n, want.get(key) ?? 0);
    for (let i = m; i < n; i++) extra.push(key);
  }
  return {
    id: entry.id,
    expected: expected.length,
    found: found.length,
    matched,
    recall: expected.length === 0 ? 1 : matched / expected.length,
    precision: found.length === 0 ? (expected.length === 0 ? 1 : 0) : matched / found.length,
    missed,
    extra,
  };
}

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
const repos = manifest.map((entry) => score(entry, dir));
const totals = repos.reduce(
  (sum, repo) => ({
    expected: sum.expected + repo.expected,
    found: sum.found + repo.found,
    matched: sum.matched + repo.matched,
  }),
  { expected: 0, found: 0, matched: 0 },
);
const recall = totals.expected === 0 ? 1 : totals.matched / totals.expected;
const precision = totals.found === 0 ? 1 : totals.matched / totals.found;
const worst = repos
  .filter((repo) => repo.recall < REPO_BAR || repo.precision < REPO_BAR)
  .map((repo) => repo.id);
const pass = recall >= MICRO_BAR && precision >= MICRO_BAR && worst.length === 0;

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
if (asJson) {
  process.stdout.write(
    `${JSON.stringify({ repos, totals: { ...totals, recall, precision }, pass }, null, 2)}\n`,
  );
} else {
  const width = Math.max(...repos.map((repo) => repo.id.length), 4);
  process.stdout.write(`${'repo'.padEnd(width)}  expected  found  recall  precision\n`);
  for (const repo of repos) {
    process.stdout.write(
      `${repo.id.padEnd(width)}  ${String(repo.expected).padStart(8)}  ${String(repo.found).padStart(5)}  ${percent(repo.recall).padStart(6)}  ${percent(repo.precision).padStart(9)}\n`,
    );
    if (verbose || repo.recall < 1 || repo.precision < 1) {
      for (const key of repo.missed) process.stdout.write(`${' '.repeat(width)}  missed: ${key}\n`);
      for (const key of repo.extra) process.stdout.write(`${' '.repeat(width)}  extra:  ${key}\n`);
    }
  }
  process.stdout.write(
    `${'micro'.padEnd(width)}  ${String(totals.expected).padStart(8)}  ${String(totals.found).padStart(5)}  ${percent(recall).padStart(6)}  ${percent(precision).padStart(9)}\n`,
  );
  process.stdout.write(
    pass
      ? 'PASS: micro recall and precision >= 98%, every repo >= 90%\n'
      : `FAIL: bar is micro >= 98% and every repo >= 90%${worst.length > 0 ? `; below: ${worst.join(', ')}` : ''}\n`,
  );
}
process.exit(pass ? 0 : 1);
