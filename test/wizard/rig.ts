import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsDraftStore, DRAFTS_DIR } from '../../src/adapters/fs-drafts.ts';
import { createFsPlanStore } from '../../src/adapters/fs-store.ts';
import { startWizard } from '../../src/commands/wizard.tsx';
import type { Endpoint } from '../../src/core/docs/model.ts';
import type { Editor, EditorResult, PlanEngine, PlannedFile } from '../../src/core/ports.ts';
import type { KeptDraft } from '../../src/wizard/machine.ts';
import { anApiPlan, anEndpoint, aSpec } from '../support/builders.ts';
import { createGatedEngine, type GatedEngine } from '../support/gated-engine.ts';
import { waitForFrame, waitUntil } from '../support/wait-for-frame.ts';
import { FakeTty, FakeTtyInput } from './tty.ts';

/** A fake editor: `edit` applies `change`, `open` records the paths. */
export type FakeEditor = Editor & { readonly opened: string[][]; result: EditorResult | undefined };

/** An editor whose edit appends a line (or returns `result` when set). */
export function aFakeEditor(
  change: (text: string) => string = (text) => `${text}\nEdited by hand.\n`,
): FakeEditor {
  const editor: FakeEditor = {
    command: 'fake-editor',
    opened: [],
    result: undefined,
    edit: (text) => editor.result ?? { kind: 'ok', text: change(text) },
    open: (paths) => {
      editor.opened.push([...paths]);
      return editor.result ?? { kind: 'ok', text: '' };
    },
  };
  return editor;
}

/** Three endpoints of a flashcards API. */
export const endpoints = {
  list: anEndpoint({ method: 'GET', path: '/api/flashcards', title: 'List flashcards' }),
  create: anEndpoint({
    method: 'POST',
    path: '/api/flashcards',
    title: 'Create flashcards',
    errorCodes: [400],
  }),
  remove: anEndpoint({
    method: 'DELETE',
    path: '/api/flashcards/{id}',
    title: 'Delete a flashcard',
    errorCodes: [404],
  }),
};

/** The whole wizard on a fake terminal, a gated engine and a real temp plans folder. */
export type Rig = {
  readonly stdout: FakeTty;
  readonly stdin: FakeTtyInput;
  readonly engine: GatedEngine;
  readonly offline: GatedEngine;
  readonly editor: FakeEditor;
  readonly plansDir: string;
  /** The unsaved drafts kept on disk for `endpointId`, or undefined when none are. */
  keptOnDisk(endpointId: string): { drafts: { plan: string; origin: string }[] } | undefined;
  readonly exitCode: Promise<number>;
  readonly clock: { time: number; now(): number };
  frame(): string;
  press(...keys: string[]): void;
  waitFor(matches: (frame: string) => boolean): Promise<string>;
  waitForText(text: string): Promise<string>;
  /** Waits until the engine has received `count` requests. */
  waitForRequests(count: number): Promise<void>;
  savedFiles(): string[];
  read(file: string): string;
  dispose(): Promise<void>;
};

/** Starts the wizard; without a model (`engine: 'none'`) it offers the gated offline engine. */
export async function startRig(
  options: {
    endpoints?: readonly Endpoint[];
    planned?: readonly PlannedFile[];
    engine?: 'model' | 'none';
    columns?: number;
    rows?: number;
    editor?: FakeEditor;
    /** Plans generated ahead of the one under review (default 0). */
    prefetch?: number;
    /** Unsaved drafts from an earlier session, by endpoint id. */
    kept?: Readonly<Record<string, readonly KeptDraft[]>>;
    /** Engine host for the status line. */
    engineHost?: string;
    /** The plans folder; by default `plans` in a fresh temp folder. */
    plansDir?: string;
    /** The project root paths typed in the wizard are resolved against; by default `/project`. */
    root?: string;
    /** Where plans that cannot be saved go besides the plans folder's own sidecar folder. */
    unsavedFolders?: readonly string[];
    /** Endpoint ids whose saved plan is stale. */
    stale?: ReadonlySet<string>;
  } = {},
): Promise<Rig> {
  const root = mkdtempSync(join(tmpdir(), 'wizard-rig-'));
  const plansDir = options.plansDir ?? join(root, 'plans');
  const store = createFsPlanStore(plansDir, {
    unsavedFolders: options.unsavedFolders ?? [join(root, 'state')],
  });
  const clockForDrafts = { now: () => clock.now() };
  const drafts = createFsDraftStore(plansDir, clockForDrafts);
  const engine = createGatedEngine({ name: 'gpt-test' });
  const offline = createGatedEngine({ name: 'offline', kind: 'offline' });
  const editor = options.editor ?? aFakeEditor();
  const stdout = new FakeTty(options.columns ?? 100, options.rows ?? 30);
  const stdin = new FakeTtyInput();
  const clock = {
    time: 1_000_000,
    now() {
      return clock.time;
    },
  };
  const list = options.endpoints ?? [endpoints.list, endpoints.create, endpoints.remove];
  const useModel = (options.engine ?? 'model') === 'model';
  const exitCode = startWizard({
    spec: aSpec({ api: anApiPlan(list), ...(options.root === undefined ? {} : { root: options.root }) }),
    planned: options.planned ?? [],
    deps: { engine: useModel ? engine : undefined, store, editor, clock, drafts },
    prefetch: options.prefetch ?? 0,
    kept: options.kept,
    engineHost: options.engineHost,
    stale: options.stale,
    makeOfflineEngine: (): PlanEngine => offline,
    estimate: (selection) => ({ tokens: selection.length * 3000, costUsd: selection.length * 0.002 }),
    modelLabel: useModel ? 'gpt-test' : undefined,
    costOf: (usage) => (usage.promptTokens + usage.completionTokens) / 1_000_000,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeTty() as unknown as NodeJS.WriteStream,
  });
  const rig: Rig = {
    stdout,
    stdin,
    engine,
    offline,
    editor,
    plansDir,
    exitCode,
    clock,
    frame: () => stdout.lastFrame(),
    press: (...keys) => {
      for (const key of keys) stdin.write(key);
    },
    waitFor: (matches) => waitForFrame(stdout, matches),
    waitForText: (text) => waitForFrame(stdout, (frame) => frame.includes(text)),
    waitForRequests: (count) =>
      waitUntil(() => engine.requests.length + offline.requests.length >= count, `${count} engine requests`),
    savedFiles: () => {
      try {
        return readdirSync(plansDir)
          .filter((name) => name.endsWith('.md'))
          .sort();
      } catch {
        return [];
      }
    },
    read: (file) => readFileSync(join(plansDir, file), 'utf8'),
    keptOnDisk: (endpointId) => {
      try {
        return JSON.parse(
          readFileSync(join(plansDir, DRAFTS_DIR, `${encodeURIComponent(endpointId)}.json`), 'utf8'),
        );
      } catch {
        return undefined;
      }
    },
    dispose: async () => {
      stdin.write('\u0003');
      stdin.write('\u0003');
      await exitCode.catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  await rig.waitFor((frame) => frame.trim() !== '');
  return rig;
}
