import { planOutline, sectionHeadings, sectionOf } from './validate.ts';

type Section = { readonly key: string; readonly name: string; readonly body: string };

// Beyond this many cells the exact line diff is not worth its time: counting lines in and out is close enough.
const MAX_LCS_CELLS = 4_000_000;

function lines(text: string): string[] {
  const trimmed = text.replace(/\r\n?/g, '\n').trimEnd();
  return trimmed === '' ? [] : trimmed.split('\n');
}

/** Lines added and removed, from the longest common subsequence of the two line lists. */
function lineChanges(
  before: readonly string[],
  after: readonly string[],
): { added: number; removed: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  if (a.length * b.length > MAX_LCS_CELLS) return multisetChanges(a, b);
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  const common = previous[b.length] ?? 0;
  return { added: b.length - common, removed: a.length - common };
}

function multisetChanges(a: readonly string[], b: readonly string[]): { added: number; removed: number } {
  const counts = new Map<string, number>();
  for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of b) {
    const left = counts.get(line) ?? 0;
    if (left > 0) {
      common++;
      counts.set(line, left - 1);
    }
  }
  return { added: b.length - common, removed: a.length - common };
}

function displayName(heading: string): string {
  return heading
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*|[IVX]+)[.):\-–]?\s+/, '')
    .trim();
}

function titleOf(text: string): string {
  return planOutline(lines(text).join('\n')).find((heading) => heading.level === 1)?.text ?? '';
}

/** The plan cut at its section headings, each keyed by the section it stands for. */
function sections(text: string): Section[] {
  const all = lines(text);
  const heads = sectionHeadings(planOutline(all.join('\n')));
  return heads.map((head, i) => {
    const end = heads[i + 1]?.line ?? all.length + 1;
    const name = displayName(head.text);
    return {
      key: sectionOf(head.text) ?? name.toLowerCase(),
      name,
      body: all.slice(head.line, end - 1).join('\n'),
    };
  });
}

function list(names: readonly string[]): string {
  return names.length <= 4
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** One line saying how a regenerated draft differs from the previous one, for the review screen. */
export function summarizeChange(previous: string, next: string): string {
  const { added, removed } = lineChanges(lines(previous), lines(next));
  if (added === 0 && removed === 0) return 'No changes.';
  const before = new Map(sections(previous).map((s) => [s.key, s]));
  const after = sections(next);
  const afterKeys = new Set(after.map((s) => s.key));
  const common = after.filter((s) => before.has(s.key));
  const changed = common.filter((s) => before.get(s.key)?.body !== s.body);
  const [titleBefore, titleAfter] = [titleOf(previous), titleOf(next)];
  const titleChanged = titleBefore !== '' && titleAfter !== '' && titleBefore !== titleAfter;
  const parts = [`+${added} −${removed} lines`];
  if (titleChanged) parts.push('title changed');
  if (changed.length >= 3 && changed.length === common.length) parts.push('every section changed');
  else if (changed.length > 0) parts.push(`sections changed: ${list(changed.map((s) => s.name))}`);
  const addedSections = after.filter((s) => !before.has(s.key)).map((s) => s.name);
  if (addedSections.length > 0) parts.push(`added: ${list(addedSections)}`);
  const removedSections = [...before.values()].filter((s) => !afterKeys.has(s.key));
  if (removedSections.length > 0) parts.push(`removed: ${list(removedSections.map((s) => s.name))}`);
  return parts.join('; ');
}
