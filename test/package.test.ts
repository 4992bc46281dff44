// The engines field of package.json is a promise to the user: `npm ci` on the oldest Node it admits installs every
// locked package without an EBADENGINE warning (npm warns when a package's own engines field refuses that Node).
import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

describe('package.json engines', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('names Node 20 as the oldest supported', () => {
    expect(semver.major(oldest)).toBe(20);
  });

  it(`every locked package accepts Node ${oldest} and the newest Node 20`, () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range || where === '') return [];
      return ['20.99.0', oldest]
        .filter((v) => !semver.satisfies(v, range))
        .map((v) => `${where}@${entry.version} wants node ${range} (not ${v})`);
    });
    expect(refusing).toEqual([]);
  });
});
