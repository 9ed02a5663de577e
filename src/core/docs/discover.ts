import type { Sources } from './model.ts';
/** File names a project config may have at the project root, in the order they are tried. */
export const CONFIG_FILE_NAMES = ['.endpoint-planner.json', 'endpoint-planner.config.json'] as const;

/** A single-file doc the loader looks for by convention. */
export type DocKind = 'apiPlan' | 'dbPlan' | 'types' | 'techStack';

/** Paths chosen by the user (flag or config file), relative to the project root; they win over convention. */
export type DocOverrides = {
  readonly apiPlan?: string | undefined;
  readonly dbPlan?: string | undefined;
  readonly types?: string | undefined;
  readonly techStack?: string | undefined;
  readonly rules?: readonly string[] | undefined;
};

/** Where one doc came from: a path the user gave, or the best conventional match among `alternatives`. */
export type FoundDoc =
  | { readonly via: 'override'; readonly path: string }
  | { readonly via: 'convention'; readonly path: string; readonly alternatives: readonly string[] };

/** What discovery found: each doc's path (or undefined), the rules files, and the kinds that are missing. */
export type Discovery = {
  readonly apiPlan: FoundDoc | undefined;
  readonly dbPlan: FoundDoc | undefined;
  readonly types: FoundDoc | undefined;
  readonly techStack: FoundDoc | undefined;
  readonly rules: readonly string[];
  readonly rulesVia: 'override' | 'convention';
  readonly missing: readonly DocKind[];
};

/** Human description of where each doc is looked for, for "not found" messages. */
export const CONVENTIONS = {
  apiPlan:
    '.ai/api-plan.md, .ai/api/api-plan.md, docs/api-plan.md, or a numbered or `_` variant such as .ai/8-api-plan.md or docs/08_api_plan.md',
  dbPlan:
    'db-plan.md, database-structure.md or model-schema.md under .ai/ or docs/ (numbered and `_` variants too, e.g. .ai/7-database-structure.md)',
  types: 'src/types.ts',
  techStack:
    'tech-stack.md, techstack.md or tech_stack.md under .ai/ or docs/ (numbered variants too), else stack.md',
} as const satisfies Record<DocKind, string>;

const DOC_KINDS = ['apiPlan', 'dbPlan', 'types', 'techStack'] as const satisfies readonly DocKind[];

/** Normalised base names (see `docStem`) each markdown doc may have. */
const STEMS = {
  apiPlan: ['api-plan', 'apiplan', 'rest-api-plan', 'api-planning'],
  dbPlan: [
    'db-plan',
    'dbplan',
    'database-plan',
    'database-structure',
    'db-structure',
    'database-schema',
    'db-schema',
    'model-schema',
  ],
  techStack: ['tech-stack', 'techstack', 'stack'],
} as const;

const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdx'] as const;
const DOC_FOLDERS = ['.ai/', 'docs/'] as const;

/**
 * A file's base name reduced for matching: lowercase, extension and a leading number (`8-`, `08_`, `3.`) dropped,
 * `_` and spaces turned into `-`. Undefined for files that are not markdown.
 */
function docStem(path: string): { readonly stem: string; readonly numbered: boolean } | undefined {
  const base = (path.split('/').pop() ?? '').toLowerCase();
  const extension = MARKDOWN_EXTENSIONS.find((ext) => base.endsWith(ext));
  if (extension === undefined) return undefined;
  const name = base.slice(0, -extension.length).replace(/[_\s]+/g, '-');
  const unnumbered = name.replace(/^\d+[-.]*/, '');
  return { stem: unnumbered, numbered: unnumbered !== name };
}

function folderRank(path: string): number {
  const index = DOC_FOLDERS.findIndex((folder) => path.startsWith(folder));
  if (index >= 0) return index;
  return path.includes('/') ? Number.POSITIVE_INFINITY : DOC_FOLDERS.length;
}

/** Stems too generic to beat a specific name wherever it sits: `stack.md` only when no `tech-stack.md` exists. */
const GENERIC_STEMS: ReadonlySet<string> = new Set(['stack']);

const isGeneric = (path: string): boolean => GENERIC_STEMS.has(docStem(path)?.stem ?? '');

