import { Text } from 'ink';
import type { HttpMethod } from '../src/core/docs/model.ts';

const COLORS = {
  GET: 'green',
  POST: 'yellow',
  PUT: 'blue',
  PATCH: 'cyan',
  DELETE: 'red',
  HEAD: 'gray',
  OPTIONS: 'gray',
} as const satisfies Record<HttpMethod, string>;

/** An HTTP method in its color, padded so paths line up. */
export function MethodLabel(props: { readonly method: HttpMethod; readonly pad?: boolean }) {
  const text = props.pad === false ? props.method : props.method.padEnd(7);
  return (
    <Text color={COLORS[props.method]} bold>
      {text}
    </Text>
  );
}
