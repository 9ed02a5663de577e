/** Columns a piece of text takes in a terminal. */
export type MeasureText = (text: string) => number;

const LIST_MARKER = /^(\s*(?:[-*+>]|\d{1,3}[.)])?\s+)/;

/**
 * `text` cut into rows of at most `width` columns at word boundaries. A word longer than a row is split; a list item's
 * or an indented line's continuation rows are indented under its text, so a wrapped bullet still reads as one. Tabs
 * become two spaces. `measure` gives a text's columns (its length for one-column text).
 */
export function wrapText(text: string, width: number, measure: MeasureText = (t) => t.length): string[] {
  const rows: string[] = [];
  const columns = Math.max(1, Math.floor(width));
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n'))
    wrapLine(raw.replace(/\t/g, '  '), columns, measure, rows);
  return rows;
}

function wrapLine(line: string, width: number, measure: MeasureText, rows: string[]): void {
  const trimmed = line.trimEnd();
  if (measure(trimmed) <= width) {
    rows.push(trimmed);
    return;
  }
  const lead = LIST_MARKER.exec(trimmed)?.[1] ?? '';
  const hanging = measure(lead) <= width / 2 ? ' '.repeat(measure(lead)) : '';
  const words = trimmed.slice(lead.length).split(/ +/);
  let current = lead;
  let used = measure(lead);
  let empty = true;
  for (const word of words) {
    if (word === '') continue;
    const size = measure(word);
    const needed = empty ? size : size + 1;
    if (used + needed <= width) {
      current += empty ? word : ` ${word}`;
      used += needed;
      empty = false;
      continue;
    }
    if (!empty) {
      rows.push(current);
      current = hanging;
      used = hanging.length;
      empty = true;
    }
    if (used + size <= width) {
      current += word;
      used += size;
      empty = false;
      continue;
    }
    // A word wider than a row (a URL, a long identifier) is split where the row ends.
    for (const char of word) {
      const charWidth = measure(char);
      if (used + charWidth > width && !(empty && used === hanging.length && current === hanging)) {
        rows.push(current);
        current = hanging;
        used = hanging.length;
      }
      current += char;
      used += charWidth;
      empty = false;
    }
  }
  if (current.trim() !== '' || rows.length === 0) rows.push(current);
}
