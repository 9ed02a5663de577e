import { type HttpMethod, METHOD_ALTERNATION, parseMethod, parseMethods } from '../../routes/methods.ts';
import { splitQuery } from '../../routes/paths.ts';
import { fold, labelKind, readLabel } from './labels.ts';
import { findRoute, isPathLike, leadingPath, type RouteMatch } from './route.ts';
import type { ItemInfo, TableInfo, Unit } from './units.ts';

/** How an endpoint was written, which says how much of a definition it is. */
export type AnchorKind = 'heading' | 'label' | 'item' | 'bare' | 'row' | 'caption';

/** A place in the document that names an endpoint, before extents and merging. */
export type Anchor = {
  readonly kind: AnchorKind;
  readonly method: HttpMethod;
  readonly path: string;
  readonly query: string | undefined;
  /** Line of the method and path. */
  readonly line: number;
  /** First line of the anchor's own block (the heading, the label pair, the item). */
  readonly blockStart: number;
  readonly unitIndex: number;
  /** Index in the heading list of the innermost heading above (a heading anchor's own), -1 when none. */
  readonly heading: number;
  readonly item: ItemInfo | undefined;
  /** A title written next to the route: `GET /x - List things`, `**List things**` above it. */
  readonly ownTitle: string | undefined;
  /** The wrapping item when a title-only bullet holds the route in its first sub-item. */
  readonly wrapper: ItemInfo | undefined;
  readonly description: string | undefined;
  /** For captions: which body the caption introduces. */
  readonly caption: 'request' | 'response' | undefined;
  /** The text after the route on its line. */
  readonly tail: string;
  /** For table rows: the line the table starts on. */
  readonly table: number | undefined;
};

/** A heading with its place in the outline. */
export type HeadingInfo = {
  readonly line: number;
  readonly depth: number;
  readonly text: string;
  readonly unitIndex: number;
  /** Inside a future / post-MVP section (itself included). */
  readonly excluded: boolean;
  /** Index of the enclosing headings, outermost first. */
  readonly parents: readonly number[];
};

/** A path written where an endpoint could be, without a method. */
export type PathWithoutMethod = { readonly line: number; readonly path: string; readonly message: string };

/** Everything the anchor scan finds. */
export type Scan = {
  readonly anchors: readonly Anchor[];
  readonly headings: readonly HeadingInfo[];
  readonly pathsWithoutMethod: readonly PathWithoutMethod[];
};

const FUTURE =
  /\b(?:future|post[- ]?mvp|non[- ]mvp|poza (?:zakresem )?mvp|po mvp|przysz\w*|roadmap|out of scope|poza zakresem|nice[- ]to[- ]have|deferred|not in (?:the )?mvp|later (?:phases?|versions?|releases?)|phase 2|potential new endpoints|w kolejnych wersjach)\b/i;
