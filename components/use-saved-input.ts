import { useKeyInput } from './use-key-input.ts';

/** Keys after a save: `o` opens the file, Enter goes on, `q` finishes. */
export function useSavedInput(
  handlers: { readonly onOpen: () => void; readonly onNext: () => void; readonly onQuit: () => void },
  isActive: boolean,
): void {
  useKeyInput(
    (input, key) => {
      if (key.return) handlers.onNext();
      else if (input === 'o') handlers.onOpen();
      else if (input === 'q' || key.escape) handlers.onQuit();
    },
    { isActive },
  );
}
