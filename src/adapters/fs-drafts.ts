import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, DRAFT_TTL_MS, type DraftStore, type KeptDrafts } from '../core/ports.ts';
import { readdir, readFile } from './fs-read.ts';
import { SIDECAR_DIR } from './fs-store.ts';

/** The folder, inside the plans folder's sidecar folder, where unsaved drafts wait for the next session. */
export const DRAFTS_DIR = join(SIDECAR_DIR, 'drafts');

const ORIGINS = new Set(['generated', 'regenerated', 'edited', 'restored']);

function asKept(value: unknown): KeptDrafts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.endpointId !== 'string' || typeof record.updatedAt !== 'number') return undefined;
  if (!Array.isArray(record.drafts)) return undefined;
  const drafts = record.drafts.filter(
    (draft): draft is KeptDrafts['drafts'][number] =>
      typeof draft === 'object' &&
      draft !== null &&
      typeof (draft as Record<string, unknown>).plan === 'string' &&
      ORIGINS.has(String((draft as Record<string, unknown>).origin)),
  );
  return { endpointId: record.endpointId, updatedAt: record.updatedAt, drafts };
}

let counter = 0;

/**
 * Unsaved drafts as one JSON file per endpoint in `<plans>/.endpoint-planner/drafts/`, written to a temp file and
 * renamed so a kill mid-write leaves the previous version. Files older than 30 days are removed on load.
 */
export function createFsDraftStore(plansDir: string, clock: Clock): DraftStore {
  const folder = join(plansDir, DRAFTS_DIR);
  const fileOf = (endpointId: string) => join(folder, `${encodeURIComponent(endpointId)}.json`);
  // Writes run one after another, so a drop after a save is never undone by a slower earlier keep.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async load() {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch {
        return [];
      }
      const kept: KeptDrafts[] = [];
      for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
        const path = join(folder, name);
        const record = await readFile(path, 'utf8')
          .then((text) => asKept(JSON.parse(text)))
          .catch(() => undefined);
        if (record === undefined) continue;
        if (clock.now() - record.updatedAt > DRAFT_TTL_MS) {
          await unlink(path).catch(() => undefined);
          continue;
        }
        if (record.drafts.length > 0) kept.push(record);
      }
      return kept;
    },
    keep: (drafts) =>
      inTurn(async () => {
        await mkdir(folder, { recursive: true });
        counter += 1;
        const target = fileOf(drafts.endpointId);
        const tmp = `${target}.${process.pid}-${counter}.tmp`;
        await writeFile(tmp, `${JSON.stringify(drafts, null, 2)}\n`, 'utf8');
        await rename(tmp, target);
      }),
    drop: (endpointId) =>
      inTurn(async () => {
        await unlink(fileOf(endpointId)).catch(() => undefined);
      }),
  };
}
