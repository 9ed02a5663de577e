import { foldPunctuation, hasLookalikePunctuation } from '../../text/punctuation.ts';

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

/**
 * Splits `text` into lines and prepares a cleaned copy: no BOM, `&nbsp;` as spaces, look-alike Unicode
 * punctuation as ASCII, tabs expanded, escapes undone, comments and reasoning blocks blanked.
 */
export function readLines(text: string): SourceLines {
  const lone = text.includes('\r') && /\r(?!\n)/.test(text);
  const source = lone ? text.replace(/\r(?!\n)/g, '\n') : text;
  const first = source.startsWith(BOM) ? 1 : 0;
  const body = first === 0 ? source : source.slice(first);
  // One native split beats an indexOf/slice loop: the 25,000 lines of a large plan come out in one call.
  const clean = body.split('\n');
  const starts: number[] = new Array(clean.length);
  const ends: number[] = new Array(clean.length);
  const crlf = body.includes('\r');
  let from = first;
  for (let i = 0; i < clean.length; i++) {
    const line = clean[i] ?? '';
    const length = line.length;
    starts[i] = from;
    if (crlf && length > 0 && line.charCodeAt(length - 1) === 13) {
      clean[i] = line.slice(0, length - 1);
      ends[i] = from + length - 1;
    } else {
      ends[i] = from + length;
    }
    from += length + 1;
  }
  // Whole-text checks first: most plans have no entities, tabs, escapes, comments or reasoning tags, and a
  // native search over the text is far cheaper than a test on each of its lines.
  const escaped = body.includes('\\') && countEscapedBlocks(clean) >= 2;
  if (escaped || /[&\t\u00a0]/.test(body)) {
    for (let i = 0; i < clean.length; i++) {
      const line = clean[i] ?? '';
      if (needsCleaning(line, escaped)) clean[i] = cleanLine(line, escaped);
    }
  }
  if (hasLookalikePunctuation(body)) {
    for (let i = 0; i < clean.length; i++) clean[i] = foldPunctuation(clean[i] ?? '');
  }
  // Unescaping can make a `<!--` out of `<\!--`.
  if (escaped ? body.includes('<') : body.includes('<!--')) blankComments(clean);
  if (body.includes('<')) blankReasoning(clean);
  return { text, clean, starts, ends };
}

function countEscapedBlocks(lines: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < lines.length && count < 2; i++) {
    const line = lines[i] ?? '';
    if (line.includes('\\') && ESCAPED_BLOCK.test(line)) count++;
  }
  return count;
}

function needsCleaning(line: string, escaped: boolean): boolean {
  return (
    line.includes('&') || line.includes('\u00a0') || line.includes('\t') || (escaped && line.includes('\\'))
  );
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

/** True when the first non-blank character could start a fence, so the fence regex is worth running. */
function mayOpenFence(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 96 || code === 126) return true;
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10 && code !== 11 && code !== 12)
      return code > 127;
  }
  return false;
}

function blankComments(lines: string[]): void {
  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!inComment) {
      const marker = mayOpenFence(line) ? FENCE.exec(line)?.[1] : undefined;
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
