import { Text } from 'ink';
import { useTextInput } from './use-text-input.ts';

/** Props of the one-line input. */
export type TextInputProps = {
  readonly label: string;
  readonly value: string;
  readonly placeholder: string;
  readonly isActive: boolean;
  readonly onChange: (value: string) => void;
  readonly onSubmit: (value: string) => void;
  readonly onCancel: () => void;
};

/** A labelled one-line text field with a block cursor. */
export function TextInput(props: TextInputProps) {
  useTextInput(props.value, props, props.isActive);
  return (
    <Text wrap="truncate-start">
      <Text bold>{props.label} </Text>
      {props.value === '' ? <Text dimColor>{props.placeholder}</Text> : props.value}
      <Text inverse> </Text>
    </Text>
  );
}
