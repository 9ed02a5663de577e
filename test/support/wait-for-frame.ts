import { setImmediate as nextTurn } from 'node:timers/promises';

/** Anything with ink-testing-library's `lastFrame`. */
export type HasFrames = { readonly lastFrame: () => string | undefined };

/**
 * Waits until the last rendered frame satisfies `matches`, polling on each turn of the event loop.
 * Fails after `timeoutMs` with the last frame in the message, so a failing test shows what was on screen.
 */
export async function waitForFrame(
  target: HasFrames,
  matches: (frame: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const frame = target.lastFrame() ?? '';
    if (matches(frame)) return frame;
    if (performance.now() > deadline) {
      throw new Error(`No matching frame within ${timeoutMs} ms. Last frame:\n${frame}`);
    }
    await nextTurn();
  }
}

/** Waits until `condition` holds, polling each turn of the event loop; for effects that render nothing. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await nextTurn();
  }
}
