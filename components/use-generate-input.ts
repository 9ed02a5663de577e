import { useInput } from 'ink';

/** Esc cancels the generation (Ctrl+C is handled once, by the app). */
export function useGenerateInput(onCancel: () => void, isActive: boolean): void {
  useInput(
    (_input, key) => {
      if (key.escape) onCancel();
    },
    { isActive },
  );
}
