import { assertNever } from '../assert-never.ts';
import { pathSegments, writtenSegments } from '../routes/paths.ts';

/** A backend shape the planner knows where code lives for. */
export type BackendFramework =
  | 'astro'
  | 'nextjs'
  | 'express'
  | 'nestjs'
  | 'fastify'
  | 'hono'
  | 'supabase-edge'
  | 'django'
  | 'fastapi'
  | 'flask'
  | 'spring'
  | 'dotnet'
  | 'unknown';

/** How a request handler reaches the database. */
export type DbAccess =
  | { readonly kind: 'supabase-locals' }
  | { readonly kind: 'supabase' }
  | { readonly kind: 'orm'; readonly name: string }
  | { readonly kind: 'unknown' };

/** What the tech stack doc says about the backend, and where code for an endpoint lives. */
export type StackProfile = {
  readonly framework: BackendFramework;
  /** Human name of the backend shape, e.g. `Astro API routes`. */
  readonly label: string;
  readonly language: 'typescript' | 'javascript' | 'python' | 'java' | 'csharp' | undefined;
  /** `Supabase`, `PostgreSQL`, … as recognised in the doc. */
  readonly database: string | undefined;
  readonly db: DbAccess;
  /** The validation library the doc names, or the one built into the framework (Pydantic, DRF serializers). */
  readonly validation: string | undefined;
  /** Where services live, with a trailing slash; undefined for an unknown stack. */
  readonly serviceDir: string | undefined;
  /** Where auth/session middleware lives, when the framework has a conventional place. */
  readonly middleware: string | undefined;
  /** Path of the shared types file, when known. */
  readonly typesPath: string | undefined;
  /** The words in the doc that decided the profile, for the analysis block. */
  readonly evidence: readonly string[];
};

type Detector = {
  readonly framework: Exclude<BackendFramework, 'unknown'>;
  readonly label: string;
  readonly language: StackProfile['language'];
  readonly patterns: readonly RegExp[];
};

