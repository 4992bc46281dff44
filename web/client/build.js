// Bundles the dashboard (Lit + ECharts) into web/client/dist/app.js with esbuild: no CDN, no runtime fetch.
// Run by `npm run build:web`, `npm start` and the test command.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildClient() {
  await build({
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
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildClient();
