import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFsPlanStore, SIDECAR_DIR, unsavedFolders } from '../../src/adapters/fs-store.ts';
import { SaveFailure, type SavePlanInput } from '../../src/core/ports.ts';

const storeModule = fileURLToPath(new URL('../../src/adapters/fs-store.ts', import.meta.url));

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fs-store-'));
  dir = join(root, '.ai', 'documents', 'api-plans');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function aSave(
  id: string,
  content = `# Plan for ${id}\n`,
  overrides: Partial<SavePlanInput> = {},
): SavePlanInput {
  return {
    endpoint: { id, method: 'GET', path: `/api/${id}` },
    content,
    inputsHash: `hash-${id}`,
    engine: 'offline',
    ...overrides,
  };
}

async function visibleFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
}

async function tempFiles(): Promise<string[]> {
  const top = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
  const hidden = (await readdir(join(dir, SIDECAR_DIR))).filter((name) => name.endsWith('.tmp'));
  return [...top, ...hidden];
}

describe('createFsPlanStore', () => {
  it('creates the folder and numbers from 001', async () => {
    const store = createFsPlanStore(dir);
    const first = await store.save(aSave('get-flashcards'));
    const second = await store.save(aSave('post-flashcards'));
    expect(first).toEqual({
      file: '001-get-flashcards.md',
      number: 1,
      endpointId: 'get-flashcards',
      inputsHash: 'hash-get-flashcards',
      route: { method: 'GET', path: '/api/get-flashcards', query: null },
    });
    expect(second.file).toBe('002-post-flashcards.md');
    expect(await readFile(join(dir, first.file), 'utf8')).toBe('# Plan for get-flashcards\n');
  });

  it('continues after the highest number, gaps included, ignoring foreign files', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '002-get-decks.md'), 'mine');
    await writeFile(join(dir, '009-old-plan.md'), 'mine');
    await writeFile(join(dir, '42-not-three-digits.md'), 'mine');
    await writeFile(join(dir, 'notes.md'), 'mine');
    const saved = await createFsPlanStore(dir).save(aSave('get-flashcards'));
    expect(saved.file).toBe('010-get-flashcards.md');
  });

  it('never overwrites: a name taken between listing and linking moves to the next number', async () => {
    await mkdir(dir, { recursive: true });
    let raced = false;
    const store = createFsPlanStore(dir, {
      link: async (existing, target) => {
        if (!raced) {
          raced = true;
          await writeFile(target, 'written by the user meanwhile');
        }
        const { link } = await import('node:fs/promises');
        await link(existing, target);
      },
    });
    const saved = await store.save(aSave('get-flashcards'));
    expect(saved.file).toBe('002-get-flashcards.md');
    expect(await readFile(join(dir, '001-get-flashcards.md'), 'utf8')).toBe('written by the user meanwhile');
    expect(await tempFiles()).toEqual([]);
  });

  it('gives many concurrent saves in one process distinct numbers and leaves no temp files', async () => {
    const store = createFsPlanStore(dir);
    const ids = Array.from({ length: 25 }, (_, i) => `get-items-${i}`);
    const saved = await Promise.all(ids.map((id) => store.save(aSave(id))));
    const numbers = saved.map((plan) => plan.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await visibleFiles()).toHaveLength(25);
    for (const plan of saved) {
      expect(await readFile(join(dir, plan.file), 'utf8')).toBe(`# Plan for ${plan.endpointId}\n`);
    }
    expect(await tempFiles()).toEqual([]);
  });

  it('gives saves from several real processes at once distinct numbers', async () => {
    const processes = 3;
    const perProcess = 8;
    const script = [
      `const { createFsPlanStore } = await import(${JSON.stringify(storeModule)});`,
      `const [dir, tag, count] = process.argv.slice(1);`,
      `const store = createFsPlanStore(dir);`,
      `process.stdout.write('ready\\n');`,
      `process.stdin.once('data', async () => {`,
      `  const ids = Array.from({ length: Number(count) }, (_, i) => 'post-' + tag + '-' + i);`,
      `  const saved = await Promise.all(ids.map((id) => store.save({ endpoint: { id, method: 'POST', path: '/' + id }, content: 'plan ' + id + '\\n', inputsHash: 'h', engine: 'offline' })));`,
      `  process.stdout.write(JSON.stringify(saved.map((s) => s.file)) + '\\n');`,
      `  process.stdin.destroy();`,
      `});`,
    ].join('\n');
    const children = Array.from({ length: processes }, (_, tag) =>
      spawn(
        process.execPath,
        [
          '--experimental-strip-types',
          '--no-warnings',
          '--input-type=module',
          '-e',
          script,
          dir,
          `p${tag}`,
          String(perProcess),
        ],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      ),
    );
    const outputs = children.map(
      (child) =>
        new Promise<{ ready: Promise<void>; lines: Promise<string[]> }>((resolveOuter) => {
          let text = '';
          let stderr = '';
          let onReady: () => void = () => {};
          const ready = new Promise<void>((resolve) => {
            onReady = resolve;
          });
          const lines = new Promise<string[]>((resolve, reject) => {
            child.stdout.on('data', (chunk: Buffer) => {
              text += chunk.toString();
              if (text.includes('ready\n')) onReady();
            });
            child.stderr.on('data', (chunk: Buffer) => {
              stderr += chunk.toString();
            });
            child.on('close', (code) => {
              if (code === 0) resolve(text.trim().split('\n'));
              else reject(new Error(`child exited ${code}: ${stderr}`));
            });
          });
          resolveOuter({ ready, lines });
        }),
    );
    const handles = await Promise.all(outputs);
    await Promise.all(handles.map((handle) => handle.ready));
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(handles.map((handle) => handle.lines));
    const files = results.flatMap((lines) => JSON.parse(lines.at(-1) ?? '[]') as string[]);
    const numbers = files.map((file) => Number.parseInt(file, 10)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: processes * perProcess }, (_, i) => i + 1));
    expect(await visibleFiles()).toHaveLength(processes * perProcess);
    for (const file of files) {
      const slug = file.replace(/^\d+-|\.md$/g, '');
      expect(await readFile(join(dir, file), 'utf8')).toBe(`plan ${slug}\n`);
    }
    expect(await tempFiles()).toEqual([]);
  });

  it('keeps what it remembers in a hidden sidecar, not in the plan', async () => {
    const store = createFsPlanStore(dir, { clock: { now: () => Date.UTC(2025, 0, 2, 3, 4, 5) } });
    await store.save(
      aSave('post-flashcards-id-review', '# Plan\n', {
        endpoint: { id: 'post-flashcards-id-review', method: 'POST', path: '/api/flashcards/{id}/review' },
      }),
    );
    expect(await readFile(join(dir, '001-post-flashcards-id-review.md'), 'utf8')).toBe('# Plan\n');
    const sidecar: unknown = JSON.parse(
      await readFile(join(dir, SIDECAR_DIR, '001-post-flashcards-id-review.json'), 'utf8'),
    );
    expect(sidecar).toEqual({
      file: '001-post-flashcards-id-review.md',
      endpointId: 'post-flashcards-id-review',
      method: 'POST',
      path: '/api/flashcards/{id}/review',
      query: null,
      inputsHash: 'hash-post-flashcards-id-review',
      engine: 'offline',
      savedAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('omits savedAt when no clock is given', async () => {
    await createFsPlanStore(dir).save(aSave('get-decks'));
    const sidecar: unknown = JSON.parse(await readFile(join(dir, SIDECAR_DIR, '001-get-decks.json'), 'utf8'));
    expect(sidecar).not.toHaveProperty('savedAt');
  });

  it('lists saved and hand-written plans, inferring the endpoint from the file name', async () => {
    const store = createFsPlanStore(dir);
    await store.save(
      aSave('get-flashcards', '# a\n', {
        endpoint: { id: 'get-flashcards', method: 'GET', path: '/api/flashcards' },
      }),
    );
    await writeFile(join(dir, '002-post-flashcards.md'), '# by hand\n');
    await writeFile(join(dir, '003-delete-decks-id-implementation-plan.md'), '# old chat workflow\n');
    await writeFile(join(dir, 'README.md'), 'not a plan');
    await mkdir(join(dir, '004-a-folder.md'));
    expect(await store.list()).toEqual([
      {
        file: '001-get-flashcards.md',
        number: 1,
        endpointId: 'get-flashcards',
        inputsHash: 'hash-get-flashcards',
        route: { method: 'GET', path: '/api/flashcards', query: null },
      },
      { file: '002-post-flashcards.md', number: 2, endpointId: 'post-flashcards', inputsHash: undefined },
      {
        file: '003-delete-decks-id-implementation-plan.md',
        number: 3,
        endpointId: 'delete-decks-id',
        inputsHash: undefined,
      },
    ]);
  });

  it('records the query with the route, and reads sidecars written before queries were kept', async () => {
    const store = createFsPlanStore(dir);
    await store.save(
      aSave('get-doctors-by-id', '# a\n', {
        endpoint: { id: 'get-doctors-by-id', method: 'GET', path: '/rest/v1/doctors', query: 'id=eq.{id}' },
      }),
    );
    await writeFile(join(dir, '002-get-doctors-2.md'), '# saved by an older version\n');
    const older = {
      file: '002-get-doctors-2.md',
      endpointId: 'get-doctors-2',
      method: 'GET',
      path: '/rest/v1/doctors',
      inputsHash: 'h',
      engine: 'offline',
    };
    await writeFile(join(dir, SIDECAR_DIR, '002-get-doctors-2.json'), JSON.stringify(older));
    expect((await store.list()).map((file) => file.route)).toEqual([
      { method: 'GET', path: '/rest/v1/doctors', query: 'id=eq.{id}' },
      { method: 'GET', path: '/rest/v1/doctors', query: undefined },
    ]);
  });

  it('ignores sidecars whose plan was deleted, and unreadable sidecars', async () => {
    const store = createFsPlanStore(dir);
    await store.save(aSave('get-a'));
    await store.save(aSave('get-b'));
    await unlink(join(dir, '001-get-a.md'));
    await writeFile(join(dir, SIDECAR_DIR, '002-get-b.json'), '{ not json');
    expect(await store.list()).toEqual([
      { file: '002-get-b.md', number: 2, endpointId: 'get-b', inputsHash: undefined },
    ]);
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await createFsPlanStore(join(root, 'missing')).list()).toEqual([]);
  });

  it('uses a safe slug even when the endpoint id is not one', async () => {
    const saved = await createFsPlanStore(dir).save(
      aSave('../../escape', '# x\n', {
        endpoint: { id: '../../escape', method: 'GET', path: '/api/users/{id}' },
      }),
    );
    expect(saved.file).toBe('001-get-users-id.md');
    expect(await visibleFiles()).toEqual(['001-get-users-id.md']);
  });

  it('falls back to exclusive open when the file system has no hard links', async () => {
    let linkCalls = 0;
    const store = createFsPlanStore(dir, {
      link: async () => {
        linkCalls += 1;
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '001-get-a.md'), 'by hand');
    const saved = await Promise.all(['get-b', 'get-c', 'get-d'].map((id) => store.save(aSave(id))));
    expect(saved.map((plan) => plan.number).sort()).toEqual([2, 3, 4]);
    expect(await readFile(join(dir, '001-get-a.md'), 'utf8')).toBe('by hand');
    for (const plan of saved) {
      expect(await readFile(join(dir, plan.file), 'utf8')).toBe(`# Plan for ${plan.endpointId}\n`);
    }
    expect(linkCalls).toBeGreaterThan(0);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('createFsPlanStore: checks before paying and keeps what a save could not take', () => {
  it('creates a missing plans folder and proves it writable, leaving nothing behind', async () => {
    expect(await createFsPlanStore(dir).ensureWritable()).toEqual({ kind: 'ok' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('says "a file is in the way" for a file where a folder should be, with no errno code', async () => {
    await mkdir(join(root, '.ai'), { recursive: true });
    await writeFile(join(root, '.ai', 'documents'), '');
    expect(await createFsPlanStore(dir).ensureWritable()).toEqual({
      kind: 'not-writable',
      dir,
      reason: 'a file is in the way',
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'answers for a folder that can never be made (inside /proc)',
    async () => {
      const check = await createFsPlanStore('/proc/endpoint-planner-test/plans').ensureWritable();
      expect(check.kind).toBe('not-writable');
    },
  );

  it('a failed save is a SaveFailure in plain words; the text goes to the next folder that takes it', async () => {
    const state = join(root, 'state');
    const store = createFsPlanStore(dir, { unsavedFolders: [join(root, 'blocked', 'x'), state] });
    await mkdir(join(root, '.ai', 'documents'), { recursive: true });
    await writeFile(dir, '');
    await writeFile(join(root, 'blocked'), '');
    const failure = await store.save(aSave('get-a')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SaveFailure);
    expect((failure as SaveFailure).reason).toBe('a file is in the way');
    const kept = await store.keepUnsaved(aSave('get-a', '# The paid-for plan\n'));
    expect(kept?.startsWith(state)).toBe(true);
    expect(await readFile(kept ?? '', 'utf8')).toBe('# The paid-for plan\n');
  });

  it('keeps unsaved text in the sidecar folder when the plans folder can take it', async () => {
    const kept = await createFsPlanStore(dir).keepUnsaved(aSave('get-b'));
    expect(kept?.startsWith(join(dir, SIDECAR_DIR, 'unsaved'))).toBe(true);
  });
});

describe('createFsPlanStore: saveCopy, a plan saved at a path the user chose', () => {
  it.each([
    ['hard links', {}],
    [
      'no hard links',
      { link: async () => Promise.reject(Object.assign(new Error('not permitted'), { code: 'EPERM' })) },
    ],
  ] as const)(
    'with %s: creates the folders, writes it whole, never replaces a file',
    async (_name, options) => {
      const store = createFsPlanStore(dir, options);
      const target = join(root, 'notes', 'deep', 'plan.md');
      await store.saveCopy(target, '# Plan\n');
      expect(await readFile(target, 'utf8')).toBe('# Plan\n');
      expect(await readdir(join(root, 'notes', 'deep'))).toEqual(['plan.md']);
      const again = store.saveCopy(target, '# Another plan\n');
      await expect(again).rejects.toBeInstanceOf(SaveFailure);
      await expect(again).rejects.toThrow(
        `Could not write into ${join(root, 'notes', 'deep')} (plan.md already exists)`,
      );
      expect(await readFile(target, 'utf8')).toBe('# Plan\n');
      expect(await readdir(join(root, 'notes', 'deep'))).toEqual(['plan.md']);
    },
  );
});

describe('unsavedFolders', () => {
  const base = { home: '/home/u', tmp: '/tmp' };
  it.each([
    [{ env: { XDG_STATE_HOME: '/state' }, platform: 'linux' }, '/state/endpoint-planner/unsaved'],
    [{ env: {}, platform: 'linux' }, '/home/u/.local/state/endpoint-planner/unsaved'],
    [{ env: {}, platform: 'darwin' }, '/home/u/Library/Application Support/endpoint-planner/unsaved'],
    [
      { env: { LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, platform: 'win32' },
      'C:/Users/u/AppData/Local/endpoint-planner/unsaved',
    ],
  ])('%j: the state folder, then the OS temp folder', (input, state) => {
    expect(unsavedFolders({ ...base, ...input })).toEqual([state, '/tmp/endpoint-planner-unsaved']);
  });
});
