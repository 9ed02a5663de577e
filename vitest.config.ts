import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Vitest's default on a 2-core machine is one worker, which leaves the end-to-end files (mostly waiting on
    // spawned CLIs, fake servers and tmux) in a queue behind the CPU-bound unit files; two overlap them.
    maxWorkers: 2,
    // Test files share their worker's modules instead of importing vitest, ink and react afresh per file: the unit
    // files' CPU drops from ~19 s to ~11 s. It holds because no test leaves global state behind (no module
    // mocks; env, cwd and fake timers untouched or restored), which every new test must keep.
    isolate: false,
  },
});
