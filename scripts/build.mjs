// Bundles src/cli.tsx into dist/: one small entry that answers --version/--help at once, with the heavy
// libraries (ink, react, openai, remark, execa) split into chunks that load only when a command needs them.
import { chmod, rename, rm } from 'node:fs/promises';
import { build } from 'esbuild';

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
  logLevel: 'warning',
});
await chmod(`${staging}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
await rename('dist', old).catch(() => undefined);
await rename(staging, 'dist');
await rm(old, { recursive: true, force: true });
