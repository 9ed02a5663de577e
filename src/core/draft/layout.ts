import type { AssetKind } from '../code/model.ts';
import type { Dossier, SourceRef } from '../dossier/model.ts';
import {
  endpointFile,
  literalSegments,
  type StackProfile,
  serviceFile,
  VALIDATORS,
} from '../plan/tech-stack.ts';
import { pascalSingular, sameName } from './markdown.ts';
import { platformRoute } from './platform.ts';

/** A rules file as the draft reads it: its path and its text. */
export type RuleText = { readonly path: string; readonly body: string };

/** What a folder or file named in the rules is for. */
export type RuleRole = 'routes' | 'services' | 'schemas' | 'types' | 'errors' | 'middleware' | 'db-client';

/** A folder or file the rules name for one role, with the line that names it. */
export type RulePath = { readonly role: RuleRole; readonly path: string; readonly source: SourceRef };

/** Where a file of the endpoint goes and why: a rules line, the project's code, or the stack's convention. */
export type PlacedFile = { readonly path: string; readonly source: SourceRef | 'project' | 'convention' };

/** The rules line that placed a file, when a rules file did. */
export function ruleSource(placed: PlacedFile | undefined): SourceRef | undefined {
  return placed === undefined || typeof placed.source === 'string' ? undefined : placed.source;
}

/** The files an endpoint's code lives in. */
export type CodeLayout = {
  readonly route: PlacedFile | undefined;
  readonly service: PlacedFile | undefined;
  readonly schema: PlacedFile | undefined;
  readonly types: PlacedFile | undefined;
  readonly middleware: PlacedFile | undefined;
  readonly errors: PlacedFile | undefined;
  readonly dbClient: PlacedFile | undefined;
};

const PATH_IN_LINE =
  /`\.?\/?((?:src|app|lib|server|api|backend|supabase|pages|services|routes|controllers|Endpoints|Services)[\w./[\]{}*-]*)`/g;

// A line is about a role when it says so in English or Polish; the path itself must fit the role too.
const ROLES: readonly (readonly [RuleRole, RegExp, RegExp])[] = [
  [
    'routes',
    /\bapi\b|endpoint|route|handler|controller|trasy|punkty końcowe/i,
    /api|routes|controllers|endpoints/i,
  ],
  ['services', /service|serwis|business logic|logik/i, /service/i],
  ['schemas', /schema|validat|walidac/i, /schema|validat/i],
  ['types', /\btypes?\b|dto|typy|entit/i, /types?(?:\.ts)?$/i],
  ['errors', /error|błęd|bledy|exception/i, /error/i],
  ['middleware', /middleware/i, /middleware/i],
  ['db-client', /supabase|client|database|baz/i, /supabase\.client|db\/|database/i],
];

/** Reads the folders and files the rules name for routes, services, schemas, types, errors, middleware. */
export function readRulePaths(rules: readonly RuleText[]): readonly RulePath[] {
  const found: RulePath[] = [];
  for (const rule of rules) {
    const lines = rule.body.split('\n');
    for (const [index, line] of lines.entries()) {
      for (const match of line.matchAll(PATH_IN_LINE)) {
        const path = (match[1] ?? '').replace(/\/\*.*$|\/$/, '');
        if (path.includes('*') || path === '') continue;
        const role = ROLES.find(([, words, shape]) => words.test(line) && shape.test(path))?.[0];
        if (role === undefined || found.some((known) => known.role === role)) continue;
        found.push({ role, path, source: { file: rule.path, line: index + 1 } });
      }
    }
  }
  return found;
}

