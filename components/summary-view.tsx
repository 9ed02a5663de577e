import { Box, Text } from 'ink';
import { assertNever } from '../src/core/assert-never.ts';
import type { Outcome, WizardState } from '../src/wizard/machine.ts';
import { formatCost, formatDuration, formatTokens } from './format.ts';
import { useSummaryInput } from './use-summary-input.ts';

/** Props of the summary screen. */
export type SummaryViewProps = {
  readonly state: Extract<WizardState, { step: 'summary' }>;
  readonly height: number;
  readonly isActive: boolean;
  readonly onOpen: () => void;
  readonly onExit: () => void;
};

type Line = {
  readonly key: string;
  readonly text: string;
  readonly color?: 'green' | 'yellow' | 'red' | 'gray';
};

function outcomeLine(outcome: Outcome, index: number): Line {
  const { method, path } = outcome.endpoint;
  const key = `${index}`;
  switch (outcome.kind) {
    case 'saved':
      return { key, text: `  ✓ ${method} ${path} → ${outcome.path}`, color: 'green' };
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
  const lines: Line[] = state.outcomes.map(outcomeLine);
  for (const endpoint of state.notReached) {
    lines.push({
      key: `n-${endpoint.id}`,
      text: `  · ${endpoint.method} ${endpoint.path} (not reached)`,
      color: 'gray',
    });
  }
  const { totals } = state;
  const tokens = totals.promptTokens + totals.completionTokens;
  const room = Math.max(1, props.height - 5);
  const shown = lines.length <= room ? lines : lines.slice(0, room - 1);
  const cost =
    state.engine.kind === 'offline'
      ? 'no cost (offline engine)'
      : `${formatCost(totals.costUsd)}${totals.unpriced > 0 && totals.costUsd !== undefined ? ' (some requests unpriced)' : ''}`;
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
            : ` (prompt ${formatTokens(totals.promptTokens)}, completion ${formatTokens(totals.completionTokens)})`}
        </Text>{' '}
        · Cost: {cost}
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
}) {
  const { state } = props;
  if (state.summary !== undefined) {
    const summary = (
      <SummaryView
        state={state.summary}
        height={props.height - 1}
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
