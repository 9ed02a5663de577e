import { render } from 'ink';
import { App } from '../../components/app.tsx';
import { planInputsHash } from '../adapters/inputs-hash.ts';
import { indexHandlers } from '../core/code/match.ts';
import type { CodeMap, Implementation } from '../core/code/model.ts';
import type { DocsLanguage } from '../core/docs/language.ts';
import type { Endpoint, Spec } from '../core/docs/model.ts';
import { describeLlmError } from '../core/llm/errors.ts';
import type { Deps, LlmError, PlanEngine, PlannedFile, Usage } from '../core/ports.ts';
import type { PlanCheck } from '../wizard/findings.ts';
import type { KeptDraft } from '../wizard/machine.ts';

/** What the composition root hands the wizard. */
export type WizardInput = {
  readonly spec: Spec;
  /** The plans already in the folder, from `store.list()`. */
  readonly planned: readonly PlannedFile[];
  readonly deps: Deps;
  /** Builds the offline engine when the user picks it because no model is configured. */
  readonly makeOfflineEngine: () => PlanEngine | Promise<PlanEngine>;
  readonly estimate: (endpoints: readonly Endpoint[]) => { tokens: number; costUsd: number | undefined };
  /** The model name for messages; undefined when no model is configured. */
  readonly modelLabel: string | undefined;
  /** Cost of one request's usage; without it costs show as unknown. */
  readonly costOf?: ((usage: Usage) => number | undefined) | undefined;
  /** The hash of a plan's inputs, kept beside the saved plan; by default sha256 of engine name and endpoint text. */
  readonly inputsHash?: ((endpoint: Endpoint, engine: string) => string) | undefined;
  /** Tokens in one doc, for the docs summary; by default about four characters per token. */
  readonly countTokens?: ((text: string) => number) | undefined;
  /** One sentence for an engine failure; by default `describeLlmError` without a base URL. */
  readonly describeError?: ((error: LlmError) => string) | undefined;
  /** Milliseconds stream deltas are gathered before one redraw. */
  readonly batchMs?: number | undefined;
  /** Endpoints generated ahead of the one under review (0 or undefined: none). */
  readonly prefetch?: number | undefined;
  /** The model server's host, for the status line; undefined for the offline engine. */
  readonly engineHost?: string | undefined;
  /** Unsaved drafts kept from an earlier session, by endpoint id. */
  readonly kept?: Readonly<Record<string, readonly KeptDraft[]>> | undefined;
  /** Endpoint ids whose saved plan is stale (its facts changed since it was saved). */
  readonly stale?: ReadonlySet<string> | undefined;
  /**
   * The context budget's warning (the prompts do not fit the window, or the server may cut them), once the model's
   * engine is ready; the picker shows it. Undefined text: nothing to warn about.
   */
  readonly budgetWarning?: Promise<string | undefined> | undefined;
  /** Called once the first frame is on screen: the moment to start loading what the first screen does not need. */
  readonly onFirstFrame?: (() => void) | undefined;
  /**
   * The rest of the docs, when `spec` holds only the API plan so the picker could show sooner. Until it settles the
   * picker says the other docs are being read; if it rejects, the wizard ends and `startWizard` rejects with it.
   */
  readonly rest?: Promise<WizardRest> | undefined;
  /**
   * Scans the project's code once the first frame is up; the picker marks the endpoints it finds built and shows
   * the scan's progress (files looked at) while a large tree is read for the first time.
   */
  readonly scanCode?: ((onProgress: (files: number) => void) => Promise<CodeMap>) | undefined;
  readonly stdout?: NodeJS.WriteStream | undefined;
  readonly stdin?: NodeJS.ReadStream | undefined;
  readonly stderr?: NodeJS.WriteStream | undefined;
};

