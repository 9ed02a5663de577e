import { cleanTitle } from '../docs/api-plan/anchors.ts';
import { type PlanOutline, readPlanOutline } from '../docs/api-plan/outline.ts';
import { findRoute } from '../docs/api-plan/route.ts';
import type { Unit } from '../docs/api-plan/units.ts';
import type { ApiPlan, Endpoint } from '../docs/model.ts';
import { parseMethod } from '../routes/methods.ts';
import { routeShape } from '../routes/paths.ts';

/**
 * A piece of the plan read as one statement: a paragraph (its wrapped lines joined), a table row, or a
 * heading. Rules are found in statements; a statement keeps the headings and the list item it sits under,
 * which often say what it is about ("### Rate Limiting", "Public endpoints:").
 */
export type Statement = {
  readonly kind: 'text' | 'row' | 'heading' | 'code';
  readonly line: number;
  readonly endLine: number;
  readonly text: string;
  /** Index of the innermost heading above, -1 before the first. */
  readonly heading: number;
  /** Titles of the headings it sits under, outermost first (a heading statement's own title last). */
  readonly sections: readonly string[];
  /** The first line of the list item that holds this statement's item, when nested. */
  readonly parentItem: string | undefined;
  /** List nesting depth: 0 outside lists. */
  readonly depth: number;
  /** A table row's header and cells. */
  readonly header: readonly string[] | undefined;
  readonly cells: readonly string[] | undefined;
  /** In a future / post-MVP section. */
  readonly excluded: boolean;
};

/** Where one endpoint's text lies: its own units and, for a table row, the blocks under the table. */
export type DefinitionParts = {
  /** Units of the definition itself, blocks under a table row that belong to the row included. */
  readonly own: readonly number[];
  /** Blocks under the endpoint's table that belong to every row of it (shared notes, errors, validation). */
  readonly shared: readonly number[];
  /** For a table row: the table header's line. */
  readonly tableLine: number | undefined;
};

/** What the dossier reads from an API plan once, for all its endpoints. */
export type PlanIndex = {
  readonly outline: PlanOutline;
  readonly endpoints: readonly Endpoint[];
  readonly parts: ReadonlyMap<Endpoint, DefinitionParts>;
  /** Statements outside every endpoint's own text, in document order. */
  readonly free: readonly Statement[];
  /** Statements of each unit that starts one, by unit index: definitions read them too. */
  readonly statementAt: ReadonlyMap<number, Statement>;
};

// `show` and the prompt builder ask for many endpoints of one plan: read the plan once.
const indexes = new WeakMap<ApiPlan, PlanIndex>();

/** The plan's index, built on first use for this parsed plan. */
export function planIndex(api: ApiPlan, text: string): PlanIndex {
  let index = indexes.get(api);
  if (index === undefined) {
    index = buildIndex(api.endpoints, text);
    indexes.set(api, index);
  }
  return index;
}

const CAPTION =
  /^(?:request|response|odpowied[zź]|żądanie|zadanie|body|payload|example|przykład|przyklad|sample|returns?|zwraca|success|sukces)\b/i;

