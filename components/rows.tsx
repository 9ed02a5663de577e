import { Box, Text } from 'ink';
import type { Row } from './review-body.ts';

const TONES = { added: { color: 'green' }, removed: { color: 'red' }, dim: { dimColor: true } } as const;

/** Rows already fitted to the width, one terminal row each, coloured by tone. */
export function Rows(props: { readonly rows: readonly Row[] }) {
  return (
    <Box flexDirection="column">
      {props.rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
        <Box key={index} height={1}>
          <Text wrap="truncate-end" {...(row.tone === undefined ? {} : TONES[row.tone])}>
            {row.text}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
