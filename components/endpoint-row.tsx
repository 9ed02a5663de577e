import { Text } from 'ink';
import { displayTitle } from '../src/core/docs/display-title.ts';
import { pathWithQuery } from '../src/core/routes/paths.ts';
import type { PickRow } from '../src/wizard/machine.ts';
import { MethodLabel } from './method-label.tsx';

/** One endpoint on the pick screen: selection, method and path, title, and its plan (stale, unsaved drafts). */
export function EndpointRow(props: {
  readonly row: PickRow;
  readonly position: number;
  readonly highlighted: boolean;
  readonly pathWidth: number;
}) {
  const { row, highlighted } = props;
  const { endpoint } = row;
  const title = displayTitle(endpoint);
  return (
    <Text wrap="truncate-end" inverse={highlighted}>
      {highlighted ? '❯ ' : '  '}
      <Text {...(row.selected ? { color: 'green' } : {})}>{row.selected ? '[x]' : '[ ]'}</Text>{' '}
      <Text dimColor>{String(props.position).padStart(2)}</Text> <MethodLabel method={endpoint.method} />
      {endpoint.path}
      {endpoint.query === undefined ? '' : <Text dimColor>?{endpoint.query}</Text>}
      {''.padEnd(props.pathWidth - pathWithQuery(endpoint.path, endpoint.query).length)}
      {title === '' ? '' : <Text dimColor> {title}</Text>}
      {row.plannedFile === undefined ? '' : <Text color="cyan"> ✓ {row.plannedFile}</Text>}
      {row.stale === true ? <Text color="yellow"> stale</Text> : ''}
      {row.kept.length === 0 ? '' : <Text color="magenta"> ✎ {row.kept.length} unsaved</Text>}
    </Text>
  );
}
