import {
  closeSync,
  type Dirent,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ignore } from 'ignore';
import { assetKindByPath } from '../core/code/assets.ts';
import { fileRoute } from '../core/code/file-routes.ts';
import type { CodeMap, FileScan } from '../core/code/model.ts';
import { resolveCodeMap } from '../core/code/resolve.ts';
import { type SyntaxNode, scanTree, TREE_HINTS, type TreeLanguage } from '../core/code/tree-scan.ts';
import type { Diagnostic } from '../core/docs/model.ts';
import { userCacheDir } from './cache-dir.ts';
import { type ParserFamily, type ScanJob, type ScanPool, startScanPool } from './code-scan-pool.ts';

/** Bump when what a file scan holds changes, so old caches are not read. */
const CACHE_VERSION = 1;
/** Folders never scanned: dependencies, build output, caches, vendored code, virtual environments. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.astro',
  '.vercel',
  '.netlify',
  '.turbo',
  '.cache',
  'vendor',
  'bower_components',
  'bin',
  'obj',
  'target',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.idea',
  '.vscode',
  '.endpoint-planner',
]);
const JS_FILE = /\.(?:[cm]?[jt]sx?)$/;
const TREE_FILES: readonly (readonly [RegExp, TreeLanguage])[] = [
  [/\.py$/, 'python'],
  [/\.java$/, 'java'],
  [/\.cs$/, 'csharp'],
];
/** Larger files are generated or bundled code, not handlers. */
const MAX_FILE_BYTES = 512 * 1024;
/** The scan yields to the event loop this often (ms), so a wizard stays responsive. */
const SLICE_MS = 30;
/** Progress of a scan is passed on at most this often (ms). */
const PROGRESS_MS = 100;
/** The listing yields more often: each pause lets waiting workers take their next batch. */
const LISTING_SLICE_MS = 5;

/** A file's stamp and what it contributes; no scan for the many files that contribute nothing. */
type CacheEntry = { readonly m: number; readonly s: number; readonly scan?: FileScan };
type CacheFile = { readonly version: number; readonly entries: Record<string, CacheEntry> };

/** Progress of a scan: files looked at so far, and whether the cache answered for them. */
export type ScanProgress = { readonly files: number; readonly parsed: number };

/** Options of one scan. */
export type ScanOptions = {
  /** Where file scans are cached between runs; no cache when undefined. */
  readonly cacheFile: string | undefined;
  readonly onProgress?: (progress: ScanProgress) => void;
};

/** The default cache file of a project: under the user's cache folder, one file per project root. */
export function defaultCacheFile(
  root: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < root.length; i++) hash = Math.imul(hash ^ root.charCodeAt(i), 0x01000193) >>> 0;
  const name = root.split(/[\\/]/).filter(Boolean).at(-1) ?? 'root';
  return join(
    userCacheDir(env, platform, home),
    `code-${name.replace(/[^\w.-]/g, '_')}-${hash.toString(16)}.json`,
  );
}

function readCache(file: string | undefined): Record<string, CacheEntry> {
  if (file === undefined) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return parsed.version === CACHE_VERSION && typeof parsed.entries === 'object' ? parsed.entries : {};
  } catch {
    return {};
  }
}

async function writeCache(file: string, entries: Record<string, CacheEntry>): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ version: CACHE_VERSION, entries } satisfies CacheFile));
    await rename(temp, file);
  } catch {
    // A cache that cannot be written only makes the next scan slower.
  }
}

/** A file's modification time and size: when both match the cache's, the file is not read again. */
export type Stamp = { readonly m: number; readonly s: number };

/** A listed file; stamped only when the cache has an entry to compare with (else the scan stamps it as it reads). */
type Found = ScanJob & { readonly stamp: Stamp | undefined };