const NEGATIVE =
  /\b(?:no|not|never|without|don't|doesn't|won't|isn't|aren't|nie|brak|bez|żadn\w*|zadn\w*)\b|\bn't\b/i;
const NEGATIVE_TAIL =
  /\b(?:not (?:supported|available|implemented|planned|needed|exposed|allowed|provided)|unsupported|nie (?:jest|są|będzie|ma|istnieje)|niedostępn\w*|removed|deprecated)\b/i;
const METHOD_ANYWHERE = new RegExp(`\\b(?:${METHOD_ALTERNATION})\\b`, 'i');
const LEADING_MARKERS = /^(?:\s*(?:--+|[–—•→>]|\d+[.)]|\(\d+\)|[-*+](?=\s))\s*)*/;
const BOLD_TITLE = /^([*_]{1,2})([^*_`]{2,120}?)\1\s*(?:[:\-–—|]\s*)?/;
const CAPTION_WORD =
  /^(?:request|response|odpowied[zź]|żądanie|zadanie|example|przykład|przyklad|body|payload|sample|returns?)\b/i;
const METHOD_HEADERS = /^(?:http )?(?:method|metoda|verb|czasownik)(?: http)?$/;
const PATH_HEADERS = /^(?:path|sciezka|endpoint|url|uri|route|trasa|adres|resource|zasob|endpoint path)$/;
const DESCRIPTION_HEADERS =
  /^(?:description|opis|summary|purpose|action|akcja|dzialanie|cel|notes?|name|nazwa)$/;

/** True when a heading or line marks work that is not part of the plan yet. */
export function isFuture(text: string): boolean {
  return FUTURE.test(text);
}

/** Finds every anchor, the outline, and the path-without-method findings. */
export function scanAnchors(units: readonly Unit[]): Scan {
  const anchors: Anchor[] = [];
  const headings: HeadingInfo[] = [];
  const pathsWithoutMethod: PathWithoutMethod[] = [];
  const stack: number[] = [];
  let futureDepth: number | undefined;
  let pendingMethod:
    | { method: HttpMethod; line: number; unitIndex: number; item: ItemInfo | undefined }
    | undefined;
  let pendingPath: { path: string; line: number; unitIndex: number; item: ItemInfo | undefined } | undefined;
  const tables = new Map<number, TableColumns | undefined>();

  const warn = (line: number, path: string, message: string): void => {
    pathsWithoutMethod.push({ line, path, message });
  };
  const flushPath = (): void => {
    if (pendingPath !== undefined) {
      warn(pendingPath.line, pendingPath.path, `\`${pendingPath.path}\` has a path but no HTTP method.`);
    }
    pendingPath = undefined;
    pendingMethod = undefined;
  };
  const currentHeading = (): number => stack[stack.length - 1] ?? -1;
  const push = (anchor: Omit<Anchor, 'heading'>): void => {
    anchors.push({ ...anchor, heading: currentHeading() });
  };

  units.forEach((unit, unitIndex) => {
    if (unit.kind === 'heading') {
      flushPath();
      while (stack.length > 0 && (headings[stack[stack.length - 1] ?? 0]?.depth ?? 0) >= unit.depth)
        stack.pop();
      if (futureDepth !== undefined && unit.depth <= futureDepth) futureDepth = undefined;
      if (futureDepth === undefined && isFuture(unit.text)) futureDepth = unit.depth;
      headings.push({
        line: unit.line,
        depth: unit.depth,
        text: unit.text,
        unitIndex,
        excluded: futureDepth !== undefined,
        parents: [...stack],
      });
      if (futureDepth === undefined) {
        const route = findRoute(unit.text);
        if (route !== undefined && acceptable(unit.text, route)) {
          anchors.push({
            ...base('heading', route, unit.line, unitIndex, undefined),
            heading: headings.length - 1,
            ownTitle: headingTitle(unit.text, route),
          });
        } else if (route === undefined) {
          const path = unit.text.replace(/^[\s\d.)`*_]*(?=\/)/, '').split(/[\s`]/)[0] ?? '';
          if (isPathLike(path))
            warn(unit.line, path, `Heading "${unit.text}" names a path but no HTTP method.`);
        }
      }
      stack.push(headings.length - 1);
      return;
    }
    if (futureDepth !== undefined) return;

    if (unit.kind === 'row') {
      let columns = tables.get(unit.table.start);
      if (!tables.has(unit.table.start)) {
        columns = tableColumns(unit.table);
        tables.set(unit.table.start, columns);
      }
      if (columns === undefined) return;
      for (const anchor of rowAnchors(unit, unitIndex, columns)) push(anchor);
      return;
    }
    if (unit.kind === 'code') return;

    // Every anchor needs a slash or a method; most lines of a plan have neither. Leading markers hold
    // neither, so the test can run before they are stripped.
    if (!unit.text.includes('/') && !METHOD_ANYWHERE.test(unit.text)) return;
    const text = unit.text.replace(LEADING_MARKERS, '');
    if (isFuture(text)) return;
    const label = readLabel(text);
    const kind = label === undefined ? 'other' : labelKind(label.name);
    if (label !== undefined && (kind === 'endpoint' || kind === 'path' || kind === 'method')) {
      const route = findRoute(label.value);
      if (route !== undefined && startsAt(label.value, route)) {
        if (acceptable(label.value, route)) push(base('label', route, unit.line, unitIndex, unit.item));
        pendingMethod = undefined;
        pendingPath = undefined;
        return;
      }
      if (kind === 'method') {
        const method = parseMethod(label.value.split(/\s/)[0] ?? '');
        if (method === undefined) return;
        if (pendingPath !== undefined && unit.line - pendingPath.line <= 12) {
          push(pairAnchor(method, pendingPath, unit.item));
          pendingPath = undefined;
        } else {
          pendingMethod = { method, line: unit.line, unitIndex, item: unit.item };
        }
        return;
      }
      const path = leadingPath(label.value) ?? '';
      if (!isPathLike(path)) return;
      if (pendingMethod !== undefined && unit.line - pendingMethod.line <= 12) {
        push(
          pairAnchor(
            pendingMethod.method,
            { path, line: pendingMethod.line, unitIndex: pendingMethod.unitIndex },
            pendingMethod.item,
          ),
        );
        pendingMethod = undefined;
      } else {
        flushPath();
        pendingPath = { path, line: unit.line, unitIndex, item: unit.item };
      }
      return;
    }

    const lineAnchor = readLineAnchor(text, label?.kind === 'other' ? label.name : undefined);
    if (lineAnchor !== undefined) {
      const { route, title, tail } = lineAnchor;
      if (!acceptable(text, route)) return;
      const caption = captionOf(tail);
      const wrapper = wrapperOf(unit);
      const kindOf: AnchorKind = caption !== undefined ? 'caption' : unit.itemFirst ? 'item' : 'bare';
      push({
        ...base(kindOf, route, unit.line, unitIndex, unit.item),
        blockStart: kindOf === 'item' ? ((wrapper ?? unit.item)?.start ?? unit.line) : unit.line,
        ownTitle:
          title ?? tailTitle(tail) ?? (wrapper === undefined ? undefined : cleanTitle(wrapper.firstLine)),
        wrapper,
        caption,
        tail,
      });
      return;
    }
    if (unit.itemFirst || unit.item === undefined) {
      const only = text.replace(/^[`*_\s]+|[`*_\s:]+$/g, '');
      if (isPathLike(only) && !/\s/.test(only) && only.length > 1) {
        warn(unit.line, only, `\`${only}\` looks like an endpoint path but has no HTTP method.`);
      }
    }
  });
  flushPath();
  return { anchors, headings, pathsWithoutMethod };
}

