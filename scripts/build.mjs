// Bundles src/cli.tsx into dist/: one small entry that answers --version/--help at once, with the heavy
// libraries (ink, react, openai, remark) split into chunks that load only when a command needs them. Then it rewrites
// the output for start-up speed: see the passes below and the Speed section of the README.
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { build, transform } from 'esbuild';
import { bundledPackages, renderNotices } from './notices.mjs';

// yoga-layout (Ink's layout engine) loads its WebAssembly from a base64 data: URL through `fetch` whenever
// fetch exists, which pulls in undici: ~50 ms on the wizard's first frame. Decoding the same base64 directly
// is what it does without fetch. The pattern is asserted so an upgrade that changes it fails the build.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const pattern = 'return w||"function"!=typeof fetch?';
      if (!source.includes(pattern))
        throw new Error(`yoga-layout changed: "${pattern}" not found in ${args.path}`);
      return { contents: source.replace(pattern, 'return !0?'), loader: 'js' };
    });
  },
};

// Terminal text goes through grapheme segmenters (`Intl.Segmenter`) in six packages, each built when its module
// loads; the first one loads ICU's break rules (~15 ms) and string-width adds an RGI emoji regex (~15 ms, plus
// ~4 ms on first use). They are the wizard's largest start-up cost. The patches build each segmenter as a
// `LazySegmenter`, which splits one-column text itself and builds ICU's only for other text, build the emoji regex
// on first need, and let string-width answer one-column text (`isNarrowText`) by its length. Both helpers are
// tested against ICU and string-width themselves. Each replaced piece must be found, so an upgrade that changes
// one fails the build.
const textHelpers = {
  LazySegmenter: fileURLToPath(new URL('../src/core/text/graphemes.ts', import.meta.url)),
  isNarrowText: fileURLToPath(new URL('../src/core/text/narrow-text.ts', import.meta.url)),
};
const SEGMENTER_USERS =
  /node_modules[\\/](?:string-width[\\/]index|wrap-ansi[\\/]index|slice-ansi[\\/]tokenize-ansi|cli-truncate[\\/]index|ink[\\/]build[\\/]line-update|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
const lazyGraphemes = {
  name: 'lazy-graphemes',
  setup(b) {
    const patched = new Set();
    b.onEnd(() => {
      if (patched.size !== 6)
        throw new Error(`expected 6 segmenter users to patch, found ${[...patched].join(', ')}`);
    });
    b.onLoad({ filter: SEGMENTER_USERS }, async (args) => {
      patched.add(args.path);
      let source = await readFile(args.path, 'utf8');
      const replace = (from, to, once = false) => {
        const parts = source.split(from);
        if (parts.length < 2 || (once && parts.length > 2))
          throw new Error(`${args.path} changed: "${from}" not found${once ? ' once' : ''}`);
        source = parts.join(to);
      };
      const imports = ['LazySegmenter'];
      replace('new Intl.Segmenter(', 'new LazySegmenter(');
      if (/[\\/]string-width[\\/]/.test(args.path)) {
        replace('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;', true);
        replace('rgiEmojiRegex.test(segment)', '(rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment)', true);
        replace(
          'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
          'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && isNarrowText(string))) {',
          true,
        );
        imports.push('isNarrowText');
      }
      const header = imports.map((name) => `import { ${name} } from ${JSON.stringify(textHelpers[name])};\n`);
      return { contents: header.join('') + source, loader: 'js' };
    });
  },
};

// signal-exit 3 (Ink's, twice) loads Node's `assert` (~6 ms with the modules it pulls in) for one type check of its
// callback; this stand-in does that check.
const signalExitAssert = {
  name: 'signal-exit-assert',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, (args) =>
      /[\\/]signal-exit[\\/]/.test(args.importer)
        ? { path: 'assert', namespace: 'signal-exit-assert' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'signal-exit-assert' }, () => ({
      contents:
        'exports.equal = (actual, expected, message) => { if (actual != expected) throw new TypeError(message); };',
      loader: 'js',
    }));
  },
};

const requireShim =
  "import { createRequire as __epCreateRequire } from 'node:module'; const require = __epCreateRequire(import.meta.url);";

