import { readLabel } from '../docs/api-plan/labels.ts';
import type { Endpoint } from '../docs/model.ts';
import type { DefinitionParts, PlanIndex, Statement } from './plan-index.ts';

/** A line written once for a section of endpoints ("Errors for all profile endpoints: 401, 422"). */
export type SectionNote = { readonly code: number; readonly statement: Statement; readonly line: number };

const CODE = /(?<![\d.,$€£-])([45]\d\d)(?![\d%]|[.,]\d)/g;
const EXAMPLE = /\b(?:e\.g\.|eg\.|for example|for instance|such as|np\.|na przykład|na przyklad)/i;

// Statements outside definitions, by the heading they sit under: built once per plan.
const byHeading = new WeakMap<PlanIndex, ReadonlyMap<number, readonly Statement[]>>();

function freeByHeading(index: PlanIndex): ReadonlyMap<number, readonly Statement[]> {
  let map = byHeading.get(index);
  if (map === undefined) {
    const built = new Map<number, Statement[]>();
    for (const statement of index.free) {
      if (statement.excluded || statement.kind !== 'text') continue;
      const list = built.get(statement.heading);
      if (list === undefined) built.set(statement.heading, [statement]);
      else list.push(statement);
    }
    map = built;
    byHeading.set(index, map);
  }
  return map;
}

/**
 * The error lines written for a whole section the endpoint sits in: an `Errors:` line (English or Polish
 * label) directly under one of its headings, outside every definition, with the list that follows it.
 */
export function sectionNotes(index: PlanIndex, endpoint: Endpoint, parts: DefinitionParts): SectionNote[] {
  const first = parts.own[0];
  if (first === undefined) return [];
  const { headings, headingOf } = index.outline;
  const innermost = headingOf[first] ?? -1;
  const heading = headings[innermost];
  if (heading === undefined) return [];
  const own = heading.line >= endpoint.lines.start && heading.line <= endpoint.lines.end;
  const ancestors = own ? heading.parents : [...heading.parents, innermost];
  const notes: SectionNote[] = [];
  const statements = freeByHeading(index);
  for (const at of ancestors) {
    const list = statements.get(at) ?? [];
    for (let i = 0; i < list.length; i++) {
      const statement = list[i];
      if (statement === undefined) continue;
      const label = readLabel(statement.text.replace(/^[-*+]\s+/, ''));
      if (label?.kind !== 'errors') continue;
      const parts: Statement[] = [statement];
      // `Errors:` alone introduces the list under it.
      if (label.value.trim().length === 0) {
        for (let j = i + 1; j < list.length; j++) {
          const next = list[j];
          if (next === undefined || next.depth <= statement.depth || next.line > statement.endLine + 40)
            break;
          parts.push(next);
        }
      }
      for (const part of parts) {
        if (EXAMPLE.test(part.text)) continue;
        for (const code of codesIn(part === statement ? `${label.qualifier} ${label.value}` : part.text)) {
          if (!notes.some((note) => note.code === code))
            notes.push({ code, statement: part, line: part.line });
        }
      }
    }
  }
  return notes;
}

function codesIn(text: string): number[] {
  return [...text.matchAll(CODE)].map((match) => Number(match[1]));
}
