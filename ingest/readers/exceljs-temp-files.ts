// ExcelJS's streaming reader parks each sheet that comes before the shared strings in the archive (as in every
// file ExcelJS itself writes) in a temporary file of the `tmp` package, and removes it only once it has parsed
// it: a sheet refused half-way, or any parse error, left the whole inflated sheet in the temp folder, for good.
// So `tmp.file` (the instance ExcelJS requires) notes each file it makes within a parse, and the parse removes
// them when it ends, however it ends.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

type Made = (err: Error | null, name: string, fd: number, remove: () => void) => void;
const require = createRequire(import.meta.url);
const tmp = createRequire(require.resolve('exceljs'))('tmp') as { file: (...args: unknown[]) => unknown };
const removers = new AsyncLocalStorage<(() => void)[]>();
const file = tmp.file;
tmp.file = function (this: unknown, ...args: unknown[]) {
  const made = args.pop() as Made;
  return file.call(this, ...args, ((err, name, fd, remove) => {
    if (!err) removers.getStore()?.push(remove);
    made(err, name, fd, remove);
  }) satisfies Made);
};

/** Runs an ExcelJS parse; the temp files it made are removed when it ends (tmp's remover runs only once). */
export async function removingExcelTempFiles<T>(parse: () => Promise<T>): Promise<T> {
  const made: (() => void)[] = [];
  try {
    return await removers.run(made, parse);
  } finally {
    for (const remove of made) {
      try {
        remove();
      } catch {
        // already gone
      }
    }
  }
}
