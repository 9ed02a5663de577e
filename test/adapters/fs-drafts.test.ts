import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsDraftStore, DRAFTS_DIR } from '../../src/adapters/fs-drafts.ts';
import { DRAFT_TTL_MS } from '../../src/core/ports.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function plansDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ep-drafts-'));
  dirs.push(dir);
  return dir;
}

describe('the draft store', () => {
  it('keeps drafts per endpoint in the sidecar folder, loads them back, and drops them', async () => {
    const dir = plansDir();
    const clock = { now: () => 1_000_000 };
    const store = createFsDraftStore(dir, clock);
    await store.keep({
      endpointId: 'get-decks',
      updatedAt: 1_000_000,
      drafts: [{ plan: 'one', origin: 'generated' }],
    });
    await store.keep({
      endpointId: 'get-decks',
      updatedAt: 1_000_000,
      drafts: [
        { plan: 'one', origin: 'generated' },
        { plan: 'two', origin: 'edited' },
      ],
    });
    await store.keep({
      endpointId: 'post-decks',
      updatedAt: 1_000_000,
      drafts: [{ plan: 'x', origin: 'edited' }],
    });
    expect(readdirSync(join(dir, DRAFTS_DIR)).sort()).toEqual(['get-decks.json', 'post-decks.json']);
    const loaded = await createFsDraftStore(dir, clock).load();
    expect(loaded.map((kept) => [kept.endpointId, kept.drafts.map((draft) => draft.plan)])).toEqual([
      ['get-decks', ['one', 'two']],
      ['post-decks', ['x']],
    ]);
    await store.drop('get-decks');
    expect((await store.load()).map((kept) => kept.endpointId)).toEqual(['post-decks']);
  });

  it('removes drafts older than 30 days and ignores files it cannot read', async () => {
    const dir = plansDir();
    let now = 5_000_000_000;
    const store = createFsDraftStore(dir, { now: () => now });
    await store.keep({ endpointId: 'old', updatedAt: now, drafts: [{ plan: 'p', origin: 'generated' }] });
    writeFileSync(join(dir, DRAFTS_DIR, 'broken.json'), '{ not json');
    now += DRAFT_TTL_MS - 1;
    expect((await store.load()).map((kept) => kept.endpointId)).toEqual(['old']);
    now += 2;
    expect(await store.load()).toEqual([]);
    expect(existsSync(join(dir, DRAFTS_DIR, 'old.json'))).toBe(false);
  });

  it('loads nothing when no draft was ever kept', async () => {
    expect(await createFsDraftStore(plansDir(), { now: () => 0 }).load()).toEqual([]);
  });
});