function base(
  kind: AnchorKind,
  route: RouteMatch,
  line: number,
  unitIndex: number,
  item: ItemInfo | undefined,
): Omit<Anchor, 'heading'> {
  return {
    kind,
    method: route.method,
    path: route.path,
    query: route.query,
    line,
    blockStart: line,
    unitIndex,
    item,
    ownTitle: undefined,
    wrapper: undefined,
    description: undefined,
    caption: undefined,
    tail: '',
    table: undefined,
  };
}

function pairAnchor(
  method: HttpMethod,
  path: { path: string; line: number; unitIndex: number },
  item: ItemInfo | undefined,
): Omit<Anchor, 'heading'> {
  return {
    ...base('label', { method, ...splitQuery(path.path), start: 0, end: 0 }, path.line, path.unitIndex, item),
  };
}

function startsAt(text: string, route: RouteMatch): boolean {
  return /^[\s`*_[(]*$/.test(text.slice(0, route.start));
}

function acceptable(text: string, route: RouteMatch): boolean {
  const before = text.slice(0, route.start);
  const after = text.slice(route.end);
  return !NEGATIVE.test(before) && !NEGATIVE_TAIL.test(after) && !isFuture(after) && !isFuture(before);
}

function readLineAnchor(
  text: string,
  labelName: string | undefined,
): { route: RouteMatch; title: string | undefined; tail: string } | undefined {
  const direct = findRoute(text);
  if (direct !== undefined && startsAt(text, direct))
    return { route: direct, title: undefined, tail: text.slice(direct.end) };
  let rest = text;
  let title: string | undefined;
  const bold = BOLD_TITLE.exec(rest);
  if (bold !== null && findRoute(bold[2] ?? '') === undefined && !/^[A-Z]+$/.test((bold[2] ?? '').trim())) {
    title = cleanTitle(bold[2] ?? '');
    rest = rest.slice(bold[0].length);
  } else if (labelName !== undefined && labelName.split(/\s+/).length <= 6) {
    const colon = rest.search(/[:：]/);
    if (colon > 0) {
      title = cleanTitle(labelName);
      rest = rest.slice(colon + 1);
    }
  }
  const route = findRoute(rest);
  if (route === undefined || !startsAt(rest, route)) return undefined;
  return { route, title, tail: rest.slice(route.end) };
}

function captionOf(tail: string): 'request' | 'response' | undefined {
  const words = tail.replace(/^[\s`*_:–—-]+/, '');
  if (!CAPTION_WORD.test(words)) return undefined;
  return /^(?:request|żądanie|zadanie|body|payload)/i.test(words) ? 'request' : 'response';
}

