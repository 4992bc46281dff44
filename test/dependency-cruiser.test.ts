// The import-direction check (.dependency-cruiser.cjs, run by `npm run depcheck` and `npm test`) fails on an
// arrow going the wrong way: a small arrangement of files in a temporary folder, checked with the project's rules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const dirs: string[] = [];

/** Writes the files into a fresh folder (with a tsconfig like the project's) and runs the check over it. */
function depcheck(files: Record<string, string>): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-depcheck-'));
  dirs.push(dir);
  const tsconfig = {
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowImportingTsExtensions: true,
      noEmit: true,
      verbatimModuleSyntax: true,
    },
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]))];
  const r = spawnSync(process.execPath, [cli, ...folders, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const server = {
  'warehouse/queries/rows.ts': 'export interface Row { n: number }\nexport const readRows = (): Row[] => [];\n',
  'contract/metrics/catalog.ts': "export const metricKeys = ['opened'] as const;\n",
};

describe('the import-direction check', () => {
  it('passes arrows going the right way, and type-only imports from the server side into the dashboard', () => {
    const r = depcheck({
      ...server,
      'presentation/format/format-value.ts':
        "import { metricKeys } from '../../contract/metrics/catalog.ts';\nexport const first = metricKeys[0];\n",
      'web/client/src/page.ts':
        "import type { Row } from '../../../warehouse/queries/rows.ts';\nimport { first } from '../../../presentation/format/format-value.ts';\nexport const show = (r: Row) => `${first} ${r.n}`;\n",
    });
    expect(r.output).toContain('no dependency violations');
    expect(r.status).toBe(0);
  });

  it('fails when the dashboard runs warehouse code', () => {
    const r = depcheck({
      ...server,
      'web/client/src/page.ts': "import { readRows } from '../../../warehouse/queries/rows.ts';\nexport const rows = readRows();\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('client-runs-no-server-code');
    expect(r.output).toContain('web/client/src/page.ts → warehouse/queries/rows.ts');
  });

  it('fails when the warehouse imports the presentation layer, and when modules import each other', () => {
    const r = depcheck({
      ...server,
      'presentation/i18n/messages.ts': "export const words = { opened: 'Opened' };\n",
      'warehouse/queries/words.ts': "import { words } from '../../presentation/i18n/messages.ts';\nexport const w = words.opened;\n",
      'contract/period/a.ts': "import { b } from './b.ts';\nexport const a = () => b();\n",
      'contract/period/b.ts': "import { a } from './a.ts';\nexport const b = (): unknown => a;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('warehouse-stays-below');
    expect(r.output).toContain('no-circular');
  });

  it('fails when a shared module uses a Node built-in (it is bundled into the browser)', () => {
    const r = depcheck({ 'presentation/format/read.ts': "import fs from 'node:fs';\nexport const read = () => fs.readFileSync('x');\n" });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('shared-layers-without-node');
  });
});
