import { relative } from 'node:path';
import { Box, Text } from 'ink';
import { assertNever } from '../src/core/assert-never.ts';
import { wrapText } from '../src/core/text/wrap.ts';
import type { Outcome, WizardState } from '../src/wizard/machine.ts';
import { formatCost, formatDuration, formatTokens } from './format.ts';
import { measure } from './review-body.ts';
import { useSummaryInput } from './use-summary-input.ts';

/** Props of the summary screen. */
export type SummaryViewProps = {
  readonly state: Extract<WizardState, { step: 'summary' }>;
  readonly height: number;
  /** Columns: lines wrap to it, so no file name is cut. */
  readonly width?: number | undefined;
  /** The project root: paths are shown relative to it. */
  readonly root?: string | undefined;
  readonly isActive: boolean;
  readonly onOpen: () => void;
  readonly onExit: () => void;
};

type Line = {
  readonly key: string;
  readonly text: string;
  readonly color?: 'green' | 'yellow' | 'red' | 'gray';
};

function outcomeLine(outcome: Outcome, index: number, root: string | undefined): Line {
  const { method, path } = outcome.endpoint;
  const key = `${index}`;
  switch (outcome.kind) {
    case 'saved':
      return {
        key,
        text: `  ✓ ${method} ${path} → ${root === undefined ? outcome.path : relative(root, outcome.path)}`,
        color: 'green',
      };
    case 'skipped':
      return { key, text: `  – ${method} ${path}`, color: 'gray' };
    case 'failed':
      return { key, text: `  ✗ ${method} ${path}: ${outcome.message}`, color: 'red' };
    default:
      return assertNever(outcome);
  }
}

/** The run's end: what was saved (with paths), skipped and failed, tokens, cost and time. */
export function SummaryView(props: SummaryViewProps) {
  const { state } = props;
  useSummaryInput(props, props.isActive);
  const count = (kind: Outcome['kind']) => state.outcomes.filter((outcome) => outcome.kind === kind).length;
  const saved = count('saved');
  const lines: Line[] = state.outcomes.flatMap((outcome, index) => {
    const line = outcomeLine(outcome, index, props.root);
    return wrapText(line.text, (props.width ?? 80) - 4, measure).map((text, row) => ({
      ...line,
      key: `${line.key}-${row}`,
      text: row === 0 ? text : `    ${text.trimStart()}`,
    }));
  });
  for (const endpoint of state.notReached) {
    lines.push({
      key: `n-${endpoint.id}`,
      text: `  · ${endpoint.method} ${endpoint.path} (not reached)`,
      color: 'gray',
    });
  }
  const { totals } = state;
  const tokens = totals.promptTokens + totals.completionTokens;
  const room = Math.max(1, props.height - 6);
  const shown = lines.length <= room ? lines : lines.slice(0, room - 1);
  const cost =
    state.engine.kind === 'offline'
      ? 'no cost (offline engine)'
      : totals.costUsd === undefined
        ? 'unknown (no price known for this server or model)'
        : `${formatCost(totals.costUsd)}${totals.unpriced > 0 ? ' (some requests unpriced)' : ''}`;
  const discarded =
    state.discarded === 0
      ? ''
      : ` · ${state.discarded} prefetched plan${state.discarded === 1 ? '' : 's'} not reviewed, counted above`;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Done in {formatDuration(state.elapsedMs)}: {saved} saved, {count('skipped')} skipped,{' '}
        {count('failed')} failed
        {state.notReached.length > 0 ? `, ${state.notReached.length} not reached` : ''}
      </Text>
      {shown.map((line) => (
        <Text key={line.key} {...(line.color === undefined ? {} : { color: line.color })} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
      {shown.length < lines.length ? <Text dimColor>… and {lines.length - shown.length} more</Text> : null}
      <Text wrap="truncate-end">
        Tokens: {tokens === 0 ? '—' : formatTokens(tokens)}
        <Text dimColor>
          {tokens === 0
            ? ''
            : ` (prompt ${formatTokens(totals.promptTokens)}${totals.cachedTokens > 0 ? `, ${formatTokens(totals.cachedTokens)} of them cached` : ''}, completion ${formatTokens(totals.completionTokens)})`}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        Cost: {cost}
        <Text dimColor>{discarded}</Text>
      </Text>
      {props.isActive ? (
        <Text dimColor>{saved > 0 ? 'o open all saved plans · ' : ''}Enter or q exit</Text>
      ) : null}
      {state.notice === undefined ? null : <Text color="yellow">{state.notice}</Text>}
    </Box>
  );
}

/** What stays on screen after the wizard ends: the summary, or a line after a Ctrl+C quit. */
export function DoneView(props: {
  readonly state: Extract<WizardState, { step: 'done' }>;
  readonly height: number;
  readonly width?: number | undefined;
  readonly root?: string | undefined;
}) {
  const { state } = props;
  if (state.summary !== undefined) {
    const summary = (
      <SummaryView
        state={state.summary}
        height={props.height - 1}
        width={props.width}
        root={props.root}
        isActive={false}
        onOpen={noop}
        onExit={noop}
      />
    );
    if (state.exitCode !== 130) return summary;
    return (
      <Box flexDirection="column">
        <Text dimColor>Stopped with Ctrl+C: nothing partial was saved.</Text>
        {summary}
      </Box>
    );
  }
  return state.exitCode === 130 ? <Text dimColor>Stopped: nothing partial was saved.</Text> : null;
}

const noop = (): void => {};
