import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  isSafeSlug,
  nextPlanNumber,
  parsePlanFileName,
  planFileName,
  safeSlug,
} from '../core/naming/plan-file.ts';
import type { Clock, PlannedFile, PlanStore, SavePlanInput, WriteCheck } from '../core/ports.ts';
import { SaveFailure } from '../core/ports.ts';
import { endpointId } from '../core/routes/ids.ts';
import { readdir, readFile } from './fs-read.ts';

/** The hidden folder inside the plans folder where the tool remembers what each plan file is. */
export const SIDECAR_DIR = '.endpoint-planner';

/** What the tool remembers about one plan file, kept out of the plan itself. */
export type PlanSidecar = {
  readonly file: string;
  readonly endpointId: string;
  readonly method: string;
  readonly path: string;
  /** The query written with the path, or null; absent in sidecars written before queries were kept. */
  readonly query?: string | null;
  readonly inputsHash: string;
  readonly engine: string;
  readonly savedAt?: string;
  /** The fingerprint of the endpoint's facts when saved (`factsFingerprint`), so `list` can tell it is stale. */
  readonly factsFingerprint?: string;
};

/** Ways to bend the store for tests and callers that want a saved-at stamp. */
export type FsPlanStoreOptions = {
  /** When given, sidecars record `savedAt`; otherwise the field is omitted. */
  readonly clock?: Clock;
  /** Replaces `fs.link`, so tests can play a file system without hard links. */
  readonly link?: (existingPath: string, newPath: string) => Promise<void>;
  /**
   * Where a plan that could not be saved goes when the sidecar folder cannot take it, in order (the user's
   * state folder, then the OS temp folder: see `unsavedFolders`).
   */
  readonly unsavedFolders?: readonly string[];
};

/**
 * The folders for plans that could not be saved, after the project's own sidecar folder: the user's state folder
 * (`$XDG_STATE_HOME/endpoint-planner`, `~/.local/state/endpoint-planner`; `~/Library/Application Support` on macOS,
 * `%LOCALAPPDATA%` on Windows), then the OS temp folder.
 */
