import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', 'tests/e2e/**'],
    environment: 'node',
    // Integration tests open real SQLite files and a real PostgreSQL; two cores on the build machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each run's temporary folders live under one root that is removed at the end (tests/global-tmp.ts).
    globalSetup: ['tests/global-tmp.ts'],
  },
});
