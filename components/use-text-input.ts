import { useInput } from 'ink';

/** A one-line controlled text field: printable keys append, Backspace deletes, Enter submits, Esc cancels. */
export function useTextInput(
  value: string,
  handlers: {
    readonly onChange: (value: string) => void;
    readonly onSubmit: (value: string) => void;
    readonly onCancel: () => void;
  },
  isActive: boolean,
): void {
  useInput(
    (input, key) => {
      if (key.return) handlers.onSubmit(value);
      else if (key.escape) handlers.onCancel();
      else if (key.backspace || key.delete) handlers.onChange(value.slice(0, -1));
      else if (key.ctrl && input === 'u') handlers.onChange('');
      else if (!key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && input !== '') {
        // Pasted text arrives as one input; a line break in it is not a submit.
        handlers.onChange(value + input.replace(/[\r\n]+/g, ' '));
      }
    },
    { isActive },
  );
}
