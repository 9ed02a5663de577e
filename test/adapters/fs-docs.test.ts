import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DocError,
  type LoadResult,
  loadConfigFile,
  loadSpec,
  MAX_DOC_BYTES,
} from '../../src/adapters/fs-docs.ts';
import type { Spec } from '../../src/core/docs/model.ts';

const API_PLAN =
  '# REST API\n\n### GET /api/decks\n\nLists decks.\n\n### POST /api/decks\n\nCreates a deck.\n';
const DB_PLAN = '## Tables\n\n### decks\n\n- id: uuid PRIMARY KEY\n- title: text NOT NULL\n';
const TYPES = 'export type DeckDto = { id: string; title: string };\n';
const SHARED_RULE = '---\ndescription:\nglobs:\nalwaysApply: true\n---\n# Shared\n';
const REACT_RULE = '---\nglobs: *.tsx\nalwaysApply: false\n---\n# React\n';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fs-docs-'));
});

afterEach(async () => {
  await chmod(root, 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function put(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

function okSpec(result: LoadResult): { spec: Spec; notes: readonly string[] } {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result;
}

function docError(result: LoadResult): DocError {
  if (result.kind !== 'error') throw new Error('expected an error');
  return result.error;
}

describe('loadSpec', () => {
  it('loads every doc found by convention and picks rules', async () => {
    await put('.ai/8-api-plan.md', API_PLAN);
    await put('.ai/7_database_structure.md', DB_PLAN);
    await put('src/types.ts', TYPES);
    await put('.ai/tech-stack.md', '- Astro 5\n- Supabase\n');
    await put('.cursor/rules/shared.mdc', SHARED_RULE);
    await put('.cursor/rules/react.mdc', REACT_RULE);
    await put('node_modules/pkg/docs/api-plan.md', '# not ours');
    const { spec } = okSpec(await loadSpec({ cwd: root, overrides: {} }));
    expect(spec.sources).toEqual({
      apiPlan: '.ai/8-api-plan.md',
      dbPlan: '.ai/7_database_structure.md',
      types: 'src/types.ts',
      techStack: '.ai/tech-stack.md',
      rules: ['.cursor/rules/shared.mdc'],
    });
    expect(spec.api.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'GET /api/decks',
      'POST /api/decks',
    ]);
    expect(spec.db?.tables.map((table) => table.name)).toEqual(['decks']);
    expect(spec.types?.decls.map((decl) => decl.name)).toEqual(['DeckDto']);
    expect(spec.rules.map((pick) => pick.reason)).toEqual(['alwaysApply']);
    expect(spec.skippedRules).toEqual([
      { path: '.cursor/rules/react.mdc', reason: 'frontend: name mentions react' },
    ]);
  });

  it('strips a byte-order mark and normalises CRLF and CR line ends', async () => {
    await put('.ai/api-plan.md', `\uFEFF${API_PLAN.replace(/\n/g, '\r\n')}`);
    await put('.ai/db-plan.md', DB_PLAN.replace(/\n/g, '\r'));
    const { spec } = okSpec(await loadSpec({ cwd: root, overrides: {} }));
    expect(spec.apiText).toBe(API_PLAN);
    expect(spec.dbText).toBe(DB_PLAN);
    expect(spec.api.endpoints[0]?.lines.start).toBe(3);
  });

  it('reads only the API plan in api-only mode', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await put('.ai/db-plan.md', DB_PLAN);
    await put('.cursor/rules/shared.mdc', SHARED_RULE);
    const { spec } = okSpec(await loadSpec({ cwd: root, overrides: {} }, { only: 'api' }));
    expect(spec.api.endpoints).toHaveLength(2);
    expect(spec.db).toBeUndefined();
    expect(spec.rules).toEqual([]);
  });

  it('reports missing optional docs as notes, not errors', async () => {
    await put('docs/api-plan.md', API_PLAN);
    const { spec, notes } = okSpec(await loadSpec({ cwd: root, overrides: {} }));
    expect(spec.db).toBeUndefined();
    expect(spec.types).toBeUndefined();
    expect(notes.join('\n')).toMatch(/No DB plan found/);
    expect(notes.join('\n')).toMatch(/No types file found \(looked for src\/types\.ts\)/);
  });

  it('says where it looked when there is no API plan', async () => {
    await put('README.md', '# hi');
    const error = docError(await loadSpec({ cwd: root, overrides: {} }));
    expect(error.kind).toBe('api-plan-not-found');
    expect(error.message).toContain('.ai/api-plan.md');
    expect(error.message).toContain('--api-plan');
  });

  it('lets a flag beat the config file, and the config file beat convention', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await put('specs/from-config.md', '### DELETE /api/decks/{id}\n');
    await put('specs/from-flag.md', '### PUT /api/decks/{id}\n');
    const config = { apiPlan: 'specs/from-config.md' };
    const byConfig = okSpec(await loadSpec({ cwd: root, overrides: {}, config }));
    expect(byConfig.spec.sources.apiPlan).toBe('specs/from-config.md');
    const byFlag = okSpec(
      await loadSpec({ cwd: root, overrides: { apiPlan: 'specs/from-flag.md' }, config }),
    );
    expect(byFlag.spec.sources.apiPlan).toBe('specs/from-flag.md');
  });

  it('names the flag or config field of a path that does not exist', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    const byFlag = docError(await loadSpec({ cwd: root, overrides: { dbPlan: 'nope.md' } }));
    expect(byFlag).toMatchObject({ kind: 'override-not-found', flag: '--db-plan', file: 'nope.md' });
    const byConfig = docError(
      await loadSpec({
        cwd: root,
        overrides: {},
        config: { types: 'x.ts' },
        configFile: '.endpoint-planner.json',
      }),
    );
    expect(byConfig).toMatchObject({ kind: 'override-not-found', flag: '"types" in .endpoint-planner.json' });
    const rules = docError(await loadSpec({ cwd: root, overrides: { rules: ['missing.mdc'] } }));
    expect(rules).toMatchObject({ kind: 'override-not-found', flag: '--rules' });
  });

  it('refuses a directory where a file was expected', async () => {
    await mkdir(join(root, '.ai/api-plan.md'), { recursive: true });
    const error = docError(await loadSpec({ cwd: root, overrides: {} }));
    expect(error.kind).toBe('not-a-file');
    expect(error.message).toContain('.ai/api-plan.md is a directory');
  });

  it('reports invalid UTF-8 with the byte offset and line', async () => {
    const bytes = new TextEncoder().encode('# API\n\n### GET /api/x\n');
    const broken = new Uint8Array([...bytes, 0xc3, 0x28, 0x0a]);
    await put('.ai/api-plan.md', broken);
    const error = docError(await loadSpec({ cwd: root, overrides: {} }));
    expect(error).toMatchObject({
      kind: 'invalid-utf8',
      file: '.ai/api-plan.md',
      byteOffset: bytes.length,
      line: 4,
    });
  });

  it('refuses a file over the size limit', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await put('huge.md', new Uint8Array(MAX_DOC_BYTES + 1).fill(0x61));
    const error = docError(await loadSpec({ cwd: root, overrides: { dbPlan: 'huge.md' } }));
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('5 MB');
  });

  it('skips a broken optional doc found by convention with a note', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await mkdir(join(root, 'src/types.ts'), { recursive: true });
    const { spec, notes } = okSpec(await loadSpec({ cwd: root, overrides: {} }));
    expect(spec.types).toBeUndefined();
    expect(notes.join('\n')).toMatch(/types file skipped: src\/types\.ts is a directory/);
  });

  it('skips a binary or non-UTF-8 db plan, types file or rules file found by convention, naming its line', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await put('.ai/db-plan.md', new Uint8Array([0x23, 0x20, 0x44, 0x42, 0x0a, 0x0a, 0x00, 0x01, 0x02]));
    await put('src/types.ts', new Uint8Array([0x65, 0x78, 0x0a, 0xff, 0xfe]));
    await put('.cursor/rules/shared.mdc', new Uint8Array([0x2d, 0x0a, 0x00]));
    const { spec } = okSpec(await loadSpec({ cwd: root, overrides: {} }));
    expect(spec.db).toBeUndefined();
    expect(spec.types).toBeUndefined();
    expect(spec.unreadDocs).toEqual([
      expect.objectContaining({ kind: 'dbPlan', file: '.ai/db-plan.md', line: 3 }),
      expect.objectContaining({ kind: 'types', file: 'src/types.ts', line: 2 }),
      expect.objectContaining({ kind: 'rules', file: '.cursor/rules/shared.mdc', line: 2 }),
    ]);
    expect(spec.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: '.ai/db-plan.md', line: 3, code: 'binary' }),
        expect.objectContaining({ file: 'src/types.ts', line: 2, code: 'invalid-utf8' }),
        expect.objectContaining({ file: '.cursor/rules/shared.mdc', line: 2, code: 'binary' }),
      ]),
    );
  });

  it('refuses a binary doc named by a flag', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await put('schema.md', new Uint8Array([0x0a, 0x00]));
    const error = docError(await loadSpec({ cwd: root, overrides: { dbPlan: 'schema.md' } }));
    expect(error).toMatchObject({ kind: 'binary', file: 'schema.md', line: 2 });
    expect(error.message).toContain('schema.md is binary');
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    await put('.ai/api-plan.md', API_PLAN);
    await chmod(join(root, '.ai/api-plan.md'), 0o000);
    const error = docError(await loadSpec({ cwd: root, overrides: {} }));
    expect(error).toMatchObject({ kind: 'unreadable', code: 'EACCES' });
  });

  it('never picks a plan from the plans output folder', async () => {
    await put('.ai/documents/api-plans/001-api-plan.md', API_PLAN);
    expect(docError(await loadSpec({ cwd: root, overrides: {} })).kind).toBe('api-plan-not-found');
  });
});

