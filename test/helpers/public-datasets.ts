// The public datasets some tests read in place (never copied into the project): ../shared/data beside the
// checkout, or the folder named by AFTERSIGHT_DATASETS. A fresh clone has neither, so those tests skip and say
// which file is missing; test/run-tests.js prints that reason (kept in the test's meta) and counts them skipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestOptions } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why a test was skipped, printed by test/run-tests.js. */
    skipReason?: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const datasetsDir = path.resolve(process.env.AFTERSIGHT_DATASETS || path.join(root, '../shared/data'));

export interface PublicDataset {
  /** The files' absolute paths, in the order asked. */
  paths: string[];
  /** For `it.skipIf(d.missing)(name, d.options, fn)`. */
  missing: boolean;
  options: TestOptions;
}

/** Files of the public datasets, relative to their folder; missing ones make the test skip naming them. */
export function publicDataset(...files: string[]): PublicDataset {
  const paths = files.map((f) => path.join(datasetsDir, f));
  const absent = paths.filter((p) => !fs.existsSync(p));
  if (absent.length === 0) return { paths, missing: false, options: {} };
  const skipReason = `missing ${absent.join(', ')} (the public datasets; set AFTERSIGHT_DATASETS to their folder)`;
  console.warn(`skipped: ${skipReason}`);
  return { paths, missing: true, options: { meta: { skipReason } } };
}
