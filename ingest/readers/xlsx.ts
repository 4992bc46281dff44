// XLSX (the first tab, or the named sheet) -> a UTF-8 CSV of text cells, streamed. Dates come out as wall-clock
// 'YYYY-MM-DD HH:MM:SS' (Excel stores no time zone: the configured or mapped zone applies later).
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type yauzl from 'yauzl';
import { IngestFileError } from '../ingest-error.ts';
import { csvLine, sourceRowColumn } from './csv-writer.ts';
import { maxCsvRecordBytes, recordTooLong } from './csv-record-length.ts';
import { assertSafeZip } from './zip-guard.ts';
import { entryStream, nextEntry, openZip } from './zip-entries.ts';

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
  const zip = await openZip(file);
  const sink = fs.createWriteStream(out);
  try {
    await sheetToCsv(zip, name, sink, sheet);
  } catch (e) {
    if (e instanceof IngestFileError) throw e;
    throw new IngestFileError(name, `cannot be read as .xlsx: ${(e as Error).message}`, '无法按 .xlsx 读取');
  } finally {
    zip.close();
    await new Promise<void>((res) => sink.end(() => res()));
  }
}

// ExcelJS's streaming reader, fed its parts here one at a time in the order they depend on each other. Its own
// pass over the archive's local entries can end before the last one, which is xl/workbook.xml in every file
// ExcelJS writes, and then fails on the sheets (exceljs#3064); it also parked sheets in temp files.
interface PartReader {
  workbookRels?: { Id: string; Target: string; Type: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

async function sheetToCsv(zip: yauzl.ZipFile, name: string, sink: fs.WriteStream, sheet?: string): Promise<void> {
  const parts = new Map<string, yauzl.Entry>();
  for (let e = await nextEntry(zip); e; e = await nextEntry(zip)) parts.set(e.fileName, e);
  // A parse that fails leaves its part unread: each is destroyed at the end, so the archive's file closes.
  const opened: Readable[] = [];
  const part = async (p: string) => {
    const e = parts.get(p);
    const stream = e && (await entryStream(zip, e));
    if (stream) opened.push(stream);
    return stream;
  };
  try {
    await partsToCsv(part, name, sink, sheet);
  } finally {
    for (const s of opened) s.destroy();
  }
}

async function partsToCsv(
  part: (p: string) => Promise<Readable | undefined>,
  name: string,
  sink: fs.WriteStream,
  sheet?: string,
): Promise<void> {
  // No input of its own: the reader only holds what its part parsers find (model, strings, styles).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader('', {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as PartReader;
  const rels = await part('xl/_rels/workbook.xml.rels');
  const book = await part('xl/workbook.xml');
  if (!rels || !book) throw new Error('it has no workbook part');
  await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const strings = await part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = await part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  // The workbook's own order is the order of its tabs; chart sheets are not data.
  const worksheets = (reader.model?.sheets ?? []).flatMap((s) => {
    const rel = reader.workbookRels?.find((r) => r.Id === s.rId && r.Type.endsWith('/worksheet'));
    return rel ? [{ name: s.name, path: partPath(rel.Target) }] : [];
  });
  const chosen = sheet === undefined ? worksheets[0] : worksheets.find((w) => w.name === sheet);
  const rows = chosen && (await part(chosen.path));
  if (chosen && !rows) throw new Error(`its sheet "${chosen.name}" has no part ${chosen.path}`);
  if (!rows) {
    throw new IngestFileError(
      name,
      sheet ? `has no sheet named "${sheet}"; sheets: ${worksheets.map((w) => w.name).join(', ')}` : 'has no worksheet',
      sheet ? `没有名为“${sheet}”的工作表` : '没有工作表',
    );
  }
  const [{ value: ws }] = reader._parseWorksheet(rows, '1');
  // Empty rows are skipped by the stream, so each row carries its sheet row number for error messages.
  let width = 0;
  for await (const r of ws) {
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

/** A relationship's target is relative to xl/, or absolute within the archive. */
const partPath = (target: string) => path.posix.normalize(target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target));
