import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedFingerprints, currentFingerprints } from '../../src/adapters/facts-cache.ts';
import { SIDECAR_DIR } from '../../src/adapters/fs-store.ts';
import { anApiPlan, anEndpoint, aSpec } from '../support/builders.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the facts cache', () => {
  it('answers while the docs are unchanged, and not after they change or when it is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ep-facts-'));
    dirs.push(dir);
    const spec = aSpec({ api: anApiPlan([anEndpoint({ method: 'GET', path: '/api/decks' })]) });
    const fingerprints = await currentFingerprints(dir, spec);
    expect([...fingerprints.values()][0]).toMatch(/^f1:/);
    expect(await cachedFingerprints(dir, spec.apiText)).toEqual(fingerprints);
    expect(await cachedFingerprints(dir, `${spec.apiText}\nA new rule.`)).toBeUndefined();
    mkdirSync(join(dir, SIDECAR_DIR), { recursive: true });
    writeFileSync(join(dir, SIDECAR_DIR, 'facts.json'), '{ broken');
    expect(await cachedFingerprints(dir, spec.apiText)).toBeUndefined();
  });
});
