import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure, no I/O beyond temp files) and `integration` (real local servers on
 * 127.0.0.1: DynamoDB Local started once for the run by the global setup, the runtime per file).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