/** What arrives once every doc is read: the whole spec and an estimator over it. */
export type WizardRest = {
  readonly spec: Spec;
  /** The fingerprint of an endpoint's facts, recorded with each saved plan. */
  readonly factsFingerprint?: ((endpoint: Endpoint) => string | undefined) | undefined;
  /** Endpoint ids whose saved plan is stale, now that every doc is read. */
  readonly stale?: ReadonlySet<string> | undefined;
  readonly estimate: (endpoints: readonly Endpoint[]) => { tokens: number; costUsd: number | undefined };
  /** The grounding check of each draft against these docs. */
  readonly check?: PlanCheck | undefined;
  /** The plans' language and why, for the docs summary. */
  readonly language?: DocsLanguage | undefined;
};

/**
 * Runs the interactive wizard until the user finishes or quits. Resolves to the exit code: 0 when finished or quit,
 * 130 after Ctrl+C twice. Ink restores the terminal on every way out, a crash included.
 */
export async function startWizard(input: WizardInput): Promise<number> {
  let implemented: ReadonlyMap<string, Implementation> | undefined;
  let codeStatus: string | undefined;
  let budgetWarning: string | undefined;
  const app = (docs: WizardRest, loading: boolean) => (
    <App
      implemented={implemented}
      codeStatus={codeStatus}
      budgetWarning={budgetWarning}
      spec={docs.spec}
      factsFingerprint={docs.factsFingerprint}
      prefetch={input.prefetch ?? 0}
      engineHost={input.engineHost}
      kept={input.kept}
      stale={docs.stale ?? input.stale}
      loading={loading}
      planned={input.planned}
      deps={input.deps}
      makeOfflineEngine={input.makeOfflineEngine}
      estimate={docs.estimate}
      costOf={input.costOf}
      inputsHash={input.inputsHash ?? planInputsHash}
      countTokens={input.countTokens ?? ((text) => Math.ceil(text.length / 4))}
      describeError={input.describeError ?? ((error) => describeLlmError(error))}
      batchMs={input.batchMs ?? 50}
      check={docs.check}
      language={docs.language}
    />
  );
  const instance = render(app({ spec: input.spec, estimate: input.estimate }, input.rest !== undefined), {
    stdout: input.stdout ?? process.stdout,
    stdin: input.stdin ?? process.stdin,
    stderr: input.stderr ?? process.stderr,
    // Ctrl+C is the app's: once cancels the generation, twice quits with 130.
    exitOnCtrlC: false,
    // The wizard only starts on a terminal; with CI=true set Ink would otherwise write nothing but the last frame.
    interactive: true,
    // Console output is routed around the frame only when Ink owns the process's own terminal.
    patchConsole: input.stdout === undefined,
  });
  // Ink writes the first frame synchronously inside render().
  input.onFirstFrame?.();
  let failure: { readonly error: unknown } | undefined;
  let shown: { docs: WizardRest; loading: boolean } = {
    docs: { spec: input.spec, estimate: input.estimate },
    loading: input.rest !== undefined,
  };
  const redraw = () => instance.rerender(app(shown.docs, shown.loading));
  input
    .scanCode?.((files) => {
      // A small tree is done before a status would be read; a large one says how far it is.
      if (files < 1000) return;
      codeStatus = `scanning the code: ${files.toLocaleString('en-US')} files`;
      redraw();
    })
    .then((map) => {
      const handlers = indexHandlers(map);
      implemented = new Map(
        input.spec.api.endpoints.flatMap((e) => {
          const found = handlers.find(e.method, e.path);
          return found === undefined ? [] : [[e.id, found] as const];
        }),
      );
      codeStatus = undefined;
      redraw();
    })
    .catch(() => {
      // Without a code map the picker only lacks the "built" marks.
      codeStatus = undefined;
      redraw();
    });
  void input.budgetWarning?.then((text) => {
    if (text === undefined) return;
    budgetWarning = text;
    redraw();
  });
  input.rest?.then(
    (rest) => {
      shown = { docs: rest, loading: false };
      redraw();
    },
    (error: unknown) => {
      failure = { error };
      instance.unmount();
    },
  );
  try {
    const result = await instance.waitUntilExit();
    if (failure !== undefined) throw failure.error;
    return result === 130 ? 130 : 0;
  } finally {
    instance.unmount();
  }
}
