// What counts as a full disk: the shapes Node and DuckDB give it, not the words quoted from a file.
import { describe, expect, it } from 'vitest';
import { DiskFullError, isDiskFull, plainDiskFull } from '../../../warehouse/db/disk-full.ts';

describe('a full disk', () => {
  it('is recognised in the errors of Node and DuckDB, even wrapped', () => {
    expect(isDiskFull(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))).toBe(true);
    expect(
      isDiskFull(
        new Error('TransactionContext Error: Failed to commit: Could not write file "/srv/a.duckdb.wal": No space left on device'),
      ),
    ).toBe(true);
    expect(
      isDiskFull(
        new Error(
          'FATAL Error: Failed: database has been invalidated because of a previous fatal error. | Original error: "Failed to create checkpoint because of error: Could not write file "/srv/a.duckdb": No space left on device"',
        ),
      ),
    ).toBe(true);
    expect(isDiskFull(new Error('cannot be read as Excel: ENOSPC: no space left on device, write'))).toBe(true);
    expect(isDiskFull(new DiskFullError())).toBe(true);
  });

  it('is not a cell value that says so, nor another error', () => {
    expect(isDiskFull(new Error('row 5, fault_description: "No space left on device" is longer than 200 characters'))).toBe(false);
    expect(isDiskFull(new Error('Out of Memory Error: failed to allocate data of size 64 MiB'))).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
  });

  it('is passed on without the path, keeping the original as the cause', () => {
    const original = new Error('IO Error: Could not write file "/srv/secret/w.duckdb.wal": No space left on device');
    const plain = plainDiskFull(original) as DiskFullError;
    expect(plain).toBeInstanceOf(DiskFullError);
    expect(plain.message).toBe('the disk is full: free space on the server and try again (磁盘已满：请释放服务器的磁盘空间后重试)');
    expect(plain.statusCode).toBe(507);
    expect(plain.cause).toBe(original);
    const other = new Error('something else');
    expect(plainDiskFull(other)).toBe(other);
  });
});
