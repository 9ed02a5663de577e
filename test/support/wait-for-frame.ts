import { setImmediate as nextTurn, setTimeout as pause } from 'node:timers/promises';

/**
 * How long a wait may take before it fails. Waits end as soon as the frame comes, so this only bounds a failure;
 * it is generous because this machine kind is shared and a loaded one renders slowly.
 */
const WAIT_LIMIT_MS = 20_000;

/**
 * The next poll: a few turns of the event loop first (most frames are one render away), then a 2 ms pause, so a
 * wait for a throttled render does not spin a core the render itself needs.
 */
function nextPoll(polls: number): Promise<unknown> {
  return polls < 50 ? nextTurn() : pause(2);
}

/** Anything with ink-testing-library's `lastFrame`. */
export type HasFrames = { readonly lastFrame: () => string | undefined };

/**
 * Waits until the last rendered frame satisfies `matches`, polling the event loop (see `nextPoll`).
 * Fails after `timeoutMs` with the last frame in the message, so a failing test shows what was on screen.
 */
export async function waitForFrame(
  target: HasFrames,
  matches: (frame: string) => boolean,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (let polls = 0; ; polls++) {
    const frame = target.lastFrame() ?? '';
    if (matches(frame)) return frame;
    if (performance.now() > deadline) {
      throw new Error(`No matching frame within ${timeoutMs} ms. Last frame:\n${frame}`);
    }
    await nextPoll(polls);
  }
}

/** Waits until `condition` holds, polling the event loop; for effects that render nothing. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (let polls = 0; !condition(); polls++) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await nextPoll(polls);
  }
}
