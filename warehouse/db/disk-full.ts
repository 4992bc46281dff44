// A full disk, said plainly: the file paths in DuckDB's and Node's messages are the server's business, and the
// remedy is the same wherever the write failed (warehouse, upload, report).
export const diskFullReason = {
  en: 'the disk is full: free space on the server and try again',
  zh: '磁盘已满：请释放服务器的磁盘空间后重试',
};

export class DiskFullError extends Error {
  readonly statusCode = 507;
  readonly reasonEn = diskFullReason.en;
  readonly reasonZh = diskFullReason.zh;
  constructor(cause?: unknown) {
    super(`${diskFullReason.en} (${diskFullReason.zh})`, { cause });
  }
}

/**
 * ENOSPC from Node ("ENOSPC: no space left on device, write"), or DuckDB's IO error quoting the file ('Could not
 * write file "…": No space left on device', also inside a later "database has been invalidated"), possibly wrapped
 * in our messages. The shapes are matched, not the words alone: a cell value quoted in an error is not a full disk.
 */
export function isDiskFull(e: unknown): boolean {
  if (e instanceof DiskFullError) return true;
  const err = e as { code?: string; message?: string } | undefined;
  return err?.code === 'ENOSPC' || /ENOSPC: no space left on device|"[^"]*": No space left on device/.test(String(err?.message ?? ''));
}

/** The error to pass on: a full disk as DiskFullError, anything else as it was. */
export const plainDiskFull = (e: unknown): unknown => (isDiskFull(e) && !(e instanceof DiskFullError) ? new DiskFullError(e) : e);
