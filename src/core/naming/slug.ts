/** Longest slug a plan file name may carry. */
export const MAX_SLUG_LENGTH = 60;

const NON_ASCII = /[^ -~\t\n\r]/;

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
