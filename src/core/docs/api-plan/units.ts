/** A table row: its line and its cells as written, pipes removed, trimmed. */
export type TableRow = { readonly line: number; readonly cells: readonly string[] };

/** A list item as the endpoint finder sees it. */
export type ItemInfo = {
  readonly start: number;
  readonly end: number;
  readonly parent: ItemInfo | undefined;
  /** The first line of the item's text, or `''` when it starts with something else. */
  readonly firstLine: string;
  /** True when the item holds more than its first paragraph line (nested items, code, more text). */
  readonly hasMore: boolean;
  /** Index among the parent's child items, 0 for the first. */
  readonly index: number;
  /** How many child items it holds. */
  readonly childItems: number;
};

/** A table's header, shared by its rows. */
export type TableInfo = {
  readonly start: number;
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
};

/** One unit of the document in reading order: what endpoint finding and field reading walk over. */
export type Unit =
  | { readonly kind: 'heading'; readonly line: number; readonly depth: number; readonly text: string }
  | {
      readonly kind: 'text';
      readonly line: number;
      readonly text: string;
      readonly depth: number;
      readonly paragraph: number;
      readonly item: ItemInfo | undefined;
      /** True for the first line of the item's first paragraph. */
      readonly itemFirst: boolean;
    }
  | {
      readonly kind: 'code';
      readonly line: number;
      readonly end: number;
      readonly value: string;
      readonly depth: number;
      readonly item: ItemInfo | undefined;
    }
  | { readonly kind: 'row'; readonly line: number; readonly row: TableRow; readonly table: TableInfo };

/** An item's summary, filled in once its content has been read. */
type MutableItem = {
  start: number;
  end: number;
  parent: ItemInfo | undefined;
  firstLine: string;
  hasMore: boolean;
  index: number;
  childItems: number;
};

/** Where the scanner is: the units so far, and the container whose lines it reads. */
type Level = {
  readonly out: Unit[];
  readonly counter: { paragraph: number };
  readonly depth: number;
  readonly item: ItemInfo | undefined;
  /** Blocks read at this level so far: the first one may open an item. */
  blocks: number;
  items: number;
  /** The first block's first line when it is a paragraph, and that paragraph's line count. */
  headLine: string | undefined;
  headLines: number;
};

const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^(`{3,}|~{3,})[ \t]*[^`]*$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HTML_START = /^<(?:!--|\/?[A-Za-z][\w-]*(?:[\s/>]|$))/;
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const FENCE_CLOSE = /^(`+|~+)$/;

const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const STAR = 42;
const DASH = 45;
const PLUS = 43;
const UNDERSCORE = 95;
const LESS_THAN = 60;
const GREATER_THAN = 62;
const EQUALS = 61;
const SPACE = 32;
const TAB = 9;
const PIPE = 124;

/**
 * Reads the document's blocks (the CommonMark block grammar an API plan uses: headings, paragraphs, fenced and
 * indented code, HTML, tables, list items, quotes, breaks) and returns them as units in reading order, with
 * 1-based line numbers. One linear pass per nesting level; a plan is mostly prose and fenced bodies, so every
 * line is first sorted by its first character and the regexes run only where a marker can start.
 */
export function scanUnits(lines: readonly string[]): readonly Unit[] {
  const out: Unit[] = [];
  scan(lines, 1, level(out, { paragraph: 0 }, 0, undefined));
  return out;
}

function level(
  out: Unit[],
  counter: { paragraph: number },
  depth: number,
  item: ItemInfo | undefined,
): Level {
  return { out, counter, depth, item, blocks: 0, items: 0, headLine: undefined, headLines: 0 };
}

function scan(lines: readonly string[], firstLine: number, at: Level): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const indent = indentOrBlank(line);
    if (indent < 0) {
      i++;
      continue;
    }
    if (indent >= 4) {
      i = readIndentedCode(lines, i, firstLine, at);
      continue;
    }
    const text = indent === 0 ? line : line.slice(indent);
    const first = text.charCodeAt(0);
    const atx = first === HASH ? ATX.exec(text) : null;
    if (atx !== null) {
      heading(at, firstLine + i, atx[1]?.length ?? 1, (atx[2] ?? '').trim());
      i++;
      continue;
    }
    const fence = first === BACKTICK || first === TILDE ? FENCE_OPEN.exec(text) : null;
    if (fence !== null) {
      i = readFence(lines, i, indent, fence[1] ?? '```', firstLine, at);
      continue;
    }
    if ((first === STAR || first === DASH || first === UNDERSCORE) && THEMATIC.test(text)) {
      at.blocks++;
      i++;
      continue;
    }
    if (first === LESS_THAN && HTML_START.test(text)) {
      i = readHtml(lines, i, text.startsWith('<!--'), at);
      continue;
    }
    if (first === GREATER_THAN) {
      i = readQuote(lines, i, firstLine, at);
      continue;
    }
    const marker = listMarker(text);
    if (marker >= 0) {
      i = readItem(lines, i, indent, marker, firstLine, at);
      continue;
    }
    if (startsTable(lines, i)) {
      i = readTable(lines, i, firstLine, at);
      continue;
    }
    i = readParagraph(lines, i, firstLine, at);
  }
}