function buildIndex(endpoints: readonly Endpoint[], text: string): PlanIndex {
  const outline = readPlanOutline(text);
  const { units } = outline;
  const owner: (Endpoint | undefined)[] = new Array(units.length).fill(undefined);
  const firstUnitOfLine = new Map<number, number>();
  units.forEach((unit, index) => {
    if (!firstUnitOfLine.has(unit.line)) firstUnitOfLine.set(unit.line, index);
  });
  // Units inside an endpoint's own lines belong to it.
  const byStart = [...endpoints].sort((a, b) => a.lines.start - b.lines.start);
  let cursor = 0;
  for (const endpoint of byStart) {
    while (cursor < units.length && (units[cursor]?.line ?? 0) < endpoint.lines.start) cursor++;
    for (let index = cursor; index < units.length; index++) {
      const unit = units[index];
      if (unit === undefined || unit.line > endpoint.lines.end) break;
      owner[index] ??= endpoint;
    }
  }
  const baseUnits = new Map<Endpoint, number[]>();
  owner.forEach((endpoint, index) => {
    if (endpoint === undefined) return;
    const list = baseUnits.get(endpoint);
    if (list === undefined) baseUnits.set(endpoint, [index]);
    else list.push(index);
  });
  const parts = new Map<Endpoint, DefinitionParts>();
  const rowsByTable = new Map<number, { endpoints: Endpoint[]; lastRowIndex: number; header: number }>();
  for (const endpoint of endpoints) {
    const at = firstUnitOfLine.get(endpoint.lines.start);
    const unit = at === undefined ? undefined : units[at];
    if (unit?.kind !== 'row' || endpoint.lines.end !== endpoint.lines.start) continue;
    const table = unit.table;
    let group = rowsByTable.get(table.start);
    if (group === undefined) {
      const lastRowLine = table.rows[table.rows.length - 1]?.line ?? unit.line;
      group = {
        endpoints: [],
        lastRowIndex: firstUnitOfLine.get(lastRowLine) ?? at ?? 0,
        header: table.start,
      };
      rowsByTable.set(table.start, group);
    }
    group.endpoints.push(endpoint);
  }
  for (const group of rowsByTable.values()) {
    assignTableBlocks(units, group.lastRowIndex, group.endpoints, owner, baseUnits, parts, group.header);
  }
  for (const endpoint of endpoints) {
    if (!parts.has(endpoint))
      parts.set(endpoint, { own: baseUnits.get(endpoint) ?? [], shared: [], tableLine: undefined });
  }
  const { free, statementAt } = readStatements(outline, owner);
  return { outline, endpoints, parts, free, statementAt };
}

/**
 * Gives the blocks written under a table of endpoints to its rows: a caption naming a row's route or method
 * (`POST /households request`, `Request (PATCH)`) and the code blocks after it belong to that row, as does a
 * bare `Response` right after them; the other notes (validation, errors) belong to every row of the table.
 */
function assignTableBlocks(
  units: readonly Unit[],
  lastRowIndex: number,
  rows: readonly Endpoint[],
  owner: (Endpoint | undefined)[],
  baseUnits: ReadonlyMap<Endpoint, readonly number[]>,
  parts: Map<Endpoint, DefinitionParts>,
  tableLine: number,
): void {
  const own = new Map<Endpoint, number[]>(rows.map((row) => [row, [...(baseUnits.get(row) ?? [])]]));
  const shared: number[] = [];
  let current: Endpoint | undefined;
  let currentParagraph = -1;
  for (let index = lastRowIndex + 1; index < units.length; index++) {
    const unit = units[index];
    if (unit === undefined || unit.kind === 'heading' || owner[index] !== undefined) break;
    if (unit.kind === 'row') {
      // Another table of endpoints ends this one's reach; any other table is a note.
      if (findRoute(unit.row.cells.join(' ')) !== undefined) break;
      shared.push(index);
      continue;
    }
    if (unit.kind === 'code') {
      if (current === undefined) shared.push(index);
      else own.get(current)?.push(index);
      continue;
    }
    if (unit.paragraph === currentParagraph && current !== undefined) {
      own.get(current)?.push(index);
      continue;
    }
    const named = rowNamed(unit.text, rows);
    if (named !== undefined) {
      current = named;
    } else if (!(current !== undefined && isCaption(unit.text))) {
      current = undefined;
    }
    currentParagraph = unit.paragraph;
    if (current === undefined) shared.push(index);
    else own.get(current)?.push(index);
  }
  for (const row of rows) {
    const mine = (own.get(row) ?? []).sort((a, b) => a - b);
    for (const index of mine) owner[index] ??= row;
    parts.set(row, { own: mine, shared, tableLine });
  }
  for (const index of shared) owner[index] ??= rows[0];
}

