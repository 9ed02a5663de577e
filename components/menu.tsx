import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useHotkeyInput } from './use-hotkey-input.ts';

/** One menu entry: a hotkey, a label, and why it is unavailable when it is. */
export type MenuItem<V extends string> = {
  readonly value: V;
  readonly hotkey: string;
  readonly label: string;
  readonly disabledReason?: string | undefined;
};

/** Props of the menu. */
export type MenuProps<V extends string> = {
  readonly items: readonly MenuItem<V>[];
  readonly isActive: boolean;
  readonly onSelect: (value: V) => void;
  /** Chosen an unavailable item; the label already says why. */
  readonly onUnavailable: (value: V, reason: string) => void;
};

function ItemLabel(props: { readonly isSelected?: boolean; readonly label: string }) {
  const unavailable = props.label.includes(' — ');
  return (
    <Text
      {...(props.isSelected === true ? { color: 'cyan' } : {})}
      dimColor={unavailable}
      wrap="truncate-end"
    >
      {props.label}
    </Text>
  );
}

/** A select menu (↑/↓ and Enter) whose items can also be chosen by their hotkey. */
export function Menu<V extends string>(props: MenuProps<V>) {
  const { items, onSelect, onUnavailable } = props;
  const choose = (item: MenuItem<V>) => {
    if (item.disabledReason === undefined) onSelect(item.value);
    else onUnavailable(item.value, item.disabledReason);
  };
  useHotkeyInput(Object.fromEntries(items.map((item) => [item.hotkey, () => choose(item)])), props.isActive);
  const selectItems = items.map((item) => ({
    key: item.value,
    value: item.value,
    label: `${item.hotkey}  ${item.label}${item.disabledReason === undefined ? '' : ` — ${item.disabledReason}`}`,
  }));
  return (
    <SelectInput
      items={selectItems}
      isFocused={props.isActive}
      itemComponent={ItemLabel}
      onSelect={(selected) => {
        const item = items.find((candidate) => candidate.value === selected.value);
        if (item !== undefined) choose(item);
      }}
    />
  );
}
