// Display widths (wide and combining characters) for the `list` table; kept apart from colors.ts so that
// `list --json` never loads string-width, whose start-up costs ~15-20 ms.
import stringWidth from 'string-width';

/** Cuts text to a display width, with an ellipsis when it had to cut. */
export function truncate(text: string, width: number): string {
  if (width <= 1) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (stringWidth(`${out}${char}…`) > width) break;
    out += char;
  }
  return `${out}…`;
}

/** Pads to a display width (wide and combining characters counted as the terminal shows them). */
export function padEnd(text: string, width: number): string {
  const gap = width - stringWidth(text);
  return gap > 0 ? text + ' '.repeat(gap) : text;
}
