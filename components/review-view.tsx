import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { wrapText } from '../src/core/text/wrap.ts';
import { currentEndpoint, type WizardState } from '../src/wizard/machine.ts';
import { formatDuration } from './format.ts';
import { MethodLabel } from './method-label.tsx';
import {
  aheadLabel,
  changeRows,
  diffRows,
  draftLabel,
  engineLabel,
  findingRows,
  hintRows,
  measure,
  planRows,
  reviewHints,
} from './review-body.ts';
import { Rows } from './rows.tsx';
import { TextInput } from './text-input.tsx';
import { useReviewInput } from './use-review-input.ts';

/** Props of the review screen. */
export type ReviewViewProps = {
  readonly state: Extract<WizardState, { step: 'reviewing' }>;
  /** Problems and findings about the draft shown, one sentence each; they wrap. */
  readonly findings: readonly string[];
  readonly editorCommand: string;
  readonly width: number;
  readonly height: number;
  readonly isActive: boolean;
  readonly onSave: () => void;
  readonly onEdit: () => void;
  readonly onRegenerate: (instructions: string | undefined) => void;
  readonly onSkip: () => void;
  readonly onQuit: () => void;
  readonly onDraft: (direction: -1 | 1) => void;
  readonly onToggleDiff: () => void;
};

/** A draft to read: header, findings, the plan wrapped and scrollable (or its changes), status and key hints. */
export function ReviewView(props: ReviewViewProps) {
  const { state, width, height } = props;
  const [typing, setTyping] = useState(false);
  const [instructions, setInstructions] = useState('');
  const [offset, setOffset] = useState(0);
  const endpoint = currentEndpoint(state.run);
  const draft = state.drafts[state.shown];
  const previous = state.drafts[state.shown - 1];
  const body = useMemo(
    () =>
      state.diff && previous !== undefined
        ? diffRows(previous.plan, state.plan, width)
        : planRows(state.plan, width),
    [state.diff, state.plan, previous, width],
  );
  const findings = findingRows(props.findings, width, Math.max(2, Math.floor(height / 4)));
  const change = changeRows(state.changeSummary, width);
  const notice = state.notice === undefined ? [] : wrapText(state.notice, width, measure);
  const hints = typing
    ? ['Enter regenerate with these instructions · Esc back']
    : hintRows(reviewHints(props.editorCommand, state.drafts.length > 1, state.incomplete), width);
  const fixed =
    2 + change.length + 1 + findings.length + 1 + notice.length + 1 + hints.length + (typing ? 1 : 0);
  const room = Math.max(1, height - fixed);
  const last = Math.max(0, body.length - room);
  const top = Math.min(offset, last);
  const shown = body.slice(top, top + room);
  useReviewInput(
    {
      onScroll: (delta) =>
        setOffset(() =>
          delta === 'start' ? 0 : delta === 'end' ? last : Math.max(0, Math.min(last, top + delta)),
        ),
      onDraft: (direction) => {
        setOffset(0);
        props.onDraft(direction);
      },
      onKey: (key) => {
        if (key === 's') props.onSave();
        else if (key === 'e') props.onEdit();
        else if (key === 'r') props.onRegenerate(undefined);
        else if (key === 'i') {
          // The machine answers that the offline engine cannot follow instructions.
          if (state.run.engine.kind === 'offline') props.onRegenerate('');
          else setTyping(true);
        } else if (key === 'd') {
          setOffset(0);
          props.onToggleDiff();
        } else if (key === 'k') props.onSkip();
        else if (key === 'q') props.onQuit();
      },
    },
    Math.max(1, room - 1),
    props.isActive && !typing,
  );
  const percent = body.length <= room ? 100 : Math.round(((top + shown.length) / body.length) * 100);
  const position = `${state.diff ? 'changes' : 'draft'} · rows ${body.length === 0 ? 0 : top + 1}–${top + shown.length} of ${body.length} (${percent}%)`;
  const status = [engineLabel(state.run.engine), formatDuration(state.elapsedMs), aheadLabel(state.run)]
    .filter((part) => part !== '')
    .join(' · ');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>
          Review {state.run.index + 1} of {state.run.queue.length}
        </Text>{' '}
        <MethodLabel method={endpoint.method} pad={false} /> {endpoint.path}
      </Text>
      <Text wrap="truncate-end">
        <Text color="cyan">
          {draft === undefined ? '' : draftLabel(state.shown, state.drafts.length, draft.origin)}
        </Text>
        {state.incomplete ? <Text color="red"> · incomplete (cancelled)</Text> : null}
      </Text>
      {change.length === 0 ? null : <Rows rows={change.map((text) => ({ text }))} />}
      {props.findings.length === 0 ? (
        <Text color="green">✓ All checks passed</Text>
      ) : (
        <Text color="yellow">
          {props.findings.length} problem{props.findings.length === 1 ? '' : 's'} found:
        </Text>
      )}
      {findings.length === 0 ? null : <Rows rows={findings} />}
      <Text dimColor wrap="truncate-end">
        ── {position} ──
      </Text>
      <Rows rows={shown} />
      {notice.length === 0 ? null : <Text color="yellow">{notice.join('\n')}</Text>}
      <Text dimColor wrap="truncate-end">
        {status}
      </Text>
      {typing ? (
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
      ) : null}
      <Text dimColor>{hints.join('\n')}</Text>
    </Box>
  );
}
