// The models of every layer, in the order a refresh builds them: staging, marts, metrics; within a layer a
// model comes after the models it reads (found by their `layer.name` references), else by file name.
// A file's name is its table's name: `models/marts/tickets.sql` builds `marts.tickets`.
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
  return inDependencyOrder(readModelFiles());
}

function readModelFiles(): ModelFile[] {
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

/** Orders models so each comes after the models it references; a cycle is an error naming the models. */
export function inDependencyOrder(models: ModelFile[]): ModelFile[] {
  const byName = new Map(models.map((m) => [`${m.layer}.${m.name}`, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ModelFile[] = [];
  const visit = (key: string) => {
    if (done.has(key)) return;
    if (visiting.has(key)) throw new Error(`models reference each other in a cycle: ${[...visiting].join(' -> ')} -> ${key}`);
    visiting.add(key);
    const m = byName.get(key)!;
    for (const [, ref] of m.sql.matchAll(/\b((?:staging|marts|metrics)\.[a-z_0-9]+)\b/g)) if (ref !== key && byName.has(ref)) visit(ref);
    visiting.delete(key);
    done.add(key);
    out.push(m);
  };
  for (const key of byName.keys()) visit(key);
  return out;
}
