import { type Key, useInput } from 'ink';
import { useEffect, useRef } from 'react';

/**
 * Ink's `useInput`, one key at a time. Keys typed while the process is busy (the docs loading behind the first frame)
 * reach Ink as one chunk ("jj "), which a handler comparing `input === 'j'` would drop. Such a chunk is split into
 * its keys, handled one per turn of the event loop so each sees the state the previous one left; Enter (`\r`) is a
 * key among them. A `\n`, which a terminal sends only for keys typed before the wizard set raw mode, is not Enter.
 */
export function useKeyInput(
  handler: (input: string, key: Key) => void,
  options: { readonly isActive: boolean },
): void {
  const latest = useRef(handler);
  latest.current = handler;
  const queue = useRef<{ input: string; key: Key }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { isActive } = options;
  useEffect(() => {
    if (isActive) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    queue.current = [];
  }, [isActive]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const drain = (): void => {
    timer.current = undefined;
    const next = queue.current.shift();
    if (next === undefined) return;
    latest.current(next.input, next.key);
    if (queue.current.length > 0) timer.current = setTimeout(drain, 0);
  };
  useInput(
    (input, key) => {
      const keys = splitKeys(input, key);
      if (keys === undefined && queue.current.length === 0) {
        handler(input, key);
        return;
      }
      queue.current.push(...(keys ?? [{ input, key }]));
      if (timer.current === undefined) drain();
    },
    { isActive },
  );
}

/** The keys of a chunk of plain typed text, or undefined when it is one key (or a key Ink already named). */
function splitKeys(input: string, key: Key): { input: string; key: Key }[] | undefined {
  const chars = Array.from(input);
  if (chars.length <= 1 || key.ctrl || key.meta || key.escape || input.includes('\u001B')) return undefined;
  return chars.map((char) => ({
    input: char === '\r' || char === '\n' ? '' : char,
    key: { ...key, return: char === '\r', tab: char === '\t' },
  }));
}
