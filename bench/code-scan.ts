// The code scan on a generated monorepo: 10,000 source files of 50-400 lines (Astro, Next.js, SvelteKit, Express,
// Hono, NestJS, FastAPI, Django, Spring and ASP.NET Core handlers, services, schemas and ordinary modules mixed)
// plus an ignored node_modules of 50,000 files. Cold: no cache. Warm: every file's stamp is in the cache. Each
// sample is a fresh process running the built package's scan (the chunk of dist/ that holds it, found in esbuild's
// metafile, with the package's worker script) in-process, so module loading (Babel, tree-sitter) is counted.
// Then the same at 2,500 and 5,000 files, to show the cost grows no faster than the tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { median, report } from './support.ts';

const here = import.meta.dirname;
const RUNS = Number(process.env.RUNS ?? 5);

/** The built chunk that exports `scanCode`, by esbuild's metafile (its outputs are named in a temporary folder). */
function builtScanModule(): string {
  const dist = join(here, '..', 'dist');
  if (!existsSync(join(dist, 'metafile.json'))) throw new Error('Build first: npm run build');
  const meta = JSON.parse(readFileSync(join(dist, 'metafile.json'), 'utf8')) as {
    outputs: Record<string, { exports: string[] }>;
  };
  const output = Object.entries(meta.outputs).find(([, o]) => o.exports.includes('scanCode'))?.[0];
  if (output === undefined) throw new Error('dist/metafile.json names no chunk exporting scanCode');
  return join(dist, output.split('/').slice(1).join('/'));
}
const scanModule = builtScanModule();

