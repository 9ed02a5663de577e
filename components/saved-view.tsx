import { relative } from 'node:path';
import { Box, Text } from 'ink';
import type { WizardState } from '../src/wizard/machine.ts';
import { aheadLabel } from './review-body.ts';
import { useSavedInput } from './use-saved-input.ts';

/** Props of the saved screen. */
export type SavedViewProps = {
  readonly state: Extract<WizardState, { step: 'saved' }>;
  /** The project root: paths are shown relative to it. */
  readonly root: string;
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
      <Text dimColor>{relative(props.root, state.path)}</Text>
      <Text>
        {done} of {run.queue.length} done
        <Text dimColor>{aheadLabel(run) === '' ? '' : ` · ${aheadLabel(run)}`}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        o open in editor · Enter {last ? 'summary' : 'next endpoint'} · q finish
      </Text>
      {state.notice === undefined ? null : <Text color="yellow">{state.notice}</Text>}
    </Box>
  );
}
