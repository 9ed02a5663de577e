import { setImmediate as nextTurn } from 'node:timers/promises';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { Endpoint } from '../../src/core/docs/model.ts';
import { initialState, transition, type WizardEvent, type WizardState } from '../../src/wizard/machine.ts';
import { waitForFrame } from '../support/wait-for-frame.ts';

const mounted: (() => void)[] = [];

afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
});

/** A mounted view: its frames and a keyboard that lets each key settle before the next. */
export type Mounted = {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  waitForText(text: string): Promise<string>;
  rerender(element: ReactElement): void;
};

/** Renders a view with ink-testing-library and waits for its first frame. */
export async function mount(element: ReactElement): Promise<Mounted> {
  const instance = render(element);
  mounted.push(instance.unmount);
  await waitForFrame(instance, (frame) => frame !== '');
  await nextTurn();
  return {
    frame: () => instance.lastFrame() ?? '',
    press: async (...keys) => {
      for (const key of keys) {
        instance.stdin.write(key);
        await nextTurn();
      }
    },
    waitForText: (text) => waitForFrame(instance, (frame) => frame.includes(text)),
    rerender: instance.rerender,
  };
}

/** A wizard state reached from the start by playing `events`; throws if it is not of `step`. */
export function stateAt<S extends WizardState['step']>(
  step: S,
  endpoints: readonly Endpoint[],
  ...events: WizardEvent[]
): Extract<WizardState, { step: S }> {
  const state = events.reduce(
    transition,
    initialState({ endpoints, planned: [], engine: { name: 'gpt-test', kind: 'llm' } }),
  );
  if (state.step !== step) throw new Error(`Expected ${step}, reached ${state.step}`);
  return state as Extract<WizardState, { step: S }>;
}

/** Records calls to named callbacks. */
export function recorder<K extends string>(
  ...names: K[]
): { calls: string[]; fns: Record<K, (...args: unknown[]) => void> } {
  const calls: string[] = [];
  const fns = Object.fromEntries(
    names.map((name) => [
      name,
      (...args: unknown[]) => {
        calls.push(args.length === 0 ? name : `${name}:${JSON.stringify(args)}`);
      },
    ]),
  ) as Record<K, (...args: unknown[]) => void>;
  return { calls, fns };
}
