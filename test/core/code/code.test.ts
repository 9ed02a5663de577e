import { describe, expect, it } from 'vitest';
import { scanJsFile } from '../../../src/core/code/js-scan.ts';
import { relatedAssets } from '../../../src/core/code/match.ts';
import type { CodeAsset, FileScan } from '../../../src/core/code/model.ts';
import { resolveCodeMap } from '../../../src/core/code/resolve.ts';
import { joinPaths, toPlanSpelling } from '../../../src/core/routes/spellings.ts';

const routes = (files: Record<string, string>) =>
  resolveCodeMap(new Map(Object.entries(files).map(([file, text]) => [file, scanJsFile(file, text)])), [], 0)
    .handlers.map((h) => `${h.method} ${h.path}${h.stub ? ' (stub)' : ''}`)
    .sort();

describe('route spellings', () => {
  it.each([
    ['/users/:id', '/users/{id}'],
    ['/users/:id?', '/users/{id}'],
    ['/files/[...slug]', '/files/{slug}'],
    ['/docs/[[...slug]]', '/docs/{slug}'],
    ['/items/[id=integer]', '/items/{id}'],
    ['/orders/<int:pk>/', '/orders/{pk}/'],
    ['/products/{id:int}', '/products/{id}'],
    ['/assets/{*rest}', '/assets/{rest}'],
    ['/plain/{id}', '/plain/{id}'],
  ])('%s → %s', (from, to) => {
    expect(toPlanSpelling(from)).toBe(to);
  });

  it('joins pieces with single slashes', () => {
    expect(joinPaths('/api/', '', 'users', '/:id/')).toBe('/api/users/:id');
    expect(joinPaths('', '')).toBe('/');
  });
});

describe('JavaScript routers', () => {
  it('reads Fastify route objects and register prefixes', () => {
    expect(
      routes({
        'server.ts': `import Fastify from 'fastify';
import users from './users';
const app = Fastify();
app.register(users, { prefix: '/api/users' });`,
        'users.ts': `export default async function users(app) {
  app.route({ method: ['GET', 'HEAD'], url: '/:id', handler: async () => ({}) });
  app.post('/', async () => { throw new Error('later'); });
}`,
      }),
    ).toEqual(['GET /api/users/{id}', 'HEAD /api/users/{id}', 'POST /api/users (stub)']);
  });

  it('reads Koa routers with their own prefix, mounted by require', () => {
    expect(
      routes({
        'app.js': `const Koa = require('koa');
const app = new Koa();
const api = new (require('@koa/router'))({ prefix: '/api' });
api.use('/v1', require('./v1.js').routes());`,
        'v1.js': `const Router = require('@koa/router');
const router = new Router({ prefix: '/notes' });
router.get('/:noteId', (ctx) => { ctx.status = 501; });
module.exports = router;`,
      }),
    ).toEqual(['GET /api/v1/notes/{noteId} (stub)']);
  });

  it('reads Express route chains and Hono base paths', () => {
    expect(
      routes({
        'app.ts': `import express from 'express';
const app = express();
app.route('/books/:id').get((req, res) => res.json({})).delete((req, res) => res.sendStatus(204));`,
        'hono.ts': `import { Hono } from 'hono';
const app = new Hono().basePath('/api');
app.get('/ping', (c) => c.text('pong')).post('/echo', (c) => c.json({}));`,
      }),
    ).toEqual(['DELETE /books/{id}', 'GET /api/ping', 'GET /books/{id}', 'POST /api/echo']);
  });

  it('does not take one-argument gets (maps, caches) for routes', () => {
    expect(
      routes({ 'cache.ts': "const cache = new Map(); cache.get('/x'); app.use(express.json());" }),
    ).toEqual([]);
  });

  it('ends on routers mounted in a cycle', () => {
    const a: FileScan = scanJsFile(
      'a.ts',
      "import b from './b';\nconst r = Router();\nr.use('/b', b);\nr.get('/x', h);\nexport default r;",
    );
    const b: FileScan = scanJsFile(
      'b.ts',
      "import a from './a';\nconst r = Router();\nr.use('/a', a);\nr.get('/y', h);\nexport default r;",
    );
    const map = resolveCodeMap(
      new Map([
        ['a.ts', a],
        ['b.ts', b],
      ]),
      [],
      2,
    );
    expect(map.handlers.length).toBeGreaterThan(0);
    expect(map.handlers.length).toBeLessThan(40);
  });

  it('leaves files with nothing to offer unparsed and empty', () => {
    const scan = scanJsFile('src/utils/format.ts', 'export const pad = (s: string) => s.padStart(2, "0");');
    expect(scan.handlers).toEqual([]);
    expect(scan.asset).toBeUndefined();
  });
});

describe('code to reuse', () => {
  const asset = (kind: CodeAsset['kind'], file: string, ...exports: string[]): CodeAsset => ({
    kind,
    file,
    exports,
  });
  const assets = [
    asset('service', 'src/lib/services/invoices.service.ts', 'listInvoices', 'createInvoice'),
    asset('service', 'src/lib/services/customers.service.ts', 'getCustomer'),
    asset('schema', 'src/lib/schemas/invoice.schema.ts', 'createInvoiceSchema'),
    asset('error-helper', 'src/lib/errors.ts', 'ApiError'),
    asset('middleware', 'src/middleware.ts', 'onRequest'),
  ];

  it('puts the same resource first, shared helpers after, and leaves out other resources', () => {
    expect(relatedAssets(assets, '/api/invoices/{invoiceId}').map((a) => a.file)).toEqual([
      'src/lib/services/invoices.service.ts',
      'src/lib/schemas/invoice.schema.ts',
      'src/lib/errors.ts',
      'src/middleware.ts',
    ]);
  });

  it('caps the list', () => {
    expect(relatedAssets(assets, '/api/invoices', 2)).toHaveLength(2);
  });
});
