import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ScanProgress, scanCode } from '../../src/adapters/code-scan.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A project with `routes` Express route files and `services` service files, enough for the worker threads. */
function project(routes: number, services: number): string {
  const root = mkdtempSync(join(tmpdir(), 'ep-scan-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'routes'), { recursive: true });
  mkdirSync(join(root, 'src', 'services'), { recursive: true });
  mkdirSync(join(root, 'api'), { recursive: true });
  for (let i = 0; i < routes; i++) {
    writeFileSync(
      join(root, 'src', 'routes', `r${i}.ts`),
      `import { Router } from 'express';\nconst router = Router();\nrouter.get('/api/items${i}/:id', (req, res) => res.json({}));\nexport default router;\n`,
    );
  }
  for (let i = 0; i < services; i++) {
    writeFileSync(
      join(root, 'src', 'services', `s${i}.service.ts`),
      `export async function listItems${i}() {\n  return [];\n}\n`,
    );
  }
  // One Python router, so a worker of each parser family has files of its own.
  writeFileSync(
    join(root, 'api', 'orders.py'),
    'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/api/orders")\n\n\n@router.get("/{order_id}")\nasync def read(order_id: int):\n    return {}\n',
  );
  return root;
}

describe('scanCode on a tree large enough for worker threads', () => {
  it('finds every handler and service, and reports progress a few times, ending with the whole tree', async () => {
    const root = project(700, 500);
    const reports: ScanProgress[] = [];
    const started = performance.now();
    const map = await scanCode(root, {
      cacheFile: join(root, 'cache.json'),
      onProgress: (p) => reports.push(p),
    });
    const elapsed = performance.now() - started;
    expect(map.handlers).toHaveLength(701);
    expect(map.handlers.some((h) => h.path === '/api/orders/{order_id}' && h.method === 'GET')).toBe(true);
    expect(map.assets.filter((a) => a.kind === 'service')).toHaveLength(500);
    expect(reports.at(-1)).toEqual({ files: 1201, parsed: 1201 });
    // Workers answer every few milliseconds; the reports are throttled to about ten a second.
    expect(reports.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    for (const [i, report] of reports.entries()) {
      if (i > 0) expect(report.files).toBeGreaterThanOrEqual(reports[i - 1]?.files ?? 0);
    }
  });

  it('answers from the cache, reading again only the file that changed', async () => {
    const root = project(400, 0);
    const cacheFile = join(root, 'cache.json');
    await scanCode(root, { cacheFile });
    const changed = join(root, 'src', 'routes', 'r7.ts');
    writeFileSync(
      changed,
      "import { Router } from 'express';\nconst router = Router();\nrouter.post('/api/changed', (req, res) => res.json({}));\nexport default router;\n",
    );
    utimesSync(changed, new Date(), new Date(Date.now() + 5_000));
    const reports: ScanProgress[] = [];
    const map = await scanCode(root, { cacheFile, onProgress: (p) => reports.push(p) });
    expect(reports.at(-1)).toEqual({ files: 401, parsed: 1 });
    expect(map.handlers.some((h) => h.path === '/api/changed' && h.method === 'POST')).toBe(true);
    expect(map.handlers.some((h) => h.path === '/api/items7/{id}')).toBe(false);
  });
});