const DETECTORS = [
  { framework: 'astro', label: 'Astro API routes', language: 'typescript', patterns: [/\bastro\b/gi] },
  {
    framework: 'nextjs',
    label: 'Next.js route handlers',
    language: 'typescript',
    patterns: [/\bnext\.?js\b/gi, /\bnext \d+\b/gi, /\broute handlers?\b/gi],
  },
  { framework: 'nestjs', label: 'NestJS controllers', language: 'typescript', patterns: [/\bnest\.?js\b/gi] },
  {
    framework: 'express',
    label: 'Express routers',
    language: 'typescript',
    patterns: [/\bexpress(?:\.js|js)\b/gi, /\bExpress\b/g],
  },
  { framework: 'fastify', label: 'Fastify routes', language: 'typescript', patterns: [/\bfastify\b/gi] },
  { framework: 'hono', label: 'Hono routes', language: 'typescript', patterns: [/\bhono\b/gi] },
  {
    framework: 'supabase-edge',
    label: 'Supabase Edge Functions',
    language: 'typescript',
    patterns: [/\bedge functions?\b/gi],
  },
  {
    framework: 'django',
    label: 'Django REST framework views',
    language: 'python',
    patterns: [/\bdjango\b/gi, /\bDRF\b/g],
  },
  { framework: 'fastapi', label: 'FastAPI routers', language: 'python', patterns: [/\bfastapi\b/gi] },
  { framework: 'flask', label: 'Flask blueprints', language: 'python', patterns: [/\bflask\b/gi] },
  {
    framework: 'spring',
    label: 'Spring Boot controllers',
    language: 'java',
    patterns: [/\bspring[ -]?boot\b/gi, /\bspring (?:mvc|web|framework)\b/gi],
  },
  {
    framework: 'dotnet',
    label: 'ASP.NET Core endpoints',
    language: 'csharp',
    patterns: [/\basp\.net\b/gi, /(?:^|\s)\.net\b/gi, /\bc#/gi, /\bef core\b/gi],
  },
] as const satisfies readonly Detector[];

const DATABASES = [
  ['Supabase', /\bsupabase\b/i],
  ['PostgreSQL', /\bpostgres(?:ql)?\b/i],
  ['MySQL', /\bmysql\b/i],
  ['SQLite', /\bsqlite\b/i],
  ['MongoDB', /\bmongo(?:db)?\b/i],
] as const satisfies readonly (readonly [string, RegExp])[];

const ORMS = [
  ['Prisma', /\bprisma\b/i],
  ['Drizzle', /\bdrizzle\b/i],
  ['TypeORM', /\btypeorm\b/i],
  ['Sequelize', /\bsequelize\b/i],
  ['Mongoose', /\bmongoose\b/i],
  ['Entity Framework Core', /\bef core\b|\bentity framework\b/i],
  ['SQLAlchemy', /\bsqlalchemy\b/i],
  ['Spring Data JPA', /\bjpa\b|\bhibernate\b/i],
  ['Django ORM', /\bdjango\b/i],
] as const satisfies readonly (readonly [string, RegExp])[];

/** Validation libraries a stack doc or rule may name, and the words that name them. */
export const VALIDATORS = [
  ['zod', /\bzod\b/i],
  ['Valibot', /\bvalibot\b/i],
  ['Joi', /\bjoi\b/i],
  ['Yup', /\byup\b/i],
  ['class-validator', /\bclass-validator\b/i],
  ['Pydantic', /\bpydantic\b/i],
  ['FluentValidation', /\bfluentvalidation\b/i],
] as const satisfies readonly (readonly [string, RegExp])[];

/** Reads the tech stack doc (English or Polish) into a profile; no doc or no recognisable backend gives `unknown`. */
export function detectStack(techStackText: string | undefined, typesPath?: string): StackProfile {
  const text = techStackText ?? '';
  const framework = pickFramework(text);
  const detector = DETECTORS.find((candidate) => candidate.framework === framework);
  const database = DATABASES.find(([, pattern]) => pattern.test(text))?.[0];
  const orm = ORMS.find(([, pattern]) => pattern.test(text))?.[0];
  const supabase = /\bsupabase\b/i.test(text);
  const evidence: string[] = [
    ...(detector === undefined ? [] : [detector.label]),
    ...(database === undefined ? [] : [database]),
    ...(orm === undefined ? [] : [orm]),
  ];
  const validation =
    VALIDATORS.find(([, pattern]) => pattern.test(text))?.[0] ?? builtInValidation(framework, text);
  if (validation !== undefined) evidence.push(validation);
  return {
    framework,
    label: detector?.label ?? 'unknown backend',
    language: detector?.language ?? (/\btypescript\b/i.test(text) ? 'typescript' : undefined),
    database,
    db: dbAccess(framework, supabase, orm),
    validation,
    serviceDir: serviceDir(framework),
    middleware:
      framework === 'astro'
        ? 'src/middleware/index.ts'
        : framework === 'nextjs'
          ? 'middleware.ts'
          : undefined,
    typesPath: typesPath ?? (detector?.language === 'typescript' ? 'src/types.ts' : undefined),
    evidence,
  };
}

/** Where the handler for `path` lives in this stack (`src/pages/api/flashcards/[id]/review.ts` for Astro); undefined when unknown. */
export function endpointFile(stack: StackProfile, path: string): string | undefined {
  const segments = writtenSegments(path);
  const resource = resourceName(path);
  switch (stack.framework) {
    case 'astro': {
      const parts = segments.map((segment) => (segment.param ? `[${segment.name}]` : segment.name));
      if (parts.length === 0) return 'src/pages/index.ts';
      return isCollectionRoot(path)
        ? `src/pages/${parts.join('/')}/index.ts`
        : `src/pages/${parts.join('/')}.ts`;
    }
    case 'nextjs': {
      const parts = segments.map((segment) => (segment.param ? `[${segment.name}]` : segment.name));
      return ['app', ...parts, 'route.ts'].join('/');
    }
    case 'express':
    case 'fastify':
    case 'hono':
      return `src/routes/${resource}.routes.ts`;
    case 'nestjs':
      return `src/${resource}/${resource}.controller.ts`;
    case 'supabase-edge':
      return `supabase/functions/${resource}/index.ts`;
    case 'django':
      return `${snake(resource)}/views.py`;
    case 'fastapi':
      return `app/routers/${snake(resource)}.py`;
    case 'flask':
      return `app/${snake(resource)}/routes.py`;
    case 'spring':
      return `src/main/java/<base-package>/controller/${pascal(resource)}Controller.java`;
    case 'dotnet':
      return `Endpoints/${pascal(resource)}Endpoints.cs`;
    case 'unknown':
      return undefined;
    default:
      return assertNever(stack.framework);
  }
}

/** Where the service for `resource` lives (`src/lib/services/flashcards.service.ts`); undefined when unknown. */
export function serviceFile(stack: StackProfile, resource: string): string | undefined {
  switch (stack.framework) {
    case 'astro':
    case 'nextjs':
    case 'express':
    case 'fastify':
    case 'hono':
      return `${stack.serviceDir ?? 'src/services/'}${resource}.service.ts`;
    case 'nestjs':
      return `src/${resource}/${resource}.service.ts`;
    case 'supabase-edge':
      return `supabase/functions/_shared/${resource}.service.ts`;
    case 'django':
      return `${snake(resource)}/services.py`;
    case 'fastapi':
      return `app/services/${snake(resource)}.py`;
    case 'flask':
      return `app/${snake(resource)}/services.py`;
    case 'spring':
      return `src/main/java/<base-package>/service/${pascal(resource)}Service.java`;
    case 'dotnet':
      return `Services/${pascal(resource)}Service.cs`;
    case 'unknown':
      return undefined;
    default:
      return assertNever(stack.framework);
  }
}

/** The first literal path segment after the API prefix: the resource the endpoint is about. */
export function resourceName(path: string): string {
  return literalSegments(path)[0] ?? 'root';
}

/** The literal (non-parameter) path segments after the API prefix, lowercased, in order. */
export function literalSegments(path: string): readonly string[] {
  return pathSegments(path)
    .filter((segment) => !segment.param)
    .map((segment) => segment.name.toLowerCase());
}

function isCollectionRoot(path: string): boolean {
  const segments = pathSegments(path);
  return segments.length === 1 && segments[0]?.param === false;
}

function pickFramework(text: string): BackendFramework {
  let best: BackendFramework = 'unknown';
  let bestCount = 0;
  for (const detector of DETECTORS) {
    const count = detector.patterns.reduce((sum, pattern) => sum + (text.match(pattern)?.length ?? 0), 0);
    if (count > bestCount) {
      best = detector.framework;
      bestCount = count;
    }
  }
  return best;
}

function builtInValidation(framework: BackendFramework, text: string): string | undefined {
  if (framework === 'fastapi') return 'Pydantic';
  if (framework === 'django' && /rest[ _-]?framework|\bDRF\b/i.test(text)) return 'DRF serializers';
  return undefined;
}

function dbAccess(framework: BackendFramework, supabase: boolean, orm: string | undefined): DbAccess {
  if (supabase && framework === 'astro') return { kind: 'supabase-locals' };
  if (orm !== undefined) return { kind: 'orm', name: orm };
  if (supabase) return { kind: 'supabase' };
  return { kind: 'unknown' };
}

function serviceDir(framework: BackendFramework): string | undefined {
  switch (framework) {
    case 'astro':
    case 'nextjs':
      return 'src/lib/services/';
    case 'express':
    case 'fastify':
    case 'hono':
      return 'src/services/';
    case 'nestjs':
      return 'src/';
    case 'supabase-edge':
      return 'supabase/functions/_shared/';
    case 'django':
    case 'flask':
      return '<app>/';
    case 'fastapi':
      return 'app/services/';
    case 'spring':
      return 'src/main/java/<base-package>/service/';
    case 'dotnet':
      return 'Services/';
    case 'unknown':
      return undefined;
    default:
      return assertNever(framework);
  }
}

function snake(text: string): string {
  return text.replace(/-/g, '_');
}

function pascal(text: string): string {
  return text
    .split(/[-_]/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}
