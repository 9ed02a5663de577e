import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Spec } from '../core/docs/model.ts';
import { PARSE_VERSION } from '../core/parse-version.ts';
import { readFile, stat } from './fs-read.ts';

/**
 * Where parses are kept between runs, and the version of the code that made them. `show`, `prompt` and
 * `generate` parse the same docs run after run; a kept parse is read back without loading the parser (remark,
 * Babel) at all.
 */
export type ParseCache = { readonly dir: string; readonly version: string };

/** One text to parse: what reads it (`db-plan`, `dossier`), its project and its path there, and the text. */
export type ParsedText = {
  readonly kind: string;
  readonly root: string;
  readonly file: string;
  readonly text: string;
};

/** What a cache file holds: the text as parsed and its parses, by part (one per endpoint for dossiers). */
type Entry = {
  readonly version: string;
  readonly file: string;
  readonly text: string;
  readonly parts: ReadonlyMap<string, unknown>;
};

/**
 * The version of the code as run: the bumped constant, this package, this build (a rebuild rewrites this file)
 * and the engine that serialises the parses. A parse kept by any other is a miss.
 */
export async function parseCodeVersion(packageVersion: string): Promise<string> {
  const self = await stat(fileURLToPath(import.meta.url)).catch(() => undefined);
  const build = self === undefined ? 'unknown' : `${self.mtimeMs}-${self.size}`;
  return `p${PARSE_VERSION}/${packageVersion}/${build}/v8-${process.versions.v8}`;
}

/** The cache file of one text: one per kind, project and path, replaced when the text changes. */
function entryFile(cache: ParseCache, doc: ParsedText): string {
  const name = `${doc.kind}\u0000${doc.root}\u0000${doc.file}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return join(cache.dir, `parsed-${doc.kind}-${hash.toString(16)}.bin`);
}

/** The parses kept for exactly this text by this code, or undefined. */
async function readEntry(
  cache: ParseCache,
  doc: ParsedText,
): Promise<ReadonlyMap<string, unknown> | undefined> {
  try {
    const entry = deserialize(await readFile(entryFile(cache, doc))) as Partial<Entry> | null;
    // The whole text is compared, not a hash of it: a kept parse is used only for the very text it came from.
    if (entry?.version !== cache.version || entry.file !== doc.file || entry.text !== doc.text)
      return undefined;
    return entry.parts instanceof Map ? entry.parts : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(
  cache: ParseCache,
  doc: ParsedText,
  parts: ReadonlyMap<string, unknown>,
): Promise<void> {
  try {
    const target = entryFile(cache, doc);
    await mkdir(cache.dir, { recursive: true });
    const entry: Entry = { version: cache.version, file: doc.file, text: doc.text, parts };
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, serialize(entry));
    await rename(temp, target);
  } catch {
    // A parse that cannot be kept only costs the next run the parse.
  }
}

/**
 * The parse of a text (or of one part of it): the kept one when this text was parsed by this code before, else
 * `parse()`'s, then kept beside the text's other parts. Without a cache it only parses. A kept parse deep-equals
 * a fresh one: the serialisation keeps Maps, undefined fields and shared objects.
 */
export async function cachedParse<T>(
  cache: ParseCache | undefined,
  doc: ParsedText,
  parse: () => Promise<T>,
  part = '',
): Promise<T> {
  if (cache === undefined) return parse();
  const kept = await readEntry(cache, doc);
  if (kept?.has(part) === true) return kept.get(part) as T;
  const value = await parse();
  await writeEntry(cache, doc, new Map(kept).set(part, value));
  return value;
}

/**
 * The text a dossier's docs facts are read from: every doc it reads, where each was found and which could not be
 * read. Equal texts give equal facts, so the facts of each endpoint are kept under it.
 */
export function dossierText(spec: Spec): ParsedText {
  const { sources } = spec;
  const where = JSON.stringify([
    sources.apiPlan,
    sources.dbPlan ?? null,
    sources.types ?? null,
    spec.unreadDocs,
  ]);
  const texts = [spec.apiText, spec.dbText ?? '\u0001', spec.typesText ?? '\u0001'];
  return { kind: 'dossier', root: spec.root, file: sources.apiPlan, text: [where, ...texts].join('\u0000') };
}
