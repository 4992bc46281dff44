// A real small disk for the full-disk tests: a tmpfs mounted on a temp folder. Mounting needs root (or
// CAP_SYS_ADMIN); where it is refused, `skipped` says why and the tests skip with that line.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  /** The mounted folder ('' when not mounted). */
  dir: string;
  /** Why the disk could not be mounted ('' when mounted). */
  skipped: string;
  /** Fills the disk with one file, then frees `leaveBytes` of it. */
  fill(leaveBytes?: number): void;
  /** Removes the filling file. */
  free(): void;
  unmount(): void;
}

export function mountSmallDisk(name: string, sizeMiB: number): SmallDisk {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `aftersight-${name}-`));
  const dir = path.join(root, 'mnt');
  fs.mkdirSync(dir);
  const filler = path.join(dir, 'fill');
  let skipped = '';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    skipped = `cannot mount a tmpfs here (${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim() || 'not root'})`;
    console.log(`${name}: skipped, ${skipped}`);
  }
  return {
    dir: skipped ? '' : dir,
    skipped,
    fill(leaveBytes = 0) {
      const chunk = Buffer.alloc(1024 ** 2);
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        fs.closeSync(fd);
      }
      if (leaveBytes) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leaveBytes));
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      if (!skipped) execFileSync('umount', [dir]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
