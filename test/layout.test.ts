// The README's "Layout" for tests: test/<path>/<name>.test.ts tests <path>/<name>.<ext> (a module, a view, a
// model, package.json) or the folder <path>/<name>/; a second file for the same module adds its topic after a
// dot (routes/ingest.route.uploads.test.ts tests routes/ingest.route.ts); test/scenarios/ holds the tests of a
// feature across several modules at once (a data set through load, refresh and many queries; every page in a
// browser). This file checks the layout itself (it tests the README's rule).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'test');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'node_modules' ? [] : testFiles(full);
    return e.name.endsWith('.test.ts') ? [path.relative(testDir, full).split(path.sep).join('/')] : [];
  });
}

/** The source file or folder a test file mirrors, or undefined. */
function mirroredSource(testFile: string, exists: (p: string) => boolean, list: (dir: string) => string[]): string | undefined {
  const rel = testFile.replace(/\.test\.ts$/, '');
  const dir = path.posix.dirname(rel);
  let name = path.posix.basename(rel);
  for (;;) {
    const inDir = dir === '.' ? '' : `${dir}/`;
    const file = list(dir).find((f) => f.startsWith(`${name}.`) || f.startsWith(`.${name}.`));
    if (file && !exists(`${inDir}${file}/`)) return `${inDir}${file}`;
    if (exists(`${inDir}${name}/`)) return `${inDir}${name}/`;
    const dot = name.lastIndexOf('.');
    if (dot <= 0) return undefined;
    name = name.slice(0, dot); // drop the topic: ingest.route.uploads -> ingest.route
  }
}

const exists = (p: string) => fs.existsSync(path.join(root, p)) && (!p.endsWith('/') || fs.statSync(path.join(root, p)).isDirectory());
const list = (dir: string) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)) : []);

describe('test files mirror the source paths', () => {
  it('finds the source of a module test, a view test, a topic test and a folder test, and none for a stray test', () => {
    expect(mirroredSource('web/server/routes/ingest.route.uploads.test.ts', exists, list)).toBe('web/server/routes/ingest.route.ts');
    expect(mirroredSource('warehouse/metrics/fault_pareto.test.ts', exists, list)).toBe('warehouse/metrics/fault_pareto.sql');
    expect(mirroredSource('presentation/charts/bar-by-dimension.option.test.ts', exists, list)).toBe(
      'presentation/charts/bar-by-dimension.option.ts',
    );
    expect(mirroredSource('warehouse/db/migrations.test.ts', exists, list)).toBe('warehouse/db/migrations/');
    expect(mirroredSource('package.test.ts', exists, list)).toBe('package.json');
    expect(mirroredSource('web/server/attack.test.ts', exists, list)).toBeUndefined();
  });

  it('every test file outside test/scenarios/ tests the file or folder at its own path', () => {
    const stray = testFiles(testDir).filter(
      (f) => !f.startsWith('scenarios/') && f !== 'layout.test.ts' && !mirroredSource(f, exists, list),
    );
    expect(stray).toEqual([]);
  });
});
