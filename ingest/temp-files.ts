// Aftersight's files in the system temp folder (os.tmpdir()): uploads being received, spreadsheets converted for
// reading, the demo data set. Each is removed when its work ends; a crash (kill -9, power loss) leaves them,
// hundreds of MB each, so the next start removes those that have not changed for a while.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every prefix our code gives a temp file or folder (a test checks that each one used in the sources is here). */
export const tempPrefixes = ['aftersight-upload-', 'aftersight-read-', 'aftersight-demo-'] as const;

/**
 * Left alone when anything in it changed more recently: another Aftersight process (a CLI load beside the
 * server, a second server on another warehouse) may still be using it. A load reads its staged file for
 * minutes at most; an upload being received changes at every chunk.
 */
export const staleTempMinutes = 60;

export interface RemovedTemp {
  path: string;
  bytes: number;
}

/** Newest change time and size of a file, or of a folder and everything in it. */
function scan(p: string): { mtimeMs: number; bytes: number } {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return { mtimeMs: st.mtimeMs, bytes: st.size };
  let out = { mtimeMs: st.mtimeMs, bytes: 0 };
  for (const name of fs.readdirSync(p)) {
    const s = scan(path.join(p, name));
    out = { mtimeMs: Math.max(out.mtimeMs, s.mtimeMs), bytes: out.bytes + s.bytes };
  }
  return out;
}

/** Removes our temp files and folders unchanged for staleTempMinutes; returns what was removed. */
export function removeStaleTempFiles(opts: { dir?: string; now?: number; minutes?: number } = {}): RemovedTemp[] {
  const dir = opts.dir ?? os.tmpdir();
  const before = (opts.now ?? Date.now()) - (opts.minutes ?? staleTempMinutes) * 60_000;
  const removed: RemovedTemp[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!tempPrefixes.some((prefix) => name.startsWith(prefix))) continue;
    const p = path.join(dir, name);
    try {
      const s = scan(p);
      if (s.mtimeMs >= before) continue;
      fs.rmSync(p, { recursive: true, force: true });
      removed.push({ path: p, bytes: s.bytes });
    } catch {
      // Gone meanwhile (its process finished) or not ours to remove: nothing to do.
    }
  }
  return removed;
}
