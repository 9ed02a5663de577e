import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'code');
const cache = mkdtempSync(join(tmpdir(), 'ep-code-cache-'));

/** A fresh copy of a fixture project, with what git cannot hold added: dependencies and a symlink loop. */
function copyProject(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ep-code-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'express-clone'), { recursive: true });
  writeFileSync(
    join(dir, 'node_modules', 'express-clone', 'index.js'),
    "const app = require('express')();\napp.get('/api/from-node-modules', (req, res) => res.end());\n",
  );
  symlinkSync('.', join(dir, 'loop'));
  if (existsSync(join(dir, 'src'))) symlinkSync('..', join(dir, 'src', 'up'));
  return dir;
}

type Row = { id: string; implemented: string | null; implementedStub: boolean };

describe('list --json on fixture projects of each framework (built binary)', () => {
  const names = readdirSync(fixtures).sort();
  it.each(names)('%s: every endpoint marked with the file of its handler, stubs as stubs', async (name) => {
    const project = copyProject(name);
    const run = await runCli(['list', '--json', '--cwd', project], { env: { XDG_CACHE_HOME: cache } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = (JSON.parse(run.stdout) as { endpoints: Row[] }).endpoints.map(
      ({ id, implemented, implementedStub }) => ({ id, implemented, implementedStub }),
    );
    const expectedFile = join(fixtures, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, `${JSON.stringify(rows, null, 2)}\n`);
    expect(rows).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });

  it('answers from the cache on a second run and sees a changed file', async () => {
    const project = copyProject('express');
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ep-code-cache-')) };
    const first = await runCli(['list', '--json', '--cwd', project], { env });
    const routes = join(project, 'src', 'routes', 'users.ts');
    writeFileSync(
      routes,
      readFileSync(routes, 'utf8').replace("throw new Error('TODO');", 'return _res.json({});'),
    );
    const second = await runCli(['list', '--json', '--cwd', project], { env });
    const stubOf = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as { endpoints: Row[] }).endpoints.find((e) => e.id === 'post-users')
        ?.implementedStub;
    expect(stubOf(first)).toBe(true);
    expect(stubOf(second)).toBe(false);
    expect(readdirSync(join(env.XDG_CACHE_HOME, 'endpoint-planner'))).toHaveLength(1);
  });

  it('parses a large tree on worker threads and finds every handler', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ep-code-many-'));
    const plan = ['# API', ''];
    for (let i = 0; i < 320; i++) {
      mkdirSync(join(project, 'src', 'routes'), { recursive: true });
      writeFileSync(
        join(project, 'src', 'routes', `r${i}.ts`),
        `import { Router } from 'express';\nconst router = Router();\nrouter.get('/api/items${i}/:id', (req, res) => res.json({}));\nexport default router;\n`,
      );
      plan.push(`### GET /api/items${i}/{id}`, '', `Item ${i}.`, '');
    }
    mkdirSync(join(project, '.ai'));
    writeFileSync(join(project, '.ai', 'api-plan.md'), plan.join('\n'));
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ep-code-cache-')) };
    for (const round of ['cold', 'warm']) {
      const run = await runCli(['list', '--json', '--cwd', project], { env });
      expect(run.code, `${round}: ${run.stderr}`).toBe(0);
      const rows = (JSON.parse(run.stdout) as { endpoints: Row[] }).endpoints;
      expect(rows.filter((r) => r.implemented !== null)).toHaveLength(320);
    }
    // A node flag that worker threads refuse (users raise the heap this way) does not stop the scan.
    const flagged = await runCli(['list', '--json', '--cwd', project], {
      env: { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ep-code-cache-')) },
      nodeFlags: ['--max-old-space-size=4096'],
    });
    expect(flagged.stderr).toBe('');
    const flaggedRows = (JSON.parse(flagged.stdout) as { endpoints: Row[] }).endpoints;
    expect(flaggedRows.filter((r) => r.implemented !== null)).toHaveLength(320);
  });

  it('show names the handler and the code to reuse', async () => {
    const project = copyProject('astro');
    const run = await runCli(['show', 'POST /api/orders', '--json', '--cwd', project], {
      env: { XDG_CACHE_HOME: cache },
    });
    expect(run.code).toBe(0);
    const code = (JSON.parse(run.stdout) as { code: { implemented: unknown; reuse: { file: string }[] } })
      .code;
    expect(code.implemented).toEqual({ file: 'src/pages/api/orders/index.ts', line: 12, stub: false });
    expect(code.reuse.map((a) => a.file)).toEqual([
      'src/lib/schemas/order.schema.ts',
      'src/lib/services/orders.service.ts',
      'src/db/database.types.ts',
      'src/lib/errors.ts',
    ]);
  });
});
