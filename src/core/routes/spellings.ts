import { HTTP_METHODS } from './methods.ts';

/** The names a route handler can be exported or registered under, upper-cased: every method, and `ALL`. */
export const HANDLER_METHODS: ReadonlySet<string> = new Set([...HTTP_METHODS, 'ALL']);

/**
 * Rewrites a web framework's path spelling into the plan's: `:id`, `:id?`, `<int:pk>`, `{id:int}`, `{*rest}`,
 * `[id]`, `[...slug]`, `[[...slug]]`, `[id=matcher]` all become `{name}`.
 */
export function toPlanSpelling(path: string): string {
  return path
    .replace(/\[\[?\.\.\.([A-Za-z_]\w*)\]?\]/g, '{$1}')
    .replace(/\[([A-Za-z_]\w*)(?:=\w+)?\]/g, '{$1}')
    .replace(/<(?:\w+:)?([A-Za-z_]\w*)>/g, '{$1}')
    .replace(/\{\*{0,2}([A-Za-z_]\w*)(?::[^}]*)?\??\}/g, '{$1}')
    .replace(/(^|\/):([A-Za-z_]\w*)\??/g, '$1{$2}');
}

/** Joins path pieces with single slashes: `('/api/', 'users', '/:id')` → `/api/users/:id`; `/` when all empty. */
export function joinPaths(...parts: readonly string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}
