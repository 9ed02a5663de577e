import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Generous: a test that passes takes a second or two, but this machine kind is shared, and under a load of 20+
    // a spawned CLI can take 10 s to answer; a timeout then fails a test that asserts nothing about time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
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
