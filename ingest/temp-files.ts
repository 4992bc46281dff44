// Aftersight's files in the system temp folder (os.tmpdir()): uploads being received and a load's copies
// (named aftersight-<use>-<pid>-…), the demo data set. Each is removed when its work ends, however it ends; a
// process that dies (kill -9, power loss, a reader crashing it) cannot, and leaves hundreds of MB: the next start
// removes those of processes no longer running, and those without a process id once unchanged for a while.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type TempUse = 'upload' | 'read';

/** A path prefix for a temp file or folder of this process (add a unique end: a counter, or mkdtemp's). */
export const tempPrefix = (use: TempUse): string => path.join(os.tmpdir(), `aftersight-${use}-${process.pid}-`);

/** Every prefix our code gives a temp file or folder (a test checks that each one used in the sources is here). */
export const tempPrefixes = ['aftersight-upload-', 'aftersight-read-', 'aftersight-demo-'] as const;

/** The process id in a name made with tempPrefix. */
const withPid = /^aftersight-(?:upload|read)-(\d+)-/;

/**
 * A name without a process id is left alone while anything in it changed more recently: another Aftersight
 * process (a CLI load beside the server) may still be using it.
 */
export const staleTempMinutes = 60;

export interface RemovedTemp {
  path: string;
  bytes: number;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
};

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

/** Removes our temp files and folders of dead processes, and those without a process id unchanged for staleTempMinutes. */
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
    const pid = withPid.exec(name)?.[1];
    const p = path.join(dir, name);
    try {
      if (pid && (Number(pid) === process.pid || running(Number(pid)))) continue;
      const s = scan(p);
      if (!pid && s.mtimeMs >= before) continue;
      fs.rmSync(p, { recursive: true, force: true });
      removed.push({ path: p, bytes: s.bytes });
    } catch {
      // Gone meanwhile (its process finished) or not ours to remove: nothing to do.
    }
  }
  return removed;
}
