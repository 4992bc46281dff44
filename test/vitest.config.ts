import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state: give a busy machine time to reach it (vitest's default is 1 s).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Two cores: browser, PDF and DuckDB tests run better a couple at a time.
    maxWorkers: 2,
  },
});