function tailTitle(tail: string): string | undefined {
  const text = tail.replace(/^[\s`*_]+/, '');
  if (!/^[-–—:|]/.test(text)) return undefined;
  const title = cleanTitle(text.replace(/^[-–—:|]+\s*/, ''));
  return title.length >= 2 && /\p{L}/u.test(title) ? title : undefined;
}

/** Heading or bullet text as a title: no markup, numbering or trailing colon. */
export function cleanTitle(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?\s+)/, '')
    .replace(/[\s:–—-]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function headingTitle(text: string, route: RouteMatch): string | undefined {
  const rest = `${text.slice(0, route.start)} ${text.slice(route.end)}`;
  const title = cleanTitle(rest.replace(/\([^)]*\)/g, '')).replace(/^[\s:–—|-]+|[\s:–—|-]+$/g, '');
  return title.length >= 2 && /\p{L}{2}/u.test(title) ? title : undefined;
}

function wrapperOf(unit: Extract<Unit, { kind: 'text' }>): ItemInfo | undefined {
  const item = unit.item;
  const parent = item?.parent;
  if (!unit.itemFirst || item === undefined || parent === undefined || item.index !== 0) return undefined;
  const title = parent.firstLine.trim();
  if (title.length === 0 || findRoute(title) !== undefined || title.length > 120) return undefined;
  const isBold = /^[*_]{2}.+[*_]{2}:?$/.test(title);
  const isShortPlain =
    !/[.:]$/.test(title) && readLabel(title)?.kind === undefined && title.split(/\s+/).length <= 10;
  return isBold || isShortPlain ? parent : undefined;
}

type TableColumns = {
  readonly method: number | undefined;
  readonly path: number;
  readonly description: number | undefined;
};

function tableColumns(table: TableInfo): TableColumns | undefined {
  const header = table.header.map((cell) => fold(cell.replace(/[`*_]/g, '')));
  const method = header.findIndex((cell) => METHOD_HEADERS.test(cell));
  const path = header.findIndex((cell, index) => index !== method && PATH_HEADERS.test(cell));
  const description = header.findIndex((cell) => DESCRIPTION_HEADERS.test(cell));
  if (method >= 0 && path >= 0)
    return { method, path, description: description >= 0 ? description : undefined };
  // A single column that holds `METHOD /path` in most rows.
  for (let column = 0; column < header.length; column++) {
    const hits = table.rows.filter((row) => {
      const cell = row.cells[column] ?? '';
      const route = findRoute(cell);
      return route !== undefined && startsAt(cell, route);
    }).length;
    if (hits > 0 && hits * 2 >= table.rows.length) {
      return { method: undefined, path: column, description: description >= 0 ? description : undefined };
    }
  }
  return undefined;
}

function rowAnchors(
  unit: Extract<Unit, { kind: 'row' }>,
  unitIndex: number,
  columns: TableColumns,
): Omit<Anchor, 'heading'>[] {
  const cells = unit.row.cells;
  const description = columns.description === undefined ? undefined : cells[columns.description];
  const pathCell = cells[columns.path] ?? '';
  const found: Omit<Anchor, 'heading'>[] = [];
  const make = (route: RouteMatch): Omit<Anchor, 'heading'> => ({
    ...base('row', route, unit.line, unitIndex, undefined),
    table: unit.table.start,
    description: description === undefined || description.length === 0 ? undefined : description,
  });
  if (columns.method === undefined) {
    const route = findRoute(pathCell);
    if (route !== undefined && startsAt(pathCell, route) && acceptable(cells.join(' '), route))
      found.push(make(route));
    return found;
  }
  if (isFuture(cells.join(' '))) return found;
  const pathText = leadingPath(pathCell) ?? '';
  if (!isPathLike(pathText)) return found;
  for (const method of parseMethods(cells[columns.method] ?? '')) {
    const route = findRoute(`${method} \`${pathText}\``);
    if (route !== undefined) found.push(make(route));
  }
  return found;
}
