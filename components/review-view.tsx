import { Box, Text } from 'ink';
import { useState } from 'react';
import { currentEndpoint, type WizardState } from '../src/wizard/machine.ts';
import { formatDuration, linesFrom } from './format.ts';
import { Lines } from './lines.tsx';
import { Menu, type MenuItem } from './menu.tsx';
import { MethodLabel } from './method-label.tsx';
import { TextInput } from './text-input.tsx';
import { useScrollInput } from './use-scroll-input.ts';

type Action = 'save' | 'edit' | 'regenerate' | 'instructions' | 'skip' | 'quit';

/** Props of the review screen. */
export type ReviewViewProps = {
  readonly state: Extract<WizardState, { step: 'reviewing' }>;
  readonly editorCommand: string;
  readonly height: number;
  readonly isActive: boolean;
  readonly onSave: () => void;
  readonly onEdit: () => void;
  readonly onRegenerate: (instructions: string | undefined) => void;
  readonly onSkip: () => void;
  readonly onQuit: () => void;
};

const MAX_PROBLEMS = 3;

/** A finished (or cancelled) draft: its problems, a scrollable preview, and what to do with it. */
export function ReviewView(props: ReviewViewProps) {
  const { state, height } = props;
  const [typing, setTyping] = useState(false);
  const [instructions, setInstructions] = useState('');
  const [offset, setOffset] = useState(0);
  const endpoint = currentEndpoint(state.run);
  const problems = state.problems.slice(0, MAX_PROBLEMS);
  const problemRows = state.problems.length === 0 ? 1 : 1 + problems.length;
  const fixed =
    1 +
    (state.changeSummary === undefined ? 0 : 1) +
    problemRows +
    1 +
    (typing ? 2 : 6) +
    (state.notice ? 1 : 0);
  const previewRows = Math.max(0, height - fixed);
  const { lines, total } = linesFrom(state.plan, offset, previewRows);
  useScrollInput(
    (delta) =>
      setOffset((current) => {
        const last = Math.max(0, total - previewRows);
        if (delta === 'start') return 0;
        if (delta === 'end') return last;
        return Math.max(0, Math.min(last, current + delta));
      }),
    Math.max(1, previewRows - 1),
    props.isActive,
  );
  const items: readonly MenuItem<Action>[] = [
    {
      value: 'save',
      hotkey: 's',
      label: 'Save',
      disabledReason: state.incomplete
        ? 'unavailable: the draft is incomplete (edit or regenerate it)'
        : undefined,
    },
    { value: 'edit', hotkey: 'e', label: `Edit in $EDITOR (${props.editorCommand})` },
    { value: 'regenerate', hotkey: 'r', label: 'Regenerate' },
    { value: 'instructions', hotkey: 'i', label: 'Regenerate with instructions…' },
    { value: 'skip', hotkey: 'k', label: 'Skip this endpoint' },
    { value: 'quit', hotkey: 'q', label: 'Quit (to the summary)' },
  ];
  const act = (action: Action) => {
    if (action === 'save') props.onSave();
    else if (action === 'edit') props.onEdit();
    else if (action === 'regenerate') props.onRegenerate(undefined);
    else if (action === 'instructions') setTyping(true);
    else if (action === 'skip') props.onSkip();
    else props.onQuit();
  };
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>
          Review {state.run.index + 1} of {state.run.queue.length}
        </Text>{' '}
        <MethodLabel method={endpoint.method} pad={false} /> {endpoint.path}
        <Text dimColor> · {formatDuration(state.elapsedMs)}</Text>
        {state.incomplete ? <Text color="red"> · incomplete (cancelled)</Text> : null}
      </Text>
      {state.changeSummary === undefined ? null : (
        <Text color="magenta" wrap="truncate-end">
          {state.changeSummary.startsWith('Edited') ? '' : 'Changed: '}
          {state.changeSummary}
        </Text>
      )}
      {state.problems.length === 0 ? (
        <Text color="green">✓ All checks passed (title, nine sections, method and path, error codes)</Text>
      ) : (
        <Box flexDirection="column">
          <Text color="yellow">
            {state.problems.length} problem{state.problems.length === 1 ? '' : 's'} found
            {state.problems.length > MAX_PROBLEMS ? ` (first ${MAX_PROBLEMS})` : ''}:
          </Text>
          <Lines lines={problems.map((problem) => `  • ${problem.message}`)} />
        </Box>
      )}
      <Text dimColor wrap="truncate-end">
        ── draft · lines {total === 0 ? 0 : offset + 1}–{Math.min(total, offset + previewRows)} of {total} ·
        PgUp/PgDn scroll ──
      </Text>
      {previewRows > 0 ? <Lines lines={lines} /> : null}
      {typing ? (
        <Box flexDirection="column">
          <TextInput
            label="Instructions:"
            value={instructions}
            placeholder="e.g. use cursor pagination; add a 409 for duplicates"
            isActive={props.isActive}
            onChange={setInstructions}
            onSubmit={(text) => {
              setTyping(false);
              props.onRegenerate(text);
            }}
            onCancel={() => setTyping(false)}
          />
          <Text dimColor>Enter regenerate with these instructions · Esc back</Text>
        </Box>
      ) : (
        <Menu
          items={items}
          isActive={props.isActive && !typing}
          onSelect={act}
          onUnavailable={act /* the machine refuses an incomplete save and says why */}
        />
      )}
      {state.notice === undefined ? null : <Text color="yellow">{state.notice}</Text>}
    </Box>
  );
}
