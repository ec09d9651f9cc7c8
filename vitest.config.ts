import { defineConfig } from 'vitest/config';

/** Files that run the offline models or the whole platform with ffmpeg: minutes, not seconds. */
const heavy = ['test/integration/pipeline/**/*.test.ts', 'test/integration/functions/adapters/local/**/*.test.ts'];

/**
 * Projects:
 * - `unit`: pure, no I/O beyond temp files;
 * - `integration`: real local servers on 127.0.0.1 (DynamoDB Local started once for the run by the
 *   global setup, the runtime per file);
 * - `heavy`: the same, with the offline models and the whole upload → ingest → analysis pipeline;
 * - `browser`: the dashboard in Debian's Chromium (playwright-core) against the whole platform.
 * `npm test` runs unit + integration (under ten minutes on 2 cores); `npm run test:e2e` runs heavy
 * and the browser tests. `.ci/run` runs both.
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
          exclude: heavy,
          environment: 'node',
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          // The first analysis of a run loads the offline models: minutes on two cores.
          testTimeout: 600_000,
          hookTimeout: 300_000,
          // A page reacts within seconds even on a loaded machine; the default poll gives up after one.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
      {
        test: {
          name: 'heavy',
          include: heavy,
          environment: 'node',
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
