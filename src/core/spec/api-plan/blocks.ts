/** A table row: its line and its cells as written, pipes removed, trimmed. */
export type TableRow = { readonly line: number; readonly cells: readonly string[] };

/**
 * A block of the markdown structure, with 1-based line numbers. This is the CommonMark block
 * grammar an API plan uses, read line by line in one linear pass per nesting level.
 */
export type Block =
  | { readonly type: 'heading'; readonly depth: number; readonly text: string; readonly line: number }
  | { readonly type: 'paragraph'; readonly start: number; readonly lines: readonly string[] }
  | {
      readonly type: 'code';
      readonly start: number;
      readonly end: number;
      readonly lang: string;
      readonly value: string;
    }
  | { readonly type: 'html'; readonly start: number; readonly end: number }
  | {
      readonly type: 'table';
      readonly start: number;
      readonly end: number;
      readonly header: readonly string[];
      readonly rows: readonly TableRow[];
    }
  | {
      readonly type: 'item';
      readonly start: number;
      readonly end: number;
      readonly children: readonly Block[];
    }
  | {
      readonly type: 'quote';
      readonly start: number;
      readonly end: number;
      readonly children: readonly Block[];
    }
  | { readonly type: 'break'; readonly line: number };

const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^(`{3,}|~{3,})[ \t]*([^`]*)$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HTML_START = /^<(?:!--|\/?[A-Za-z][\w-]*(?:[\s/>]|$))/;
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

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

// Every block marker starts with one of a few ASCII characters: checking it first keeps the regexes off
// the prose lines that make up most of a plan.

/** A list item marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces after it. */
type ListMarker = { readonly width: number; readonly spaces: number };

/** Reads a list marker at the start of `text`: the marker, then spaces or tabs or the end of the line. */
function readListMarker(text: string): ListMarker | undefined {
  const first = text.charCodeAt(0);
  let width = 1;
  if (first !== DASH && first !== STAR && first !== PLUS) {
    let digits = 0;
    while (digits < 9 && isDigit(text.charCodeAt(digits))) digits++;
    const after = text.charCodeAt(digits);
    if (digits === 0 || (after !== 46 && after !== 41)) return undefined;
    width = digits + 1;
  }
  let end = width;
  while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end++;
  if (end === width && end < text.length) return undefined;
  return { width, spaces: end - width };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads the blocks of `lines`, whose first entry is line `firstLine` of the document. */
export function scanBlocks(lines: readonly string[], firstLine = 1): readonly Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i++;
      continue;
    }
    const indent = indentOf(line);
    const text = line.slice(indent);
    const lineNo = firstLine + i;
    if (indent >= 4) {
      i = readIndentedCode(lines, i, firstLine, blocks);
      continue;
    }
    const first = text.charCodeAt(0);
    const atx = first === HASH ? ATX.exec(text) : null;
    if (atx !== null) {
      blocks.push({ type: 'heading', depth: atx[1]?.length ?? 1, text: (atx[2] ?? '').trim(), line: lineNo });
      i++;
      continue;
    }
    const fence = first === BACKTICK || first === TILDE ? FENCE_OPEN.exec(text) : null;
    if (fence !== null) {
      i = readFence(lines, i, indent, fence[1] ?? '```', (fence[2] ?? '').trim(), firstLine, blocks);
      continue;
    }
    if ((first === STAR || first === DASH || first === UNDERSCORE) && THEMATIC.test(text)) {
      blocks.push({ type: 'break', line: lineNo });
      i++;
      continue;
    }
    if (first === LESS_THAN && HTML_START.test(text)) {
      i = readHtml(lines, i, text.startsWith('<!--'), firstLine, blocks);
      continue;
    }
    if (first === GREATER_THAN) {
      i = readQuote(lines, i, firstLine, blocks);
      continue;
    }
    const marker = readListMarker(text);
    if (marker !== undefined) {
      i = readItem(lines, i, indent, marker, firstLine, blocks);
      continue;
    }
    if (startsTable(lines, i)) {
      i = readTable(lines, i, firstLine, blocks);
      continue;
    }
    i = readParagraph(lines, i, firstLine, blocks);
  }
  return blocks;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    // Beyond ASCII, `trim` knows which characters are white space.
    return code > 127 && line.trim().length === 0;
  }
  return true;
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

function stripIndent(line: string, columns: number): string {
  return line.slice(Math.min(columns, indentOf(line)));
}

function readIndentedCode(lines: readonly string[], from: number, firstLine: number, out: Block[]): number {
  let end = from;
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!isBlank(line) && indentOf(line) < 4) break;
    if (!isBlank(line)) end = i;
    i++;
  }
  const value = lines
    .slice(from, end + 1)
    .map((line) => stripIndent(line, 4))
    .join('\n');
  out.push({ type: 'code', start: firstLine + from, end: firstLine + end, lang: '', value });
  return end + 1;
}

