import { assertNever } from '../assert-never.ts';
import { endpointId, endpointIds } from '../routes/ids.ts';
import { METHOD_ALTERNATION } from '../routes/methods.ts';
import { routeShape } from '../routes/paths.ts';
import { type Anchor, cleanTitle, type HeadingInfo, scanAnchors } from './api-plan/anchors.ts';
import { type Entry, extractFields, type Fields } from './api-plan/fields.ts';
import { readLines, type SourceLines } from './api-plan/lines.ts';
import { type Candidate, mergeCandidates, once } from './api-plan/merge.ts';
import { findRoute } from './api-plan/route.ts';
import { isRuleExample } from './api-plan/rule-examples.ts';
import { tableErrorNotes } from './api-plan/table-notes.ts';
import { scanUnits, type Unit } from './api-plan/units.ts';
import type { ApiPlan, Diagnostic, Endpoint } from './model.ts';
import { boundLines } from './nesting.ts';

/**
 * Finds every endpoint an API plan defines, with its parameters, bodies, status codes, line range and
 * exact markdown. Never throws: whatever looks wrong comes back as a diagnostic.
 */
export function parseApiPlan(text: string, file: string): ApiPlan {
  try {
    return parse(text, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      file,
      endpoints: [],
      diagnostics: [
        {
          file,
          line: 1,
          severity: 'error',
          code: 'parser-failure',
          message: `Could not read the plan: ${message}`,
        },
      ],
    };
  }
}

function parse(text: string, file: string): ApiPlan {
  const source = readLines(text);
  const units = scanUnits(boundLines(source.clean));
  const scan = scanAnchors(units);
  const lastLine = source.clean.length;
  const chapterOf = chapters(scan.headings);
  const owners = headingOwners(scan.anchors, scan.headings, chapterOf);
  const anchors = scan.anchors;
  const tableNotes = tableErrorNotes(units, anchors);
  const candidates: Candidate[] = [];
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    if (anchor === undefined) continue;
    // A caption ends at the next anchor of any kind; a definition runs over the captions that follow it.
    let next = index + 1;
    while (
      next < anchors.length &&
      (anchors[next]?.line === anchor.line ||
        (anchor.kind !== 'caption' && anchors[next]?.kind === 'caption'))
    ) {
      next++;
    }
    const candidate = describe(
      anchor,
      anchors[next],
      owners.get(anchor),
      scan.headings,
      units,
      source,
      lastLine,
      chapterOf,
    );
    candidates.push(withTableNote(candidate, tableNotes));
  }
  const contentOf = (candidate: Candidate): string =>
    source.clean
      .slice(candidate.lines.start - 1, candidate.lines.end)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  const merged = mergeCandidates(candidates, file, contentOf);
  const endpoints = toEndpoints(merged.endpoints, source);
  // A bare path that repeats a defined endpoint is a reference (an auth list, a file tree), not a problem.
  const shapes = new Set(
    scan.pathsWithoutMethod.length === 0 ? [] : endpoints.map((endpoint) => routeShape(endpoint.path)),
  );
  const pathDiagnostics: Diagnostic[] = scan.pathsWithoutMethod
    .filter((found) => !shapes.has(routeShape(found.path)))
    .map((found) => ({
      file,
      line: found.line,
      severity: 'warning',
      code: 'path-without-method',
      message: found.message,
    }));
  const diagnostics = [...pathDiagnostics, ...merged.diagnostics].sort((a, b) => a.line - b.line);
  return { file, endpoints, diagnostics };
}

/** A table row takes the error codes of the note written once under its table. */
function withTableNote(candidate: Candidate, notes: ReadonlyMap<number, readonly number[]>): Candidate {
  const table = candidate.anchor.table;
  const codes = table === undefined ? undefined : notes.get(table);
  if (codes === undefined) return candidate;
  const fields = once((): Fields => {
    const own = candidate.fields();
    const errorCodes = [...new Set([...own.errorCodes, ...codes])].sort((a, b) => a - b);
    // Not a spread: it would read `params`, which parses the parameter lists only when asked for.
    return {
      description: own.description,
      get params() {
        return own.params;
      },
      requestBody: own.requestBody,
      responseBody: own.responseBody,
      successStatus: own.successStatus,
      errorCodes,
    };
  });
  return { ...candidate, fields };
}

