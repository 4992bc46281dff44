// A CSV line past DuckDB's read buffer (32 MB) was dropped without a word when it was the last one ("loaded
// 1,000"), and with rows after it failed with DuckDB's "Parallel CSV Reader" text and no line. Every record is
// bounded (maxCsvRecordBytes) and one longer is refused naming its line; nothing loaded before is lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-long-line-'));
const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i},2025-07-01 09:00,open`);

function writeCsv(name: string, longCell: string, after: number): string {
  const p = path.join(tmp, name);
  const lines = [
    'ticket_id,opened_at,status,fault_description',
    ...rows(1000, 'A').map((r) => `${r},ok`),
    `B1,2025-07-01 09:00,open,${longCell}`,
  ];
  lines.push(...rows(after, 'C').map((r) => `${r},ok`));
  fs.writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

describe('CSV records longer than the limit', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const loadedBefore = async () => {
    await ingestFile(db, 'tickets', path.join(tmp, 'ok.csv'));
    return db.all('select count(*)::integer as n from raw.tickets');
  };
  fs.writeFileSync(path.join(tmp, 'ok.csv'), 'ticket_id,opened_at,status\nK1,2025-07-01 09:00,open\n');

  it.each([
    ['the last line', 'last.csv', 0],
    ['a line with rows after it', 'middle.csv', 5],
  ])('%s of 33 MB is refused naming line 1002 (it was dropped silently, or failed without a line)', async (_, name, after) => {
    expect(await loadedBefore()).toEqual([{ n: 1 }]);
    const file = writeCsv(name, 'x'.repeat(33_000_000), after);
    const err = await ingestFile(db, 'tickets', file).catch((e) => e);
    expect(err.message).toBe(
      `${name}: line 1002 is longer than 1 MiB (1,048,576 bytes), the most a row may hold; if it is not, a quoted cell on it lacks its closing quote (")`,
    );
    expect(err.reasonZh).toBe(
      '第 1002 行超过 1 MiB（1,048,576 字节），超出一行的上限；若该行并没有这么长，则是其中某个带引号的单元格缺少结尾的引号（"）',
    );
    expect(await db.all('select count(*)::integer as n from raw.tickets')).toEqual([{ n: 1 }]);
  });

  it('a quoted cell left open runs on over many short lines: refused naming the line it starts on', async () => {
    const file = writeCsv('open-quote.csv', `"unclosed\n${rows(60_000, 'D').join('\n')}`, 0);
    await expect(ingestFile(db, 'tickets', file)).rejects.toThrow(/^open-quote\.csv: line 1002 is longer than 1 MiB/);
  });

  it('a row just under the limit loads; quotes inside an unquoted cell do not open a quoted cell', async () => {
    const file = writeCsv('under.csv', `"${'x'.repeat(1_000_000)}"`, 2);
    const quoted = path.join(tmp, 'quote.csv');
    fs.writeFileSync(
      quoted,
      `ticket_id,opened_at,status,fault_description\nQ1,2025-07-01 09:00,open,5" screen\n${rows(60_000, 'E')
        .map((r) => `${r},ok`)
        .join('\n')}\n`,
    );
    expect((await ingestFile(db, 'tickets', file)).rowsLoaded).toBe(1003);
    expect((await ingestFile(db, 'tickets', quoted)).rowsLoaded).toBe(60_001);
  });

  it('an .xlsx row longer than the limit is refused naming its sheet row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['ticket_id', 'opened_at', 'status', ...Array.from({ length: 40 }, (_, i) => `note${i}`)]);
    ws.addRow(['X1', '2025-07-01 09:00', 'open']);
    ws.addRow(['X2', '2025-07-01 09:00', 'open', ...Array.from({ length: 40 }, () => '长'.repeat(30_000))]);
    const file = path.join(tmp, 'long.xlsx');
    await wb.xlsx.writeFile(file);
    await expect(ingestFile(db, 'tickets', file)).rejects.toThrow(
      /^long\.xlsx: row 3 is longer than 1 MiB \(1,048,576 bytes\), the most a row may hold/,
    );
  });
});
