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
  },
});