export function unsavedFolders(input: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  readonly home: string;
  readonly tmp: string;
}): readonly string[] {
  const { env, platform, home } = input;
  const nonEmpty = (value: string | undefined): string | undefined =>
    value === undefined || value.trim() === '' ? undefined : value;
  const stateRoot =
    platform === 'win32'
      ? (nonEmpty(env.LOCALAPPDATA) ?? join(home, 'AppData', 'Local'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (nonEmpty(env.XDG_STATE_HOME) ?? join(home, '.local', 'state'));
  return [join(stateRoot, 'endpoint-planner', 'unsaved'), join(input.tmp, 'endpoint-planner-unsaved')];
}

const SIDECAR_FIELDS = ['file', 'endpointId', 'method', 'path', 'inputsHash', 'engine'] as const;

// A hand-written check instead of zod: `list` reads every sidecar, and importing zod costs ~150 ms of start-up.
function asSidecar(value: unknown): PlanSidecar | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (!SIDECAR_FIELDS.every((field) => typeof record[field] === 'string')) return undefined;
  if (record.savedAt !== undefined && typeof record.savedAt !== 'string') return undefined;
  if (record.factsFingerprint !== undefined && typeof record.factsFingerprint !== 'string') return undefined;
  if (record.query !== undefined && record.query !== null && typeof record.query !== 'string')
    return undefined;
  return record as PlanSidecar;
}

const MAX_ATTEMPTS = 10_000;

let tempCounter = 0;
// Unique per process and call without node:crypto (whose start-up `list` would pay): pid, time, counter.
function tempSuffix(): string {
  tempCounter += 1;
  return `${process.pid}-${Date.now().toString(36)}-${tempCounter}`;
}
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** The plans folder on disk: numbered `NNN-<slug>.md` files created exclusively and atomically, with hidden sidecars. */
export function createFsPlanStore(dir: string, options: FsPlanStoreOptions = {}): PlanStore {
  const linkFile = options.link ?? link;
  let hardLinks = true;

  /**
   * Exclusive names alone would let `002-get-a.md` and `002-get-b.md` both be created, so the number itself is
   * claimed first: `open(<dir>/.endpoint-planner/002.claim, 'wx')` succeeds for one saver only, and the claim is
   * held until the plan is linked. A claim left by a crashed process only costs a gap in the numbering.
   */
  async function publish(tmp: string, slug: string, text: string): Promise<string> {
    await ensureDir(join(dir, SIDECAR_DIR));
    let number = nextPlanNumber(await listNames(dir));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const claim = join(dir, SIDECAR_DIR, `${String(number).padStart(3, '0')}.claim`);
      if (!(await createExclusive(claim))) {
        number += 1;
        continue;
      }
      try {
        const names = await listNames(dir);
        if (names.some((name) => parsePlanFileName(name)?.number === number)) {
          number = Math.max(number + 1, nextPlanNumber(names));
          continue;
        }
        const name = planFileName(number, slug);
        if ((await place(tmp, join(dir, name), text)) === 'created') return name;
        // A file by that very name appeared after our listing (a hand-written one): never overwrite it.
        number = Math.max(number + 1, nextPlanNumber(await listNames(dir)));
      } finally {
        await unlinkQuietly(claim);
      }
    }
    throw new Error(`Could not find a free plan number in ${dir} after ${MAX_ATTEMPTS} attempts`);
  }

  async function place(tmp: string, target: string, text: string): Promise<'created' | 'taken'> {
    if (hardLinks) {
      const outcome = await linkExclusive(tmp, target);
      if (outcome !== 'no-hard-links') return outcome;
      hardLinks = false;
    }
    return (await createExclusive(target, text)) ? 'created' : 'taken';
  }

  async function linkExclusive(tmp: string, target: string): Promise<'created' | 'taken' | 'no-hard-links'> {
    try {
      await linkFile(tmp, target);
      return 'created';
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return 'taken';
      if (code !== undefined && NO_HARD_LINKS.has(code)) return 'no-hard-links';
      throw error;
    }
  }

  return {
    dir,
    async list() {
      const names = await listPlanFiles(dir);
      const sidecars = new Set(await listNames(join(dir, SIDECAR_DIR)));
      const planned: PlannedFile[] = [];
      for (const name of names) {
        const parsed = parsePlanFileName(name);
        if (parsed === undefined) continue;
        const sidecarName = sidecarFileName(name);
        const sidecar = sidecars.has(sidecarName)
          ? await readSidecar(join(dir, SIDECAR_DIR, sidecarName), name)
          : undefined;
        planned.push({
          file: name,
          number: parsed.number,
          endpointId: sidecar?.endpointId ?? inferEndpointId(parsed.slug),
          inputsHash: sidecar?.inputsHash,
          factsFingerprint: sidecar?.factsFingerprint,
          ...(sidecar === undefined
            ? {}
            : { route: { method: sidecar.method, path: sidecar.path, query: sidecar.query } }),
        });
      }
      return planned.sort((a, b) => a.number - b.number || compareText(a.file, b.file));
    },
    async save(input: SavePlanInput) {
      try {
        return await saveInto(input);
      } catch (error) {
        const reason = plainReason(error);
        if (reason === undefined) throw error;
        throw new SaveFailure(dir, reason);
      }
    },
    async ensureWritable(): Promise<WriteCheck> {
      try {
        await ensureDir(dir);
        const probe = join(dir, `.write-check.${tempSuffix()}.tmp`);
        await writeDurably(probe, '', 'wx');
        await unlinkQuietly(probe);
        return { kind: 'ok' };
      } catch (error) {
        const reason = plainReason(error);
        if (reason === undefined) throw error;
        return { kind: 'not-writable', dir, reason };
      }
    },
    async keepUnsaved(input: SavePlanInput) {
      const folders = [join(dir, SIDECAR_DIR, 'unsaved'), ...(options.unsavedFolders ?? [])];
      const stamp = new Date(options.clock?.now() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
      for (const folder of folders) {
        const path = join(folder, `${slugFor(input)}-${stamp}-${tempSuffix()}.md`);
        try {
          await ensureDir(folder);
          await writeDurably(path, input.content, 'wx');
          return path;
        } catch (error) {
          if (plainReason(error) === undefined) throw error;
        }
      }
      return undefined;
    },
    async saveCopy(path: string, content: string) {
      const folder = dirname(path);
      try {
        await ensureDir(folder);
        const tmp = join(folder, `.${basename(path)}.${tempSuffix()}.tmp`);
        await writeDurably(tmp, content, 'wx');
        let outcome: 'created' | 'taken';
        try {
          outcome = await place(tmp, path, content);
        } finally {
          await unlinkQuietly(tmp);
        }
        if (outcome === 'taken') throw new SaveFailure(folder, `${basename(path)} already exists`);
        await syncDir(folder);
      } catch (error) {
        if (error instanceof SaveFailure) throw error;
        const reason = plainReason(error);
        if (reason === undefined) throw error;
        throw new SaveFailure(folder, reason);
      }
    },
  };

  async function saveInto(input: SavePlanInput): Promise<PlannedFile> {
    await ensureDir(dir);
    const slug = slugFor(input);
    const tmp = join(dir, `.${slug}.${tempSuffix()}.tmp`);
    await writeDurably(tmp, input.content, 'wx');
    let name: string;
    try {
      name = await publish(tmp, slug, input.content);
    } finally {
      await unlinkQuietly(tmp);
    }
    await syncDir(dir);
    const sidecar: PlanSidecar = {
      file: name,
      endpointId: input.endpoint.id,
      method: input.endpoint.method,
      path: input.endpoint.path,
      query: input.endpoint.query ?? null,
      inputsHash: input.inputsHash,
      engine: input.engine,
      ...(options.clock === undefined ? {} : { savedAt: new Date(options.clock.now()).toISOString() }),
      ...(input.factsFingerprint === undefined ? {} : { factsFingerprint: input.factsFingerprint }),
    };
    await writeSidecar(dir, name, sidecar);
    const parsed = parsePlanFileName(name);
    return {
      file: name,
      number: parsed?.number ?? 0,
      endpointId: input.endpoint.id,
      inputsHash: input.inputsHash,
      factsFingerprint: input.factsFingerprint,
      route: {
        method: input.endpoint.method,
        path: input.endpoint.path,
        query: input.endpoint.query ?? null,
      },
    };
  }
}

function slugFor(input: SavePlanInput): string {
  if (isSafeSlug(input.endpoint.id)) return input.endpoint.id;
  return safeSlug(endpointId(input.endpoint.method, input.endpoint.path));
}

/** A plan written by hand or by the old chat workflow: its slug is the best guess at the endpoint id. */
function inferEndpointId(slug: string): string {
  return safeSlug(slug.replace(/[-_]implementation[-_]plan$/i, ''));
}

function sidecarFileName(planFile: string): string {
  return `${planFile.replace(/\.md$/, '')}.json`;
}

async function readSidecar(path: string, planFile: string): Promise<PlanSidecar | undefined> {
  try {
    const sidecar = asSidecar(JSON.parse(await readFile(path, 'utf8')));
    // A sidecar left by a deleted plan whose name was later reused by hand describes another file.
    return sidecar?.file === planFile ? sidecar : undefined;
  } catch {
    return undefined;
  }
}

async function writeSidecar(dir: string, planFile: string, sidecar: PlanSidecar): Promise<void> {
  const folder = join(dir, SIDECAR_DIR);
  await ensureDir(folder);
  const target = join(folder, sidecarFileName(planFile));
  const tmp = join(folder, `.${sidecarFileName(planFile)}.${tempSuffix()}.tmp`);
  try {
    await writeDurably(tmp, `${JSON.stringify(sidecar, null, 2)}\n`, 'wx');
    await rename(tmp, target);
  } finally {
    await unlinkQuietly(tmp);
  }
}

/**
 * Creates `path` only if nothing is there (`open(path, 'wx')`), fsynced; false when it exists. Claims use it, and so
 * does the fallback for file systems without hard links: the plan is written straight into its exclusively created
 * final file (rename-free, so nothing can ever be replaced), at the cost that a reader may glimpse it being filled.
 */
async function createExclusive(path: string, text = ''): Promise<boolean> {
  try {
    await writeDurably(path, text, 'wx');
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Creates `path` exclusively and fills it; a failed write removes the file it created, never leaving half a file. */
async function writeDurably(path: string, text: string, flag: 'wx'): Promise<void> {
  const handle = await open(path, flag);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlinkQuietly(path);
    throw error;
  }
  await handle.close();
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is a durability bonus that some platforms refuse; the file itself is already synced.
  }
}

async function listNames(dir: string): Promise<readonly string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    // No folder yet (or a file in its way, which the write check reports): no plans in it.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

async function listPlanFiles(dir: string): Promise<readonly string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && parsePlanFileName(entry.name) !== undefined)
      .map((e) => e.name);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * `mkdir -p` one level at a time. Node's recursive mkdir never returns for a path that can never be made (inside
 * /proc it spins a core), so each missing parent is made in turn, at most once each.
 */
