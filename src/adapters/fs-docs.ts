import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../core/config.ts';
import { parseApiPlan } from '../core/docs/api-plan.ts';
import {
  CONFIG_FILE_NAMES,
  CONVENTIONS,
  type DocKind,
  type DocOverrides,
  discoverDocs,
  discoveredSources,
  type FoundDoc,
} from '../core/docs/discover.ts';
import type { Diagnostic, RuleFile, Spec, UnreadDoc } from '../core/docs/model.ts';
import { readdir, readFile, stat } from './fs-read.ts';
import type { ParseCache } from './parse-cache.ts';

/** Largest doc the loader reads; planning docs are far smaller, so a bigger file is almost surely a mistake. */
export const MAX_DOC_BYTES = 5 * 1024 * 1024;

/** Paths given on the command line, relative to `cwd`. */
export type DocFlags = {
  readonly apiPlan?: string | undefined;
  readonly dbPlan?: string | undefined;
  readonly types?: string | undefined;
  readonly techStack?: string | undefined;
  readonly rules?: readonly string[] | undefined;
};

/** What `loadSpec` needs: the project root, the flags, and the config file (flags beat it, it beats convention). */
export type LoadOptions = {
  readonly cwd: string;
  readonly overrides: DocFlags;
  readonly config?: Config | undefined;
  /** The config file's name, for messages. */
  readonly configFile?: string | undefined;
  /** The plans folder (relative or absolute); never picked as a doc. */
  readonly out?: string | undefined;
  /** Where the API plan's, db plan's and types file's parses are kept between runs; none kept when undefined. */
  readonly parseCache?: ParseCache | undefined;
};

/** `only: 'api'` reads and parses the API plan alone (for `list`); the other docs stay undefined. */
export type LoadMode = { readonly only?: 'api' | undefined };

/** Every way loading the docs can fail; each message names the file and says what to do. */
export type DocError =
  | { readonly kind: 'api-plan-not-found'; readonly looked: string; readonly message: string }
  | {
      readonly kind: 'override-not-found';
      readonly file: string;
      readonly flag: string;
      readonly message: string;
    }
  | { readonly kind: 'not-a-file'; readonly file: string; readonly message: string }
  | { readonly kind: 'unreadable'; readonly file: string; readonly code: string; readonly message: string }
  | { readonly kind: 'too-large'; readonly file: string; readonly bytes: number; readonly message: string }
  | { readonly kind: 'binary'; readonly file: string; readonly line: number; readonly message: string }
  | {
      readonly kind: 'invalid-utf8';
      readonly file: string;
      readonly byteOffset: number;
      readonly line: number;
      readonly message: string;
    };

/** The loaded spec and human notes on what was found, missing or chosen; or the one error that stops loading. */
export type LoadResult =
  | { readonly kind: 'ok'; readonly spec: Spec; readonly notes: readonly string[] }
  | { readonly kind: 'error'; readonly error: DocError };

/** The config file, if the project has one. */
export type ConfigFileResult =
  | { readonly kind: 'ok'; readonly config: Config | undefined; readonly file?: string }
  | { readonly kind: 'error'; readonly message: string };

type ReadResult =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly error: DocError };

const LABELS = {
  apiPlan: 'API plan',
  dbPlan: 'DB plan',
  types: 'types file',
  techStack: 'tech stack',
} as const satisfies Record<DocKind, string>;

const FLAGS = {
  apiPlan: '--api-plan',
  dbPlan: '--db-plan',
  types: '--types',
  techStack: '--tech-stack',
} as const satisfies Record<DocKind, string>;

/** Removes a UTF-8 byte-order mark and turns CRLF and lone CR line ends into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Offset of the first byte that is not valid UTF-8; only called once `isUtf8` has refused the bytes. */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const width =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (width === 0 || index + width > bytes.length) return index;
    for (let next = 1; next < width; next++) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    }
    index += width;
  }
  return bytes.length;
}

function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EIO';
}

