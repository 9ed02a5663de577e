import type { HttpMethod } from '../docs/model.ts';

/** Longest slug a plan file name may carry. */
export const MAX_SLUG_LENGTH = 60;

const NON_ASCII = /[^ -~\t\n\r]/;
const API_PREFIX = /^\/(?:rest\/)?(?:api\/)?(?:v\d+\/)?/i;

/** Folds text to lowercase ASCII words joined by `-` (Polish letters lose their marks, `ł` → `l`). */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  // Most routes are ASCII already: only text with other letters pays for the Unicode decomposition.
  const folded = NON_ASCII.test(text)
    ? text
        .replace(/[łŁ]/g, 'l')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
    : text;
  const ascii = folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, maxLength).replace(/-+$/g, '');
  return cut;
}

/**
 * The endpoint id, which is also its plan file slug: the method, then the path without its
 * `/api`, `/api/v1`, `/v1` or `/rest/v1` prefix, with `{id}`, `:id` and `[id]` reduced to `id`.
 * `POST /api/flashcards/{id}/review` → `post-flashcards-id-review`.
 */
export function endpointId(method: HttpMethod, path: string): string {
  const bare = path.split('?')[0] ?? '';
  const rest = `/${bare.replace(/^\/+/, '')}`.replace(API_PREFIX, '/');
  const words = rest.replace(/[{}[\]:]/g, ' ');
  const slug = slugify(`${method} ${words}`);
  return slug === method.toLowerCase() ? `${slug}-root` : slug;
}
