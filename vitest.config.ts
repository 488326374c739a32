// Test projects: protocol/ in plain Node against vectors and properties; Durable Objects and the
// edge inside workerd through @cloudflare/vitest-plugin (storage isolated per test file).
import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-plugin';

export default defineConfig({
  test: {
    // Vitest's default is cores − 1, which is one worker on a 2-core CI machine: use both.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'protocol',
          include: ['test/protocol/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        // The explorer in headless Chromium against a local network started by the test itself.
        test: {
          name: 'explorer',
          include: ['test/explorer/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The SDK, the CLI, Ethereum clients (viem, ethers) and the quickstart against one local network.
        test: {
          name: 'sdk',
          include: ['test/sdk/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/sdk/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                NETWORK_CONFIG: JSON.stringify({ tablesPerZone: 4, committeesPerZone: 2 }),
                EPOCH_TIMER: 'off',
              },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/durable-objects/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
