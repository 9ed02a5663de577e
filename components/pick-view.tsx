import { Box, Text } from 'ink';
import type { Diagnostic } from '../src/core/docs/model.ts';
import { visibleRows, type WizardEvent, type WizardState } from '../src/wizard/machine.ts';
import { type DocInfo, DocsSummary, docsSummaryHeight } from './docs-summary.tsx';
import { EndpointRow, routeWidth } from './endpoint-row.tsx';
import { estimateText } from './format.ts';
import { engineLabel, hintRows, noteRows } from './review-body.ts';
import { usePickInput } from './use-pick-input.ts';

/** The estimated size of the selection, from the prompt builder and the price table. */
export type Estimate = { readonly tokens: number; readonly costUsd: number | undefined };

/** Props of the pick screen. */
export type PickViewProps = {
  readonly state: Extract<WizardState, { step: 'picking' }>;
  readonly docs: readonly DocInfo[];
  readonly diagnostics: readonly Diagnostic[];
  readonly estimate: Estimate;
  /** The docs besides the API plan are still being read: no estimate yet, and no doc is "not found" yet. */
  readonly loading?: boolean | undefined;
  readonly codeStatus?: string | undefined;
  /** A warning that stays on screen while picking (the context budget's), above the notice. */
  readonly warning?: string | undefined;
  /** Columns of the terminal: the key hints are packed into rows this wide. */
  readonly width?: number | undefined;
  /** Rows the view may use; the list is windowed to fit. */
  readonly height: number;
  readonly isActive: boolean;
  readonly onEvent: (event: WizardEvent) => void;
  readonly onStart: () => void;
  readonly onQuit: () => void;
};

const PICK_HINTS = [
  '↑↓ move',
  'Space toggle',
  'a all/none',
  '/ filter',
  'Shift+↑↓ or K/J reorder',
  'Enter start',
  'q quit',
];

/** First index of a window of `size` rows over `count` rows that keeps `cursor` in view, centred when it can. */
export function windowStart(cursor: number, count: number, size: number): number {
  if (count <= size) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(size / 2), count - size));
}

/** The first screen: the docs found, then every endpoint to select and order. */
export function PickView(props: PickViewProps) {
  const { state, height, onEvent } = props;
  usePickInput(
    state,
    {
      onCursorUp: () => onEvent({ type: 'cursor-up' }),
      onCursorDown: () => onEvent({ type: 'cursor-down' }),
      onToggle: () => onEvent({ type: 'toggle' }),
      onToggleAll: () => onEvent({ type: 'toggle-all' }),
      onMoveUp: () => onEvent({ type: 'move-up' }),
      onMoveDown: () => onEvent({ type: 'move-down' }),
      onFilterStart: () => onEvent({ type: 'filter-start' }),
      onFilterText: (text) => onEvent({ type: 'filter-text', text }),
      onFilterEnd: (keep) => onEvent({ type: 'filter-end', keep }),
      onStart: props.onStart,
      onQuit: props.onQuit,
    },
    props.isActive,
  );
  const visible = visibleRows(state);
  const selected = state.rows.filter((row) => row.selected).length;
  const hints = hintRows(PICK_HINTS, props.width ?? 80);
  const notes = noteRows([props.warning, state.notice], props.width ?? 80);
  const fixed = 3 + hints.length + notes.length;
  const docsLines = Math.min(
    docsSummaryHeight(props.docs, props.diagnostics),
    Math.max(1, Math.floor(height / 4)),
    Math.max(0, height - fixed - 3),
  );
  const listSize = Math.max(1, height - fixed - docsLines);
  const start = windowStart(state.cursor, visible.length, listSize);
  const shown = visible.slice(start, start + listSize);
  // Paths are padded to the longest one shown (capped), so the titles line up.
  const pathWidth = Math.min(
    48,
    Math.max(0, ...shown.map((i) => routeWidth(state.rows[i]?.endpoint ?? { path: '', query: undefined }))),
  );
  const range =
    visible.length > listSize ? ` · ${start + 1}–${start + shown.length} of ${visible.length}` : '';
  const filterText = state.filtering
    ? `Filter: ${state.filter}█  (Enter keep · Esc clear)`
    : state.filter === ''
      ? ''
      : `Filter: "${state.filter}" (Esc clears)`;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        endpoint-planner <Text dimColor>· engine: {engineLabel(state.engine)}</Text>
      </Text>
      {docsLines > 0 ? (
        <DocsSummary
          docs={props.docs}
          diagnostics={props.diagnostics}
          maxLines={docsLines}
          loading={props.loading === true}
        />
      ) : null}
      <Text wrap="truncate-end">
        <Text bold>Endpoints</Text>
        <Text dimColor>
          {' '}
          ({state.rows.length}){range}
        </Text>
        {filterText === '' ? '' : <Text color="cyan"> {filterText}</Text>}
      </Text>
      {shown.length === 0 ? <Text dimColor>No endpoint matches the filter.</Text> : null}
      {shown.map((rowIndex, offset) => {
        const row = state.rows[rowIndex];
        if (row === undefined) return null;
        return (
          <EndpointRow
            key={row.endpoint.id}
            row={row}
            position={rowIndex + 1}
            highlighted={start + offset === state.cursor}
            pathWidth={pathWidth}
            width={props.width}
          />
        );
      })}
      <Text wrap="truncate-end">
        <Text bold color={selected === 0 ? 'yellow' : 'green'}>
          {selected} selected
        </Text>
        <Text dimColor>
          {' '}
          ·{' '}
          {props.loading === true
            ? 'estimating…'
            : estimateText(state.engine.kind, props.estimate, state.prefetch)}
          {props.codeStatus === undefined ? '' : ` · ${props.codeStatus}`}
        </Text>
      </Text>
      <Text dimColor>{hints.join('\n')}</Text>
      {notes.length === 0 ? null : <Text color="yellow">{notes.join('\n')}</Text>}
    </Box>
  );
}
