import stringWidth from 'string-width';
import { diffLines } from '../src/core/plan/line-diff.ts';
import { isNarrowText } from '../src/core/text/narrow-text.ts';
import { wrapText } from '../src/core/text/wrap.ts';
import type { DraftOrigin, EngineInfo, Run } from '../src/wizard/machine.ts';
import { approxTokens } from './format.ts';

/** One terminal row of the review and how it is coloured. */
export type Row = { readonly text: string; readonly tone?: 'added' | 'removed' | 'dim' | undefined };

/** Columns `text` takes: its length for one-column text, string-width otherwise. */
export function measure(text: string): number {
  return isNarrowText(text) ? text.length : stringWidth(text);
}

/** The plan wrapped at word boundaries to `width` columns. */
export function planRows(plan: string, width: number): readonly Row[] {
  return wrapText(plan.replace(/\n+$/, ''), width, measure).map((text) => ({ text }));
}

/** What changed from `before` to `after`, wrapped, each row marked `+`, `-` or kept. */
export function diffRows(before: string, after: string, width: number): readonly Row[] {
  const rows: Row[] = [];
  for (const row of diffLines(before, after)) {
    if (row.kind === 'skipped') {
      rows.push({ text: `  ⋯ ${row.count} unchanged line${row.count === 1 ? '' : 's'}`, tone: 'dim' });
      continue;
    }
    const mark = row.kind === 'added' ? '+ ' : row.kind === 'removed' ? '- ' : '  ';
    const tone = row.kind === 'added' ? 'added' : row.kind === 'removed' ? 'removed' : undefined;
    for (const [index, text] of wrapText(row.text, Math.max(1, width - 2), measure).entries())
      rows.push({ text: `${index === 0 ? mark : '  '}${text}`, tone });
  }
  if (rows.length === 0) rows.push({ text: 'No changes from the previous draft.', tone: 'dim' });
  return rows;
}

/** Findings as bullets wrapped to `width`, continuation rows indented under the text, at most `max` rows. */
export function findingRows(findings: readonly string[], width: number, max: number): readonly Row[] {
  const rows = findings.flatMap((finding) =>
    wrapText(`  • ${finding}`, width, measure).map((text): Row => ({ text })),
  );
  if (rows.length <= max) return rows;
  const kept = rows.slice(0, Math.max(0, max - 1));
  return [...kept, { text: `  … ${rows.length - kept.length} more rows`, tone: 'dim' }];
}

/** The change summary after an edit or a regenerate, at most two rows. */
export function changeRows(summary: string | undefined, width: number): readonly string[] {
  if (summary === undefined) return [];
  const text = summary.startsWith('Edited') ? summary : `Changed: ${summary}`;
  return wrapText(text, width, measure).slice(0, 2);
}

/** The review's key hints, one per action. */
export function reviewHints(
  editorCommand: string,
  severalDrafts: boolean,
  draft: { readonly incomplete: boolean; readonly saveFailed: boolean },
): readonly string[] {
  return [
    draft.incomplete ? 's save (unavailable: incomplete)' : draft.saveFailed ? 's retry the save' : 's save',
    ...(draft.saveFailed && !draft.incomplete ? ['w save elsewhere'] : []),
    `e edit (${editorCommand})`,
    'r regenerate',
    'i with instructions',
    'k skip',
    'q quit',
    '↑↓ PgUp PgDn Space Home End scroll',
    ...(severalDrafts ? ['←/→ drafts', 'd changes'] : []),
  ];
}

/** Notices and warnings (the ones given), each wrapped to `width` columns, as rows. */
export function noteRows(notes: readonly (string | undefined)[], width: number): readonly string[] {
  return notes.flatMap((note) => (note === undefined ? [] : wrapText(note, width, measure)));
}

/** Hints packed into rows of `width` columns, broken only between hints, so none is ever cut. */
export function hintRows(hints: readonly string[], width: number): readonly string[] {
  const rows: string[] = [];
  let current = '';
  for (const hint of hints) {
    const joined = current === '' ? hint : `${current} · ${hint}`;
    if (current !== '' && measure(joined) > width) {
      rows.push(current);
      current = hint;
    } else current = joined;
  }
  if (current !== '') rows.push(current);
  return rows;
}

const ORIGIN_LABEL = {
  generated: 'generated',
  regenerated: 'regenerated',
  edited: 'edited',
  restored: 'kept from an earlier session',
} as const satisfies Record<DraftOrigin, string>;

/** "draft 2 of 3 (edited)". */
export function draftLabel(shown: number, count: number, origin: DraftOrigin): string {
  return `draft ${shown + 1} of ${count} (${ORIGIN_LABEL[origin]})`;
}

/** The engine and where it runs: `gpt-4.1-mini @ api.openai.com`, `offline`. */
export function engineLabel(engine: EngineInfo): string {
  return engine.host === undefined ? engine.name : `${engine.name} @ ${engine.host}`;
}

/** What the prefetch has ready: `next ready`, `next streaming (~1,200 tokens)`, `2 ready, 1 streaming ahead`. */
export function aheadLabel(run: Pick<Run, 'ahead' | 'index'>): string {
  if (run.ahead.length === 0) return '';
  if (run.ahead.length === 1) {
    const [entry] = run.ahead;
    if (entry === undefined) return '';
    const who = entry.index === run.index + 1 ? 'next' : `#${entry.index + 1}`;
    if (entry.status === 'ready') return `${who} ready`;
    if (entry.status === 'failed') return `${who} failed`;
    return `${who} streaming (~${approxTokens(entry.chars)} tokens)`;
  }
  const count = (status: string) => run.ahead.filter((entry) => entry.status === status).length;
  const parts = [`${count('ready')} ready`, `${count('streaming')} streaming`];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  return `${parts.join(', ')} ahead`;
}
