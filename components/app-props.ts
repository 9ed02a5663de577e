import type { Implementation } from '../src/core/code/model.ts';
import type { DocsLanguage } from '../src/core/docs/language.ts';
import type { Endpoint, Spec } from '../src/core/docs/model.ts';
import type { Deps, LlmError, PlanEngine, PlannedFile, Usage } from '../src/core/ports.ts';
import type { PlanCheck } from '../src/wizard/findings.ts';
import type { KeptDraft } from '../src/wizard/machine.ts';
import type { WizardOptions } from '../src/wizard/use-wizard.ts';
import type { Estimate } from './pick-view.tsx';

/** Everything the wizard needs, built by the composition root. */
export type AppProps = {
  readonly spec: Spec;
  /** `spec` holds only the API plan while the other docs are still being read. */
  readonly loading?: boolean | undefined;
  readonly planned: readonly PlannedFile[];
  readonly deps: Deps;
  readonly makeOfflineEngine: () => PlanEngine | Promise<PlanEngine>;
  readonly estimate: (endpoints: readonly Endpoint[]) => Estimate;
  readonly costOf: ((usage: Usage) => number | undefined) | undefined;
  readonly inputsHash: (endpoint: Endpoint, engine: string) => string;
  readonly countTokens: (text: string) => number;
  readonly describeError: (error: LlmError) => string;
  readonly batchMs: number;
  readonly factsFingerprint?: ((endpoint: Endpoint) => string | undefined) | undefined;
  readonly prefetch?: number | undefined;
  readonly engineHost?: string | undefined;
  readonly kept?: Readonly<Record<string, readonly KeptDraft[]>> | undefined;
  readonly stale?: ReadonlySet<string> | undefined;
  /** The grounding check of each draft; its findings are listed above the review menu. */
  readonly check?: PlanCheck | undefined;
  /** The plans' language and why, for the docs summary. */
  readonly language?: DocsLanguage | undefined;
  /** Handlers found in the project's code, by endpoint id, once the code scan is done. */
  readonly implemented?: ReadonlyMap<string, Implementation> | undefined;
  /** What the code scan is doing while it runs ("scanning the code: 1,200 files"), for the picker's footer. */
  readonly codeStatus?: string | undefined;
  /** The context budget's warning, shown on the picker. */
  readonly budgetWarning?: string | undefined;
};

/** What the wizard's effects are given, from the app's props. */
export function wizardOptions(props: AppProps): WizardOptions {
  const { spec, deps } = props;
  return {
    init: {
      endpoints: spec.api.endpoints,
      planned: props.planned,
      engine:
        deps.engine === undefined
          ? undefined
          : { name: deps.engine.name, kind: deps.engine.kind, host: props.engineHost },
      prefetch: props.prefetch,
      kept: props.kept,
      stale: props.stale,
    },
    factsFingerprint: props.factsFingerprint,
    deps,
    root: spec.root,
    makeOfflineEngine: props.makeOfflineEngine,
    costOf: props.costOf,
    inputsHash: props.inputsHash,
    describeError: props.describeError,
    batchMs: props.batchMs,
    check: props.check,
  };
}