/** Maps each heading to the line of its chapter heading: the shallowest level below the document title. */
function chapters(headings: readonly HeadingInfo[]): (heading: number) => number {
  const depths = headings.map((heading) => heading.depth);
  const shallowest = Math.min(7, ...depths);
  const [first] = headings;
  const titled =
    first !== undefined && first.depth === shallowest && depths.filter((d) => d === shallowest).length === 1;
  const chapterDepth = Math.min(7, ...(titled ? depths.slice(1) : depths));
  return (index) => {
    const heading = headings[index];
    if (heading === undefined) return 0;
    if (heading.depth === chapterDepth) return heading.line;
    for (const parent of heading.parents) {
      const outer = headings[parent];
      if (outer !== undefined && outer.depth === chapterDepth) return outer.line;
    }
    return heading.depth < chapterDepth ? heading.line : 0;
  };
}

/**
 * Decides which anchors take the heading above them as their title and extent: a heading without a
 * route that holds exactly one anchor, when every heading of that depth in the chapter holds at most one.
 */
function headingOwners(
  anchors: readonly Anchor[],
  headings: readonly HeadingInfo[],
  chapterOf: (heading: number) => number,
): Map<Anchor, number> {
  const perHeading = new Map<number, Anchor[]>();
  for (const anchor of anchors) {
    if (anchor.kind === 'heading' || anchor.kind === 'caption' || anchor.kind === 'row' || anchor.heading < 0)
      continue;
    const list = perHeading.get(anchor.heading) ?? [];
    list.push(anchor);
    perHeading.set(anchor.heading, list);
  }
  const crowded = new Set<string>();
  for (const [heading, list] of perHeading) {
    const info = headings[heading];
    if (info !== undefined && list.length > 1) crowded.add(`${chapterOf(heading)}:${info.depth}`);
  }
  const owners = new Map<Anchor, number>();
  for (const [heading, list] of perHeading) {
    const info = headings[heading];
    const only = list[0];
    if (info === undefined || only === undefined || list.length !== 1) continue;
    if (only.kind !== 'label' && crowded.has(`${chapterOf(heading)}:${info.depth}`)) continue;
    owners.set(only, heading);
  }
  return owners;
}

function describe(
  anchor: Anchor,
  following: Anchor | undefined,
  owner: number | undefined,
  headings: readonly HeadingInfo[],
  units: readonly Unit[],
  source: SourceLines,
  lastLine: number,
  chapterOf: (heading: number) => number,
): Candidate {
  const own = headings[anchor.heading];
  const ownerHeading = owner === undefined ? undefined : headings[owner];
  let start = anchor.blockStart;
  let end: number;
  let title = anchor.ownTitle;
  let sectionHeadings: readonly number[] = own === undefined ? [] : [...own.parents, anchor.heading];
  const nextHeadingLine = nextHeadingAfter(headings, anchor.heading, anchor.line, lastLine);
  const stop = Math.min(nextHeadingLine, following === undefined ? lastLine + 1 : following.blockStart) - 1;

  if (anchor.kind === 'heading') {
    const beforeNext = following === undefined ? lastLine : following.blockStart - 1;
    end = Math.min(sectionEnd(headings, anchor.heading, lastLine, true), Math.max(anchor.line, beforeNext));
    sectionHeadings = own === undefined ? [] : own.parents;
  } else if (ownerHeading !== undefined && owner !== undefined) {
    start = ownerHeading.line;
    end = sectionEnd(headings, owner, lastLine);
    title ??= cleanTitle(ownerHeading.text);
    sectionHeadings = ownerHeading.parents;
  } else if (anchor.kind === 'item') {
    const item = anchor.wrapper ?? anchor.item;
    end = item === undefined ? anchor.line : item.end;
  } else if (anchor.kind === 'row') {
    end = anchor.line;
  } else {
    end = Math.max(anchor.line, stop);
    if (anchor.item !== undefined && anchor.kind !== 'label') end = Math.min(end, anchor.item.end);
  }
  end = trimEnd(source, start, end);
  const fields = once((): Fields => {
    const found = extractFields(entriesOf(units, anchor, start, end), anchor.path, anchor.query);
    return { ...found, description: found.description ?? anchor.description };
  });
  const rank = rankOf(anchor, start, end);
  const headed = anchor.kind === 'heading' || ownerHeading !== undefined;
  const chapter = chapterOf(anchor.heading);
  return {
    anchor,
    lines: { start, end },
    title: title !== undefined && title.length > 0 ? title : `${anchor.method} ${anchor.path}`,
    section: sectionTitles(sectionHeadings, headings),
    fields,
    rank,
    chapter,
    headed,
    // A title heading over a lone bullet still leaves it a rule example when the heading is the rule section.
    ruleExample: isRuleExample(anchor, headings, () => {
      const found = fields();
      return found.requestBody !== undefined || found.responseBody !== undefined;
    }),
  };
}

// Every definition under a heading names it in its section path: clean each heading's title once.
const titles = new WeakMap<HeadingInfo, string>();

