import { Text } from 'ink';
import { currentEndpoint, type WizardState } from '../src/wizard/machine.ts';
import { MethodLabel } from './method-label.tsx';
import { draftLabel } from './review-body.ts';

/** The review screen's first two rows: which endpoint of the queue, and which draft of it. */
export function ReviewHeader(props: { readonly state: Extract<WizardState, { step: 'reviewing' }> }) {
  const { state } = props;
  const endpoint = currentEndpoint(state.run);
  const draft = state.drafts[state.shown];
  return (
    <>
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
    </>
  );
}
