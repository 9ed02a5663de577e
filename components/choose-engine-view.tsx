import { Box, Text } from 'ink';
import { Menu } from './menu.tsx';

/** Props of the no-model screen. */
export type ChooseEngineViewProps = {
  readonly endpointCount: number;
  readonly isActive: boolean;
  readonly onOffline: () => void;
  readonly onQuit: () => void;
};

/** No model is configured: how to configure one, or go on with the offline draft engine. */
export function ChooseEngineView(props: ChooseEngineViewProps) {
  return (
    <Box flexDirection="column">
      <Text bold>No model is configured.</Text>
      <Text>
        To plan with a model, set <Text color="cyan">OPENAI_API_KEY</Text> and choose it with{' '}
        <Text color="cyan">--model</Text> (for an OpenAI-compatible server such as Ollama, add{' '}
        <Text color="cyan">--base-url http://localhost:11434/v1</Text>), then start again.
      </Text>
      <Text dimColor>
        The offline engine writes a complete draft from your docs alone ({props.endpointCount} endpoint
        {props.endpointCount === 1 ? '' : 's'} found): no network, no cost.
      </Text>
      <Menu
        items={[
          { value: 'offline', hotkey: 'o', label: 'Use the offline draft engine for this run' },
          { value: 'quit', hotkey: 'q', label: 'Quit' },
        ]}
        isActive={props.isActive}
        onSelect={(value) => (value === 'offline' ? props.onOffline() : props.onQuit())}
        onUnavailable={() => undefined}
      />
    </Box>
  );
}
