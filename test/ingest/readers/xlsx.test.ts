// ExcelJS's own pass over an archive's local entries could end before xl/workbook.xml, the last entry of every
// file ExcelJS writes, and then failed on the sheets (CI, "Cannot read properties of undefined (reading
// 'sheets')"); the sheets it parked in temp files were read after their removal, an error no caller could catch.
// The sheet is now found through the archive's directory, in the workbook's tab order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxToCsv } from '../../../ingest/readers/xlsx.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-xlsx-'));
const at = (name: string) => path.join(tmp, name);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Two tabs, the second moved to the front: 二 is sheet2.xml, the first tab. */
async function reorderedBook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('一').addRows([['编号'], ['A1']]);
  wb.addWorksheet('二').addRows([['编号'], ['B1'], ['B2']]);
  (wb.getWorksheet('二') as unknown as { orderNo: number }).orderNo = -1;
  const p = at('book.xlsx');
  await wb.xlsx.writeFile(p);
  return p;
}

const tempFilesOfTmp = () => new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)));

describe('xlsxToCsv', () => {
  it('takes the first tab, or the named one; a missing name lists the tabs', async () => {
    const book = await reorderedBook();
    await xlsxToCsv(book, 'book.xlsx', at('first.csv'));
    expect(fs.readFileSync(at('first.csv'), 'utf8')).toBe('__source_row,编号\n2,B1\n3,B2\n');
    await xlsxToCsv(book, 'book.xlsx', at('named.csv'), '一');
    expect(fs.readFileSync(at('named.csv'), 'utf8')).toBe('__source_row,编号\n2,A1\n');
    await expect(xlsxToCsv(book, 'book.xlsx', at('none.csv'), '三')).rejects.toThrow('book.xlsx: has no sheet named "三"; sheets: 二, 一');
  });

  it('reads a file ExcelJS wrote 50 times over, the same each time, leaving no temp file', async () => {
    const book = await reorderedBook();
    const before = tempFilesOfTmp();
    for (let i = 0; i < 50; i++) {
      await xlsxToCsv(book, 'book.xlsx', at('again.csv'), '一');
      expect(fs.readFileSync(at('again.csv'), 'utf8')).toBe('__source_row,编号\n2,A1\n');
    }
    expect([...tempFilesOfTmp()].filter((f) => !before.has(f))).toEqual([]);
  });
});
