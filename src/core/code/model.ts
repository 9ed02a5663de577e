import type { Diagnostic } from '../docs/model.ts';

/** The web frameworks whose route handlers the scanner recognises. */
export type Framework =
  | 'astro'
  | 'nextjs-app'
  | 'nextjs-pages'
  | 'sveltekit'
  | 'express'
  | 'koa'
  | 'hono'
  | 'fastify'
  | 'nestjs'
  | 'fastapi'
  | 'django'
  | 'aspnet'
  | 'spring';

/** A route handler found in the source tree, its path in the plan's spelling (`/api/users/{id}`). */
export type RouteHandler = {
  /** An HTTP method, or `ALL` when the handler answers every method (a Django view, `router.all`). */
  readonly method: string;
  readonly path: string;
  /** File relative to the project root, `/`-separated. */
  readonly file: string;
  readonly line: number;
  readonly framework: Framework;
  /** The handler's body only throws or answers 501. */
  readonly stub: boolean;
};

/** What kind of reusable code a file holds. */
export type AssetKind = 'service' | 'schema' | 'middleware' | 'error-helper' | 'db-types';

/** A file with code a plan should reuse: services, validation schemas, middleware, error helpers, db types. */
export type CodeAsset = {
  readonly kind: AssetKind;
  readonly file: string;
  /** Exported names (functions, classes, constants, types), in source order. */
  readonly exports: readonly string[];
};

/**
 * A router object's routes and mounts inside one file, before prefixes from other files are known.
 * `express`-style routers (Express, Koa, Hono, Fastify) and FastAPI / Django URL modules use it.
 */
export type RouterUnit = {
  /** The local name of the router/app object (`router`, `app`), or `<module>` for Django urlpatterns. */
  readonly name: string;
  /** A prefix the router sets itself (`new Router({ prefix })`, `APIRouter(prefix=…)`, `basePath`). */
  readonly ownPrefix: string;
  readonly routes: readonly {
    readonly method: string;
    readonly path: string;
    readonly line: number;
    readonly stub: boolean;
  }[];
  /** Other routers mounted under this one with a literal prefix. */
  readonly mounts: readonly {
    readonly prefix: string;
    /** A router of this file, by local name… */
    readonly local?: string;
    /** …or one imported from another module: the import specifier and the imported name (`default`). */
    readonly from?: { readonly specifier: string; readonly name: string };
  }[];
};

/** What one source file contributes to the code map; cached by the file's stamp. */
export type FileScan = {
  /** Handlers whose full path is known from this file alone (file-based routing, decorators). */
  readonly handlers: readonly RouteHandler[];
  /** Router objects whose paths depend on mounts in other files. */
  readonly routers: readonly RouterUnit[];
  readonly framework: Framework | undefined;
  /** Names this module exports, and which local router each export is (`default` → `router`). */
  readonly exportedRouters: readonly { readonly exported: string; readonly local: string }[];
  /** Local names bound by imports: local name → specifier and imported name. */
  readonly imports: readonly { readonly local: string; readonly specifier: string; readonly name: string }[];
  readonly asset: CodeAsset | undefined;
  /** A global prefix the app sets (`app.setGlobalPrefix('api')` in NestJS). */
  readonly globalPrefix: string | undefined;
};

/** The scan of a file that offers nothing: no handlers, routers, imports or reusable code. */
export const EMPTY_SCAN: FileScan = {
  handlers: [],
  routers: [],
  framework: undefined,
  exportedRouters: [],
  imports: [],
  asset: undefined,
  globalPrefix: undefined,
};

/** Everything the scan knows about the project's code. */
export type CodeMap = {
  readonly handlers: readonly RouteHandler[];
  readonly assets: readonly CodeAsset[];
  /** How many source files were looked at. */
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
};

/** Where an endpoint is implemented, when it is. */
export type Implementation = { readonly file: string; readonly line: number; readonly stub: boolean };
