import { Box, Text } from 'ink';

/** Lines of text, one terminal row each (long lines are cut, never wrapped), so a view's height stays known. */
export function Lines(props: { readonly lines: readonly string[]; readonly dim?: boolean }) {
  return (
    <Box flexDirection="column">
      {props.lines.map((line, index) =>
        // Ink gives a blank Text no height; a one-row Box keeps the blank line.
        line.trim() === '' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
          <Box key={index} height={1} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
          <Text key={index} dimColor={props.dim === true} wrap="truncate-end">
            {line.replace(/\t/g, '  ')}
          </Text>
        ),
      )}
    </Box>
  );
}
