import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores here and in CI: servers started by suites compete with the runner.
    maxWorkers: 2,
    reporters: ['default'],
    // The contract recorder: every answer of an API started by startTestApi is checked against the OpenAPI document.
    setupFiles: ['test/helpers/contract-setup.ts'],
  },
});