/** Where this endpoint's route, service, schema and types go: the rules' folders first, else the stack's convention. */
export function planLayout(
  stack: StackProfile,
  rulePaths: readonly RulePath[],
  dossier: Pick<Dossier, 'path' | 'query' | 'tables' | 'code'>,
  typesFile: string | undefined,
  /** Files plans already saved in the project decided (service, schema, error helper, middleware), with their line. */
  decided: Partial<Record<'service' | 'schema' | 'errors' | 'middleware', PlacedFile>> = {},
): CodeLayout {
  const { path } = dossier;
  const named = (role: RuleRole): RulePath | undefined => rulePaths.find((rule) => rule.role === role);
  const segments = literalSegments(path);
  // The segment that names a table of the dossier, last first: `/decks/{id}/cards` → cards; an action → the first.
  const resource =
    [...segments]
      .reverse()
      .find((segment) => dossier.tables.some((table) => sameName(table.name, segment))) ??
    segments[0] ??
    'root';
  const ts = stack.language === 'typescript' || stack.language === 'javascript';
  const ext = stack.language === 'javascript' ? 'js' : 'ts';
  const platform = platformRoute(path, dossier.query);
  // Supabase serves its REST API and Auth itself; an edge function lives in its own folder.
  const served = platform !== undefined && platform.kind !== 'edge-function';
  const routeFile =
    platform?.kind === 'edge-function'
      ? `supabase/functions/${platform.name}/index.ts`
      : served
        ? undefined
        : endpointFile(stack, path);
  const routeRule = named('routes');
  const route: PlacedFile | undefined =
    routeFile === undefined
      ? routeRule === undefined
        ? undefined
        : { path: `${routeRule.path}/${resource}.${ext}`, source: routeRule.source }
      : {
          path: routeFile,
          source:
            routeRule !== undefined && routeFile.startsWith(`${routeRule.path}/`)
              ? routeRule.source
              : 'convention',
        };
  const serviceRule = named('services');
  const conventionalService = serviceFile(stack, resource);
  const service: PlacedFile | undefined =
    serviceRule !== undefined && (ts || stack.framework === 'unknown')
      ? { path: `${serviceRule.path}/${resource}.service.${ext}`, source: serviceRule.source }
      : conventionalService === undefined
        ? undefined
        : { path: conventionalService, source: 'convention' };
  const schemaRule = named('schemas');
  const schema: PlacedFile | undefined =
    schemaRule !== undefined
      ? { path: `${schemaRule.path}/${resource}.schema.${ext}`, source: schemaRule.source }
      : ts && service !== undefined
        ? {
            path: service.path.replace(/(?:services\/)?[^/]+$/, `schemas/${resource}.schema.${ext}`),
            source: 'convention',
          }
        : stack.language === 'python' && service !== undefined
          ? {
              path: service.path.replace(
                /services(\.py|\/[^/]+\.py)$/,
                stack.framework === 'django' ? 'serializers$1' : 'schemas$1',
              ),
              source: 'convention',
            }
          : stack.language === 'csharp'
            ? { path: `Validators/${pascalSingular(resource)}Validator.cs`, source: 'convention' }
            : undefined;
  const typesRule = named('types');
  const types: PlacedFile | undefined =
    typesFile !== undefined
      ? { path: typesFile, source: 'convention' }
      : typesRule !== undefined
        ? { path: typesRule.path, source: typesRule.source }
        : stack.typesPath === undefined
          ? undefined
          : { path: stack.typesPath, source: 'convention' };
  const placed = (role: RuleRole, fallback: string | undefined): PlacedFile | undefined => {
    const rule = named(role);
    if (rule !== undefined) return { path: rule.path, source: rule.source };
    return fallback === undefined ? undefined : { path: fallback, source: 'convention' };
  };
  // What the project already has wins over rules and conventions: the handler, and assets to reuse.
  const existing = (kind: AssetKind): PlacedFile | undefined => {
    const asset = dossier.code.reuse.find((candidate) => candidate.kind === kind);
    return asset === undefined ? undefined : { path: asset.file, source: 'project' };
  };
  const implemented = dossier.code.implemented;
  return {
    route:
      implemented !== undefined ? { path: implemented.file, source: 'project' } : served ? undefined : route,
    service: served ? undefined : (existing('service') ?? decided.service ?? service),
    schema: existing('schema') ?? decided.schema ?? (served ? undefined : schema),
    types,
    middleware: existing('middleware') ?? decided.middleware ?? placed('middleware', stack.middleware),
    errors: existing('error-helper') ?? decided.errors ?? placed('errors', undefined),
    dbClient: placed('db-client', undefined),
  };
}

/** The stack with the validation library the rules name, when the tech stack names none. */
export function withRulesValidator(stack: StackProfile, rules: readonly RuleText[]): StackProfile {
  if (stack.validation !== undefined) return stack;
  const named = VALIDATORS.find(([, pattern]) => rules.some((rule) => pattern.test(rule.body)))?.[0];
  return named === undefined ? stack : { ...stack, validation: named, evidence: [...stack.evidence, named] };
}