/** Reads one doc as text; `file` is relative to `root` and names it in messages. */
async function readDoc(root: string, file: string): Promise<ReadResult> {
  const absolute = resolve(root, file);
  let size: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) {
      const message = `${file} is a directory, not a file. Point to the markdown file inside it.`;
      return { kind: 'error', error: { kind: 'not-a-file', file, message } };
    }
    size = info.size;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'error', error: unreadable(file, code) };
  }
  if (size > MAX_DOC_BYTES) {
    const message = `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit for a doc is 5 MB. Point to the right file or split it.`;
    return { kind: 'error', error: { kind: 'too-large', file, bytes: size, message } };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    return { kind: 'error', error: unreadable(file, errnoCode(error)) };
  }
  // isUtf8 + toString is the strict check at native speed (a fatal TextDecoder took ~9 ms on a 0.5 MB plan).
  if (isUtf8(bytes)) {
    // Valid UTF-8 can still be binary (UTF-16 text, images, archives): a NUL byte never belongs in a planning doc.
    const nul = bytes.indexOf(0);
    if (nul < 0) return { kind: 'ok', text: normalizeText(bytes.toString('utf8')) };
    const line = lineOfByte(bytes, nul);
    const message = `${file} is binary, not a text document (a NUL byte at line ${line}). Point to the markdown or TypeScript file, saved as UTF-8.`;
    return { kind: 'error', error: { kind: 'binary', file, line, message } };
  }
  const byteOffset = firstInvalidByte(bytes);
  const line = lineOfByte(bytes, byteOffset);
  const message = `${file} is not valid UTF-8 (byte ${byteOffset}, line ${line}). Re-save it as UTF-8.`;
  return { kind: 'error', error: { kind: 'invalid-utf8', file, byteOffset, line, message } };
}

/** The 1-based line of a byte offset. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/** The line a read error points at: the bad byte's line, else the top of the file. */
const errorLine = (error: DocError): number => ('line' in error ? error.line : 1);

function unreadable(file: string, code: string): DocError {
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
  return {
    kind: 'unreadable',
    file,
    code,
    message: `${file} cannot be read (${why}). Check its permissions.`,
  };
}

const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

/** Relative paths under `folder`, at most `depth` levels deep, skipping dependency and build folders. */
async function listFiles(
  root: string,
  folder: string,
  depth: number,
  ignore: readonly string[],
): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      // A folder named like a doc is listed so the user hears "is a directory", not "not found".
      if (/\.(md|mdx|markdown|mdc|ts)$/.test(entry.name)) found.push(path);
      if (depth > 0 && !SKIPPED_FOLDERS.has(entry.name) && !ignore.includes(path)) {
        found.push(...(await listFiles(root, path, depth - 1, ignore)));
      }
    } else {
      found.push(path);
    }
  }
  return found;
}

/** The files discovery looks at: root files, `.ai/` and `docs/` (a few levels), rules folders, `src/types.ts`. */
async function projectFiles(root: string, ignore: readonly string[]): Promise<string[]> {
  const lists = await Promise.all([
    listFiles(root, '', 0, ignore),
    listFiles(root, '.ai', 3, ignore),
    listFiles(root, 'docs', 3, ignore),
    listFiles(root, '.cursor/rules', 4, ignore),
    listFiles(root, '.github', 0, ignore),
    listFiles(root, '.clinerules', 2, ignore),
    listFiles(root, 'src', 0, ignore),
  ]);
  return lists.flat();
}

/** A path relative to the project root with `/` separators, for messages and `Sources`. */
function projectPath(root: string, path: string): string {
  const inside = relative(root, resolve(root, path));
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/');
}

/** Loads the project's config file (`.endpoint-planner.json`, else `endpoint-planner.config.json`), if any. */
export async function loadConfigFile(cwd: string): Promise<ConfigFileResult> {
  for (const name of CONFIG_FILE_NAMES) {
    const read = await readDoc(cwd, name);
    if (read.kind === 'missing') continue;
    if (read.kind === 'error') return { kind: 'error', message: read.error.message };
    // zod loads only when a project has a config file: `list` must start fast.
    const { parseConfig } = await import('../core/config.ts');
    const parsed = parseConfig(read.text, name);
    return parsed.kind === 'ok' ? { kind: 'ok', config: parsed.config, file: name } : parsed;
  }
  return { kind: 'ok', config: undefined };
}

/**
 * Finds and reads the project's docs and parses them into a Spec. Only the API plan is required: a missing or
 * broken optional doc found by convention becomes a note and a diagnostic, while one the user named is an error.
 */