/**
 * Reads a list marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces or tabs after it at the start of `text`: the
 * marker's width times 256 plus the spaces, or -1 when there is none. A number, not an object: most lines ask.
 */
function listMarker(text: string): number {
  const first = text.charCodeAt(0);
  let width = 1;
  if (first !== DASH && first !== STAR && first !== PLUS) {
    let digits = 0;
    while (digits < 9 && isDigit(text.charCodeAt(digits))) digits++;
    const after = text.charCodeAt(digits);
    if (digits === 0 || (after !== 46 && after !== 41)) return -1;
    width = digits + 1;
  }
  let end = width;
  let code = text.charCodeAt(end);
  while (code === SPACE || code === TAB) code = text.charCodeAt(++end);
  if (end === width && end < text.length) return -1;
  return width * 256 + (end - width);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The line's indentation in spaces, or -1 when it is blank: one pass where most lines need both answers. */
function indentOrBlank(line: string): number {
  let n = 0;
  let code = line.charCodeAt(0);
  while (code === SPACE) code = line.charCodeAt(++n);
  if (n === line.length) return -1;
  // Another kind of white space next: the slow, exact check decides.
  return (code >= 9 && code <= 13) || code > 127 ? (isBlank(line) ? -1 : n) : n;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === SPACE || (code >= 9 && code <= 13)) continue;
    // Beyond ASCII, `trim` knows which characters are white space.
    return code > 127 && line.trim().length === 0;
  }
  return true;
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === SPACE) n++;
  return n;
}

function stripIndent(line: string, columns: number): string {
  const indent = indentOf(line);
  return indent === 0 ? line : line.slice(Math.min(columns, indent));
}

function heading(at: Level, line: number, depth: number, text: string): void {
  at.blocks++;
  at.out.push({ kind: 'heading', line, depth, text });
}

function code(at: Level, line: number, end: number, value: string): void {
  at.blocks++;
  at.out.push({ kind: 'code', line, end, value, depth: at.depth, item: at.item });
}

function readIndentedCode(lines: readonly string[], from: number, firstLine: number, at: Level): number {
  let end = from;
  let i = from;
  while (i < lines.length) {
    const indent = indentOrBlank(lines[i] ?? '');
    if (indent >= 0 && indent < 4) break;
    if (indent >= 0) end = i;
    i++;
  }
  const value = lines
    .slice(from, end + 1)
    .map((line) => stripIndent(line, 4))
    .join('\n');
  code(at, firstLine + from, firstLine + end, value);
  return end + 1;
}

/** True when `line` closes a fence opened with `marker`. Lenient about indentation, like the opening. */
function closesFence(line: string, marker: string): boolean {
  const first = line.charCodeAt(indentOf(line));
  // Printable ASCII other than a fence character rules the line out before `trim` allocates.
  if (first > SPACE && first < 128 && first !== BACKTICK && first !== TILDE) return false;
  const close = line.trim();
  return close.length >= marker.length && close[0] === marker[0] && FENCE_CLOSE.test(close);
}

function readFence(
  lines: readonly string[],
  from: number,
  indent: number,
  marker: string,
  firstLine: number,
  at: Level,
): number {
  let i = from + 1;
  while (i < lines.length && !closesFence(lines[i] ?? '', marker)) i++;
  const body = lines.slice(from + 1, i);
  if (indent > 0) for (let j = 0; j < body.length; j++) body[j] = stripIndent(body[j] ?? '', indent);
  const end = Math.min(i, lines.length - 1);
  code(at, firstLine + from, firstLine + end, body.join('\n'));
  return i + 1;
}

function readHtml(lines: readonly string[], from: number, comment: boolean, at: Level): number {
  let i = from;
  at.blocks++;
  if (comment) {
    while (i < lines.length && !(lines[i] ?? '').includes('-->')) i++;
    return Math.min(i, lines.length - 1) + 1;
  }
  while (i + 1 < lines.length && !isBlank(lines[i + 1] ?? '')) i++;
  return i + 1;
}

function readQuote(lines: readonly string[], from: number, firstLine: number, at: Level): number {
  let i = from;
  const inner: string[] = [];
  while (i < lines.length && !isBlank(lines[i] ?? '')) {
    inner.push((lines[i] ?? '').replace(/^\s*> ?/, ''));
    i++;
  }
  at.blocks++;
  // A quote's content belongs to the item around it, but counts its own first block and items.
  scan(inner, firstLine + from, level(at.out, at.counter, at.depth, at.item));
  return i;
}

function startsBlock(text: string): boolean {
  const first = text.charCodeAt(0);
  switch (first) {
    case HASH:
      return ATX.test(text);
    case BACKTICK:
    case TILDE:
      return FENCE_OPEN.test(text);
    case GREATER_THAN:
      return true;
    case LESS_THAN:
      return HTML_START.test(text) && !text.startsWith('<br');
    case STAR:
    case DASH:
    case UNDERSCORE:
      return THEMATIC.test(text) || listMarker(text) >= 0;
    default:
      return (first === PLUS || isDigit(first)) && listMarker(text) >= 0;
  }
}

