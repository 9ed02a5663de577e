import { Text } from 'ink';
import { displayTitle } from '../src/core/docs/display-title.ts';
import type { Endpoint } from '../src/core/docs/model.ts';
import { pathWithQuery } from '../src/core/routes/paths.ts';
import type { PickRow } from '../src/wizard/machine.ts';
import { MethodLabel } from './method-label.tsx';
import { measure } from './review-body.ts';

/** Columns before the route: cursor, checkbox, position and method. */
const PREFIX = 16;

/** The width of the route as shown: its path and, dimmed after it, its query. */
export function routeWidth(endpoint: Pick<Endpoint, 'path' | 'query'>): number {
  return pathWithQuery(endpoint.path, endpoint.query).length;
}

/** One endpoint on the pick screen: selection, method and path, title, and its plan (stale, unsaved drafts). */
export function EndpointRow(props: {
  readonly row: PickRow;
  readonly position: number;
  readonly highlighted: boolean;
  readonly pathWidth: number;
  /** Columns of the terminal: the title gives way first, so the plan's file name is never cut. */
  readonly width?: number | undefined;
}) {
  const { row, highlighted } = props;
  const { endpoint } = row;
  const route = pathWithQuery(endpoint.path, endpoint.query);
  const tail =
    (row.plannedFile === undefined ? 0 : measure(` ✓ ${row.plannedFile}`)) +
    (row.stale === true ? ' stale'.length : 0) +
    (row.kept.length === 0 ? 0 : measure(` ✎ ${row.kept.length} unsaved`)) +
    (row.implemented === undefined ? 0 : row.implemented.stub ? ' stub'.length : ' built'.length);
  const room = (props.width ?? 200) - PREFIX - 1;
  // A route too long beside the plan's file name is cut instead of the name.
  const cut = route.length + tail > room ? `${route.slice(0, Math.max(8, room - tail) - 1)}…` : undefined;
  const shownRoute = cut ?? route;
  const padTo = Math.max(shownRoute.length, Math.min(props.pathWidth, room - tail));
  const titleRoom = room - padTo - tail - 1;
  const fullTitle = displayTitle(endpoint);
  const title =
    titleRoom < 4
      ? ''
      : measure(fullTitle) <= titleRoom
        ? fullTitle
        : `${fullTitle.slice(0, titleRoom - 1)}…`;
  return (
    <Text wrap="truncate-end" inverse={highlighted}>
      {highlighted ? '❯ ' : '  '}
      <Text {...(row.selected ? { color: 'green' } : {})}>{row.selected ? '[x]' : '[ ]'}</Text>{' '}
      <Text dimColor>{String(props.position).padStart(2)}</Text> <MethodLabel method={endpoint.method} />
      {cut ?? endpoint.path}
      {cut !== undefined || endpoint.query === undefined ? '' : <Text dimColor>?{endpoint.query}</Text>}
      {''.padEnd(padTo - shownRoute.length)}
      {title === '' ? '' : <Text dimColor> {title}</Text>}
      {row.plannedFile === undefined ? '' : <Text color="cyan"> ✓ {row.plannedFile}</Text>}
      {row.stale === true ? <Text color="yellow"> stale</Text> : ''}
      {row.kept.length === 0 ? '' : <Text color="magenta"> ✎ {row.kept.length} unsaved</Text>}
      {row.implemented === undefined ? (
        ''
      ) : row.implemented.stub ? (
        <Text color="yellow"> stub</Text>
      ) : (
        <Text color="blue"> built</Text>
      )}
    </Text>
  );
}
