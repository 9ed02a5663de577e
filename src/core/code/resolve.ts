import { joinPaths, toPlanSpelling } from '../routes/spellings.ts';
import type { CodeAsset, CodeMap, FileScan, RouteHandler, RouterUnit } from './model.ts';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** Mount chains deeper than this are treated as cycles. */
const MAX_DEPTH = 16;

function dirname(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : file.slice(0, at);
}

function normalizeJoin(dir: string, specifier: string): string {
  const out: string[] = dir === '' ? [] : dir.split('/');
  for (const part of specifier.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The scanned file a module specifier points at, relative (`./routes/users.js`) or a Python module path. */
function resolveModule(
  from: string,
  specifier: string,
  files: ReadonlyMap<string, FileScan>,
): string | undefined {
  if (from.endsWith('.py')) {
    const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
    const rest = specifier
      .slice(dots)
      .split('.')
      .filter((p) => p !== '')
      .join('/');
    if (dots > 0) {
      let dir = dirname(from);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      const base = normalizeJoin(dir, rest);
      return [`${base}.py`, `${base}/__init__.py`].find((f) => files.has(f));
    }
    for (const file of files.keys()) {
      if (file === `${rest}.py` || file.endsWith(`/${rest}.py`) || file.endsWith(`/${rest}/__init__.py`))
        return file;
    }
    return undefined;
  }
  if (!specifier.startsWith('.')) return undefined;
  const base = normalizeJoin(dirname(from), specifier);
  const stem = base.replace(/\.[cm]?[jt]sx?$/, '');
  const candidates = [
    base,
    ...JS_EXTENSIONS.map((e) => stem + e),
    ...JS_EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  return candidates.find((c) => files.has(c));
}

/**
 * Puts the files' scans together: routers mounted under other routers get the prefixes of their mounts
 * (across files, by import), NestJS handlers get the app's global prefix, and assets are collected.
 */
export function resolveCodeMap(
  files: ReadonlyMap<string, FileScan>,
  diagnostics: CodeMap['diagnostics'],
  fileCount: number,
): CodeMap {
  const handlers: RouteHandler[] = [];
  const assets: CodeAsset[] = [];
  const units = new Map<string, { file: string; unit: RouterUnit; framework: FileScan['framework'] }>();
  let globalPrefix = '';
  for (const [file, scan] of files) {
    if (scan.globalPrefix !== undefined) globalPrefix = scan.globalPrefix;
    for (const unit of scan.routers)
      units.set(`${file}#${unit.name}`, { file, unit, framework: scan.framework });
    if (scan.asset !== undefined) assets.push(scan.asset);
  }
  for (const scan of files.values()) {
    for (const h of scan.handlers) {
      handlers.push(
        h.framework === 'nestjs' && globalPrefix !== '' ? { ...h, path: joinPaths(globalPrefix, h.path) } : h,
      );
    }
  }

  const target = (file: string, mount: RouterUnit['mounts'][number]): string | undefined => {
    if (mount.local !== undefined) return `${file}#${mount.local}`;
    if (mount.from === undefined) return undefined;
    const module = resolveModule(file, mount.from.specifier, files);
    if (module === undefined) return undefined;
    const scan = files.get(module);
    const name = mount.from.name;
    const local = scan?.exportedRouters.find((e) => e.exported === name)?.local ?? name;
    if (units.has(`${module}#${local}`)) return `${module}#${local}`;
    // A module with one router (Python modules, `export default` of an unnamed router).
    const only = scan?.routers.length === 1 ? scan.routers[0] : undefined;
    return only === undefined ? undefined : `${module}#${only.name}`;
  };

  const mounted = new Set<string>();
  for (const [key, { file, unit }] of units) {
    for (const mount of unit.mounts) {
      const child = target(file, mount);
      if (child !== undefined && child !== key) mounted.add(child);
    }
  }

  const emitted = new Set<string>();
  const emit = (key: string, prefix: string, depth: number, seen: ReadonlySet<string>): void => {
    const entry = units.get(key);
    if (entry === undefined || depth > MAX_DEPTH || seen.has(key)) return;
    emitted.add(key);
    const here = joinPaths(prefix, entry.unit.ownPrefix);
    for (const route of entry.unit.routes) {
      handlers.push({
        method: route.method,
        path: toPlanSpelling(joinPaths(here, route.path)),
        file: entry.file,
        line: route.line,
        framework: entry.framework ?? 'express',
        stub: route.stub,
      });
    }
    const next = new Set(seen).add(key);
    for (const mount of entry.unit.mounts) {
      const child = target(entry.file, mount);
      if (child !== undefined) emit(child, joinPaths(here, mount.prefix), depth + 1, next);
    }
  };
  for (const key of units.keys()) {
    if (!mounted.has(key)) emit(key, '', 0, new Set());
  }
  // Routers that only mount each other in a cycle have no root: each is read from itself.
  for (const key of units.keys()) {
    if (!emitted.has(key)) emit(key, '', 0, new Set());
  }
  handlers.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  assets.sort((a, b) => a.file.localeCompare(b.file));
  return { handlers, assets, files: fileCount, diagnostics };
}
