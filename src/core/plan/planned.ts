import type { PlannedFile } from '../ports.ts';

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
