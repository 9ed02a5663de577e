// What scripts/build.mjs promises about dist/ (built once by the global setup): its post-build rewrites
// (escapeNonAscii, requireBuiltins) held in every chunk, the CLI starts, and THIRD_PARTY_NOTICES carries the
// licence of every package esbuild bundled.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../support/cli.ts';

const dist = join(repoRoot, 'dist');
const chunks = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.js'))
  .map((name) => ({ name, source: readFileSync(join(dist, name), 'utf8') }));

/** The built-ins the build loads on first call only; none of them may be loaded when a chunk loads. */
const LAZY_BUILTINS = ['child_process', 'crypto', 'fs/promises'];

describe('the built chunks', () => {
  it('are there', () => {
    expect(chunks.map((c) => c.name)).toContain('cli.js');
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('are pure ASCII, so Node reads them as one-byte source', () => {
    const offenders = chunks.flatMap(({ name, source }) => {
      const at = source.search(/[\u0080-\uffff]/);
      return at < 0 ? [] : [`${name}: ${JSON.stringify(source.slice(Math.max(0, at - 30), at + 10))}`];
    });
    expect(offenders).toEqual([]);
  });

  it('import no built-in statically: each is a require() after the banner', () => {
    const specifiers = new Set(
      chunks.flatMap(({ source }) =>
        [...source.matchAll(/(?:^|[;}\n])\s*import\s*[^;()]*?["']((?:node:)?[\w/]+)["']/g)]
          .map((m) => m[1] ?? '')
          .filter((specifier) => !specifier.startsWith('.')),
      ),
    );
    // Only the banner's createRequire comes from an import; every other built-in goes through that require.
    expect([...specifiers]).toEqual(['node:module']);
  });

  it(`load ${LAZY_BUILTINS.join(', ')} only when a function from them is first called`, () => {
    const LAZY_CALL = '(...args)=>';
    const eager: string[] = [];
    let lazy = 0;
    for (const { name, source } of chunks) {
      for (const builtin of LAZY_BUILTINS) {
        const call = `require("node:${builtin}")`;
        for (let at = source.indexOf(call); at >= 0; at = source.indexOf(call, at + 1)) {
          if (source.slice(at - LAZY_CALL.length, at) === LAZY_CALL) lazy++;
          else eager.push(`${name}: ${source.slice(Math.max(0, at - 30), at + call.length)}`);
        }
      }
    }
    expect(eager).toEqual([]);
    expect(lazy).toBeGreaterThan(0);
  });

  it('start: `--version` answers with the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { stdout } = await promisify(execFile)(process.execPath, [cliPath, '--version']);
    expect(stdout.trim()).toBe(version);
  });
});

type Metafile = { readonly inputs: Record<string, unknown> };
type Bundled = { readonly dir: string; readonly name: string; readonly version: string };

/** Every package that has a file in the bundle, read from esbuild's own record of its inputs. */
function bundledPackages(): Bundled[] {
  const metafile = JSON.parse(readFileSync(join(dist, 'metafile.json'), 'utf8')) as Metafile;
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1] !== undefined) dirs.add(match[1]);
  }
  return [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Bundled;
    return { dir, name: manifest.name, version: manifest.version };
  });
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The bundled packages whose notice (name@version and every licence file it ships) the notices text lacks. */
function missingLicences(notices: string, packages: readonly Bundled[]): string[] {
  const flat = squash(notices);
  return packages
    .filter((pkg) => {
      if (!notices.includes(`\n${pkg.name}@${pkg.version} (`)) return true;
      const files = readdirSync(join(repoRoot, pkg.dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f));
      return files.some(
        (file) => !flat.includes(squash(readFileSync(join(repoRoot, pkg.dir, file), 'utf8'))),
      );
    })
    .map((pkg) => `${pkg.name}@${pkg.version}`);
}

describe('THIRD_PARTY_NOTICES', () => {
  const notices = readFileSync(join(dist, 'THIRD_PARTY_NOTICES'), 'utf8');
  const packages = bundledPackages();

  it('covers the libraries the CLI is made of', () => {
    const names = packages.map((pkg) => pkg.name);
    for (const name of ['ink', 'react', 'openai', 'zod', 'yaml', 'unified', '@babel/parser']) {
      expect(names).toContain(name);
    }
  });

  it('holds the licence of every bundled package', () => {
    expect(missingLicences(notices, packages)).toEqual([]);
  });

  it('is caught when one package is left out', () => {
    const ink = packages.find((pkg) => pkg.name === 'ink')!;
    const header = `${ink.name}@${ink.version} (`;
    const sections = notices.split(/\n(?=-{78}\n)/);
    const without = sections.filter((section) => !section.includes(`\n${header}`)).join('\n');
    expect(without.length).toBeLessThan(notices.length);
    expect(missingLicences(without, packages)).toEqual([`ink@${ink.version}`]);
  });
});
