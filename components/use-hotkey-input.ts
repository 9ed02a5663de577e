import { useKeyInput } from './use-key-input.ts';

/** Single-letter hotkeys for a menu; other keys are left to the menu itself. */
export function useHotkeyInput(keys: Readonly<Record<string, () => void>>, isActive: boolean): void {
  useKeyInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      const action = Object.hasOwn(keys, input) ? keys[input] : undefined;
      action?.();
    },
    { isActive },
  );
}
