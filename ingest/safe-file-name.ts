// A user-supplied file name reduced to something safe to show and store: no folders, no control characters.
// It is never used to build a path on disk; uploads are stored under names we make.
import path from 'node:path';

export function safeFileName(name: string | undefined, fallback = 'upload'): string {
  const base = path.posix.basename(path.win32.basename(String(name ?? '')));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^\.+/, '').trim().slice(0, 200);
  return clean || fallback;
}
