import type { Unit } from '../docs/api-plan/units.ts';
import type { SourceRef, StatusFact, StatusOrigin } from './model.ts';

/** Where a code was found in a definition's units: its line and what the text says it means. */
export type FoundCode = { readonly line: number; readonly meaning: string };

const CODE_AT = (code: number): RegExp => new RegExp(`(?<![\\d.,$€£-])${code}(?![\\d%]|[.,]\\d)`, 'g');
const ANY_CODE = /(?<![\d.,$€£-])[1-5]\d\d(?![\d%]|[.,]\d)/;

/** Finds the first line of `units` that writes `code`, and the meaning written next to it. */
export function findCode(
  units: readonly Unit[],
  indexes: readonly number[],
  code: number,
): FoundCode | undefined {
  const pattern = CODE_AT(code);
  for (const index of indexes) {
    const unit = units[index];
    if (unit === undefined || unit.kind === 'code') continue;
    const text = unit.kind === 'row' ? unit.row.cells.join(' | ') : unit.text;
    pattern.lastIndex = 0;
    let found = false;
    const meanings: string[] = [];
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      found = true;
      const meaning = meaningAfter(text, match.index + String(code).length);
      if (meaning.length > 0 && !meanings.includes(meaning)) meanings.push(meaning);
    }
    if (found) return { line: unit.line, meaning: meanings.slice(0, 3).join('; ') };
  }
  return undefined;
}

/** What a text says a code means: the words after its first mention. */
export function meaningIn(text: string, code: number): string {
  const match = CODE_AT(code).exec(text);
  return match === null ? '' : meaningAfter(text, match.index + String(code).length);
}

/** The words after a code up to the next code or clause: `401 Unauthorized: Not authenticated`. */
function meaningAfter(text: string, from: number): string {
  let rest = text.slice(from);
  const next = ANY_CODE.exec(rest);
  if (next !== null) rest = rest.slice(0, next.index);
  return rest
    .replace(/`|\*\*|__/g, '')
    .replace(/^[\s:–—\-=>→)\]]+/, '')
    .replace(/[\s,;/|(–—:.-]+$/, '')
    .replace(/^([^(]*)\)$/, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

/** A status fact, or the existing one when the code is already known (the first reason wins). */
export function addCode(
  facts: StatusFact[],
  code: number,
  meaning: string,
  origin: StatusOrigin,
  source: SourceRef,
): void {
  if (facts.some((fact) => fact.code === code)) return;
  facts.push({ code, meaning, origin, source });
}

/** Codes in ascending order, the form `show` prints them in. */
export function sortCodes(facts: readonly StatusFact[]): StatusFact[] {
  return [...facts].sort((a, b) => a.code - b.code);
}
