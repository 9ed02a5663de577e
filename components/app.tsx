import { Box, Text, useInput, useWindowSize } from 'ink';
import { useEffect, useMemo } from 'react';
import { assertNever } from '../src/core/assert-never.ts';
import { useWizard } from '../src/wizard/use-wizard.ts';
import { type AppProps, wizardOptions } from './app-props.ts';
import { ChooseEngineView } from './choose-engine-view.tsx';
import { allDiagnostics, docsFromSpec } from './docs-summary.tsx';
import { FailedView } from './failed-view.tsx';
import { GenerateView } from './generate-view.tsx';
import { PickView } from './pick-view.tsx';
import { ReviewView } from './review-view.tsx';
import { SavedView } from './saved-view.tsx';
import { DoneView, SummaryView } from './summary-view.tsx';
import { useSelectionEstimate } from './use-selection-estimate.ts';

export type { AppProps } from './app-props.ts';

/** The wizard's root: runs the machine and shows the view of the current step, fitted to the terminal. */
export function App(props: AppProps) {
  const { spec, deps } = props;
  const wizard = useWizard(wizardOptions(props));
  const { state, send } = wizard;
  // Plans found stale once every doc is read are marked (and selected) on the picker.
  useEffect(() => {
    if (props.stale !== undefined) send({ type: 'facts-known', stale: props.stale });
  }, [props.stale, send]);
  // Endpoints the code already implements are marked on the picker (and no longer preselected).
  useEffect(() => {
    if (props.implemented !== undefined) send({ type: 'code-known', implemented: props.implemented });
  }, [props.implemented, send]);
  const { rows, columns } = useWindowSize();
  useInput((input, key) => {
    if (key.ctrl && input === 'c') wizard.interrupt();
  });
  const docs = useMemo(
    () => docsFromSpec(spec, props.countTokens, props.language),
    [spec, props.countTokens, props.language],
  );
  const diagnostics = useMemo(() => allDiagnostics(spec), [spec]);
  const selection = useMemo(
    () =>
      state.step === 'picking' ? state.rows.filter((row) => row.selected).map((row) => row.endpoint) : [],
    [state],
  );
  // While the other docs load the picker says "estimating…": the first frame does not build a prompt.
  const estimate = useSelectionEstimate(props.estimate, props.loading === true ? [] : selection);
  // One row stays free: a frame as tall as the terminal makes Ink clear the screen on every update.
  const height = Math.max(6, rows - 1 - (wizard.flash === undefined ? 0 : 1));
  const view = (() => {
    switch (state.step) {
      case 'choosing-engine':
        return (
          <ChooseEngineView
            endpointCount={state.rows.length}
            isActive
            onOffline={wizard.chooseOffline}
            onQuit={wizard.quit}
          />
        );
      case 'picking':
        return (
          <PickView
            state={state}
            docs={docs}
            diagnostics={diagnostics}
            estimate={estimate}
            loading={props.loading === true}
            codeStatus={props.codeStatus}
            warning={props.budgetWarning}
            width={columns}
            height={height}
            isActive
            onEvent={wizard.send}
            onStart={wizard.start}
            onQuit={wizard.quit}
          />
        );
      case 'generating':
        return (
          <GenerateView state={state} now={wizard.now()} height={height} isActive onCancel={wizard.cancel} />
        );
      case 'reviewing':
        return (
          <ReviewView
            key={state.generationId}
            state={state}
            findings={state.problems.map((problem) => problem.message)}
            editorCommand={deps.editor.command}
            width={Math.max(20, columns)}
            height={height}
            isActive
            onDraft={(direction) => wizard.send({ type: direction < 0 ? 'draft-previous' : 'draft-next' })}
            onToggleDiff={() => wizard.send({ type: 'toggle-diff' })}
            onSave={wizard.save}
            onSaveElsewhere={wizard.saveElsewhere}
            onEdit={wizard.edit}
            onRegenerate={wizard.regenerate}
            onSkip={wizard.skip}
            onQuit={wizard.quit}
          />
        );
      case 'saving':
        return <Text dimColor>Saving…</Text>;
      case 'failed':
        return (
          <FailedView
            state={state}
            isActive
            onBack={() => wizard.send({ type: 'back-to-drafts' })}
            onRetry={wizard.retry}
            onSkip={wizard.skip}
            onQuit={wizard.quit}
          />
        );
      case 'saved':
        return (
          <SavedView
            state={state}
            root={spec.root}
            isActive
            onOpen={wizard.open}
            onNext={wizard.next}
            onQuit={wizard.quit}
          />
        );
      case 'summary':
        return (
          <SummaryView
            state={state}
            height={height}
            width={columns}
            root={spec.root}
            isActive
            onOpen={wizard.open}
            onExit={wizard.next}
          />
        );
      case 'done':
        return <DoneView state={state} height={height} width={columns} root={spec.root} />;
      default:
        return assertNever(state);
    }
  })();
  return (
    <Box flexDirection="column">
      {view}
      {wizard.flash === undefined ? null : <Text color="yellow">{wizard.flash}</Text>}
    </Box>
  );
}