/**
 * Tie-breaking, in order: a specific name before a generic one (`docs/tech_stack.md` beats `.ai/stack.md`); fewer
 * folders deep; un-numbered before numbered; `.ai/` before `docs/` before the project root; then code-point order
 * of the path. So `.ai/api-plan.md` beats `docs/api-plan.md`, which beats
 * `.ai/api/api-plan.md`, and `.ai/8-api-plan.md` loses to `.ai/api-plan.md` but beats `.ai/archive/api-plan.md`.
 */
function compareCandidates(a: string, b: string): number {
  const generic = Number(isGeneric(a)) - Number(isGeneric(b));
  if (generic !== 0) return generic;
  const depth = a.split('/').length - b.split('/').length;
  if (depth !== 0) return depth;
  const numbered = Number(docStem(a)?.numbered ?? false) - Number(docStem(b)?.numbered ?? false);
  if (numbered !== 0) return numbered;
  const folder = folderRank(a) - folderRank(b);
  if (folder !== 0) return folder;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isUnderIgnored(path: string, ignore: readonly string[]): boolean {
  return ignore.some((prefix) => {
    const folder = prefix.replace(/^\.\/+/, '').replace(/\/+$/, '');
    return folder !== '' && (path === folder || path.startsWith(`${folder}/`));
  });
}

function candidatesFor(kind: Exclude<DocKind, 'types'>, paths: readonly string[]): string[] {
  const stems: readonly string[] = STEMS[kind];
  return paths.filter((path) => {
    if (folderRank(path) === Number.POSITIVE_INFINITY) return false;
    const stem = docStem(path);
    return stem !== undefined && stems.includes(stem.stem);
  });
}

/** Whether a path is an AI rules file by convention. */
export function isRulesPath(path: string): boolean {
  if (path.startsWith('.cursor/rules/')) return path.endsWith('.mdc') || path.endsWith('.md');
  if (path.startsWith('.clinerules/')) return path.endsWith('.md');
  return (
    path === 'AGENTS.md' ||
    path === 'CLAUDE.md' ||
    path === '.github/copilot-instructions.md' ||
    path === '.windsurfrules' ||
    path === '.clinerules'
  );
}

/**
 * Picks each doc from the project's relative file paths (`/`-separated), honouring overrides.
 * `ignore` lists folders never to pick from (the plans output folder).
 */
export function discoverDocs(
  paths: readonly string[],
  overrides: DocOverrides = {},
  ignore: readonly string[] = [],
): Discovery {
  const visible = paths.filter((path) => !isUnderIgnored(path, ignore) && !path.includes('node_modules/'));
  const found = (kind: DocKind): FoundDoc | undefined => {
    const override = overrides[kind];
    if (override !== undefined) return { via: 'override', path: override };
    const candidates =
      kind === 'types'
        ? visible.filter((path) => path === 'src/types.ts')
        : candidatesFor(kind, visible).sort(compareCandidates);
    const [best, ...alternatives] = candidates;
    return best === undefined ? undefined : { via: 'convention', path: best, alternatives };
  };
  const docs = {
    apiPlan: found('apiPlan'),
    dbPlan: found('dbPlan'),
    types: found('types'),
    techStack: found('techStack'),
  };
  const rulesOverride =
    overrides.rules !== undefined && overrides.rules.length > 0 ? overrides.rules : undefined;
  const rules = rulesOverride ?? visible.filter(isRulesPath).sort();
  return {
    ...docs,
    rules,
    rulesVia: rulesOverride === undefined ? 'convention' : 'override',
    missing: DOC_KINDS.filter((kind) => docs[kind] === undefined),
  };
}

/**
 * The documents a plan would use, as discovery found them, without reading any: `list` names them without paying
 * for reading and parsing the optional docs. Rules are every rules file found (or named); which of them reach a
 * prompt is decided from their contents when a plan is made (`show ID` gives each one's reason).
 */
export function discoveredSources(discovery: Discovery, apiPlan: string): Sources {
  return {
    apiPlan,
    dbPlan: discovery.dbPlan?.path,
    types: discovery.types?.path,
    techStack: discovery.techStack?.path,
    rules: discovery.rules,
  };
}
