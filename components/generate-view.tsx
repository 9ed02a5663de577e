import { Box, Text } from 'ink';
import { currentEndpoint, type WizardState } from '../src/wizard/machine.ts';
import { approxTokens, formatCost, formatDuration, formatTokens, lastLines } from './format.ts';
import { Lines } from './lines.tsx';
import { MethodLabel } from './method-label.tsx';
import { engineLabel } from './review-body.ts';
import { useGenerateInput } from './use-generate-input.ts';

/** Props of the streaming screen. */
export type GenerateViewProps = {
  readonly state: Extract<WizardState, { step: 'generating' }>;
  readonly now: number;
  readonly height: number;
  readonly isActive: boolean;
  readonly onCancel: () => void;
};

/** Rows the analysis keeps once the plan has started. */
const ANALYSIS_TAIL = 3;

/** One endpoint's plan streaming in: the analysis dimmed, then a bounded tail of the plan, then live figures. */
export function GenerateView(props: GenerateViewProps) {
  const { state, height } = props;
  useGenerateInput(props.onCancel, props.isActive);
  const { run } = state;
  const endpoint = currentEndpoint(run);
  const elapsedMs = Math.max(0, props.now - state.startedAt);
  const tokens = approxTokens(state.chars);
  const perSecond = elapsedMs > 0 ? tokens / (elapsedMs / 1000) : 0;
  const planStarted = state.plan !== '';
  // Header, two labels, status and keys are fixed; the rest is shared by analysis and plan tails.
  const body = Math.max(2, height - 5);
  const analysisRows = planStarted ? Math.min(ANALYSIS_TAIL, Math.floor(body / 3)) : body - 1;
  const planRows = Math.max(1, body - analysisRows);
  const analysis = lastLines(state.analysis, analysisRows);
  const plan = lastLines(state.plan, planRows);
  const note =
    state.request.instructions === undefined ? '' : ` · with instructions: ${state.request.instructions}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>
          Planning {run.index + 1} of {run.queue.length}
        </Text>{' '}
        <MethodLabel method={endpoint.method} pad={false} /> {endpoint.path}
        <Text dimColor>
          {endpoint.title === '' ? '' : ` · ${endpoint.title}`}
          {note}
        </Text>
      </Text>
      <Text dimColor bold>
        Analysis
      </Text>
      {analysis.length === 0 ? (
        <Text dimColor>{planStarted ? '(none)' : (state.retry ?? 'Waiting for the model…')}</Text>
      ) : (
        <Lines lines={analysis} dim />
      )}
      <Text bold>Plan</Text>
      {plan.length === 0 ? <Text dimColor>…</Text> : <Lines lines={plan} />}
      <Text wrap="truncate-end">
        <Text color="cyan">{engineLabel(run.engine)}</Text>
        <Text dimColor>
          {' '}
          · {formatDuration(elapsedMs)} · ~{formatTokens(tokens)} tokens · {perSecond.toFixed(0)} tok/s
          {run.totals.cachedTokens > 0
            ? ` · ${formatTokens(run.totals.cachedTokens)} prompt tokens cached`
            : ''}
          {run.totals.costUsd === undefined ? '' : ` · ${formatCost(run.totals.costUsd)} spent so far`}
        </Text>
      </Text>
      <Text dimColor>Esc cancel (keeps what arrived, unsaved) · Ctrl+C twice quit</Text>
    </Box>
  );
}
