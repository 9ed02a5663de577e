// The layer rule lives in biome.json (noRestrictedImports per folder). Biome's stdin mode prints no diagnostics,
// so the planted files go into a temporary copy of the project's lint setup, never into the repository.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** One planted source file: imports the layer allows, then at most one it forbids (the last line). */
type Planted = { readonly path: string; readonly legal: readonly string[]; readonly wrongWay?: string };

const planted: readonly Planted[] = [
  {
    path: 'src/core/plan/uses-adapter.ts',
    legal: ['../docs/model.ts', '../ports.ts'],
    wrongWay: '../../adapters/fs-store.ts',
  },
  { path: 'src/core/uses-args.ts', legal: ['./settings.ts'], wrongWay: '../args.ts' },
  { path: 'src/core/docs/uses-cli.ts', legal: ['./model.ts'], wrongWay: '../../cli.tsx' },
  {
    path: 'src/core/prompt/uses-terminal.ts',
    legal: ['./template.ts'],
    wrongWay: '../../terminal/colors.ts',
  },
  { path: 'src/core/plan/uses-wizard.ts', legal: ['./split.ts'], wrongWay: '../../wizard/machine.ts' },
  { path: 'src/core/plan/uses-view.ts', legal: ['./split.ts'], wrongWay: '../../../components/app.tsx' },
  { path: 'src/core/plan/uses-fs.ts', legal: ['zod'], wrongWay: 'node:fs' },
  { path: 'src/core/plan/pure.ts', legal: ['../docs/model.ts', '../../core/ports.ts', 'zod'] },
  { path: 'src/wizard/machine.ts', legal: ['../core/ports.ts'], wrongWay: './use-wizard.ts' },
  { path: 'src/adapters/uses-wizard.ts', legal: ['../core/ports.ts'], wrongWay: '../wizard/machine.ts' },
  { path: 'src/adapters/uses-command.ts', legal: ['./fs-read.ts'], wrongWay: '../commands/list.ts' },
  {
    path: 'components/uses-adapter.tsx',
    legal: ['../src/wizard/machine.ts'],
    wrongWay: '../src/adapters/editor.ts',
  },
  {
    path: 'components/uses-command.tsx',
    legal: ['../src/core/ports.ts'],
    wrongWay: '../src/commands/generate.ts',
  },
  { path: 'components/view.tsx', legal: ['../src/wizard/machine.ts', '../src/core/ports.ts', './format.ts'] },
];

const root = resolve(import.meta.dirname, '../..');
let project: string;

function source(file: Planted): string {
  const imports = [...file.legal, ...(file.wrongWay === undefined ? [] : [file.wrongWay])];
  const lines = imports.map((from, index) => `import { value${index} } from '${from}';`);
  const used = imports.map((_, index) => `value${index}`).join(', ');
  return `${lines.join('\n')}\nexport const used = [${used}];\n`;
}

/** `file:line` of every noRestrictedImports finding, from Biome's GitHub reporter (one finding per line). */
async function restrictedImports(): Promise<string[]> {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const lint = promisify(execFile)(biome, ['lint', '--reporter=github', '--max-diagnostics=none', '.'], {
    cwd: project,
  });
  // Biome exits 1 when it finds errors, which is what most cases here expect.
  const { stdout } = await lint.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return [...stdout.matchAll(/^::error title=lint\/style\/noRestrictedImports,file=([^,]+),line=(\d+)/gm)]
    .map((m) => `${relative(project, m[1] ?? '')}:${m[2]}`)
    .sort();
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'layers-'));
  copyFileSync(join(root, 'biome.json'), join(project, 'biome.json'));
  for (const file of planted) {
    mkdirSync(dirname(join(project, file.path)), { recursive: true });
    writeFileSync(join(project, file.path), source(file));
  }
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the layer rule in biome.json', () => {
  it('fails exactly the imports that point the wrong way, and passes the legal ones beside them', async () => {
    const expected = planted
      .filter((file) => file.wrongWay !== undefined)
      .map((file) => `${file.path}:${file.legal.length + 1}`)
      .sort();
    expect(await restrictedImports()).toEqual(expected);
  });
});
