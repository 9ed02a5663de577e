import { parse as parseYaml } from 'yaml';
import type { Diagnostic, PickedRule, RuleFile, SkippedRule } from './model.ts';

/** A parsed rules file and what was wrong with its front matter, if anything. */
export type ParsedRule = { readonly rule: RuleFile; readonly diagnostics: readonly Diagnostic[] };

export type { SkippedRule } from './model.ts';

/** The rules chosen for prompts (most general first) and the ones left out. */
export type RulePick = {
  readonly picked: readonly PickedRule[];
  /** Paths of the rules left out, in path order. */
  readonly skipped: readonly string[];
  readonly skippedReasons: readonly SkippedRule[];
};

type FrontMatter = {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly body: string;
  readonly diagnostics: readonly Diagnostic[];
};

/**
 * Splits `---` front matter from the body. Cursor writes `globs: *.astro`, which YAML reads as an alias and
 * rejects, so a failed YAML parse falls back to plain `key: value` lines; only lines that fit neither are reported.
 */
function splitFrontMatter(path: string, text: string): FrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return { fields: {}, body: text, diagnostics: [] };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) {
    const diagnostic = warning(path, 1, 'front matter opened with `---` is never closed; read as body text');
    return { fields: {}, body: text, diagnostics: [diagnostic] };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines
    .slice(end + 1)
    .join('\n')
    .replace(/^\n+/, '');
  const fromYaml = tryYaml(yamlText);
  if (fromYaml !== undefined) return { fields: fromYaml, body, diagnostics: [] };
  const fields: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  lines.slice(1, end).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z][\w-]*$/.test(key)) {
      diagnostics.push(warning(path, index + 2, `front matter line is not \`key: value\`: ${line.trim()}`));
      return;
    }
    fields[key] = line.slice(colon + 1).trim();
  });
  return { fields, body, diagnostics };
}

