// The drop folder: files put in <inbox>/<kind>/ are loaded, then moved to <archive>/<kind>/ or, when the file
// is unusable, to <failed>/<kind>/ with a report file beside it. A `mapping.json` in a kind's folder applies
// to every file there. Files still being written (changed in the last few seconds) wait for the next round.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { IngestFileError } from './ingest-error.ts';
import { readMappingFile, validateMapping, type Mapping } from './mapping.ts';
import { ingestFile, type LoadReport } from './run-ingest.ts';
import { recordKindNames } from './sources/record-kinds.ts';

export interface DropFolders {
  inbox: string;
  archive: string;
  failed: string;
}

export function dropFoldersUnder(root: string): DropFolders {
  return { inbox: path.join(root, 'inbox'), archive: path.join(root, 'archive'), failed: path.join(root, 'failed') };
}

export interface DropRound {
  loaded: LoadReport[];
  failed: { file: string; error: string }[];
}

const mappingFileName = 'mapping.json';

export function ensureDropFolders(f: DropFolders): void {
  for (const kind of recordKindNames) fs.mkdirSync(path.join(f.inbox, kind), { recursive: true });
}

export async function processDropFolder(db: Warehouse, f: DropFolders, settleMs = 3000, now = Date.now()): Promise<DropRound> {
  const round: DropRound = { loaded: [], failed: [] };
  for (const kind of recordKindNames) {
    const dir = path.join(f.inbox, kind);
    if (!fs.existsSync(dir)) continue;
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== mappingFileName && !e.name.startsWith('.'))
      .map((e) => path.join(dir, e.name))
      .filter((p) => now - fs.statSync(p).mtimeMs >= settleMs)
      .sort();
    if (files.length === 0) continue;
    let mapping: Mapping | undefined;
    for (const file of files) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      try {
        const mappingPath = path.join(dir, mappingFileName);
        mapping ??= fs.existsSync(mappingPath) ? validateMapping(readMappingFile(mappingPath), kind, mappingFileName) : undefined;
        const report = await ingestFile(db, kind, file, { mapping, loadedBy: 'drop-folder' });
        round.loaded.push(report);
        moveTo(file, path.join(f.archive, kind, `${stamp}-${path.basename(file)}`));
      } catch (e) {
        const error = e instanceof IngestFileError ? e.message : (e as Error).message;
        round.failed.push({ file: path.basename(file), error });
        const target = path.join(f.failed, kind, `${stamp}-${path.basename(file)}`);
        moveTo(file, target);
        const zh = e instanceof IngestFileError ? `\n${e.file}：${e.reasonZh}` : '';
        fs.writeFileSync(`${target}.report.txt`, `${error}${zh}\n`);
      }
    }
  }
  return round;
}

function moveTo(file: string, target: string) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(file, target);
}