/** Lists the project's source files: .gitignore honoured, skipped folders skipped, each symlinked folder once. */
async function listSourceFiles(
  root: string,
  loadIgnore: () => (patterns: string) => Ignore,
  diagnostics: Diagnostic[],
  needsStamp: (rel: string) => boolean,
  onFound: (file: Found) => void,
): Promise<Found[]> {
  const found: Found[] = [];
  const seen = new Set<string>();
  const unreadable: string[] = [];
  type Frame = {
    readonly abs: string;
    readonly rel: string;
    readonly ignores: readonly { base: string; ig: Ignore }[];
  };
  let rootReal = root;
  try {
    rootReal = realpathSync(root);
  } catch {
    // An unreadable root is reported by the readdir below.
  }
  seen.add(rootReal);
  const stack: Frame[] = [{ abs: root, rel: '', ignores: [] }];
  let sliceStart = performance.now();
  while (stack.length > 0) {
    // Workers started meanwhile are handed files, and a wizard stays responsive, between slices.
    if (performance.now() - sliceStart > LISTING_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    const frame = stack.pop() as Frame;
    let entries: Dirent[];
    try {
      entries = readdirSync(frame.abs, { withFileTypes: true });
    } catch (error) {
      unreadable.push(`${frame.rel || '.'} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      continue;
    }
    let ignores = frame.ignores;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const text = readFileSync(join(frame.abs, '.gitignore'), 'utf8');
        ignores = [...ignores, { base: frame.rel, ig: loadIgnore()(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    const ignored = (rel: string, dir: boolean): boolean =>
      ignores.some(({ base, ig }) => {
        const inner = base === '' ? rel : rel.slice(base.length + 1);
        return ig.ignores(dir ? `${inner}/` : inner);
      });
    for (const entry of entries) {
      const rel = frame.rel === '' ? entry.name : `${frame.rel}/${entry.name}`;
      const abs = `${frame.abs}${sep}${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(abs);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || ignored(rel, true)) continue;
        if (entry.isSymbolicLink()) {
          let real: string;
          try {
            real = realpathSync(abs);
          } catch {
            continue;
          }
          if (seen.has(real) || rootReal.startsWith(`${real}/`) || real === rootReal) continue;
          seen.add(real);
        }
        stack.push({ abs, rel, ignores });
        continue;
      }
      if (!isFile || !(JS_FILE.test(entry.name) || TREE_FILES.some(([re]) => re.test(entry.name)))) continue;
      if (ignored(rel, false)) continue;
      let stamp: Stamp | undefined;
      if (needsStamp(rel)) {
        try {
          const stats = statSync(abs);
          stamp = { m: stats.mtimeMs, s: stats.size };
        } catch {
          continue; // Gone between listing and stat.
        }
      }
      const file = { rel, abs, stamp };
      found.push(file);
      onFound(file);
    }
  }
  if (unreadable.length > 0) {
    diagnostics.push({
      file: unreadable[0] ?? '.',
      line: 1,
      severity: 'warning',
      code: 'unreadable-folder',
      message: `${unreadable.length} folder${unreadable.length === 1 ? '' : 's'} could not be read and ${unreadable.length === 1 ? 'was' : 'were'} skipped: ${unreadable.slice(0, 3).join(', ')}${unreadable.length > 3 ? ', …' : ''}.`,
    });
  }
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return found;
}

/** Where the bundled tree-sitter runtime and grammars are: dist/wasm in the package, node_modules in a checkout. */
function treeSitterFiles(): { dir: string; runtime: string } {
  for (const relative of ['../wasm/', './wasm/']) {
    const bundled = fileURLToPath(new URL(relative, import.meta.url));
    try {
      statSync(join(bundled, 'tree-sitter.cjs'));
      return { dir: bundled, runtime: join(bundled, 'tree-sitter.cjs') };
    } catch {
      // Not in the package: a checkout, where node_modules has the files.
    }
  }
  const runtime = createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.js');
  return { dir: dirname(runtime), runtime };
}

type TreeSitter = {
  Parser: { init(options: { locateFile: (file: string) => string }): Promise<void>; new (): TreeParser };
  Language: { load(input: string | Uint8Array): Promise<unknown> };
};
type TreeParser = {
  setLanguage(language: unknown): void;
  parse(text: string): { rootNode: SyntaxNode; delete(): void } | null;
};

const GRAMMARS: Readonly<Record<TreeLanguage, string>> = {
  python: 'tree-sitter-python.wasm',
  java: 'tree-sitter-java.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
};

/** A grammar's bytes: brotli-compressed in the package, raw in node_modules. */
async function readGrammar(dir: string, name: string): Promise<Uint8Array | string> {
  try {
    const packed = readFileSync(join(dir, `${name}.br`));
    const { brotliDecompressSync } = await import('node:zlib');
    return brotliDecompressSync(packed);
  } catch {
    return join(dir, name);
  }
}

/** Loads tree-sitter and one parser per language on first need. */
function treeParsers(): (language: TreeLanguage) => Promise<TreeParser> {
  let runtime: Promise<{ ts: TreeSitter; dir: string }> | undefined;
  const parsers = new Map<TreeLanguage, Promise<TreeParser>>();
  return (language) => {
    runtime ??= (async () => {
      const { dir, runtime: file } = treeSitterFiles();
      const ts = createRequire(import.meta.url)(file) as TreeSitter;
      await ts.Parser.init({ locateFile: (file) => join(dir, file) });
      return { ts, dir };
    })();
    let parser = parsers.get(language);
    if (parser === undefined) {
      parser = runtime.then(async ({ ts, dir }) => {
        const p = new ts.Parser();
        p.setLanguage(await ts.Language.load(await readGrammar(dir, GRAMMARS[language])));
        return p;
      });
      parsers.set(language, parser);
    }
    return parser;
  };
}

/** Whether a file's scan adds anything to the code map (most files add nothing). */
function contributes(scan: FileScan): boolean {
  return (
    scan.handlers.length > 0 ||
    scan.routers.length > 0 ||
    scan.asset !== undefined ||
    scan.globalPrefix !== undefined
  );
}

/** A file's stamp as it was read, and its scan when it contributes anything. */
export type FileResult = { readonly stamp: Stamp; readonly scan: FileScan | null };

/** Reads a file with its stamp (one open: the size read is the size stamped); larger files are not read. */
function readStamped(abs: string): { stamp: Stamp; text: string | undefined } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const stats = fstatSync(fd);
    const stamp = { m: stats.mtimeMs, s: stats.size };
    if (!stats.isFile() || stats.size > MAX_FILE_BYTES) return { stamp, text: undefined };
    const buffer = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < stats.size) {
      const got = readSync(fd, buffer, read, stats.size - read, read);
      if (got === 0) break;
      read += got;
    }
    return { stamp, text: buffer.toString('utf8', 0, read) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads and scans files one at a time, loading Babel and each tree-sitter grammar on first need. Undefined for a
 * file that cannot be read (gone since the listing, or unreadable).
 */
export function createFileScanner(): (job: ScanJob) => Promise<FileResult | undefined> {
  let jsScanner: typeof import('../core/code/js-scan.ts') | undefined;
  const parserFor = treeParsers();
  return async ({ rel, abs }) => {
    const read = readStamped(abs);
    if (read === undefined) return undefined;
    const { stamp, text } = read;
    if (text === undefined) return { stamp, scan: null };
    let scan: FileScan | null = null;
    const tree = TREE_FILES.find(([re]) => re.test(rel))?.[1];
    if (tree === undefined) {
      jsScanner ??= await import('../core/code/js-scan.ts');
      scan = jsScanner.scanJsFile(rel, text);
    } else {
      const routes = TREE_HINTS[tree].test(text);
      const result =
        routes || assetKindByPath(rel) !== undefined ? (await parserFor(tree)).parse(text) : null;
      if (result !== null) {
        scan = scanTree(tree, rel, result.rootNode, routes);
        result.delete();
      }
    }
    return { stamp, scan: scan !== null && contributes(scan) ? scan : null };
  };
}

/** Below this many files to parse, one thread does it: a worker costs ~50 ms to start and load its parsers. */
const WORKER_THRESHOLD = 300;

/** Whether a file's path alone says it will be parsed: a file-based route or code to reuse. */
const likelyParsed = (rel: string): boolean =>
  fileRoute(rel) !== undefined || assetKindByPath(rel) !== undefined;

/** The parser family a file needs. */
const familyOf = (rel: string): ParserFamily => (TREE_FILES.some(([re]) => re.test(rel)) ? 'tree' : 'js');

/**
 * Scans the project's source tree for route handlers and reusable code. Files whose stamp (mtime, size) is in the
 * cache are not read again; parsers load only for files that need parsing, on worker threads when there are many.
 */
export async function scanCode(root: string, options: ScanOptions): Promise<CodeMap> {
  const diagnostics: Diagnostic[] = [];
  let ignoreFactory: ((patterns: string) => Ignore) | undefined;
  const ignoreModule = (await import('ignore')).default as unknown as () => Ignore;
  const threads = Math.min(4, (await import('node:os')).availableParallelism());
  const cache = readCache(options.cacheFile);
  const misses: Found[] = [];
  // The workers start as soon as the listing has found enough files to parse, and take files while it goes on.
  let pool: ScanPool | undefined;
  let listed = 0;
  // Workers answer a batch every few milliseconds: progress is passed on at most this often, so a wizard redraws
  // its status a few times a second, not hundreds.
  let reported = Number.NEGATIVE_INFINITY;
  const parsed = (count: number) => {
    if (performance.now() - reported < PROGRESS_MS) return;
    reported = performance.now();
    options.onProgress?.({ files: listed - misses.length + count, parsed: count });
  };
  const files = await listSourceFiles(
    root,
    () => {
      ignoreFactory ??= (patterns) => ignoreModule().add(patterns);
      return ignoreFactory;
    },
    diagnostics,
    (rel) => cache[rel] !== undefined,
    (found) => {
      listed++;
      const cached = cache[found.rel];
      if (cached !== undefined && cached.m === found.stamp?.m && cached.s === found.stamp.s) return;
      misses.push(found);
      if (pool !== undefined) pool.add(found, familyOf(found.rel), likelyParsed(found.rel));
      else if (misses.length === WORKER_THRESHOLD && threads > 1) {
        pool = startScanPool(threads, (count) => parsed(count));
        for (const miss of misses) pool.add(miss, familyOf(miss.rel), likelyParsed(miss.rel));
      }
    },
  );
  let results = new Map<string, FileResult | undefined>();
  let left: readonly ScanJob[] = misses;
  if (pool !== undefined) {
    options.onProgress?.({ files: files.length - misses.length, parsed: 0 });
    const outcome = await pool.finish();
    results = outcome.results;
    // A worker that failed (it could not start, or ran out of memory) leaves its files to this thread.
    left = outcome.failure === undefined ? [] : misses.filter((m) => !results.has(m.rel));
  }
  if (left.length > 0) {
    const scanFile = createFileScanner();
    let sliceStart = performance.now();
    for (const [i, job] of left.entries()) {
      results.set(job.rel, await scanFile(job));
      if (performance.now() - sliceStart > SLICE_MS) {
        parsed(i + 1);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
  const fresh: Record<string, CacheEntry> = {};
  const scans = new Map<string, FileScan>();
  const missed = new Set(misses.map((m) => m.rel));
  let count = 0;
  for (const f of files) {
    const cached = cache[f.rel];
    const entry = missed.has(f.rel)
      ? results.get(f.rel)
      : cached === undefined
        ? undefined
        : { stamp: cached, scan: cached.scan ?? null };
    // A file that could not be read is left out, and read again next time.
    if (entry === undefined) continue;
    count++;
    const { stamp, scan } = entry;
    fresh[f.rel] = scan === null ? { m: stamp.m, s: stamp.s } : { m: stamp.m, s: stamp.s, scan };
    if (scan !== null) scans.set(f.rel, scan);
  }
  if (options.cacheFile !== undefined && (misses.length > 0 || Object.keys(cache).length !== files.length)) {
    await writeCache(options.cacheFile, fresh);
  }
  options.onProgress?.({ files: count, parsed: misses.length });
  return resolveCodeMap(scans, diagnostics, count);
}
