// Bundles src/cli.tsx into dist/: one small entry that answers --version/--help at once, with the heavy
// libraries (ink, react, openai, remark, execa) split into chunks that load only when a command needs them.
import { chmod, readFile, rename, rm } from 'node:fs/promises';
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
  plugins: [yogaWithoutFetch],
  logLevel: 'warning',
});
await chmod(`${staging}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
await rename('dist', old).catch(() => undefined);
await rename(staging, 'dist');
await rm(old, { recursive: true, force: true });
