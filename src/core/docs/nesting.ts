/** Deepest indentation, in columns, that the markdown readers are shown: eight levels of three-space lists. */
export const MAX_INDENT = 24;

const DEEP_LINE = /^[ \t]{25}/m;

/** The width of leading white space in columns (a tab moves to the next multiple of four). */
function indentWidth(indent: string): number {
  let width = 0;
  for (const ch of indent) width = ch === '\t' ? width + 4 - (width % 4) : width + 1;
  return width;
}

/** One line with its leading white space clamped to `MAX_INDENT` columns. */
export function boundLine(line: string): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  return indent.length <= MAX_INDENT || indentWidth(indent) <= MAX_INDENT
    ? line
    : ' '.repeat(MAX_INDENT) + line.slice(indent.length);
}

/**
 * Clamps every line's leading white space to `MAX_INDENT` columns; line count and everything after the
 * indentation stay as written. Markdown readers check each line against every list it may continue, so a list
 * nested 2,000 levels deep costs them quadratic time or worse; no planning doc means anything by nesting
 * deeper than this, and a clamped item stays an item (a sibling at the deepest level), so reading stays linear.
 */
export function boundNesting(text: string): string {
  return DEEP_LINE.test(text) ? text.replace(/^[ \t]+/gm, boundLine) : text;
}

/** `boundNesting` for text already split into lines; the same array when no line is too deep. */
export function boundLines(lines: readonly string[]): readonly string[] {
  return lines.some((line) => boundLine(line) !== line) ? lines.map(boundLine) : lines;
}
