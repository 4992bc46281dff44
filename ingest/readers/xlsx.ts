// XLSX (first sheet, or the named one) -> a UTF-8 CSV of text cells, streamed. Dates come out as wall-clock
// 'YYYY-MM-DD HH:MM:SS' (Excel stores no time zone: the configured or mapped zone applies later).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { IngestFileError } from '../ingest-error.ts';
import { csvLine, sourceRowColumn } from './csv-writer.ts';
import { maxCsvRecordBytes, recordTooLong } from './csv-record-length.ts';
import { assertSafeZip } from './zip-guard.ts';
import { removingExcelTempFiles } from './exceljs-temp-files.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function excelDateText(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return secs === 0 ? date : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return excelDateText(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return '';
  }
  return String(v);
}

export async function xlsxToCsv(file: string, name: string, out: string, sheet?: string): Promise<void> {
  await assertSafeZip(file, name);
  await removingExcelTempFiles(() => sheetToCsv(file, name, out, sheet));
}

async function sheetToCsv(file: string, name: string, out: string, sheet?: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sink = fs.createWriteStream(out);
  const seen: string[] = [];
  let found = false;
  try {
    for await (const ws of reader) {
      const wsName = (ws as unknown as { name: string }).name;
      seen.push(wsName);
      if (found || (sheet !== undefined && wsName !== sheet)) continue;
      found = true;
      // Empty rows are skipped by the stream, so each row carries its sheet row number for error messages.
      let width = 0;
      for await (const row of ws) {
        const r = row as ExcelJS.Row;
        const values = r.values as ExcelJS.CellValue[];
        if (width === 0) width = values.length - 1;
        const cells: string[] = [width === 0 ? '' : String(r.number)];
        for (let c = 1; c <= width; c++) cells.push(cellText(values[c]));
        if (cells.length === 1) continue;
        if (r.number === 1 || cells[0] === '1') cells[0] = sourceRowColumn;
        const line = csvLine(cells);
        // The CSV's rows are bounded as any CSV's are; here the sheet's row number is at hand.
        if (Buffer.byteLength(line) > maxCsvRecordBytes) throw recordTooLong(name, 'row', r.number, false);
        if (!sink.write(line)) await new Promise<void>((res) => sink.once('drain', () => res()));
      }
    }
  } catch (e) {
    if (e instanceof IngestFileError) throw e;
    throw new IngestFileError(name, `cannot be read as .xlsx: ${(e as Error).message}`, '无法按 .xlsx 读取');
  } finally {
    await new Promise<void>((res) => sink.end(() => res()));
  }
  if (!found) {
    throw new IngestFileError(
      name,
      sheet ? `has no sheet named "${sheet}"; sheets: ${seen.join(', ')}` : 'has no worksheet',
      sheet ? `没有名为“${sheet}”的工作表` : '没有工作表',
    );
  }
}