function readFence(
  lines: readonly string[],
  from: number,
  indent: number,
  marker: string,
  info: string,
  firstLine: number,
  out: Block[],
): number {
  let i = from + 1;
  const body: string[] = [];
  // Lenient about indentation: a fence closes on its own marker wherever the line starts.
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const close = line.trim();
    if (close.length >= marker.length && close[0] === marker[0] && /^(`+|~+)$/.test(close)) break;
    body.push(stripIndent(line, indent));
    i++;
  }
  const end = Math.min(i, lines.length - 1);
  out.push({
    type: 'code',
    start: firstLine + from,
    end: firstLine + end,
    lang: info.split(/\s+/)[0] ?? '',
    value: body.join('\n'),
  });
  return i + 1;
}

function readHtml(
  lines: readonly string[],
  from: number,
  comment: boolean,
  firstLine: number,
  out: Block[],
): number {
  let i = from;
  if (comment) {
    while (i < lines.length && !(lines[i] ?? '').includes('-->')) i++;
    const end = Math.min(i, lines.length - 1);
    out.push({ type: 'html', start: firstLine + from, end: firstLine + end });
    return end + 1;
  }
  while (i + 1 < lines.length && !isBlank(lines[i + 1] ?? '')) i++;
  out.push({ type: 'html', start: firstLine + from, end: firstLine + i });
  return i + 1;
}

function readQuote(lines: readonly string[], from: number, firstLine: number, out: Block[]): number {
  let i = from;
  const inner: string[] = [];
  while (i < lines.length && !isBlank(lines[i] ?? '')) {
    inner.push((lines[i] ?? '').replace(/^\s*> ?/, ''));
    i++;
  }
  out.push({
    type: 'quote',
    start: firstLine + from,
    end: firstLine + i - 1,
    children: scanBlocks(inner, firstLine + from),
  });
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
      return THEMATIC.test(text) || readListMarker(text) !== undefined;
    default:
      return readListMarker(text) !== undefined;
  }
}

function readItem(
  lines: readonly string[],
  from: number,
  indent: number,
  marker: ListMarker,
  firstLine: number,
  out: Block[],
): number {
  const markerEnd = indent + marker.width;
  const spaces = marker.spaces;
  const rest = (lines[from] ?? '').slice(markerEnd + spaces);
  const content = spaces === 0 || spaces >= 5 || rest.length === 0 ? markerEnd + 1 : markerEnd + spaces;
  const first = spaces >= 5 ? ' '.repeat(spaces - 1) + rest : rest;
  const inner: string[] = [first];
  let end = from;
  let fence: string | undefined = FENCE_OPEN.exec(first.trim())?.[1];
  let lazyOk = fence === undefined && first.trim().length > 0;
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      inner.push('');
      lazyOk = false;
      i++;
      continue;
    }
    const lineIndent = indentOf(line);
    const text = line.slice(lineIndent);
    if (fence !== undefined) {
      const close = text.trim();
      if (close.length >= fence.length && close[0] === fence[0] && /^(`+|~+)$/.test(close)) fence = undefined;
    } else if (lineIndent >= content) {
      fence = FENCE_OPEN.exec(text)?.[1];
      lazyOk = fence === undefined;
    } else if (!lazyOk || startsBlock(text) || startsTable(lines, i)) {
      break;
    }
    inner.push(stripIndent(line, content));
    end = i;
    i++;
  }
  out.push({
    type: 'item',
    start: firstLine + from,
    end: firstLine + end,
    children: scanBlocks(keepFirst(inner, end - from + 1), firstLine + from),
  });
  return end + 1;
}

function keepFirst(lines: string[], count: number): string[] {
  lines.length = count;
  return lines;
}

function startsTable(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  const next = lines[i + 1];
  return next !== undefined && line.includes('|') && next.includes('-') && TABLE_DELIMITER.test(next.trim());
}

function readTable(lines: readonly string[], from: number, firstLine: number, out: Block[]): number {
  const header = splitRow(lines[from] ?? '');
  const rows: TableRow[] = [];
  let i = from + 2;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line) || !line.includes('|') || startsBlock(line.trimStart())) break;
    rows.push({ line: firstLine + i, cells: splitRow(line) });
    i++;
  }
  out.push({ type: 'table', start: firstLine + from, end: firstLine + i - 1, header, rows });
  return i;
}

/** Splits a table row on unescaped pipes. */
export function splitRow(line: string): readonly string[] {
  const cells: string[] = [];
  let cell = '';
  const text = line.trim();
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  if (text.startsWith('|')) cells.shift();
  if (text.endsWith('|') && cells.length > 0) cells.pop();
  return cells;
}

function maySetext(line: string): boolean {
  const code = line.charCodeAt(indentOf(line));
  return code === EQUALS || code === DASH;
}

function readParagraph(lines: readonly string[], from: number, firstLine: number, out: Block[]): number {
  const body: string[] = [(lines[from] ?? '').trim()];
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) break;
    if (maySetext(line) && SETEXT.test(line)) {
      const depth = line.trim().startsWith('=') ? 1 : 2;
      out.push({ type: 'heading', depth, text: body.join(' ').trim(), line: firstLine + from });
      return i + 1;
    }
    const text = line.trimStart();
    if (indentOf(line) < 4 && (startsBlock(text) || startsTable(lines, i))) break;
    body.push(text.trimEnd());
    i++;
  }
  out.push({ type: 'paragraph', start: firstLine + from, lines: body });
  return i;
}