/** The row a caption under the table names, by route or by a method only one row has. */
function rowNamed(text: string, rows: readonly Endpoint[]): Endpoint | undefined {
  const route = findRoute(text);
  if (route !== undefined) {
    const shape = routeShape(route.path);
    const same = rows.filter((row) => row.method === route.method && routeShape(row.path) === shape);
    if (same.length === 1) return same[0];
    const suffix = rows.filter((row) => row.method === route.method && routeShape(row.path).endsWith(shape));
    return suffix.length === 1 ? suffix[0] : undefined;
  }
  const bare = text.replace(/[*_`#>]/g, '').trim();
  if (bare.length > 60) return undefined;
  const words = bare.split(/[^A-Za-z]+/).filter((word) => word.length >= 3);
  const methods = new Set(words.map((word) => (word === word.toUpperCase() ? parseMethod(word) : undefined)));
  methods.delete(undefined);
  if (methods.size !== 1 || !words.some((word) => CAPTION.test(word))) return undefined;
  const [method] = methods;
  const withMethod = rows.filter((row) => row.method === method);
  return withMethod.length === 1 ? withMethod[0] : undefined;
}

function isCaption(text: string): boolean {
  const bare = text.replace(/[*_`#>]/g, '').trim();
  return bare.length <= 60 && CAPTION.test(bare) && !/[.;]\s+\S/.test(bare);
}

/** Reads every unit outside the endpoints' own text as statements, and notes each unit's statement. */
function readStatements(
  outline: PlanOutline,
  owner: readonly (Endpoint | undefined)[],
): { free: Statement[]; statementAt: Map<number, Statement> } {
  const { units, headings, headingOf } = outline;
  const titles = headings.map((heading) => cleanTitle(heading.text));
  const sectionsOf = new Map<number, readonly string[]>();
  const sections = (heading: number): readonly string[] => {
    let found = sectionsOf.get(heading);
    if (found === undefined) {
      const info = headings[heading];
      found = info === undefined ? [] : [...info.parents, heading].map((index) => titles[index] ?? '');
      sectionsOf.set(heading, found);
    }
    return found;
  };
  const free: Statement[] = [];
  const statementAt = new Map<number, Statement>();
  for (let index = 0; index < units.length; index++) {
    const unit = units[index];
    if (unit === undefined) continue;
    const heading = headingOf[index] ?? -1;
    const excluded = headings[heading]?.excluded ?? false;
    let statement: Statement;
    let last = index;
    if (unit.kind === 'heading') {
      statement = {
        kind: 'heading',
        line: unit.line,
        endLine: unit.line,
        text: unit.text,
        heading,
        sections: sections(heading),
        parentItem: undefined,
        depth: 0,
        header: undefined,
        cells: undefined,
        excluded,
      };
    } else if (unit.kind === 'row') {
      statement = {
        kind: 'row',
        line: unit.line,
        endLine: unit.line,
        text: unit.row.cells.join(' | '),
        heading,
        sections: sections(heading),
        parentItem: undefined,
        depth: 0,
        header: unit.table.header,
        cells: unit.row.cells,
        excluded,
      };
    } else if (unit.kind === 'code') {
      statement = {
        kind: 'code',
        line: unit.line,
        endLine: unit.end,
        text: unit.value,
        heading,
        sections: sections(heading),
        parentItem: unit.item?.parent?.firstLine,
        depth: unit.depth,
        header: undefined,
        cells: undefined,
        excluded,
      };
    } else {
      const lines = [unit.text];
      while (last + 1 < units.length) {
        const next = units[last + 1];
        if (next?.kind !== 'text' || next.paragraph !== unit.paragraph || owner[last + 1] !== owner[index])
          break;
        lines.push(next.text);
        last++;
      }
      statement = {
        kind: 'text',
        line: unit.line,
        endLine: units[last]?.line ?? unit.line,
        text: lines.join(' '),
        heading,
        sections: sections(heading),
        parentItem: unit.item?.parent?.firstLine,
        depth: unit.depth,
        header: undefined,
        cells: undefined,
        excluded,
      };
    }
    statementAt.set(index, statement);
    if (owner[index] === undefined) free.push(statement);
    index = last;
  }
  return { free, statementAt };
}