async function ensureDir(path: string): Promise<void> {
  if (await makeOneDir(path)) return;
  const parent = dirname(path);
  if (parent === path) throw Object.assign(new Error(`cannot create ${path}`), { code: 'ENOENT' });
  await ensureDir(parent);
  if (!(await makeOneDir(path))) throw Object.assign(new Error(`cannot create ${path}`), { code: 'ENOENT' });
}

/** Makes one folder whose parent exists; false when the parent is missing. Another saver making it first is fine. */
async function makeOneDir(path: string): Promise<boolean> {
  try {
    await mkdir(path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return false;
    if (code !== 'EEXIST') throw error;
    if ((await stat(path)).isDirectory()) return true;
    throw Object.assign(new Error(`${path} is a file`), { code: 'ENOTDIR' });
  }
}

const PLAIN_REASONS: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a file is in the way',
  EEXIST: 'a file is in the way',
  EISDIR: 'a folder is in the way',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder cannot be created there',
  EIO: 'an input/output error on the disk',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  EMFILE: 'too many open files',
  EBUSY: 'the file system is busy',
  EINVAL: 'the file system does not allow it',
};

/** The plain words for a file-system failure, or undefined for an error that is no file-system failure (a bug). */
function plainReason(error: unknown): string | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  return PLAIN_REASONS[code] ?? 'the file system refused the write';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
