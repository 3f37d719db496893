import { defineConfig } from 'vitest/config'

// Three suites: pure unit tests; integration (app.inject against a real database: the embedded
// PostGIS, or TEST_DATABASE_URL); e2e (the built app in headless Chromium). A fourth, faults, stops
// and starts PostgreSQL clusters of its own (Debian's PostgreSQL 15 binaries); it exists only with
// WANGGE_FAULTS=1, as `npm run test:faults` sets, so `npm test` leaves it out.
const faults = {
  test: {
    name: 'faults',
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/faults/cluster.global-setup.ts'],
    // Each file has its own cluster and server process; two at once would only fight for the CPU.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
}

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/database.global-setup.ts'],
          // One shared database, reset by each file: files must not run at the same time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/app-server.global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      ...(process.env.WANGGE_FAULTS === '1' ? [faults] : []),
    ],
  },
})
