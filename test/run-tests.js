#!/usr/bin/env node
// The README's test command: checks which way imports go (dependency-cruiser, `npm run depcheck`; a wrong arrow
// prints its rule and counts as one failure), lints and checks the formatting (Biome, `npm run lint`; any error
// counts as one failure; `npx biome format --write .` fixes the formatting), builds the dashboard bundle, runs every vitest test, and ends with the plain line
// "N passed, N failed" that CI reads (vitest's own summary is not read by CI), or "N passed, N failed, N skipped"
// when some tests skipped (those that need the public datasets, on a clone without them); each skipped test that
// says why (its meta.skipReason) gets a line before it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const report = path.join(os.tmpdir(), `aftersight-vitest-${process.pid}.json`);
const depcheck = spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', ...depcheckArgs()], {
  stdio: 'inherit',
});
const lint = spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '.', '--diagnostic-level=error'], {
  stdio: 'inherit',
});
const depcheckFailed = (depcheck.status === 0 ? 0 : 1) + (lint.status === 0 ? 0 : 1);
const build = spawnSync(process.execPath, ['web/client/build.js'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log(`0 passed, ${1 + depcheckFailed} failed`);
  process.exit(1);
}
const vitest = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'test/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  // A test file that fails before any test runs (an import error) counts as one failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed = r.numFailedTests + brokenFiles;
  skipped = r.numPendingTests + r.numTodoTests;
  for (const file of r.testResults) {
    for (const t of file.assertionResults) {
      if (t.meta?.skipReason) console.log(`skipped: ${path.relative(process.cwd(), file.name)} > ${t.fullName}: ${t.meta.skipReason}`);
    }
  }
  fs.rmSync(report, { force: true });
} catch {
  failed = Math.max(failed, 1);
}
if (vitest.status !== 0 && failed === 0) failed = 1;
failed += depcheckFailed;
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);

/** The arguments of package.json's `depcheck` script (one list of checked folders). */
function depcheckArgs() {
  const script = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.depcheck;
  return script.split(/\s+/).slice(1);
}
