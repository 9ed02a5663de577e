import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadResult, loadSpec } from '../../src/adapters/fs-docs.ts';
import { cachedParse, dossierText, type ParseCache } from '../../src/adapters/parse-cache.ts';
import type { Spec } from '../../src/core/docs/model.ts';
import { docsFactsOf } from '../../src/core/dossier/build.ts';

const API_PLAN = [
  '# REST API',
  '',
  '### POST /api/decks',
  '',
  'Creates a deck. Body: `{ "title": string, "status": "draft" | "published" }`.',
  '',
  '- 201 Created',
  '- 409 Conflict when the owner already has a deck with this title',
  '',
  '### GET /api/decks/{deckId}',
  '',
  'Returns one deck of the caller.',
  '',
].join('\n');
const DB_PLAN = [
  '## Types',
  '',
  "CREATE TYPE deck_status AS ENUM ('draft', 'published');",
  '',
  '## Tables',
  '',
  '### decks',
  '',
  '- id: uuid PRIMARY KEY',
  '- owner_id: uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE',
  '- title: text NOT NULL',
  '- status: deck_status NOT NULL',
  '',
  'UNIQUE (owner_id, title)',
  '',
].join('\n');
const TYPES =
  'export type DeckStatus = "draft" | "published";\nexport interface DeckDto { id: string; status: DeckStatus }\n';

let root: string;
let cache: ParseCache;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parse-cache-'));
  cache = { dir: join(root, 'cache'), version: 'test-1' };
  await writeFile(join(root, 'api-plan.md'), API_PLAN);
  await writeFile(join(root, 'db-plan.md'), DB_PLAN);
  await writeFile(join(root, 'types.ts'), TYPES);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(parseCache: ParseCache | undefined): Promise<Spec> {
  const result: LoadResult = await loadSpec({
    cwd: root,
    overrides: { apiPlan: 'api-plan.md', dbPlan: 'db-plan.md', types: 'types.ts' },
    parseCache,
  });
  if (result.kind !== 'ok') throw new Error(result.error.message);
  return result.spec;
}

/** A parse that counts its calls, so a test can tell a kept parse from a fresh one. */
function counted(value: unknown): { parse: () => Promise<unknown>; calls: () => number } {
  let calls = 0;
  return {
    parse: async () => {
      calls++;
      return value;
    },
    calls: () => calls,
  };
}

describe('parse cache', () => {
  it('gives kept parses of the docs deep-equal to fresh ones, Maps and undefined fields included', async () => {
    const fresh = await load(undefined);
    expect(fresh.db?.enums.size).toBeGreaterThan(0);
    const first = await load(cache);
    const kept = await load(cache);
    expect((await readdir(cache.dir)).filter((name) => name.endsWith('.bin'))).toHaveLength(3);
    expect(first).toStrictEqual(fresh);
    expect(kept).toStrictEqual(fresh);
    expect(kept.db?.enums).toBeInstanceOf(Map);
  });

  it('gives a kept dossier deep-equal to a fresh one', async () => {
    const spec = await load(cache);
    const endpoint = spec.api.endpoints[0];
    if (endpoint === undefined) throw new Error('no endpoint');
    const fresh = docsFactsOf({ spec, endpoint });
    await cachedParse(cache, dossierText(spec), async () => fresh, endpoint.id);
    const rebuilt = counted(undefined);
    const kept = await cachedParse(cache, dossierText(await load(cache)), rebuilt.parse, endpoint.id);
    expect(rebuilt.calls()).toBe(0);
    expect(kept).toStrictEqual(fresh);
  });

  it('parses again when the text or the version changed, and keeps each part of a text', async () => {
    const doc = { kind: 'db-plan', root, file: 'db-plan.md', text: DB_PLAN };
    const parse = counted({ tables: ['decks'] });
    await cachedParse(cache, doc, parse.parse);
    await cachedParse(cache, doc, parse.parse);
    expect(parse.calls()).toBe(1);
    await cachedParse(cache, { ...doc, text: `${DB_PLAN}\n- note` }, parse.parse);
    expect(parse.calls()).toBe(2);
    await cachedParse({ ...cache, version: 'test-2' }, { ...doc, text: `${DB_PLAN}\n- note` }, parse.parse);
    expect(parse.calls()).toBe(3);
    const other = counted('second part');
    expect(
      await cachedParse(
        { ...cache, version: 'test-2' },
        { ...doc, text: `${DB_PLAN}\n- note` },
        other.parse,
        'b',
      ),
    ).toBe('second part');
    expect(
      await cachedParse(
        { ...cache, version: 'test-2' },
        { ...doc, text: `${DB_PLAN}\n- note` },
        other.parse,
        'b',
      ),
    ).toBe('second part');
    expect(other.calls()).toBe(1);
    expect(
      await cachedParse({ ...cache, version: 'test-2' }, { ...doc, text: `${DB_PLAN}\n- note` }, parse.parse),
    ).toEqual({ tables: ['decks'] });
    expect(parse.calls()).toBe(3);
  });

  it('ignores a corrupt or unwritable cache', async () => {
    const fresh = await load(undefined);
    await load(cache);
    for (const name of await readdir(cache.dir)) await writeFile(join(cache.dir, name), 'not a cache file');
    expect(await load(cache)).toStrictEqual(fresh);
    const doc = { kind: 'types', root, file: 'types.ts', text: TYPES };
    const parse = counted('parsed');
    await writeFile(join(root, 'a-file'), '');
    const unwritable = { dir: join(root, 'a-file', 'cache'), version: 'test-1' };
    expect(await cachedParse(unwritable, doc, parse.parse)).toBe('parsed');
    expect(await cachedParse(unwritable, doc, parse.parse)).toBe('parsed');
    expect(parse.calls()).toBe(2);
  });
});