/** A deterministic pseudo-random sequence, so every run scans the same tree. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function filler(lines: number, language: 'ts' | 'py' | 'java' | 'cs', name: string): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    if (language === 'ts')
      out.push(
        `export function ${name}Helper${i}(value: number): number {`,
        `  return value * ${i} + ${name.length};`,
        '}',
      );
    if (language === 'py')
      out.push(`def ${name}_helper_${i}(value):`, `    return value * ${i} + ${name.length}`, '');
    if (language === 'java' || language === 'cs')
      out.push(`    public int Helper${i}(int value) {`, `        return value * ${i};`, '    }');
  }
  // Whole functions only: a cut one would be a syntax error, which a parser gives up on early.
  return out.slice(0, lines - (lines % 3)).join('\n');
}

/** Writes a project of `count` source files (and a node_modules of `count * 5`); returns its root. */
function generateTree(count: number): string {
  const root = mkdtempSync(join(tmpdir(), `ep-scan-${count}-`));
  const next = random(count);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('.gitignore', 'generated/\n');
  for (let i = 0; i < count; i++) {
    const lines = 50 + Math.floor(next() * 350);
    const resource = `res${i % 500}`;
    const app = `apps/app${i % 20}`;
    // One file in ten is a route handler (one of each framework), one in twenty reusable code (services,
    // schemas), the rest ordinary modules of the same languages: components, utilities, models.
    switch (i % 100) {
      case 0:
        write(
          `${app}/src/pages/api/${resource}/[id]-${i}.ts`,
          `import type { APIRoute } from 'astro';\nexport const GET: APIRoute = async ({ params }) => new Response(String(params.id));\nexport const DELETE: APIRoute = async () => { throw new Error('todo'); };\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 1:
        write(
          `${app}/app/api/${resource}/${i}/[id]/route.ts`,
          `export async function GET() { return Response.json({}); }\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 2:
        write(
          `${app}/src/routes/api/${resource}-${i}/+server.ts`,
          `import { json } from '@sveltejs/kit';\nexport const POST = async () => json({}, { status: 201 });\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 3:
        write(
          `${app}/src/routes/${resource}-${i}.ts`,
          `import { Router } from 'express';\nconst router = Router();\nrouter.get('/${resource}/:id', (req, res) => res.json({}));\nrouter.post('/${resource}', (req, res) => res.status(201).json({}));\nexport default router;\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 4:
        write(
          `${app}/src/hono/${resource}-${i}.ts`,
          `import { Hono } from 'hono';\nexport const api = new Hono().basePath('/api');\napi.get('/${resource}-${i}', (c) => c.json([]));\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 5:
        write(
          `${app}/src/${resource}/${resource}-${i}.controller.ts`,
          `import { Controller, Get } from '@nestjs/common';\n@Controller('${resource}-${i}')\nexport class C${i} {\n  @Get(':id')\n  one() { return {}; }\n}\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 6:
        write(
          `${app}/api/routers/${resource}_${i}.py`,
          `from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/${resource}-${i}")\n\n\n@router.get("/{item_id}")\nasync def read(item_id: int):\n    return {}\n\n${filler(lines, 'py', resource)}`,
        );
        break;
      case 7:
        write(
          `${app}/backend/shop${i}/urls.py`,
          `from django.urls import path\n\nurlpatterns = [\n    path("${resource}/<int:pk>/", None),\n]\n${filler(lines, 'py', resource)}`,
        );
        break;
      case 8:
        write(
          `${app}/server/src/main/java/C${i}.java`,
          `@RestController\n@RequestMapping("/api/${resource}-${i}")\npublic class C${i} {\n    @GetMapping("/{id}")\n    public String get() { return ""; }\n${filler(lines, 'java', resource)}\n}\n`,
        );
        break;
      case 9:
        write(
          `${app}/Api/Controllers/C${i}Controller.cs`,
          `[ApiController]\n[Route("api/[controller]")]\npublic class C${i}Controller : ControllerBase {\n    [HttpGet("{id:int}")]\n    public IActionResult Get(int id) => Ok();\n${filler(lines, 'cs', resource)}\n}\n`,
        );
        break;
      case 10:
      case 11:
        write(
          `${app}/src/lib/services/${resource}-${i}.service.ts`,
          `export async function list${i}() { return []; }\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 12:
        write(
          `${app}/src/lib/schemas/${resource}-${i}.schema.ts`,
          `import { z } from 'zod';\nexport const schema${i} = z.object({ name: z.string() });\n${filler(lines, 'ts', resource)}`,
        );
        break;
      case 13:
        write(
          `${app}/api/services/${resource}_${i}_service.py`,
          `class Service${i}:\n    pass\n\n${filler(lines, 'py', resource)}`,
        );
        break;
      case 14:
        write(
          `${app}/server/src/main/java/Service${i}Service.java`,
          `public class Service${i}Service {\n${filler(lines, 'java', resource)}\n}\n`,
        );
        break;
      default: {
        const kind = i % 17;
        if (kind < 8)
          write(
            `${app}/src/components/${resource}/Part${i}.tsx`,
            `export function Part${i}() { return <div>{${i}}</div>; }\n${filler(lines, 'ts', resource)}`,
          );
        else if (kind < 13)
          write(
            `${app}/src/utils/${resource}-${i}.ts`,
            `const cache = new Map<string, number>();\nexport const read${i} = (key: string) => cache.get(key);\n${filler(lines, 'ts', resource)}`,
          );
        else if (kind < 15)
          write(
            `${app}/api/models/${resource}_${i}.py`,
            `class Model${i}:\n    pass\n\n${filler(lines, 'py', resource)}`,
          );
        else if (kind < 16)
          write(
            `${app}/server/src/main/java/Model${i}.java`,
            `public class Model${i} {\n${filler(lines, 'java', resource)}\n}\n`,
          );
        else
          write(
            `${app}/Api/Models/Model${i}.cs`,
            `public class Model${i} {\n${filler(lines, 'cs', resource)}\n}\n`,
          );
      }
    }
  }
  for (let i = 0; i < count * 5; i++)
    write(`node_modules/pkg${i % 700}/lib/f${i}.js`, `module.exports = ${i};\n`);
  for (let i = 0; i < 200; i++) write(`generated/g${i}.ts`, `app.get('/generated/${i}', h);\n`);
  return root;
}

/** Wall time of a fresh process scanning `root` with `cacheDir` (ms), and what it found. */
function timeScan(
  root: string,
  cacheDir: string,
): { ms: number; cpu: number; handlers: number; files: number } {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      join(here, 'code-scan-child.ts'),
      root,
      join(cacheDir, 'cache.json'),
    ],
    { encoding: 'utf8', env: { ...process.env, SCAN_MODULE: scanModule } },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { ms: number; cpu: number; handlers: number; files: number };
}

function measure(count: number): { cold: number; warm: number } {
  const root = generateTree(count);
  const cold: number[] = [];
  const warm: number[] = [];
  const coldCpu: number[] = [];
  const warmCpu: number[] = [];
  let found = { handlers: 0, files: 0 };
  for (let i = 0; i < RUNS; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'ep-scan-cache-'));
    const first = timeScan(root, cacheDir);
    cold.push(first.ms);
    coldCpu.push(first.cpu);
    const second = timeScan(root, cacheDir);
    warm.push(second.ms);
    warmCpu.push(second.cpu);
    found = first;
    rmSync(cacheDir, { recursive: true, force: true });
  }
  rmSync(root, { recursive: true, force: true });
  console.log(
    `  ${count} source files: ${found.files} scanned, ${found.handlers} handlers found; CPU time (all threads) ` +
      `cold ${median(coldCpu).toFixed(0)} ms, warm ${median(warmCpu).toFixed(0)} ms (load average ${loadavg()[0]?.toFixed(1)})`,
  );
  return { cold: median(cold), warm: median(warm) };
}

if (process.env.GENERATE_ONLY !== undefined) {
  console.log(generateTree(Number(process.env.GENERATE_ONLY)));
  process.exit(0);
}
const small = measure(2_500);
const middle = measure(5_000);
const large = measure(10_000);
let ok = report('cold scan, 10,000 files (+ 50,000 in node_modules)', large.cold, 1500);
ok = report('warm scan (cached), 10,000 files', large.warm, 150) && ok;
console.log(
  `  cold: 2,500 ${small.cold.toFixed(0)} ms, 5,000 ${middle.cold.toFixed(0)} ms, 10,000 ${large.cold.toFixed(0)} ms ` +
    `(10,000 / 5,000: ${(large.cold / middle.cold).toFixed(2)}×); warm: ${small.warm.toFixed(0)} / ${middle.warm.toFixed(0)} / ${large.warm.toFixed(0)} ms`,
);
process.exit(ok ? 0 : 1);