export async function loadSpec(options: LoadOptions, mode: LoadMode = {}): Promise<LoadResult> {
  const root = resolve(options.cwd);
  const { overrides: flags, config } = options;
  const configName = options.configFile ?? CONFIG_FILE_NAMES[0];
  const origin = (kind: DocKind): string | undefined => {
    if (flags[kind] !== undefined) return FLAGS[kind];
    if (config?.[kind] !== undefined) return `"${kind}" in ${configName}`;
    return undefined;
  };
  const flagRules = flags.rules !== undefined && flags.rules.length > 0 ? flags.rules : undefined;
  const overrides: DocOverrides = {
    apiPlan: pathOption(root, flags.apiPlan ?? config?.apiPlan),
    dbPlan: pathOption(root, flags.dbPlan ?? config?.dbPlan),
    types: pathOption(root, flags.types ?? config?.types),
    techStack: pathOption(root, flags.techStack ?? config?.techStack),
    rules: (flagRules ?? config?.rules)?.map((path) => projectPath(root, path)),
  };
  const ignore = options.out === undefined ? ['.ai/documents/api-plans'] : [projectPath(root, options.out)];
  const discovery = discoverDocs(await projectFiles(root, ignore), overrides, ignore);
  const notes: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const unreadDocs: UnreadDoc[] = [];

  const readKind = async (kind: DocKind, found: FoundDoc | undefined): Promise<ReadResult | undefined> => {
    if (found === undefined) return undefined;
    const read = await readDoc(root, found.path);
    if (read.kind === 'missing' && found.via === 'override') {
      const flag = origin(kind) ?? FLAGS[kind];
      const message = `${flag} ${found.path}: no such file in ${root}. Check the path, or remove it to find the ${LABELS[kind]} by convention.`;
      return { kind: 'error', error: { kind: 'override-not-found', file: found.path, flag, message } };
    }
    return read;
  };
  const noteAlternatives = (kind: DocKind, found: FoundDoc | undefined): void => {
    if (found?.via === 'convention' && found.alternatives.length > 0) {
      notes.push(
        `${LABELS[kind]}: using ${found.path}; also found ${found.alternatives.join(', ')} (choose with ${FLAGS[kind]}).`,
      );
    }
  };

  const apiRead = await readKind('apiPlan', discovery.apiPlan);
  noteAlternatives('apiPlan', discovery.apiPlan);
  if (apiRead === undefined || discovery.apiPlan === undefined || apiRead.kind === 'missing') {
    const message = `No API plan found in ${root}. Looked for ${CONVENTIONS.apiPlan}. Pass --api-plan <file> or set "apiPlan" in ${configName}.`;
    return { kind: 'error', error: { kind: 'api-plan-not-found', looked: CONVENTIONS.apiPlan, message } };
  }
  if (apiRead.kind === 'error') return { kind: 'error', error: apiRead.error };
  const apiFile = discovery.apiPlan.path;
  if (mode.only === 'api') {
    const api = parseApiPlan(apiRead.text, apiFile);
    diagnostics.push(...api.diagnostics);
    const sources = discoveredSources(discovery, apiFile);
    return { kind: 'ok', spec: { ...emptySpec(root, sources, api, apiRead.text), diagnostics }, notes };
  }
  // The other commands keep every parse between runs. The parsers load on demand, and not at all when a parse of
  // the same text was kept: `list` reads only the API plan and must not pay for remark, Babel or yaml.
  const { cachedParse } = await import('./parse-cache.ts');
  const apiDoc = { kind: 'api-plan', root, file: apiFile, text: apiRead.text };
  const api = await cachedParse(options.parseCache, apiDoc, async () => parseApiPlan(apiDoc.text, apiFile));
  diagnostics.push(...api.diagnostics);

  // The optional documents are read at once and reported in a fixed order, so notes and warnings do not depend on
  // which read finished first.
  const optionalKinds = ['dbPlan', 'types', 'techStack'] as const;
  const optionalReads = await Promise.all(optionalKinds.map((kind) => readKind(kind, discovery[kind])));
  const optional = (
    kind: (typeof optionalKinds)[number],
    read: ReadResult | undefined,
  ): { file: string; text: string } | DocError | undefined => {
    const found = discovery[kind];
    noteAlternatives(kind, found);
    if (read === undefined || found === undefined || read.kind === 'missing') {
      notes.push(`No ${LABELS[kind]} found (looked for ${CONVENTIONS[kind]}).`);
      return undefined;
    }
    if (read.kind === 'error') {
      if (found.via === 'override') return read.error;
      notes.push(`${LABELS[kind]} skipped: ${read.error.message}`);
      diagnostics.push({
        file: found.path,
        line: errorLine(read.error),
        severity: 'warning',
        message: `${LABELS[kind]} skipped: ${read.error.message}`,
        code: read.error.kind,
      });
      unreadDocs.push({ kind, file: found.path, line: errorLine(read.error), reason: read.error.message });
      return undefined;
    }
    return { file: found.path, text: read.text };
  };

  const [db, types, techStack] = optionalKinds.map((kind, i) => optional(kind, optionalReads[i]));
  for (const doc of [db, types, techStack])
    if (doc !== undefined && 'kind' in doc) return { kind: 'error', error: doc };
  const text = (doc: typeof db): { file: string; text: string } | undefined =>
    doc !== undefined && !('kind' in doc) ? doc : undefined;
  const dbDoc = text(db);
  const typesDoc = text(types);
  const stackDoc = text(techStack);
  const [dbPlan, typesFile] = await Promise.all([
    dbDoc === undefined
      ? undefined
      : cachedParse(options.parseCache, { kind: 'db-plan', root, ...dbDoc }, async () =>
          (await import('../core/docs/db-plan.ts')).parseDbPlan(dbDoc.text, dbDoc.file),
        ),
    typesDoc === undefined
      ? undefined
      : cachedParse(options.parseCache, { kind: 'types', root, ...typesDoc }, async () =>
          (await import('../core/docs/types-file.ts')).parseTypesFile(typesDoc.text, typesDoc.file),
        ),
  ]);
  const { parseRuleFile, pickRules } = await import('../core/docs/rules.ts');
  diagnostics.push(...(dbPlan?.diagnostics ?? []), ...(typesFile?.diagnostics ?? []));

  const ruleFiles: RuleFile[] = [];
  for (const path of discovery.rules) {
    const read = await readDoc(root, path);
    if (read.kind === 'ok') {
      const parsed = parseRuleFile(path, read.text);
      ruleFiles.push(parsed.rule);
      diagnostics.push(...parsed.diagnostics);
    } else if (discovery.rulesVia === 'override') {
      if (read.kind === 'error') return { kind: 'error', error: read.error };
      const flag = flagRules !== undefined ? '--rules' : `"rules" in ${configName}`;
      const message = `${flag} ${path}: no such file in ${root}. Check the path, or remove it to find rules by convention.`;
      return { kind: 'error', error: { kind: 'override-not-found', file: path, flag, message } };
    } else if (read.kind === 'error') {
      notes.push(`Rules file skipped: ${read.error.message}`);
      diagnostics.push({
        file: path,
        line: errorLine(read.error),
        severity: 'warning',
        message: `Rules file skipped: ${read.error.message}`,
        code: read.error.kind,
      });
      unreadDocs.push({ kind: 'rules', file: path, line: errorLine(read.error), reason: read.error.message });
    }
  }
  // Rules named with --rules are filtered too: a frontend or CI rule costs tokens in every prompt and says
  // nothing about an endpoint. Each kept and dropped rule is reported with its reason.
  const rulePick = pickRules(ruleFiles, stackDoc?.text);
  if (rulePick.picked.length > 0) {
    notes.push(`Rules: ${rulePick.picked.map((pick) => `${pick.rule.path} (${pick.reason})`).join(', ')}.`);
  }
  if (rulePick.skippedReasons.length > 0) {
    notes.push(
      `Rules skipped: ${rulePick.skippedReasons.map((skip) => `${skip.path} (${skip.reason})`).join(', ')}.`,
    );
  }

  const spec: Spec = {
    root,
    sources: {
      apiPlan: apiFile,
      dbPlan: dbDoc?.file,
      types: typesDoc?.file,
      techStack: stackDoc?.file,
      rules: rulePick.picked.map((pick) => pick.rule.path),
    },
    api,
    apiText: apiRead.text,
    db: dbPlan,
    dbText: dbDoc?.text,
    types: typesFile,
    typesText: typesDoc?.text,
    techStack: stackDoc?.text,
    rules: rulePick.picked,
    skippedRules: rulePick.skippedReasons,
    unreadDocs,
    diagnostics,
  };
  return { kind: 'ok', spec, notes };
}

function pathOption(root: string, path: string | undefined): string | undefined {
  return path === undefined ? undefined : projectPath(root, path);
}

function emptySpec(root: string, sources: Spec['sources'], api: Spec['api'], apiText: string): Spec {
  return {
    root,
    sources,
    api,
    apiText,
    db: undefined,
    dbText: undefined,
    types: undefined,
    typesText: undefined,
    techStack: undefined,
    rules: [],
    skippedRules: [],
    unreadDocs: [],
    diagnostics: [],
  };
}
