import { Box, Text } from 'ink';
import { currentEndpoint, type WizardState } from '../src/wizard/machine.ts';
import { Menu } from './menu.tsx';
import { MethodLabel } from './method-label.tsx';

/** Props of the failure screen. */
export type FailedViewProps = {
  readonly state: Extract<WizardState, { step: 'failed' }>;
  readonly isActive: boolean;
  readonly onRetry: () => void;
  /** Back to the drafts this endpoint already has (a regeneration failed). */
  readonly onBack: () => void;
  readonly onSkip: () => void;
  readonly onQuit: () => void;
};

/** A generation failed: the reason in one sentence, then retry, skip or quit. */
export function FailedView(props: FailedViewProps) {
  const { state } = props;
  const endpoint = currentEndpoint(state.run);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color="red" bold>
          ✗ Failed {state.run.index + 1} of {state.run.queue.length}
        </Text>{' '}
        <MethodLabel method={endpoint.method} pad={false} /> {endpoint.path}
      </Text>
      <Text>{state.message}</Text>
      <Menu
        items={[
          { value: 'retry', hotkey: 'r', label: 'Retry' },
          ...(state.drafts.length === 0
            ? []
            : [
                {
                  value: 'back' as const,
                  hotkey: 'b',
                  label: `Back to the ${state.drafts.length} draft(s) kept`,
                },
              ]),
          // A run-level failure would fail the next endpoint alike: the queue is kept for a retry.
          ...(state.runLevel
            ? []
            : [{ value: 'skip' as const, hotkey: 'k', label: 'Skip (listed as failed)' }]),
          { value: 'quit', hotkey: 'q', label: 'Quit (to the summary)' },
        ]}
        isActive={props.isActive}
        onSelect={(value) => {
          if (value === 'retry') props.onRetry();
          else if (value === 'back') props.onBack();
          else if (value === 'skip') props.onSkip();
          else props.onQuit();
        }}
        onUnavailable={() => undefined}
      />
    </Box>
  );
}
