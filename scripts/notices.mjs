// THIRD_PARTY_NOTICES for the bundle: the package ships no dependencies, so the licences of the libraries that
// esbuild copied into dist/ have to travel inside it. The list comes from esbuild's metafile (every input file
// that went into an output), so a library added later is covered without anyone remembering to list it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const LICENCE_FILE = /^(?:licen[cs]e|copying|notice)(?:[-._].*)?$/i;

/** The package folder (`node_modules/name` or `node_modules/@scope/name`, nested ones kept) of a bundled input. */
export function packageDirOf(input) {
  const parts = input.replaceAll('\\', '/').split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const nameLength = parts[at + 1].startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + nameLength).join('/');
}

/** Every package with at least one file in the bundle, sorted by folder, with what its package.json says. */
export async function bundledPackages(metafile, root) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDirOf(input);
    if (dir !== undefined) dirs.add(dir);
  }
  const packages = [];
  for (const dir of [...dirs].sort()) {
    const manifest = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '');
    const author = typeof manifest.author === 'string' ? manifest.author : (manifest.author?.name ?? '');
    const repository =
      typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? '');
    packages.push({ dir, name: manifest.name, version: manifest.version, license, author, repository });
  }
  return packages;
}

/** The licence files a package ships (LICENSE, LICENSE.md, LICENCE-MIT, COPYING, NOTICE…), sorted by name. */
export async function licenceFiles(root, dir) {
  const names = await readdir(join(root, dir));
  return names.filter((name) => LICENCE_FILE.test(name)).sort();
}

/** The notices text: one section per package with its licence files verbatim (or its declared licence). */
export async function renderNotices(packages, root, projectName) {
  const rule = '-'.repeat(78);
  const sections = [];
  for (const pkg of packages) {
    const files = await licenceFiles(root, pkg.dir);
    const texts = await Promise.all(files.map((file) => readFile(join(root, pkg.dir, file), 'utf8')));
    const body =
      texts.length > 0
        ? texts.map((text) => text.replaceAll('\r\n', '\n').trimEnd()).join('\n\n')
        : [
            `The package ships no licence file; its package.json declares the licence: ${pkg.license || 'none'}.`,
            pkg.author === '' ? '' : `Author: ${pkg.author}.`,
            pkg.repository === '' ? '' : `Source: ${pkg.repository}.`,
          ]
            .filter((line) => line !== '')
            .join('\n');
    sections.push(
      `${rule}\n${pkg.name}@${pkg.version} (${pkg.license || 'no licence declared'})\n\n${body}\n`,
    );
  }
  const head =
    `THIRD-PARTY SOFTWARE NOTICES\n\n${projectName} bundles the following ${packages.length} packages into dist/. ` +
    'Their licences follow.\n';
  return `${head}\n${sections.join('\n')}`;
}