// Build beside dist and swap it in, so a test run spawning dist/cli.js never sees a half-written bundle.
const staging = `dist.build-${process.pid}`;
const { metafile } = await build({
  entryPoints: { cli: 'src/cli.tsx', 'code-scan-worker': 'src/adapters/code-scan-worker.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  minifySyntax: true,
  // Whitespace only: Node decodes and V8 scans every byte of a chunk on each start (the wizard's is ~950 KB
  // spaced out, ~730 KB without); names stay readable in stack traces.
  minifyWhitespace: true,
  // The licences travel whole in THIRD_PARTY_NOTICES (below), which also covers libraries without such comments.
  legalComments: 'none',
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['react-devtools-core'],
  banner: { js: requireShim },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [yogaWithoutFetch, lazyGraphemes, signalExitAssert],
  logLevel: 'warning',
});
await rewriteOutput(staging);
await copyTreeSitter(staging);
// The metafile stays in dist/ (not packed: see package.json's files) so the build test can check the notices
// against what was really bundled.
await writeFile(join(staging, 'metafile.json'), JSON.stringify(metafile));
const manifest = JSON.parse(await readFile('package.json', 'utf8'));
await writeFile(
  join(staging, 'THIRD_PARTY_NOTICES'),
  await renderNotices(await bundledPackages(withCopiedFiles(metafile), '.'), '.', manifest.name),
);
await chmod(`${staging}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
await rename('dist', old).catch(() => undefined);
await rename(staging, 'dist');
await rm(old, { recursive: true, force: true });

// The code scanner parses Python, Java and C# with tree-sitter grammars compiled to WebAssembly. They are not
// bundled: the runtime and each grammar load from dist/wasm/ only when a project has such files.
/** The metafile plus the files copied beside the bundle, so the notices cover their packages too. */
function withCopiedFiles(metafile) {
  const runtime = 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter.js';
  return { ...metafile, inputs: { ...metafile.inputs, [runtime]: { bytes: 0, imports: [] } } };
}

async function copyTreeSitter(dir) {
  const from = fileURLToPath(new URL('../node_modules/@vscode/tree-sitter-wasm/', import.meta.url));
  await mkdir(join(dir, 'wasm'), { recursive: true });
  // The runtime is CommonJS: `.cjs` keeps it so inside this `"type": "module"` package.
  await copyFile(join(from, 'wasm', 'tree-sitter.js'), join(dir, 'wasm', 'tree-sitter.cjs'));
  await copyFile(join(from, 'wasm', 'tree-sitter.wasm'), join(dir, 'wasm', 'tree-sitter.wasm'));
  // Grammars are brotli-compressed (the C# one is 5 MB raw, 0.6 MB compressed); decompressing takes a few ms.
  // Quality 9, not 11: the three come to 0.28 MB instead of 0.25 MB, and every build (each test run starts with
  // one) spends 0.2 s on them instead of 5.9 s.
  for (const name of ['tree-sitter-python.wasm', 'tree-sitter-java.wasm', 'tree-sitter-c-sharp.wasm']) {
    const raw = await readFile(join(from, 'wasm', name));
    const packed = brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } });
    await writeFile(join(dir, 'wasm', `${name}.br`), packed);
  }
  await copyFile(join(from, 'LICENSE'), join(dir, 'wasm', 'LICENSE'));
}

/** The post-build passes over every output file. */
async function rewriteOutput(dir) {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const file = join(dir, entry);
    const source = await readFile(file, 'utf8');
    const rewritten = escapeNonAscii(requireBuiltins(source, file));
    if (rewritten === source) continue;
    // The passes edit text: esbuild parses the result, so a slip fails the build instead of a user's run.
    await transform(rewritten, { loader: 'js', format: 'esm', logLevel: 'silent' });
    await writeFile(file, rewritten);
  }
}

// `import {x} from "node:util"` makes Node build an ES module facade over the whole built-in, reading every
// export, lazy ones included: measured 7-11 ms each for node:util, node:process and node:fs, every start
// (`--version` included). `require()` (the banner's, from createRequire) returns the same objects at no cost.
// Built-ins have no evaluation order to keep, so the bindings become consts right after the banner.
function requireBuiltins(source, file) {
  const BUILTIN_IMPORT =
    /(?<=^|[;}\n])import\s*([\w$]+\s*,?\s*)?(\*\s*as\s*[\w$]+|\{[^}]*\})?\s*from\s*["']((?:node:)?[\w/]+)["'];?/g;
  const BANNER_END = 'const require = __epCreateRequire(import.meta.url);';
  // node:child_process, node:fs/promises and node:crypto load ~2.5, ~3 and ~4 ms of modules that no start-up
  // needs (Ink's terminal-size and the editor spawn later, if at all; the plan store writes and hashes on a save).
  const LAZY_FUNCTIONS = new Set(['child_process', 'fs/promises', 'crypto']);
  const consts = [];
  const out = source.replace(BUILTIN_IMPORT, (statement, defaultName, rest, specifier) => {
    const name = specifier.replace(/^node:/, '');
    if (!builtinModules.includes(name) || statement.includes('__epCreateRequire')) return statement;
    const module = `require(${JSON.stringify(`node:${name}`)})`;
    if (defaultName !== undefined) consts.push(`${defaultName.replace(/[\s,]/g, '')}=${module}`);
    if (rest?.startsWith('*')) consts.push(`${rest.replace(/^\*\s*as\s*/, '')}=${module}`);
    else if (rest !== undefined) {
      const fields = rest
        .slice(1, -1)
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0)
        .map((part) => {
          const [imported, local = imported] = part.split(/\s+as\s+/);
          return imported === 'default' ? undefined : imported === local ? local : `${imported}:${local}`;
        });
      const defaults = rest.match(/\bdefault\s+as\s+([\w$]+)/);
      if (defaults !== null) consts.push(`${defaults[1]}=${module}`);
      const named = fields.filter((field) => field !== undefined);
      if (LAZY_FUNCTIONS.has(name) && defaults === null) {
        // Only functions are imported from these: each becomes a wrapper that loads the module on first call.
        for (const field of named) {
          const [imported, local = imported] = field.split(':');
          consts.push(`${local}=(...args)=>${module}.${imported}(...args)`);
        }
      } else consts.push(`{${named.join(',')}}=${module}`);
    }
    return '';
  });
  if (consts.length === 0) return source;
  const at = out.indexOf(BANNER_END);
  if (at < 0) throw new Error(`${file}: the require banner is missing`);
  const end = at + BANNER_END.length;
  return `${out.slice(0, end)}const ${consts.join(',')};${out.slice(end)}`;
}

/**
 * One non-ASCII character makes Node read a whole module as UTF-16 and V8 scan it as two-byte source: a single
 * en dash in a regex put the wizard's 966 KB chunk on that path (measured: 8 ms of decoding per start).
 * esbuild escapes strings but leaves regex literals, String.raw and comments alone; those are the only places
 * such characters appear here, and in each `\uXXXX` means the same character. A backslash before the
 * character (`\–` in a regex) was an identity escape and is dropped.
 */
function escapeNonAscii(source) {
  if (!/[\u0080-\uffff]/.test(source)) return source;
  return source.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, char) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
