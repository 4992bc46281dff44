// Bundles the dashboard (Lit + ECharts) into web/client/dist/app.js with esbuild: no CDN, no runtime fetch.
// Run by `npm run build:web`, `npm start` and the test command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildClient() {
  const { outputFiles } = await build({
    entryPoints: [path.join(here, 'src/main.ts')],
    outfile: path.join(here, 'dist/app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    tsconfig: path.join(here, '../../tsconfig.json'),
    logLevel: 'warning',
    write: false,
  });
  // Each file is replaced whole (written aside, then renamed): a browser loading the bundle while another process
  // builds it (two test files at once) read a half-written app.js, and its page never rendered.
  for (const f of outputFiles) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    const aside = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, f.contents);
    fs.renameSync(aside, f.path);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildClient();
