// The drop folder: files put in <inbox>/<kind>/ are loaded, then moved to <archive>/<kind>/ or, when the file
// is unusable, to <failed>/<kind>/ with a report file beside it. A `mapping.json` in a kind's folder applies
// to every file there. Files whose name starts with '.' are left alone (copy under such a name, then rename).
//
// A file is loaded only once it is stable: a round finds it as the round before found it (same size, mtime and
// inode), and not modified in the last few seconds. Rounds run a minute apart, so a writer that pauses for
// less than that is not loaded half-way (the old rule, 3 s without change, loaded half a file).
//
// A file being loaded lies in <inbox>/<kind>/.loading/: should the process die loading it (a reader crash,
// a kill), the next round finds it there and moves it to failed/, so a server never stops again on it.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { IngestFileError } from './ingest-error.ts';
import { readMappingFile, validateMapping, type Mapping } from './mapping.ts';
import { ingestFile, type LoadReport } from './run-ingest.ts';
import { recordKindNames } from '../contract/sources/record-kinds.ts';

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

/** What the last round saw of each file in the inbox (path -> size, mtime, inode): kept from round to round. */
export type FileStamps = Map<string, string>;

const mappingFileName = 'mapping.json';
const loadingDirName = '.loading';
/** A file modified more recently than this is not loaded, however the rounds found it. */
export const settleMs = 3000;

export function ensureDropFolders(f: DropFolders): void {
  for (const kind of recordKindNames) fs.mkdirSync(path.join(f.inbox, kind), { recursive: true });
}

export async function processDropFolder(db: Warehouse, f: DropFolders, seen: FileStamps, now = Date.now()): Promise<DropRound> {
  const round: DropRound = { loaded: [], failed: [] };
  const stamps: FileStamps = new Map();
  for (const kind of recordKindNames) {
    const dir = path.join(f.inbox, kind);
    if (!fs.existsSync(dir)) continue;
    const loading = path.join(dir, loadingDirName);
    for (const name of fs.existsSync(loading) ? fs.readdirSync(loading) : []) {
      const e = new IngestFileError(
        name,
        'the process stopped while loading this file (the reader crashed or the server was stopped); it is set aside so that it is not loaded again: move it back to the inbox to try again',
        '加载此文件时进程中止（读取程序崩溃或服务器被停止）；已移出收件箱以免再次加载，如需重试请将其移回收件箱',
      );
      setAside(round, path.join(loading, name), f, kind, e);
    }
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== mappingFileName && !e.name.startsWith('.'))
      .map((e) => path.join(dir, e.name))
      .filter((p) => {
        const s = fs.statSync(p);
        const stamp = `${s.size}:${s.mtimeMs}:${s.ino}`;
        stamps.set(p, stamp);
        return seen.get(p) === stamp && now - s.mtimeMs >= settleMs;
      })
      .sort();
    let mapping: Mapping | undefined;
    for (const file of files) {
      const claimed = path.join(loading, path.basename(file));
      stamps.delete(file);
      try {
        moveTo(file, claimed);
      } catch {
        continue; // taken away since it was listed
      }
      try {
        const mappingPath = path.join(dir, mappingFileName);
        mapping ??= fs.existsSync(mappingPath) ? validateMapping(readMappingFile(mappingPath), kind, mappingFileName) : undefined;
        const report = await ingestFile(db, kind, claimed, { mapping, loadedBy: 'drop-folder' });
        round.loaded.push(report);
        moveTo(claimed, path.join(f.archive, kind, `${stampNow()}-${path.basename(file)}`));
      } catch (e) {
        setAside(round, claimed, f, kind, e as Error);
      }
    }
  }
  seen.clear();
  for (const [p, s] of stamps) seen.set(p, s);
  return round;
}

/** Moves an unusable file to failed/<kind>/ with a .report.txt of the reason (English, then Chinese). */
function setAside(round: DropRound, file: string, f: DropFolders, kind: string, e: Error) {
  const error = e.message;
  round.failed.push({ file: path.basename(file), error });
  const target = path.join(f.failed, kind, `${stampNow()}-${path.basename(file)}`);
  moveTo(file, target);
  const zh = e instanceof IngestFileError ? `\n${e.file}：${e.reasonZh}` : '';
  fs.writeFileSync(`${target}.report.txt`, `${error}${zh}\n`);
}

const stampNow = () => new Date().toISOString().replace(/[:.]/g, '-');

function moveTo(file: string, target: string) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(file, target);
}
