import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The longest files, longest first (seconds on a busy 2-core CI machine, fresh clone, December 2026). They start
 * before every other file, so the two workers end together: on a fresh clone (no results cache) vitest orders by
 * file size, and a long file that starts late becomes the suite's tail. Keep it short; a file missing here only
 * starts later.
 */
const longFiles = [
  'test/scenarios/trino-engine.test.ts', // 948 s: the models built on the Trino cluster
  'test/scenarios/visible-text.test.ts', // 295 s
  'test/web/client/src/components/quality-page.test.ts', // 187 s
  'test/web/server/auth/auth-plugin.test.ts', // 179 s
  'test/scenarios/two-quarters.test.ts', // 122 s
  'test/bin/cli.test.ts', // 118 s
  'test/warehouse/queries/metric-rollups.test.ts', // 92 s
  'test/scenarios/role-pages.test.ts', // 83 s
];

/** vitest's order (failed, then longest by its cache, else largest first), with the long files above at the head. */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = longFiles.indexOf(path.relative(root, f.moduleId).split(path.sep).join('/'));
      return i === -1 ? longFiles.length : i;
    };
    // Array sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  root,
  test: {
    include: ['test/**/*.test.ts'],
    // Above the browser's own 90 s wait for a page or an element (helpers/browser.ts): a step stuck on a busy
    // machine then fails with Playwright's message naming it, not a bare timeout of the whole test (which happened
    // once, at 60 s, to a test that takes 1.5 s).
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state: give a busy machine time to reach it (vitest's default is 1 s).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Two cores: browser, PDF and DuckDB tests run better a couple at a time.
    maxWorkers: 2,
    sequence: { sequencer: LongFilesFirst },
  },
});
