import type { Anchor } from './anchors.ts';
import { type Entry, extractFields } from './fields.ts';
import { readLabel } from './labels.ts';
import type { Unit } from './units.ts';

/**
 * Error codes written once under a table of endpoints (`Errors: 401, 422`, `Kody błędów: …`), by the line the
 * table starts on. The note counts for the whole table only when it follows the table in the same section with
 * nothing between them but prose and the table's own captions: another endpoint, table or heading ends the
 * table's reach.
 */
export function tableErrorNotes(
  units: readonly Unit[],
  anchors: readonly Anchor[],
): ReadonlyMap<number, readonly number[]> {
  const notes = new Map<number, readonly number[]>();
  const tables = new Set<number>();
  const others = new Set<number>();
  for (const anchor of anchors) {
    if (anchor.kind === 'row' && anchor.table !== undefined) tables.add(anchor.table);
    else if (anchor.kind !== 'caption') others.add(anchor.line);
  }
  if (tables.size === 0) return notes;
  let open: number | undefined;
  for (let index = 0; index < units.length; index++) {
    const unit = units[index];
    if (unit === undefined) continue;
    if (unit.kind === 'row') {
      open = tables.has(unit.table.start) ? unit.table.start : undefined;
      continue;
    }
    if (open === undefined || unit.kind === 'code') continue;
    if (unit.kind === 'heading' || others.has(unit.line)) {
      open = undefined;
      continue;
    }
    if (readLabel(unit.text)?.kind !== 'errors') continue;
    const codes = extractFields(noteEntries(units, index), '/', undefined).errorCodes;
    if (codes.length > 0) notes.set(open, codes);
    open = undefined;
  }
  return notes;
}

/** The note's label line and what belongs to it: the rest of its paragraph and the list nested under it. */
function noteEntries(units: readonly Unit[], from: number): Entry[] {
  const head = units[from];
  if (head === undefined || head.kind !== 'text') return [];
  const entries: Entry[] = [head];
  // `Errors:` alone introduces a list; `Errors: 401, 422` is complete, and a list after it is something else.
  const introducesList = (readLabel(head.text)?.value ?? '').length === 0;
  for (let index = from + 1; index < units.length; index++) {
    const unit = units[index];
    if (unit === undefined || unit.kind !== 'text') break;
    if (unit.paragraph !== head.paragraph && !(introducesList && unit.depth > head.depth)) break;
    entries.push(unit);
  }
  return entries;
}
