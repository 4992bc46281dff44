// The models of every layer, in the order a refresh builds them: staging, marts, metrics; within a layer by
// file name. A file's name is its table's name: `models/marts/tickets.sql` builds `marts.tickets`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ModelFile {
  layer: 'staging' | 'marts' | 'metrics';
  name: string;
  file: string;
  sql: string;
}

const warehouseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const layerDirs: [ModelFile['layer'], string][] = [
  ['staging', 'models/staging'],
  ['marts', 'models/marts'],
  ['metrics', 'metrics'],
];

export function listModelFiles(): ModelFile[] {
  return layerDirs.flatMap(([layer, dir]) => {
    const abs = path.join(warehouseDir, dir);
    return fs
      .readdirSync(abs)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => {
        const file = path.join(abs, f);
        return { layer, name: f.replace(/\.sql$/, ''), file, sql: fs.readFileSync(file, 'utf8') };
      });
  });
}
