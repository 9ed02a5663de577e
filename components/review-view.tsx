import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { WizardState } from '../src/wizard/machine.ts';
import { formatDuration } from './format.ts';
import {
  aheadLabel,
  changeRows,
  diffRows,
  engineLabel,
  findingRows,
  hintRows,
  noteRows,
  planRows,
  reviewHints,
} from './review-body.ts';
import { ReviewHeader } from './review-header.tsx';
import { questionHint, ReviewPrompt, type ReviewQuestion } from './review-prompt.tsx';
import { Rows } from './rows.tsx';
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
  /** Saves the draft at the path typed (as typed: the app resolves it), offered after a failed save. */
  readonly onSaveElsewhere: (path: string) => void;
  readonly onSkip: () => void;
  readonly onQuit: () => void;
  readonly onDraft: (direction: -1 | 1) => void;
  readonly onToggleDiff: () => void;
};

/** A draft to read: header, findings, the plan wrapped and scrollable (or its changes), status and key hints. */
export function ReviewView(props: ReviewViewProps) {
  const { state, width, height } = props;
  const [question, setQuestion] = useState<ReviewQuestion | undefined>(undefined);
  const [offset, setOffset] = useState(0);
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
  const notice = noteRows([state.notice], width);
  const hints =
    question === undefined
      ? hintRows(reviewHints(props.editorCommand, state.drafts.length > 1, state), width)
      : [questionHint(question)];
  const fixed =
    2 + change.length + 1 + findings.length + 1 + notice.length + 1 + hints.length + (question ? 1 : 0);
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
          else setQuestion('instructions');
        } else if (key === 'w' && state.saveFailed) setQuestion('path');
        else if (key === 'd') {
          setOffset(0);
          props.onToggleDiff();
        } else if (key === 'k') props.onSkip();
        else if (key === 'q') props.onQuit();
      },
    },
    Math.max(1, room - 1),
    props.isActive && question === undefined,
  );
  const percent = body.length <= room ? 100 : Math.round(((top + shown.length) / body.length) * 100);
  const position = `${state.diff ? 'changes' : 'draft'} · rows ${body.length === 0 ? 0 : top + 1}–${top + shown.length} of ${body.length} (${percent}%)`;
  const status = [engineLabel(state.run.engine), formatDuration(state.elapsedMs), aheadLabel(state.run)]
    .filter((part) => part !== '')
    .join(' · ');
  return (
    <Box flexDirection="column">
      <ReviewHeader state={state} />
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
      {question === undefined ? null : (
        <ReviewPrompt
          question={question}
          isActive={props.isActive}
          onSubmit={(text) => {
            setQuestion(undefined);
            if (question === 'path') props.onSaveElsewhere(text);
            else props.onRegenerate(text);
          }}
          onCancel={() => setQuestion(undefined)}
        />
      )}
      <Text dimColor>{hints.join('\n')}</Text>
    </Box>
  );
}
