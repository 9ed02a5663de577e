/** One row of a line diff: kept, added or removed text, or a run of unchanged lines left out. */
export type DiffRow =
  | { readonly kind: 'same' | 'added' | 'removed'; readonly text: string }
  | { readonly kind: 'skipped'; readonly count: number };

// Beyond this many cells the exact diff is not worth its time: the old lines are shown removed, the new added.
const MAX_LCS_CELLS = 4_000_000;

function linesOf(text: string): string[] {
  const trimmed = text.replace(/\r\n?/g, '\n').trimEnd();
  return trimmed === '' ? [] : trimmed.split('\n');
}

/**
 * What changed from `before` to `after`, line by line (longest common subsequence), with `context` unchanged lines
 * kept around each change and longer unchanged runs folded into one `skipped` row.
 */
export function diffLines(before: string, after: string, context = 2): readonly DiffRow[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const rows: DiffRow[] = [];
  for (const text of a.slice(0, start)) rows.push({ kind: 'same', text });
  rows.push(...middle(a.slice(start, endA), b.slice(start, endB)));
  for (const text of a.slice(endA)) rows.push({ kind: 'same', text });
  return fold(rows, context);
}

function middle(a: readonly string[], b: readonly string[]): DiffRow[] {
  if (a.length * b.length > MAX_LCS_CELLS) {
    return [
      ...a.map((text): DiffRow => ({ kind: 'removed', text })),
      ...b.map((text): DiffRow => ({ kind: 'added', text })),
    ];
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      rows.push({ kind: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j >= b.length || (table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0))
    ) {
      rows.push({ kind: 'removed', text: a[i] ?? '' });
      i++;
    } else {
      rows.push({ kind: 'added', text: b[j] ?? '' });
      j++;
    }
  }
  return rows;
}

function fold(rows: readonly DiffRow[], context: number): DiffRow[] {
  const changed = rows.map((row) => row.kind !== 'same');
  const near = (index: number) => {
    for (let k = Math.max(0, index - context); k <= Math.min(rows.length - 1, index + context); k++)
      if (changed[k]) return true;
    return false;
  };
  const folded: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    if (row.kind === 'same' && !near(index)) {
      skipped++;
      return;
    }
    if (skipped > 0) folded.push({ kind: 'skipped', count: skipped });
    skipped = 0;
    folded.push(row);
  });
  if (skipped > 0) folded.push({ kind: 'skipped', count: skipped });
  return folded;
}
