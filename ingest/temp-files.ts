// A load's temporary files (the upload, a UTF-8 copy, a sheet as CSV) lie in the system's temp folder, named
// aftersight-<what>-<pid>-…, and are removed when the load ends, however it ends. A process that dies (killed,
// or a reader crashing it) cannot remove them: the next start removes those of processes no longer running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type TempUse = 'upload' | 'read';

/** A path prefix for a temp file or folder of this process (add a unique end: a counter, or mkdtemp's). */
export const tempPrefix = (use: TempUse): string => path.join(os.tmpdir(), `aftersight-${use}-${process.pid}-`);

const ours = /^aftersight-(?:upload|read)-(\d+)-/;

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
};

/** Removes the temp files and folders left by Aftersight processes that are no longer running; returns their names. */
export function removeOrphanTempFiles(dir = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const pid = ours.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || running(Number(pid))) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