function readItem(
  lines: readonly string[],
  from: number,
  indent: number,
  marker: number,
  firstLine: number,
  at: Level,
): number {
  const width = marker >> 8;
  const spaces = marker & 255;
  const markerEnd = indent + width;
  const rest = (lines[from] ?? '').slice(markerEnd + spaces);
  const content = spaces === 0 || spaces >= 5 || rest.length === 0 ? markerEnd + 1 : markerEnd + spaces;
  const first = spaces >= 5 ? ' '.repeat(spaces - 1) + rest : rest;
  const inner: string[] = [first];
  let end = from;
  let fence: string | undefined = FENCE_OPEN.exec(first.trim())?.[1];
  let lazyOk = fence === undefined && first.trim().length > 0;
  let blanks = 0;
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const lineIndent = indentOrBlank(line);
    if (lineIndent < 0) {
      blanks++;
      lazyOk = false;
      i++;
      continue;
    }
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
    } else if (lineIndent >= content) {
      const code = line.charCodeAt(lineIndent);
      fence = code === BACKTICK || code === TILDE ? FENCE_OPEN.exec(line.slice(lineIndent))?.[1] : undefined;
      lazyOk = fence === undefined;
    } else if (!lazyOk || startsBlock(line.slice(lineIndent)) || startsTable(lines, i)) {
      break;
    }
    // Blank lines inside the item stay; those after its last line do not.
    for (; blanks > 0; blanks--) inner.push('');
    inner.push(lineIndent === 0 ? line : line.slice(Math.min(content, lineIndent)));
    end = i;
    i++;
  }
  const item: MutableItem = {
    start: firstLine + from,
    end: firstLine + end,
    parent: at.item,
    firstLine: '',
    hasMore: false,
    index: at.items,
    childItems: 0,
  };
  at.blocks++;
  at.items++;
  const inside = level(at.out, at.counter, at.depth + 1, item);
  scan(inner, firstLine + from, inside);
  item.firstLine = inside.headLine ?? '';
  item.hasMore = inside.blocks > 1 || inside.headLine === undefined || inside.headLines > 1;
  item.childItems = inside.items;
  return end + 1;
}

function startsTable(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  const next = lines[i + 1];
  return next !== undefined && line.includes('|') && next.includes('-') && TABLE_DELIMITER.test(next.trim());
}

function readTable(lines: readonly string[], from: number, firstLine: number, at: Level): number {
  const header = splitRow(lines[from] ?? '');
  const rows: TableRow[] = [];
  let i = from + 2;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line) || !line.includes('|') || startsBlock(line.trimStart())) break;
    rows.push({ line: firstLine + i, cells: splitRow(line) });
    i++;
  }
  at.blocks++;
  const table: TableInfo = { start: firstLine + from, header, rows };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row !== undefined) at.out.push({ kind: 'row', line: row.line, row, table });
  }
  return i;
}

/** Splits a table row on unescaped pipes. */
function splitRow(line: string): readonly string[] {
  const cells: string[] = [];
  const text = line.trim();
  let from = 0;
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92 && text.charCodeAt(i + 1) === PIPE) {
      cell += `${text.slice(from, i)}|`;
      i++;
      from = i + 1;
    } else if (code === PIPE) {
      cells.push((cell + text.slice(from, i)).trim());
      cell = '';
      from = i + 1;
    }
  }
  cells.push((cell + text.slice(from)).trim());
  if (text.startsWith('|')) cells.shift();
  if (text.endsWith('|') && cells.length > 0) cells.pop();
  return cells;
}

function readParagraph(lines: readonly string[], from: number, firstLine: number, at: Level): number {
  const body: string[] = [(lines[from] ?? '').trim()];
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const indent = indentOrBlank(line);
    if (indent < 0) break;
    const first = line.charCodeAt(indent);
    if ((first === EQUALS || first === DASH) && SETEXT.test(line)) {
      heading(at, firstLine + from, line.trim().startsWith('=') ? 1 : 2, body.join(' ').trim());
      return i + 1;
    }
    const text = line.trimStart();
    if (indent < 4 && (startsBlock(text) || startsTable(lines, i))) break;
    body.push(text.trimEnd());
    i++;
  }
  paragraph(at, firstLine + from, body);
  return i;
}

function paragraph(at: Level, start: number, body: readonly string[]): void {
  const item = at.item;
  const opensItem = item !== undefined && at.blocks === 0;
  if (at.blocks === 0) {
    at.headLine = body[0] ?? '';
    at.headLines = body.length;
  }
  at.blocks++;
  const paragraphNo = ++at.counter.paragraph;
  const depth = at.depth;
  for (let offset = 0; offset < body.length; offset++) {
    at.out.push({
      kind: 'text',
      line: start + offset,
      text: body[offset] ?? '',
      depth,
      paragraph: paragraphNo,
      item,
      itemFirst: opensItem && offset === 0,
    });
  }
}