function sectionTitles(indexes: readonly number[], headings: readonly HeadingInfo[]): string[] {
  const section: string[] = [];
  for (const index of indexes) {
    const heading = headings[index];
    if (heading === undefined) continue;
    let title = titles.get(heading);
    if (title === undefined) {
      title = findRoute(heading.text) === undefined ? cleanTitle(heading.text) : '';
      titles.set(heading, title);
    }
    if (title.length > 0) section.push(title);
  }
  return section;
}

function rankOf(anchor: Anchor, start: number, end: number): number {
  switch (anchor.kind) {
    case 'heading':
    case 'label':
      return 3;
    case 'item':
      return anchor.wrapper !== undefined || anchor.item?.hasMore === true || end > start ? 2 : 1;
    case 'bare':
      return end > anchor.line ? 2 : 1;
    case 'row':
      return 1;
    case 'caption':
      return 0;
    default:
      return assertNever(anchor.kind);
  }
}

function nextHeadingAfter(
  headings: readonly HeadingInfo[],
  from: number,
  line: number,
  lastLine: number,
): number {
  for (let index = Math.max(0, from); index < headings.length; index++) {
    const heading = headings[index];
    if (heading !== undefined && heading.line > line) return heading.line;
  }
  return lastLine + 1;
}

const ROUTE_IN_HEADING = new RegExp(`(?:${METHOD_ALTERNATION})[\\s\`*_]+/`);

/** The last line of a heading's section: before the next heading as deep or shallower, or one that names a route. */
function sectionEnd(
  headings: readonly HeadingInfo[],
  index: number,
  lastLine: number,
  stopAtRoutes = false,
): number {
  const heading = headings[index];
  if (heading === undefined) return lastLine;
  for (let next = index + 1; next < headings.length; next++) {
    const later = headings[next];
    if (later === undefined) continue;
    if (later.depth <= heading.depth) return later.line - 1;
    if (stopAtRoutes && ROUTE_IN_HEADING.test(later.text)) return later.line - 1;
  }
  return lastLine;
}

function trimEnd(source: SourceLines, start: number, end: number): number {
  let last = end;
  while (last > start) {
    const line = (source.clean[last - 1] ?? '').trim();
    if (line.length > 0 && !/^(?:[-*_]\s*){3,}$/.test(line)) break;
    last--;
  }
  return last;
}

function entriesOf(units: readonly Unit[], anchor: Anchor, start: number, end: number): Entry[] {
  const entries: Entry[] = [];
  let index = anchor.unitIndex;
  while (index > 0 && (units[index - 1]?.line ?? 0) >= start) index--;
  for (; index < units.length; index++) {
    const unit = units[index];
    if (unit === undefined || unit.line > end) break;
    switch (unit.kind) {
      // Units already have the shape of entries: pass them on instead of copying 20,000 objects.
      case 'heading':
        if (unit.line !== anchor.line) entries.push(unit);
        break;
      case 'text':
        if (anchor.kind === 'caption' && unit.line === anchor.line) {
          const rest = anchor.tail.replace(/^[\s`*_]*\p{L}+[^:]*:?/u, '').trim();
          entries.push({
            kind: 'text',
            line: unit.line,
            text: `${anchor.caption === 'request' ? 'Request' : 'Response'}: ${rest}`,
            depth: unit.depth,
            paragraph: unit.paragraph,
          });
        } else {
          entries.push(unit);
        }
        break;
      case 'code':
        entries.push(unit);
        break;
      case 'row':
        break;
      default:
        assertNever(unit);
    }
  }
  return entries;
}

function toEndpoints(candidates: readonly Candidate[], source: SourceLines): Endpoint[] {
  const ids = endpointIds(
    candidates.map(({ anchor, title }) => ({
      method: anchor.method,
      path: anchor.path,
      query: anchor.query,
      title,
    })),
  );
  return candidates.map((candidate, index) => {
    const { anchor, lines, fields } = candidate;
    const from = source.starts[lines.start - 1] ?? 0;
    const to = source.ends[lines.end - 1] ?? source.text.length;
    return {
      id: ids[index] ?? endpointId(anchor.method, anchor.path),
      method: anchor.method,
      path: anchor.path,
      query: anchor.query,
      title: candidate.title,
      // Getters, read on first use: listing a 1,000-endpoint plan never needs them.
      get description() {
        return fields().description ?? '';
      },
      get params() {
        return fields().params;
      },
      get requestBody() {
        return fields().requestBody;
      },
      get responseBody() {
        return fields().responseBody;
      },
      get successStatus() {
        return fields().successStatus;
      },
      get errorCodes() {
        return fields().errorCodes;
      },
      lines,
      markdown: source.text.slice(from, to),
      section: candidate.section,
    };
  });
}
