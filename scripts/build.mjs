// Bundles src/cli.tsx into dist/: one small entry that answers --version/--help at once, with the heavy
// libraries (ink, react, openai, remark, execa) split into chunks that load only when a command needs them.
import { chmod, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

// string-width builds a grapheme segmenter (ICU, ~15 ms) and an RGI emoji regex (~15 ms, plus ~4 ms on first use)
// when it loads, and uses both for any text beyond ASCII: that was the wizard's single largest start-up cost. The
// patch builds them on first need and answers text made only of one-column characters (`isNarrowText`, which
// the tests check against string-width itself) by its length. Each replaced piece must be found exactly once.
const narrowText = fileURLToPath(new URL('../src/core/text/narrow-text.ts', import.meta.url));
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const replace = (from, to) => {
        const parts = source.split(from);
        if (parts.length !== 2)
          throw new Error(`string-width changed: "${from}" not found once in ${args.path}`);
        source = parts.join(to);
      };
      replace('const segmenter = new Intl.Segmenter();', 'let segmenter;');
      replace('segmenter.segment(string)', '(segmenter ??= new Intl.Segmenter()).segment(string)');
      replace('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;');
      replace('rgiEmojiRegex.test(segment)', '(rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment)');
      replace(
        'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
        'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && isNarrowText(string))) {',
      );
      return {
        contents: `import { isNarrowText } from ${JSON.stringify(narrowText)};\n${source}`,
        loader: 'js',
      };
    });
  },
};

const requireShim =
  "import { createRequire as __epCreateRequire } from 'node:module'; const require = __epCreateRequire(import.meta.url);";

// Build beside dist and swap it in, so a test run spawning dist/cli.js never sees a half-written bundle.
const staging = `dist.build-${process.pid}`;
await build({
  entryPoints: { cli: 'src/cli.tsx' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['react-devtools-core'],
  banner: { js: requireShim },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [yogaWithoutFetch, lazyStringWidth],
  logLevel: 'warning',
});
await escapeNonAscii(staging);
await chmod(`${staging}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
await rename('dist', old).catch(() => undefined);
await rename(staging, 'dist');
await rm(old, { recursive: true, force: true });

/**
 * One non-ASCII character makes Node read a whole module as UTF-16 and V8 scan it as two-byte source: a single
 * en dash in a regex put the wizard's 966 KB chunk on that path (measured: 8 ms of decoding per start).
 * esbuild escapes strings but leaves regex literals, String.raw and comments alone; those are the only places
 * such characters appear here, and in each `\\uXXXX` means the same character. A backslash before the
 * character (`\\–` in a regex) was an identity escape and is dropped.
 */
async function escapeNonAscii(dir) {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const file = join(dir, entry);
    const source = await readFile(file, 'utf8');
    if (!/[\u0080-\uffff]/.test(source)) continue;
    const escaped = source.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, char) => {
      const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
      return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    await writeFile(file, escaped);
  }
}