describe('loadConfigFile', () => {
  it('returns no config when there is no file', async () => {
    expect(await loadConfigFile(root)).toEqual({ kind: 'ok', config: undefined });
  });

  it('reads .endpoint-planner.json, else endpoint-planner.config.json', async () => {
    await put('endpoint-planner.config.json', '{"model": "gpt-4.1"}');
    expect(await loadConfigFile(root)).toEqual({
      kind: 'ok',
      config: { model: 'gpt-4.1' },
      file: 'endpoint-planner.config.json',
    });
    await put('.endpoint-planner.json', '\uFEFF{"out": "plans", "rules": [".cursor/rules/a.mdc"]}');
    expect(await loadConfigFile(root)).toMatchObject({ kind: 'ok', file: '.endpoint-planner.json' });
  });

  it('names the file and the unknown or bad field', async () => {
    await put('.endpoint-planner.json', '{"modle": "x", "concurrency": 0}');
    const result = await loadConfigFile(root);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(result.message).toContain('.endpoint-planner.json');
    expect(result.message).toContain('"modle"');
    expect(result.message).toContain('"concurrency"');
  });

  it('reports broken JSON', async () => {
    await put('.endpoint-planner.json', '{"model": ');
    expect(await loadConfigFile(root)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('not valid JSON'),
    });
  });
});
