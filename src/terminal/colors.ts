import pc from 'picocolors';
import type { HttpMethod } from '../core/docs/model.ts';

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
