import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractDecisions, type PlanDecisions } from '../core/plan/decisions.ts';
import type { PlannedFile } from '../core/ports.ts';

/** At most this many saved plans (the latest) are read for their decisions. */
const MAX_PLANS = 60;

/**
 * The decisions of the plans saved in `dir`: each plan read once, its endpoint's path taken from `pathOf` (by the
 * endpoint id its sidecar records), plans of endpoints no longer in the API plan skipped.
 */
export async function readSavedDecisions(
  dir: string,
  planned: readonly PlannedFile[],
  pathOf: (endpointId: string) => string | undefined,
): Promise<readonly PlanDecisions[]> {
  const latest = [...planned].sort((a, b) => b.number - a.number).slice(0, MAX_PLANS);
  const read = await Promise.all(
    latest.map(async (plan) => {
      const path = plan.endpointId === undefined ? undefined : pathOf(plan.endpointId);
      if (path === undefined) return undefined;
      try {
        return extractDecisions(await readFile(join(dir, plan.file), 'utf8'), plan.file, path);
      } catch {
        return undefined;
      }
    }),
  );
  return read.filter((d): d is PlanDecisions => d !== undefined);
}
