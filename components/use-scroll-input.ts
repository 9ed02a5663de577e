import { useInput } from 'ink';

/** PgUp/PgDn (and Home/End) scroll a preview by pages. */
export function useScrollInput(
  onScroll: (delta: number | 'start' | 'end') => void,
  page: number,
  isActive: boolean,
): void {
  useInput(
    (_input, key) => {
      if (key.pageDown) onScroll(page);
      else if (key.pageUp) onScroll(-page);
      else if (key.home) onScroll('start');
      else if (key.end) onScroll('end');
    },
    { isActive },
  );
}