function tryYaml(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = parseYaml(text);
    if (value === null || value === undefined) return {};
    return typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function warning(file: string, line: number, message: string): Diagnostic {
  return { file, line, severity: 'warning', message, code: 'rule-front-matter' };
}

function toGlobs(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item): item is string => typeof item === 'string')
    .flatMap((item) => item.split(','))
    .map((glob) => glob.trim().replace(/^["']|["']$/g, ''))
    .filter((glob) => glob !== '');
}

function toBoolean(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function toText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/^["']|["']$/g, '');
  return text === '' ? undefined : text;
}

/** Parses a rules file: `.mdc` front matter (description, globs as a list or comma-separated, alwaysApply) and body. */
export function parseRuleFile(path: string, text: string): ParsedRule {
  const { fields, body, diagnostics } = splitFrontMatter(path, text);
  return {
    rule: {
      path,
      description: toText(fields.description),
      globs: toGlobs(fields.globs),
      alwaysApply: toBoolean(fields.alwaysApply),
      body,
    },
    diagnostics,
  };
}

/** Name words that mark a rule as frontend, testing or tooling: never useful for an endpoint plan. */
const SKIP_WORDS: ReadonlyMap<string, string> = new Map([
  ['frontend', 'frontend'],
  ['ui', 'frontend'],
  ['ux', 'frontend'],
  ['react', 'frontend'],
  ['component', 'frontend'],
  ['components', 'frontend'],
  ['shadcn', 'frontend'],
  ['tailwind', 'frontend'],
  ['css', 'frontend'],
  ['styling', 'frontend'],
  ['vue', 'frontend'],
  ['svelte', 'frontend'],
  ['angular', 'frontend'],
  ['accessibility', 'frontend'],
  ['a11y', 'frontend'],
  ['test', 'testing'],
  ['tests', 'testing'],
  ['testing', 'testing'],
  ['vitest', 'testing'],
  ['jest', 'testing'],
  ['playwright', 'testing'],
  ['cypress', 'testing'],
  ['e2e', 'testing'],
  ['ci', 'ci'],
  ['github', 'ci'],
  ['action', 'ci'],
  ['actions', 'ci'],
  ['workflow', 'ci'],
  ['docker', 'tooling'],
  ['deploy', 'tooling'],
  ['deployment', 'tooling'],
  ['mermaid', 'diagrams'],
  ['migration', 'migrations (schema changes are not endpoint code)'],
  ['migrations', 'migrations (schema changes are not endpoint code)'],
  ['init', 'project setup'],
  ['setup', 'project setup'],
  ['bootstrap', 'project setup'],
  ['scaffold', 'project setup'],
  ['scaffolding', 'project setup'],
  ['diagram', 'diagrams'],
  ['journey', 'diagrams'],
]);

/** Name words that mark a rule as backend-relevant. */
const PICK_WORDS: ReadonlySet<string> = new Set([
  'shared',
  'general',
  'global',
  'project',
  'core',
  'conventions',
  'backend',
  'api',
  'server',
  'database',
  'db',
  'sql',
  'postgres',
  'postgresql',
  'supabase',
  'prisma',
  'drizzle',
  'auth',
  'security',
  'validation',
  'endpoints',
]);

/** Frameworks a tech stack may name; a rule named after one the project uses is picked. */
const FRAMEWORKS: ReadonlyMap<string, readonly string[]> = new Map([
  ['astro', ['astro']],
  ['next', ['next.js', 'nextjs']],
  ['nextjs', ['next.js', 'nextjs']],
  ['nuxt', ['nuxt']],
  ['express', ['express']],
  ['nestjs', ['nestjs', 'nest.js']],
  ['nest', ['nestjs', 'nest.js']],
  ['fastify', ['fastify']],
  ['hono', ['hono']],
  ['remix', ['remix']],
  ['sveltekit', ['sveltekit']],
  ['django', ['django']],
  ['flask', ['flask']],
  ['fastapi', ['fastapi']],
  ['rails', ['rails']],
  ['laravel', ['laravel']],
  ['spring', ['spring']],
  ['dotnet', ['.net', 'asp.net', 'dotnet']],
  ['aspnet', ['asp.net']],
]);

const BACKEND_GLOB =
  /(^|\/)(api|server|db|database|lib|middleware|services?|supabase|migrations|routes|models?)(\/|$)|\.sql$/i;
const FRONTEND_GLOB =
  /\.(tsx|jsx|astro|vue|svelte|css|scss|html)$|(^|\/)(components|pages|layouts|styles|ui)(\/|\*|$)/i;
const PROJECT_WIDE = /(^|\/)(AGENTS\.md|CLAUDE\.md|copilot-instructions\.md|\.windsurfrules|\.clinerules)$/;

/** Share of a rule's word runs found in another rule at which it counts as a copy. */
const NEAR_DUPLICATE = 0.6;

/** Runs of five words of a text, lower-cased: a cheap fingerprint that survives reformatting. */
function wordShingles(text: string): ReadonlySet<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) runs.add(words.slice(i, i + 5).join(' '));
  return runs;
}

/** Share of `own` found in `other` (0 when `own` is empty). */
function overlap(own: ReadonlySet<string>, other: ReadonlySet<string>): number {
  if (own.size === 0) return 0;
  let shared = 0;
  for (const run of own) if (other.has(run)) shared++;
  return shared / own.size;
}

function nameWords(path: string): string[] {
  const base = (path.split('/').pop() ?? '').replace(/\.(mdc|md)$/i, '');
  return base
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function descriptionWords(rule: RuleFile): string[] {
  return (rule.description ?? '').toLowerCase().split(/[^a-z0-9]+/);
}

type Verdict =
  | { readonly pick: true; readonly rank: number; readonly reason: string }
  | { readonly pick: false; readonly reason: string };

function judge(rule: RuleFile, stackText: string, alwaysCovered: boolean): Verdict {
  if (PROJECT_WIDE.test(rule.path)) {
    return alwaysCovered
      ? { pick: false, reason: 'project-wide instructions already covered by alwaysApply .cursor rules' }
      : { pick: true, rank: 1, reason: 'project-wide instructions' };
  }
  if (rule.alwaysApply) return { pick: true, rank: 0, reason: 'alwaysApply' };
  const words = nameWords(rule.path);
  const skipWord = words.find((word) => SKIP_WORDS.has(word));
  if (skipWord !== undefined)
    return { pick: false, reason: `${SKIP_WORDS.get(skipWord)}: name mentions ${skipWord}` };
  const pickWord = words.find((word) => PICK_WORDS.has(word));
  if (pickWord !== undefined) return { pick: true, rank: 2, reason: `name mentions ${pickWord}` };
  const framework = words.find((word) => FRAMEWORKS.get(word)?.some((alias) => stackText.includes(alias)));
  if (framework !== undefined)
    return { pick: true, rank: 3, reason: `framework of the tech stack: ${framework}` };
  const backendGlobs = rule.globs.filter((glob) => BACKEND_GLOB.test(glob));
  if (backendGlobs.length > 0)
    return { pick: true, rank: 4, reason: `backend: globs ${backendGlobs.join(', ')}` };
  if (rule.globs.length > 0 && rule.globs.every((glob) => FRONTEND_GLOB.test(glob))) {
    return { pick: false, reason: `frontend: globs ${rule.globs.join(', ')}` };
  }
  const described = descriptionWords(rule);
  const describedSkip = described.find((word) => SKIP_WORDS.has(word));
  if (describedSkip !== undefined) {
    return { pick: false, reason: `${SKIP_WORDS.get(describedSkip)}: description mentions ${describedSkip}` };
  }
  const describedPick = described.find((word) => PICK_WORDS.has(word));
  if (describedPick !== undefined)
    return { pick: true, rank: 4, reason: `description mentions ${describedPick}` };
  return { pick: false, reason: 'not backend-related' };
}

/**
 * Chooses the rules worth quoting in an endpoint plan prompt: always-applied and project-wide ones, then those
 * whose name, globs or description point at the backend, the database, auth or the tech stack's framework.
 * Frontend, testing, CI and diagram rules are left out. Each choice carries a short reason.
 */
export function pickRules(rules: readonly RuleFile[], techStack?: string): RulePick {
  const stackText = (techStack ?? '').toLowerCase();
  const ordered = [...rules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const alwaysCovered = ordered.some((rule) => rule.alwaysApply && !PROJECT_WIDE.test(rule.path));
  const picked: { readonly rule: RuleFile; readonly reason: string; readonly rank: number }[] = [];
  const skippedReasons: SkippedRule[] = [];
  for (const rule of ordered) {
    const verdict = judge(rule, stackText, alwaysCovered);
    if (verdict.pick) picked.push({ rule, reason: verdict.reason, rank: verdict.rank });
    else skippedReasons.push({ path: rule.path, reason: verdict.reason });
  }
  // A copy of a kept rule (the same text under another tool's file name) only costs tokens: the most general
  // of the two stays.
  picked.sort((a, b) => a.rank - b.rank);
  const kept: { readonly rule: RuleFile; readonly reason: string; readonly rank: number }[] = [];
  const shingles = new Map<string, ReadonlySet<string>>();
  for (const candidate of picked) {
    const own = wordShingles(candidate.rule.body);
    shingles.set(candidate.rule.path, own);
    const original = kept.find((k) => overlap(own, shingles.get(k.rule.path) ?? new Set()) >= NEAR_DUPLICATE);
    if (original === undefined) kept.push(candidate);
    else
      skippedReasons.push({ path: candidate.rule.path, reason: `near-duplicate of ${original.rule.path}` });
  }
  skippedReasons.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    picked: kept.map(({ rule, reason }) => ({ rule, reason })),
    skipped: skippedReasons.map((skip) => skip.path),
    skippedReasons,
  };
}

/** One line per rules file, kept ones first: `kept  PATH: reason` / `dropped  PATH: reason`, for `show` and `prompt`. */
export function describeRules(
  picked: readonly PickedRule[],
  skipped: readonly SkippedRule[],
): readonly string[] {
  return [
    ...picked.map((p) => `kept     ${p.rule.path}: ${p.reason}`),
    ...skipped.map((s) => `dropped  ${s.path}: ${s.reason}`),
  ];
}
