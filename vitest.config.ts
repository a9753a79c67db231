import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string): string => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  // Code taken from the docs imports Parley as a user would; in tests that means the sources.
  resolve: {
    alias: [
      { find: /^parley\/testing$/, replacement: src('testing/index.ts') },
      { find: /^parley$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and CLI end-to-end runs are CPU-bound; two forks match our 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
