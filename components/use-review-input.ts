import { useKeyInput } from './use-key-input.ts';

/** What the review screen's keys do. */
export type ReviewHandlers = {
  /** Scrolls by rows (negative: up), or to the start or the end. */
  readonly onScroll: (delta: number | 'start' | 'end') => void;
  readonly onDraft: (direction: -1 | 1) => void;
  /** Letter hotkeys: s, e, r, i, d, k, q. */
  readonly onKey: (key: string) => void;
};

/**
 * Keys of the review screen: ↑/↓ a row, PgUp/PgDn and Space a page, Home/End the ends, ←/→ the drafts, letters
 * the actions. `page` is the rows one page scrolls.
 */
export function useReviewInput(handlers: ReviewHandlers, page: number, isActive: boolean): void {
  useKeyInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      if (key.upArrow) handlers.onScroll(-1);
      else if (key.downArrow) handlers.onScroll(1);
      else if (key.pageUp) handlers.onScroll(-page);
      else if (key.pageDown || input === ' ') handlers.onScroll(page);
      else if (key.home) handlers.onScroll('start');
      else if (key.end) handlers.onScroll('end');
      else if (key.leftArrow) handlers.onDraft(-1);
      else if (key.rightArrow) handlers.onDraft(1);
      else if (input.length === 1) handlers.onKey(input);
    },
    { isActive },
  );
}
