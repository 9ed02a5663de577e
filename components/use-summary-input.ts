import { useKeyInput } from './use-key-input.ts';

/** Keys of the summary: `o` opens every saved plan, `q`, Esc or Enter exit. */
export function useSummaryInput(
  handlers: { readonly onOpen: () => void; readonly onExit: () => void },
  isActive: boolean,
): void {
  useKeyInput(
    (input, key) => {
      if (input === 'o') handlers.onOpen();
      else if (input === 'q' || key.return || key.escape) handlers.onExit();
    },
    { isActive },
  );
}
