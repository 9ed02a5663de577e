import pc from 'picocolors';
import stringWidth from 'string-width';
import type { HttpMethod } from '../core/spec/model.ts';

/** picocolors bound to the --no-color / NO_COLOR decision made once in cli.tsx. */
export function colors(enabled: boolean) {
  return pc.createColors(enabled);
}

type Paint = ReturnType<typeof colors>;

const METHOD_COLOR = {
  GET: 'green',
  POST: 'yellow',
  PUT: 'blue',
  PATCH: 'cyan',
  DELETE: 'red',
  HEAD: 'magenta',
  OPTIONS: 'magenta',
} as const satisfies Record<HttpMethod, keyof Paint>;

/** The method padded to the widest one (DELETE) and colored by verb. */
export function paintMethod(method: HttpMethod, paint: Paint, width = 6): string {
  const color = paint[METHOD_COLOR[method]] as (text: string) => string;
  return color(method.padEnd(width));
}

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
