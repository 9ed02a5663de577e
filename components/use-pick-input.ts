import { useKeyInput } from './use-key-input.ts';

/** What the pick screen's keys do. */
export type PickHandlers = {
  readonly onCursorUp: () => void;
  readonly onCursorDown: () => void;
  readonly onToggle: () => void;
  readonly onToggleAll: () => void;
  readonly onMoveUp: () => void;
  readonly onMoveDown: () => void;
  readonly onFilterStart: () => void;
  readonly onFilterText: (text: string) => void;
  readonly onFilterEnd: (keep: boolean) => void;
  readonly onStart: () => void;
  readonly onQuit: () => void;
};

/**
 * Keys of the pick screen. While the filter is being typed, letters are text: only arrows, Enter (keep the
 * filter), Esc (drop it) and Backspace act.
 */
export function usePickInput(
  mode: { readonly filtering: boolean; readonly filter: string },
  handlers: PickHandlers,
  isActive: boolean,
): void {
  useKeyInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      if (key.upArrow) {
        if (key.shift && !mode.filtering) handlers.onMoveUp();
        else handlers.onCursorUp();
        return;
      }
      if (key.downArrow) {
        if (key.shift && !mode.filtering) handlers.onMoveDown();
        else handlers.onCursorDown();
        return;
      }
      if (mode.filtering) {
        if (key.escape) handlers.onFilterEnd(false);
        else if (key.return) handlers.onFilterEnd(true);
        else if (key.backspace || key.delete) handlers.onFilterText(mode.filter.slice(0, -1));
        else if (input !== '' && !key.tab) handlers.onFilterText(mode.filter + input);
        return;
      }
      if (key.return) handlers.onStart();
      else if (key.escape) {
        if (mode.filter === '') handlers.onQuit();
        else handlers.onFilterEnd(false);
      } else if (input === ' ') handlers.onToggle();
      else if (input === 'a') handlers.onToggleAll();
      else if (input === '/') handlers.onFilterStart();
      else if (input === 'K') handlers.onMoveUp();
      else if (input === 'J') handlers.onMoveDown();
      else if (input === 'k') handlers.onCursorUp();
      else if (input === 'j') handlers.onCursorDown();
      else if (input === 'q') handlers.onQuit();
    },
    { isActive },
  );
}
