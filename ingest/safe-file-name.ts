// A user-supplied file name reduced to something safe to show and store: no folders, no control characters.
// It is never used to build a path on disk; uploads are stored under names we make.
import path from 'node:path';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
const unsafeCharacters = /[\u0000-\u001f\u007f<>:"|?*]/g;

export function safeFileName(name: string | undefined, fallback = 'upload'): string {
  const base = path.posix.basename(path.win32.basename(String(name ?? '')));
  const clean = base.replace(unsafeCharacters, '').replace(/^\.+/, '').trim().slice(0, 200);
  return clean || fallback;
}
