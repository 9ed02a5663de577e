import type { Endpoint } from '../docs/model.ts';
import type { PlannedFile } from '../ports.ts';
import { legacyEndpointIds } from '../routes/ids.ts';
import { routeKey } from '../routes/paths.ts';

/** Which plan file covers each endpoint id; with several (after --force) the newest, highest number wins. */
export function plannedByEndpoint(files: readonly PlannedFile[]): ReadonlyMap<string, PlannedFile> {
  const byId = new Map<string, PlannedFile>();
  for (const file of files) {
    if (file.endpointId === undefined) continue;
    const current = byId.get(file.endpointId);
    if (current === undefined || file.number > current.number) byId.set(file.endpointId, file);
  }
  return byId;
}

/**
 * The plan files with `endpointId` set to the id their endpoint has in today's plan, so plans saved under an
 * older id still count as plans of their endpoints. A recorded route decides first (method, path and query;
 * a sidecar written before queries were kept matches on method and path when that is unambiguous), then the
 * recorded id as it is today, then as the tool spelled ids before (`get-doctors-2`). Files that match nothing
 * keep their id.
 */
export function attributePlans(
  files: readonly PlannedFile[],
  endpoints: readonly Endpoint[],
): readonly PlannedFile[] {
  if (files.length === 0) return files;
  const byRoute = groupBy(endpoints, (endpoint) => routeKey(endpoint.method, endpoint.path, endpoint.query));
  const byMethodPath = groupBy(endpoints, (endpoint) => routeKey(endpoint.method, endpoint.path, null));
  const ids = new Set(endpoints.map((endpoint) => endpoint.id));
  const legacy = legacyEndpointIds(endpoints);
  const byLegacyId = new Map<string, Endpoint>();
  endpoints.forEach((endpoint, index) => {
    const old = legacy[index];
    if (old !== undefined && !byLegacyId.has(old)) byLegacyId.set(old, endpoint);
  });
  const legacyOf = new Map(endpoints.map((endpoint, index) => [endpoint, legacy[index]]));

  const resolve = (file: PlannedFile): string | undefined => {
    const route = file.route;
    if (route !== undefined) {
      if (route.query !== undefined) {
        const [only, ...more] = byRoute.get(routeKey(route.method, route.path, route.query)) ?? [];
        if (only !== undefined && more.length === 0) return only.id;
      } else {
        const same = byMethodPath.get(routeKey(route.method, route.path, null)) ?? [];
        const [only, ...more] = same;
        if (only !== undefined && more.length === 0) return only.id;
        const named = same.find((endpoint) => legacyOf.get(endpoint) === file.endpointId);
        if (named !== undefined) return named.id;
      }
    }
    if (file.endpointId === undefined || ids.has(file.endpointId)) return file.endpointId;
    return byLegacyId.get(file.endpointId)?.id ?? file.endpointId;
  };
  return files.map((file) => {
    const id = resolve(file);
    return id === file.endpointId ? file : { ...file, endpointId: id };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}
