import type { Dossier, SourceRef } from './model.ts';

/** `file:line`, the form sources take in `show` and in prompts. */
export function formatSource(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

/** What `show --json` prints: the dossier with `query: null` when absent and every source as `file:line`. */
export function dossierJson(dossier: Dossier): unknown {
  return JSON.parse(
    JSON.stringify({ ...dossier, query: dossier.query ?? null }, (key, value: unknown) => {
      if (
        key === 'source' &&
        typeof value === 'object' &&
        value !== null &&
        'file' in value &&
        'line' in value
      ) {
        return formatSource(value as SourceRef);
      }
      return value;
    }),
  );
}
