import { joinPaths, toPlanSpelling } from '../routes/spellings.ts';

/** Which file-based router a file belongs to, and the URL path its location gives. */
export type FileRoute =
  | { readonly kind: 'pages'; readonly path: string }
  | { readonly kind: 'nextjs-app'; readonly path: string }
  | { readonly kind: 'sveltekit'; readonly path: string };

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** Folder names that only group routes (`(auth)`), hold parallel slots (`@modal`) or are private (`_lib`). */
function isRouteSegment(segment: string): boolean {
  return !/^\(.*\)$/.test(segment) && !segment.startsWith('@') && !segment.startsWith('_');
}

function pathOf(segments: readonly string[]): string {
  return toPlanSpelling(joinPaths(...segments.filter(isRouteSegment)));
}

/**
 * The route a file's location gives under file-based routing: Astro and Next.js `pages/` (endpoints in
 * `pages/**`), Next.js `app/**\/route.ts`, SvelteKit `src/routes/**\/+server.ts`. Undefined for other files.
 */
export function fileRoute(file: string): FileRoute | undefined {
  if (!SCRIPT.test(file)) return undefined;
  const parts = file.split('/');
  const name = parts.at(-1) ?? '';
  const stem = name.replace(SCRIPT, '');
  if (stem === '+server') {
    const at = parts.lastIndexOf('routes');
    if (at >= 0 && parts[at - 1] === 'src')
      return { kind: 'sveltekit', path: pathOf(parts.slice(at + 1, -1)) };
    return undefined;
  }
  if (stem === 'route') {
    const at = parts.lastIndexOf('app');
    if (at >= 0) return { kind: 'nextjs-app', path: pathOf(parts.slice(at + 1, -1)) };
    return undefined;
  }
  const at = parts.lastIndexOf('pages');
  if (at < 0 || name.startsWith('_')) return undefined;
  const dirs = parts.slice(at + 1, -1);
  const segments = stem === 'index' ? dirs : [...dirs, stem];
  return { kind: 'pages', path: pathOf(segments) };
}
