// The .xlsx guard trusted the sizes an archive declares: 1.9 MB declaring 5 MB inflated to 2 GB. It now counts
// the bytes it inflates and stops at the limits, and refuses data the archive's directory does not list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { assertSafeZip } from '../../../ingest/readers/zip-guard.ts';
import { writeZip, writeZipBomb } from '../../helpers/zip-bomb.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-zip-guard-'));
const at = (name: string) => path.join(tmp, name);
const MB = 1024 ** 2;

describe('zip guard of .xlsx files', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an entry declaring 5 MB that inflates to 200 MB is refused naming the file and entry; nothing loaded is lost', async () => {
    fs.writeFileSync(at('ok.csv'), 'ticket_id,opened_at,status\nZ1,2025-07-01 09:00,open\n');
    await ingestFile(db, 'tickets', at('ok.csv'));
    writeZipBomb(at('liar.xlsx'), 200 * MB, 5 * MB);
    expect(fs.statSync(at('liar.xlsx')).size).toBeLessThan(MB);
    const err = await ingestFile(db, 'tickets', at('liar.xlsx')).catch((e) => e);
    expect(err.message).toBe(
      'liar.xlsx: refused: entry xl/worksheets/sheet1.xml inflates to more than the 5,242,880 bytes it declares, which is how a zip bomb hides',
    );
    expect(err.reasonZh).toBe('已拒绝：压缩包中的 xl/worksheets/sheet1.xml 解压后超过其声明的 5,242,880 字节，疑似压缩炸弹');
    expect(await db.all('select ticket_id from raw.tickets')).toEqual([{ ticket_id: 'Z1' }]);
  });

  it('an entry the directory does not list (unpacked by a streaming reader) is refused', async () => {
    writeZip(at('hidden.xlsx'), [
      { name: 'xl/worksheets/sheet1.xml', size: 50 * MB, listed: false },
      { name: 'xl/workbook.xml', size: 100 },
    ]);
    await expect(assertSafeZip(at('hidden.xlsx'), 'hidden.xlsx')).rejects.toThrow(
      /^hidden\.xlsx: refused: it holds \d+ bytes before entry xl\/workbook\.xml that its directory does not list/,
    );
  });

  it('the declared sizes (which bound the real ones) are held to the total and ratio limits', async () => {
    writeZip(
      at('many.xlsx'),
      [1, 2, 3, 4].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, size: 9 * MB })),
    );
    await expect(
      assertSafeZip(at('many.xlsx'), 'many.xlsx', { maxUncompressedBytes: 20 * MB, maxRatio: 200, ratioFromBytes: 10 * MB }),
    ).rejects.toThrow(
      /^many\.xlsx: refused: the archive would expand to 27 MB \(entry xl\/worksheets\/sheet3\.xml, ratio \d+:1\), which looks like a zip bomb/,
    );
    await expect(
      assertSafeZip(at('many.xlsx'), 'many.xlsx', { maxUncompressedBytes: 100 * MB, maxRatio: 200, ratioFromBytes: 1 * MB }),
    ).rejects.toThrow(/^many\.xlsx: refused: the archive would expand to 9 MB \(entry xl\/worksheets\/sheet1\.xml, ratio \d+:1\)/);
    await assertSafeZip(at('many.xlsx'), 'many.xlsx', { maxUncompressedBytes: 100 * MB, maxRatio: 200, ratioFromBytes: 10 * MB });
  });
});
