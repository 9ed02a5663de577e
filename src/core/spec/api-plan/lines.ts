/** The document as lines: `clean` is what the scanner reads, `starts` locates each line in the original text. */
export type SourceLines = {
  readonly text: string;
  /** One entry per original line; the count never changes, so line numbers stay true. */
  readonly clean: readonly string[];
  /** Offset of each line's first character in `text`. */
  readonly starts: readonly number[];
  /** Offset just past each line's last character, before its line break. */
  readonly ends: readonly number[];
};

const BOM = '\uFEFF';
const NBSP = /&nbsp;|&#160;|&#xa0;|\u00a0/gi;
const LEADING_TABS = /^[ \t]*\t[ \t]*/;
// A plan pasted through a rich-text editor escapes every block marker: `\#### Title`, `\- item`.
const ESCAPED_BLOCK = /^\s*\\(?:#{1,6}\s|[-*+]\s)/;
const ESCAPED_CHAR = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
// Reasoning a model wrote before the plan: `<api_analysis>` … `</api_analysis>`.
const OPEN_TAG = /^\s*<([a-z][\w-]*)>\s*$/i;
const HTML_BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'header',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  'br',
  'hr',
  'b',
  'i',
  'em',
  'strong',
  'code',
  'span',
]);
const FENCE = /^\s*(`{3,}|~{3,})/;

/** Splits `text` into lines and prepares a cleaned copy: no BOM, `&nbsp;` as spaces, tabs expanded, escapes undone, comments and reasoning blocks blanked. */
export function readLines(text: string): SourceLines {
  const starts: number[] = [];
  const ends: number[] = [];
  const raw: string[] = [];
  // indexOf beats a global regex here: no match objects for the 25,000 lines of a large plan.
  const lone = text.includes('\r') && /\r(?!\n)/.test(text);
  const source = lone ? text.replace(/\r(?!\n)/g, '\n') : text;
  let from = source.startsWith(BOM) ? 1 : 0;
  for (;;) {
    const newline = source.indexOf('\n', from);
    const end = newline < 0 ? source.length : newline;
    const stop = end > from && source.charCodeAt(end - 1) === 13 ? end - 1 : end;
    starts.push(from);
    ends.push(stop);
    raw.push(source.slice(from, stop));
    if (newline < 0) break;
    from = newline + 1;
  }

  let escapedBlocks = 0;
  for (const line of raw) if (line.includes('\\') && ESCAPED_BLOCK.test(line)) escapedBlocks++;
  const escaped = escapedBlocks >= 2;
  const clean = raw.map((line) => cleanLine(line, escaped));
  blankComments(clean);
  blankReasoning(clean);
  return { text, clean, starts, ends };
}

function cleanLine(line: string, escaped: boolean): string {
  let out = line.includes('&') || line.includes('\u00a0') ? line.replace(NBSP, ' ') : line;
  if (out.includes('\t')) {
    const tabs = LEADING_TABS.exec(out);
    if (tabs !== null) out = expandTabs(tabs[0]) + out.slice(tabs[0].length);
  }
  if (escaped && out.includes('\\')) out = out.replace(ESCAPED_CHAR, '$1');
  return out;
}

function expandTabs(indent: string): string {
  let column = 0;
  for (const char of indent) column = char === '\t' ? column + 4 - (column % 4) : column + 1;
  return ' '.repeat(column);
}

function blankComments(lines: string[]): void {
  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!inComment) {
      const marker = FENCE.exec(line)?.[1];
      if (fence !== undefined) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
          fence = undefined;
        continue;
      }
      if (marker !== undefined) {
        fence = marker;
        continue;
      }
    }
    if (!inComment && !line.includes('<!--')) continue;
    let out = '';
    let rest = line;
    while (rest.length > 0) {
      if (inComment) {
        const close = rest.indexOf('-->');
        if (close < 0) {
          rest = '';
        } else {
          rest = rest.slice(close + 3);
          inComment = false;
        }
      } else {
        const open = rest.indexOf('<!--');
        if (open < 0) {
          out += rest;
          rest = '';
        } else {
          out += rest.slice(0, open);
          rest = rest.slice(open + 4);
          inComment = true;
        }
      }
    }
    lines[i] = out.trimEnd();
  }
}

function blankReasoning(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('<')) continue;
    const tag = OPEN_TAG.exec(line)?.[1]?.toLowerCase();
    if (tag === undefined || HTML_BLOCK_TAGS.has(tag)) continue;
    const close = `</${tag}>`;
    let end = i + 1;
    while (end < lines.length && !(lines[end] ?? '').toLowerCase().includes(close)) end++;
    // An unclosed block hides nothing: guessing where it ends could swallow the whole plan.
    if (end >= lines.length) continue;
    for (let j = i; j <= end; j++) lines[j] = '';
    i = end;
  }
}
