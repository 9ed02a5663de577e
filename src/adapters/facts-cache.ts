import { mkdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Spec } from '../core/docs/model.ts';
import { docsDigest, FINGERPRINT_VERSION, fingerprintsOf } from '../core/plan/fingerprint.ts';
import { readFile } from './fs-read.ts';
import { SIDECAR_DIR } from './fs-store.ts';

/**
 * Every endpoint's facts fingerprint, kept with a digest of the docs they came from. `list` reads the API plan only
 * (the other docs cost it more than its whole start-up): when the digest of the docs, read as plain text, still
 * matches, the fingerprints here are current and no other doc needs parsing.
 */
type FactsCache = {
  readonly version: number;
  readonly digest: string;
  /** The db plan and types file the dossiers read, absolute, or null when there was none. */
  readonly files: readonly (string | null)[];
  readonly fingerprints: Readonly<Record<string, string>>;
};

const CACHE_FILE = join(SIDECAR_DIR, 'facts.json');

function asCache(value: unknown): FactsCache | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.version !== FINGERPRINT_VERSION || typeof record.digest !== 'string') return undefined;
  if (!Array.isArray(record.files) || typeof record.fingerprints !== 'object' || record.fingerprints === null)
    return undefined;
  return record as FactsCache;
}

function absolute(root: string, file: string | undefined): string | null {
  if (file === undefined) return null;
  return isAbsolute(file) ? file : join(root, file);
}

/** The fingerprints kept for these docs, or undefined when the docs changed since (or none were kept). */
export async function cachedFingerprints(
  plansDir: string,
  apiText: string,
): Promise<ReadonlyMap<string, string> | undefined> {
  const cache = await readFile(join(plansDir, CACHE_FILE), 'utf8')
    .then((text) => asCache(JSON.parse(text)))
    .catch(() => undefined);
  if (cache === undefined) return undefined;
  const texts = await Promise.all(
    cache.files.map((file) =>
      file === null ? undefined : readFile(file, 'utf8').then(String, () => '\u0000missing'),
    ),
  );
  if (docsDigest([apiText, ...texts]) !== cache.digest) return undefined;
  return new Map(Object.entries(cache.fingerprints));
}

/** Every endpoint's fingerprint from the whole docs, kept for the next `list`; a failed write only costs speed. */
export async function currentFingerprints(
  plansDir: string,
  spec: Spec,
): Promise<ReadonlyMap<string, string>> {
  // The dossier builder loads only here: `list` with unchanged docs never needs it.
  const { buildDossier } = await import('../core/dossier/build.ts');
  const fingerprints = fingerprintsOf(spec.api.endpoints, (endpoint) => buildDossier({ spec, endpoint }));
  const cache: FactsCache = {
    version: FINGERPRINT_VERSION,
    digest: docsDigest([spec.apiText, spec.dbText, spec.typesText]),
    files: [absolute(spec.root, spec.sources.dbPlan), absolute(spec.root, spec.sources.types)],
    fingerprints: Object.fromEntries(fingerprints),
  };
  try {
    const target = join(plansDir, CACHE_FILE);
    // Only into a plans folder that exists: a dry run creates nothing, and Node's recursive mkdir never returns
    // for a folder that can never be made (inside /proc).
    await mkdir(join(plansDir, SIDECAR_DIR)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(cache)}\n`, 'utf8');
    await rename(tmp, target);
  } catch {
    // The cache only saves `list` a parse of the other docs.
  }
  return fingerprints;
}
