// Loading the installed base (record kind units, issue 21) with the guarantees of every kind: Chinese headers and
// labels, a bad row rejected naming the file, row and field while the rest loads, nothing loaded lost, and a later
// file updating a unit by its serial number.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-ingest-units-'));
const write = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};
const zhHeader = '机身编号,产品型号,产品线,大区,客户编号,生产日期,生产批次,销售日期,安装日期,保修截止日期,状态,报废日期';

describe('ingest of the installed base (units)', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const units = () =>
    db.all(
      `select serial_no, product_model, production_batch, strftime(production_date, '%Y-%m-%d') as production_date,
              strftime(installed_at, '%Y-%m-%d') as installed_at, status, strftime(scrapped_at, '%Y-%m-%d') as scrapped_at
       from raw.units order by serial_no`,
    );

  it('recognises the Chinese headers and labels (在用, 报废) and Chinese dates', async () => {
    const r = await ingestFile(
      db,
      'units',
      write(
        'zh.csv',
        `${zhHeader}\nS1,KF-1,空调,华东,C1,2024年1月5日,A,2024/1/20,2024-02-01,2026-02-01,在用,\nS2,KF-1,空调,华东,C2,2024-01-10,A,,2024-02-01,,报废,2024-05-01\n`,
      ),
    );
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(await units()).toEqual([
      {
        serial_no: 'S1',
        product_model: 'KF-1',
        production_batch: 'A',
        production_date: '2024-01-05',
        installed_at: '2024-02-01',
        status: 'in_service',
        scrapped_at: null,
      },
      {
        serial_no: 'S2',
        product_model: 'KF-1',
        production_batch: 'A',
        production_date: '2024-01-10',
        installed_at: '2024-02-01',
        status: 'scrapped',
        scrapped_at: '2024-05-01',
      },
    ]);
  });

  it('rejects bad rows naming the file, row and field; the other rows load and what was loaded before stays', async () => {
    await ingestFile(db, 'units', write('first.csv', `serial_no,installed_at\nK1,2024-03-01\n`));
    const r = await ingestFile(
      db,
      'units',
      write(
        'bad.csv',
        [
          'serial_no,production_date,installed_at,status,scrapped_at',
          'B1,2024-01-01,2024-02-30,in_service,', // row 2: no such day
          'B2,2024-01-01,2024-02-01,gone,', // row 3: not a status
          ',2024-01-01,2024-02-01,in_service,', // row 4: no serial number
          'B4,2024-03-01,2024-02-01,in_service,', // row 5: installed before it was produced
          'B5,2024-01-01,2024-02-01,scrapped,2024-01-15', // row 6: scrapped before it was installed
          'B6,2024-01-01,2024-02-01,scrapped,', // row 7: loads, with a warning (no scrapping date)
        ].join('\n'),
      ),
    );
    expect(r).toMatchObject({ rowsRead: 6, rowsLoaded: 1, rowsRejected: 5 });
    expect(
      await db.all(`select file, row_number, field, level, reason_en from rejects where file like '%bad.csv' order by row_number, field`),
    ).toEqual([
      expect.objectContaining({ row_number: 2, field: 'installed_at', level: 'error' }),
      expect.objectContaining({ row_number: 3, field: 'status', level: 'error' }),
      expect.objectContaining({ row_number: 4, field: 'serial_no', level: 'error' }),
      expect.objectContaining({ row_number: 5, field: 'installed_at', level: 'error', reason_en: 'installed before it was produced' }),
      expect.objectContaining({ row_number: 6, field: 'scrapped_at', level: 'error', reason_en: 'scrapped before it was installed' }),
      expect.objectContaining({ row_number: 7, field: 'status', level: 'warning' }),
    ]);
    expect((await db.all<{ file: string }>(`select distinct file from rejects`)).map((x) => path.basename(x.file))).toEqual(['bad.csv']);
    expect((await units()).map((u) => (u as { serial_no: string }).serial_no)).toEqual(['B6', 'K1']);
  });

  it('a later file updates a unit by its serial number: the newest load wins', async () => {
    await ingestFile(db, 'units', write('a.csv', 'serial_no,installed_at,status\nU1,2024-02-01,in_service\nU2,2024-02-01,in_service\n'));
    const r = await ingestFile(
      db,
      'units',
      write('b.csv', 'serial_no,installed_at,status,scrapped_at\nU1,2024-02-01,scrapped,2024-06-01\n'),
    );
    expect(r).toMatchObject({ rowsLoaded: 1, rowsUpdated: 1 });
    expect((await units()).map((u) => [(u as { serial_no: string }).serial_no, (u as { status: string }).status])).toEqual([
      ['U1', 'scrapped'],
      ['U2', 'in_service'],
    ]);
  });
});
