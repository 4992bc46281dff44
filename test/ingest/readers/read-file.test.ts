import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { writeZipBomb } from '../../helpers/zip-bomb.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-formats-'));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const zhCsv =
  '工单编号,报修时间,工单状态,大区,故障描述\nG1,2025-07-01 09:00,已关闭,华东,空调不制冷\nG2,2025/7/2 10:30,处理中,西南,"漏水,噪音大"\n';

describe('file formats', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const loaded = () => db.all('select ticket_id, opened_at, status, region, fault_description from raw.tickets order by ticket_id');
  const expected = [
    { ticket_id: 'G1', opened_at: new Date('2025-07-01T01:00:00Z'), status: 'closed', region: '华东', fault_description: '空调不制冷' },
    {
      ticket_id: 'G2',
      opened_at: new Date('2025-07-02T02:30:00Z'),
      status: 'in_progress',
      region: '西南',
      fault_description: '漏水,噪音大',
    },
  ];

  it('GBK/GB18030 CSV with Chinese headers is detected and read', async () => {
    const r = await ingestFile(db, 'tickets', file('gbk.csv', iconv.encode(zhCsv, 'gbk')));
    expect(r.rowsLoaded).toBe(2);
    expect(await loaded()).toEqual(expected);
  });

  it('GB18030 read through a transcoder of its own and, delimited by "|" (a byte a GB18030 character may hold), in process: the same rows', async () => {
    const piped = zhCsv.replaceAll(',', '|').replace('"漏水|噪音大"', '"漏水,噪音大"');
    for (const [name, text] of [
      ['gb-comma.csv', zhCsv],
      ['gb-pipe.csv', piped],
    ]) {
      const r = await ingestFile(db, 'tickets', file(name, iconv.encode(text, 'gb18030')));
      expect(r.rowsLoaded, name).toBe(2);
      expect(await loaded(), name).toEqual(expected);
      await db.run('delete from raw.tickets');
    }
  });

  it('a GB18030 file with a short row far down is refused naming its line (DuckDB stops reading; the transcoder ends); loaded again, the same content is recognised', async () => {
    const rows = ['工单编号,报修时间,工单状态,大区'];
    for (let i = 0; i < 30_000; i++) rows.push(`T${i},2025-07-01 09:00,open,华东`);
    const bad = file('gb-short-row.csv', iconv.encode(`${rows.join('\n')}\nT30000,2025-07-01 09:00\n`, 'gb18030'));
    await expect(ingestFile(db, 'tickets', bad)).rejects.toThrow(/gb-short-row\.csv: line 30002 has 2 cells, fewer than the 4 headers/);
    const good = file('gb-good.csv', iconv.encode(`${rows.join('\n')}\n`, 'gb18030'));
    expect((await ingestFile(db, 'tickets', good)).rowsLoaded).toBe(30_000);
    const again = await ingestFile(db, 'tickets', good);
    expect(again.status).toBe('skipped');
    expect(await db.all(`select count(*)::integer as n from raw.tickets`)).toEqual([{ n: 30_000 }]);
  });

  it('a GBK file with few distinct Chinese characters is still GB18030 (chardet alone takes it for ISO-8859-1)', async () => {
    const rows = ['工单编号,报修时间,工单状态,大区'];
    for (let i = 0; i < 2000; i++) rows.push(`R${i},2025-07-01 09:00,open,华东`);
    const r = await ingestFile(db, 'tickets', file('sparse-gbk.csv', iconv.encode(`${rows.join('\n')}\n`, 'gbk')));
    expect(r.rowsLoaded).toBe(2000);
    expect(await db.all(`select region, count(*) as n from raw.tickets group by region`)).toEqual([{ region: '华东', n: 2000 }]);
  });

  it.each([
    [
      'UTF-8',
      'utf-8',
      'gbk',
      /mixed-utf-8\.csv: line 40002 is not UTF-8 text like the lines before it: save the whole file in one encoding/,
    ],
    [
      'GB18030',
      'gb18030',
      'utf-8',
      /mixed-gb18030\.csv: line 40003 is not GB18030 text like the lines before it: save the whole file in one encoding/,
    ],
  ])(
    'a %s file that changes encoding past the sampled first MiB is refused naming the line; nothing loaded is lost',
    async (_, encoding, other, message) => {
      await ingestFile(db, 'tickets', file('ok.csv', zhCsv));
      const rows = ['工单编号,报修时间,工单状态,大区'];
      for (let i = 0; i < 40_000; i++) rows.push(`T${i},2025-07-01 09:00,open,华东`);
      // Line 40002 in the other encoding; in a GB18030 file UTF-8 bytes pass as GB18030 characters, so a byte that
      // no GB18030 character has (0xFF) follows on line 40003.
      const tail = Buffer.concat([
        iconv.encode('X1,2025-07-01 09:00,open,华南\n', other),
        Buffer.from(encoding === 'gb18030' ? [0xff, 0x0a] : []),
      ]);
      const bytes = Buffer.concat([iconv.encode(`${rows.join('\n')}\n`, encoding), tail]);
      expect(bytes.length).toBeGreaterThan(1 << 20);
      const err = await ingestFile(db, 'tickets', file(`mixed-${encoding}.csv`, bytes)).catch((e) => e);
      expect(err.message).toMatch(message);
      expect(err.reasonZh).toMatch(/^第 4000[23] 行不是 (UTF-8|GB18030) 编码/);
      expect(await loaded()).toEqual(expected);
    },
  );

  it.each([
    // DuckDB's sniffer, given this row near the top, read the whole file as one column named by the header line.
    ['near the top', 3],
    ['far down', 25_000],
  ])("a row with more cells than headers %s is refused naming its line, in words without DuckDB's options", async (_, before) => {
    const rows = ['ticket_id,opened_at,status'];
    for (let i = 0; i < before; i++) rows.push(`A${i},2025-07-01 09:00,open`);
    rows.push('B1,2025-07-01 09:00,open,extra,more');
    for (let i = 0; i < 50; i++) rows.push(`C${i},2025-07-01 09:00,open`);
    const err = await ingestFile(db, 'tickets', file('cells.csv', `${rows.join('\n')}\n`)).catch((e) => e);
    expect(err.message).toBe(
      `cells.csv: line ${before + 2} has more cells than the 3 headers: is there a comma in a cell without quotes around it?`,
    );
    expect(err.reasonZh).toBe(`第 ${before + 2} 行的单元格多于表头的 3 列：是否有单元格含逗号却没有加引号？`);
  });

  it('a row with fewer cells is refused naming its line', async () => {
    const err = await ingestFile(
      db,
      'tickets',
      file('short.csv', 'ticket_id,opened_at,status\nA1,2025-07-01 09:00,open\nA2,2025-07-01 09:00\n'),
    ).catch((e) => e);
    expect(err.message).toBe('short.csv: line 3 has 2 cells, fewer than the 3 headers');
  });

  it('title lines before the header, semicolons, CRLF, quoted headers and cells with the delimiter and line breaks', async () => {
    const csv =
      '工单明细 2025年7月\r\n\r\n"工单编号";报修时间;"工单;状态";大区;故障描述\r\nG1;2025-07-01 09:00;已关闭;华东;空调不制冷\r\nG2;2025/7/2 10:30;处理中;西南;"漏水;\r\n噪音大"\r\nG3;2025-07-03 09:00;bad;华南;x\r\n';
    const r = await ingestFile(db, 'tickets', file('semi.csv', csv), { mapping: { columns: { '工单;状态': 'status' } } });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(await db.all('select ticket_id, status, region, fault_description from raw.tickets order by 1')).toEqual([
      { ticket_id: 'G1', status: 'closed', region: '华东', fault_description: '空调不制冷' },
      { ticket_id: 'G2', status: 'in_progress', region: '西南', fault_description: '漏水;\r\n噪音大' },
    ]);
    // Rows as a spreadsheet numbers them: the title, the blank line and the header are rows 1–3; G2's line break
    // is inside its cell, so G3 is row 6.
    expect(await db.all(`select row_number, field from rejects`)).toEqual([{ row_number: 6, field: 'status' }]);
  });

  it('UTF-16 without a byte-order mark is recognised by its zero bytes', async () => {
    await ingestFile(db, 'tickets', file('u16.csv', Buffer.from(zhCsv, 'utf16le')));
    expect(await loaded()).toEqual(expected);
  });

  it('a file that is not text (a picture named .csv) is refused as such; nothing loaded is lost', async () => {
    await ingestFile(db, 'tickets', file('ok.csv', zhCsv));
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.alloc(4000, 0x7f),
      Buffer.alloc(100, 0),
    ]);
    await expect(ingestFile(db, 'tickets', file('photo.csv', png))).rejects.toThrow(
      'photo.csv: is not a text file (it holds bytes that no text has)',
    );
    expect(await loaded()).toEqual(expected);
  });

  it('UTF-8 with BOM', async () => {
    await ingestFile(db, 'tickets', file('bom.csv', `\uFEFF${zhCsv}`));
    expect(await loaded()).toEqual(expected);
  });

  it('TSV', async () => {
    const tsv =
      '工单编号\t报修时间\t工单状态\t大区\t故障描述\nG1\t2025-07-01 09:00\t已关闭\t华东\t空调不制冷\nG2\t2025/7/2 10:30\t处理中\t西南\t漏水,噪音大\n';
    await ingestFile(db, 'tickets', file('t.tsv', tsv));
    expect(await loaded()).toEqual(expected);
  });

  it('XLSX with real Excel dates and a date typed as a plain serial number; named sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这一页不是数据']);
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '报修时间', '工单状态', '大区', '故障描述', '安装日期']);
    // Excel keeps wall-clock time: exceljs takes it as UTC parts.
    ws.addRow(['G1', new Date(Date.UTC(2025, 6, 1, 9, 0)), '已关闭', '华东', '空调不制冷', 45292]);
    ws.addRow([]);
    ws.addRow(['G2', 45840.4375, '处理中', '西南', '漏水,噪音大', new Date(Date.UTC(2024, 0, 1))]);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    const p = path.join(tmp, 'book.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await ingestFile(db, 'tickets', p, { sheet: '工单' });
    expect(r.rowsLoaded).toBe(2);
    expect(await loaded()).toEqual(expected);
    // 45292 = 2024-01-01 as an Excel serial day number.
    expect(await db.all('select ticket_id, installed_at::varchar as d from raw.tickets order by 1')).toEqual([
      { ticket_id: 'G1', d: '2024-01-01' },
      { ticket_id: 'G2', d: '2024-01-01' },
    ]);
    // The empty sheet row 3 is skipped, so G2 is row 4 as Excel shows it.
    expect(await db.all('select _row from raw.tickets order by 1')).toEqual([{ _row: 2 }, { _row: 4 }]);
    await expect(ingestFile(db, 'tickets', p, { sheet: 'Sheet9' })).rejects.toThrow(
      /book\.xlsx: has no sheet named "Sheet9"; sheets: 说明, 工单/,
    );
  });

  it('JSON array and NDJSON', async () => {
    const records = [
      { 工单编号: 'G1', 报修时间: '2025-07-01T01:00:00Z', 工单状态: 'closed', 大区: '华东', 故障描述: '空调不制冷' },
      { 工单编号: 'G2', 报修时间: '2025-07-02 10:30', 工单状态: '处理中', 大区: '西南', 故障描述: '漏水,噪音大' },
    ];
    await ingestFile(db, 'tickets', file('t.json', JSON.stringify(records)));
    expect(await loaded()).toEqual(expected);
    await db.run('delete from raw.tickets');
    await ingestFile(db, 'tickets', file('t.ndjson', records.map((r) => JSON.stringify(r)).join('\n')));
    expect(await loaded()).toEqual(expected);
  });

  it('Parquet', async () => {
    const csv = file('p.csv', zhCsv);
    const pq = path.join(tmp, 't.parquet');
    await db.run(`copy (select * from read_csv($1, all_varchar = true)) to '${pq.replaceAll("'", "''")}' (format parquet)`, [csv]);
    await ingestFile(db, 'tickets', pq);
    expect(await loaded()).toEqual(expected);
  });

  it('a zip bomb posing as .xlsx is refused before it is inflated; nothing loaded is lost', async () => {
    await ingestFile(db, 'tickets', file('ok.csv', zhCsv));
    const bomb = path.join(tmp, 'bomb.xlsx');
    writeZipBomb(bomb);
    await expect(ingestFile(db, 'tickets', bomb)).rejects.toThrow(/bomb\.xlsx: refused: .*zip bomb/);
    expect(await loaded()).toEqual(expected);
  });

  it.each([
    ['old.xls', 'x', /old\.xls: old Excel \.xls files are not supported/],
    ['notes.pdf', 'x', /notes\.pdf: unsupported file type \.pdf/],
    ['fake.xlsx', 'not a zip', /fake\.xlsx: is not a valid \.xlsx file/],
    ['broken.json', '[{"a": 1', /broken\.json: cannot be read as JSON/],
  ])('%s is refused with a clear error', async (name, content, message) => {
    await expect(ingestFile(db, 'tickets', file(name, content))).rejects.toThrow(message);
  });
});
