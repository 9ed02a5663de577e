import { Box, Text } from 'ink';
import type { WizardState } from '../src/wizard/machine.ts';
import { useSavedInput } from './use-saved-input.ts';

/** Props of the saved screen. */
export type SavedViewProps = {
  readonly state: Extract<WizardState, { step: 'saved' }>;
  readonly isActive: boolean;
  readonly onOpen: () => void;
  readonly onNext: () => void;
  readonly onQuit: () => void;
};

/** A plan was written: where, and what next. */
export function SavedView(props: SavedViewProps) {
  const { state } = props;
  useSavedInput(props, props.isActive);
  const { run } = state;
  const done = run.index + 1;
  const last = done >= run.queue.length;
  return (
    <Box flexDirection="column">
      <Text color="green" bold wrap="truncate-end">
        ✓ Saved {state.file}
      </Text>
      <Text dimColor wrap="truncate-end">
        {state.path}
      </Text>
      <Text>
        {done} of {run.queue.length} done
      </Text>
      <Text dimColor wrap="truncate-end">
        o open in editor · Enter {last ? 'summary' : 'next endpoint'} · q finish
      </Text>
      {state.notice === undefined ? null : <Text color="yellow">{state.notice}</Text>}
    </Box>
  );
}
