import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { IngestFileError } from '../../ingest/ingest-error.ts';
import { validateMapping } from '../../ingest/mapping.ts';
import { fixturesDir } from '../helpers/fixture-warehouse.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-ingest-'));
const write = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};
const header = 'ticket_id,opened_at,status,region,resolved_at';

describe('ingest of a tickets CSV', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const tickets = () =>
    db.all<{ ticket_id: string; status: string; region: string }>('select ticket_id, status, region from raw.tickets order by ticket_id');

  it('loads the fixture, rejects the bad row with reasons naming row and field, keeps extra columns', async () => {
    const r = await ingestFile(db, 'tickets', path.join(fixturesDir, 'tickets-small.csv'));
    expect(r).toMatchObject({
      status: 'loaded',
      rowsRead: 10,
      rowsLoaded: 9,
      rowsRejected: 1,
      rowsUpdated: 0,
      rowsSuperseded: 0,
      extraColumns: ['备注'],
    });
    const rejects = await db.all('select file, row_number, field, value, level, reason_en from rejects where level = $1 order by field', [
      'error',
    ]);
    expect(rejects).toEqual([
      {
        file: 'tickets-small.csv',
        row_number: 11,
        field: 'first_response_at',
        value: '2025-07-05 08:00',
        level: 'error',
        reason_en: 'first response is before the ticket was opened',
      },
      { file: 'tickets-small.csv', row_number: 11, field: 'severity', value: '9', level: 'error', reason_en: 'severity is outside 1–4' },
    ]);
    const [t1] = await db.all<{ extras: string; opened_at: Date }>(`select extras, opened_at from raw.tickets where ticket_id = 'T1'`);
    expect(JSON.parse(t1.extras)).toEqual({ 备注: '老客户' });
    // 09:00 Beijing time, stored unambiguously.
    expect(t1.opened_at.toISOString()).toBe('2025-07-01T01:00:00.000Z');
    const [run] = await db.all('select kind, file, status, rows_read, rows_loaded, rows_rejected from ingest_runs');
    expect(run).toEqual({ kind: 'tickets', file: 'tickets-small.csv', status: 'loaded', rows_read: 10, rows_loaded: 9, rows_rejected: 1 });
  });

  it('loading the same file twice changes nothing', async () => {
    const f = path.join(fixturesDir, 'tickets-small.csv');
    await ingestFile(db, 'tickets', f);
    const before = await db.all('select * exclude (_load_id) from raw.tickets order by ticket_id');
    const again = await ingestFile(db, 'tickets', f);
    expect(again.status).toBe('skipped');
    expect(await db.all('select * exclude (_load_id) from raw.tickets order by ticket_id')).toEqual(before);
    expect(await db.all('select count(*) as n from rejects')).toEqual([{ n: 3 }]);
  });

  it('a later file updates records by key: the newest load wins', async () => {
    await ingestFile(db, 'tickets', write('a.csv', `${header}\nA1,2025-07-01 09:00,open,华东,\nA2,2025-07-02 09:00,open,华东,\n`));
    const r = await ingestFile(db, 'tickets', write('b.csv', `${header}\nA1,2025-07-01 09:00,resolved,华东,2025-07-01 12:00\n`));
    expect(r).toMatchObject({ rowsLoaded: 1, rowsUpdated: 1 });
    expect(await tickets()).toEqual([
      { ticket_id: 'A1', status: 'resolved', region: '华东' },
      { ticket_id: 'A2', status: 'open', region: '华东' },
    ]);
  });

  it('several rows with one key in a file are a change log: the last row wins', async () => {
    const r = await ingestFile(
      db,
      'tickets',
      write(
        'log.csv',
        `${header}\nL1,2025-07-01 09:00,open,华东,\nL1,2025-07-01 09:00,in_progress,华东,\nL1,2025-07-01 09:00,resolved,华北,2025-07-01 11:00\n`,
      ),
    );
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsSuperseded: 2 });
    expect(await tickets()).toEqual([{ ticket_id: 'L1', status: 'resolved', region: '华北' }]);
  });

  it('a file read in parallel keeps its row order: rejects name the right rows, the change log the last row; padded cells are trimmed', async () => {
    // 300,000 rows: several of DuckDB's row groups, read on every thread. A mapping's null tokens and value maps
    // apply on the way; row numbers must still be the file's own.
    const lines = [header];
    for (let i = 0; i < 300_000; i++)
      lines.push(`R${i % 100_000},2025-07-01 09:00,${i < 200_000 ? 'Open' : 'Done'},${i % 7 === 0 ? '无' : '华东'},`);
    lines[123_457] = 'R99,2025-07-01 09:00,shut,华东,'; // file row 123458
    // The last row of key R50000, far past the first bytes the typing starts from: found padded by the pass over
    // the whole file, which has the file typed again, trimming.
    lines[250_001] = 'R50000,2025-07-01 09:00,\u3000Done ,\u00a0华北\u3000,';
    const mapping = validateMapping({ values: { status: { Open: 'open', Done: 'cancelled' } }, nullTokens: ['无'] }, 'tickets');
    const r = await ingestFile(db, 'tickets', write('big.csv', `${lines.join('\n')}\n`), { mapping });
    expect(r).toMatchObject({ rowsRead: 300_000, rowsRejected: 1, rowsLoaded: 100_000, rowsSuperseded: 199_999 });
    expect(await db.all(`select row_number, field, value from rejects`)).toEqual([{ row_number: 123_458, field: 'status', value: 'shut' }]);
    // Each key's last row is from the third hundred thousand: cancelled; R50000's is the padded one, R4's has 无.
    expect(await db.all(`select status, count(*) as n from raw.tickets group by status`)).toEqual([{ status: 'cancelled', n: 100_000 }]);
    expect(await db.all(`select ticket_id, region, _row from raw.tickets where ticket_id in ('R4', 'R50000') order by ticket_id`)).toEqual([
      { ticket_id: 'R4', region: null, _row: 200_006 },
      { ticket_id: 'R50000', region: '华北', _row: 250_002 },
    ]);
  });

  it('rows with every cell empty (Excel writes them for formatted rows) are no records; the rows after keep their numbers', async () => {
    const r = await ingestFile(
      db,
      'tickets',
      write('blank.csv', `${header},备注\nE1,2025-07-01 09:00,open,华东,,\n,,, ,,\nE2,2025-07-01 09:00,shut,华东,,\n,,,,,\u3000\n`),
    );
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect(await db.all(`select row_number, field from rejects`)).toEqual([{ row_number: 4, field: 'status' }]);
    // A row with only an extra column filled is a record (and is refused for what it lacks).
    const extra = await ingestFile(db, 'tickets', write('extra.csv', `${header},备注\n,,,,,有备注\n`));
    expect(extra).toMatchObject({ rowsRead: 1, rowsRejected: 1 });
  });

  it('Chinese headers and labels are recognised', async () => {
    const r = await ingestFile(
      db,
      'tickets',
      write('zh.csv', '工单编号,报修时间,工单状态,大区\nZ1,2025年7月1日 09:00,已关闭,华南\nZ2,2025/7/2 9:05,已取消,华南\n'),
    );
    expect(r.rowsLoaded).toBe(2);
    expect(await db.all(`select ticket_id, status, opened_at from raw.tickets order by 1`)).toEqual([
      { ticket_id: 'Z1', status: 'closed', opened_at: new Date('2025-07-01T01:00:00Z') },
      { ticket_id: 'Z2', status: 'cancelled', opened_at: new Date('2025-07-02T01:05:00Z') },
    ]);
  });

  it('values that do not parse, out of range or missing are rejected with the row and field', async () => {
    const r = await ingestFile(
      db,
      'tickets',
      write(
        'bad.csv',
        'ticket_id,opened_at,status,satisfaction\nB1,2025-02-30 10:00,open,\nB2,2025-03-01 10:00,shut,\n,2025-03-01 10:00,open,\nB4,2025-03-01 10:00,closed,6\nB5,2025-03-01 10:00,closed,5\n',
      ),
    );
    expect(r).toMatchObject({ rowsRead: 5, rowsLoaded: 1, rowsRejected: 4 });
    const rejects = await db.all<{ row_number: number; field: string }>(
      `select row_number, field from rejects where level = 'error' order by row_number`,
    );
    expect(rejects).toEqual([
      { row_number: 2, field: 'opened_at' },
      { row_number: 3, field: 'status' },
      { row_number: 4, field: 'ticket_id' },
      { row_number: 5, field: 'satisfaction' },
    ]);
  });

  it('a file without a required column is refused whole, naming the headers found and expected; nothing loaded is lost', async () => {
    await ingestFile(db, 'tickets', write('ok.csv', `${header}\nK1,2025-07-01 09:00,open,华东,\n`));
    const err = await ingestFile(db, 'tickets', write('nohead.csv', 'number,opened,state\n1,2,3\n')).catch((e) => e);
    expect(err).toBeInstanceOf(IngestFileError);
    expect(err.message).toMatch(
      /nohead\.csv: missing required column\(s\) ticket_id, opened_at, status; headers found: number, opened, state; expected: ticket_id \(工单编号\/工单号\)/,
    );
    expect(await tickets()).toEqual([{ ticket_id: 'K1', status: 'open', region: '华东' }]);
    expect(await db.all(`select file, status from ingest_runs order by load_id`)).toEqual([
      { file: 'ok.csv', status: 'loaded' },
      { file: 'nohead.csv', status: 'failed' },
    ]);
  });

  it('two headers for one column are refused whole, naming both and their positions; nothing loaded is lost', async () => {
    await ingestFile(db, 'tickets', write('ok2.csv', `${header}\nK1,2025-07-01 09:00,open,华东,\n`));
    // The same header twice: loading either would silently drop the other's values.
    const same = await ingestFile(
      db,
      'tickets',
      write('same.csv', 'ticket_id,opened_at,ticket_id,status\nA1,2025-07-01 10:00,A9,open\n'),
    ).catch((e) => e);
    expect(same).toBeInstanceOf(IngestFileError);
    expect(same.message).toBe('same.csv: "ticket_id" (column 1), "ticket_id" (column 3) both hold ticket_id: rename or remove one');
    // Two names of one column (canonical and Chinese alias).
    const alias = await ingestFile(
      db,
      'tickets',
      write('alias.csv', 'ticket_id,opened_at,工单号,status\nA1,2025-07-01 10:00,A9,open\n'),
    ).catch((e) => e);
    expect(alias.message).toMatch(
      /^alias\.csv: "ticket_id" \(column 1\), "工单号" \(column 3\) both hold ticket_id: keep one, or name the one to load in a mapping file/,
    );
    expect(alias.reasonZh).toContain('第 1 列“ticket_id”、第 3 列“工单号”都对应 ticket_id');
    expect(await tickets()).toEqual([{ ticket_id: 'K1', status: 'open', region: '华东' }]);
    expect(await db.all(`select file, status from ingest_runs order by load_id`)).toEqual([
      { file: 'ok2.csv', status: 'loaded' },
      { file: 'same.csv', status: 'failed' },
      { file: 'alias.csv', status: 'failed' },
    ]);
    // A mapping that names one of them decides: it is loaded, the other is kept as an extra column.
    const r = await ingestFile(db, 'tickets', path.join(tmp, 'alias.csv'), { mapping: { columns: { 工单号: 'ticket_id' } } });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1, extraColumns: ['ticket_id'] });
    expect((await tickets()).map((t) => t.ticket_id)).toEqual(['A9', 'K1']);
  });

  it('a mapping can build a key from several headers and give columns a constant; mistakes in it are named', async () => {
    const file = write('events.csv', 'when,machine,part\n2025-07-01 09:00,7,fan\n2025-07-01 09:00,,fan\n');
    const mapping = {
      columns: { when: 'opened_at', machine: 'serial_no' },
      combine: { ticket_id: ['machine', 'part', 'when'], resolved_at: ['when'] },
      constants: { status: 'closed', severity: 2 },
    };
    const r = await ingestFile(db, 'tickets', file, { mapping: validateMapping(mapping, 'tickets') });
    // The second row has no machine: its key is missing, so it is refused rather than given a partial key.
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 1, extraColumns: [] });
    expect(await db.all(`select ticket_id, serial_no, status, severity, resolved_at = opened_at as same from raw.tickets`)).toEqual([
      { ticket_id: '7-fan-2025-07-01 09:00', serial_no: '7', status: 'closed', severity: 2, same: true },
    ]);
    expect(await db.all(`select row_number, field from rejects where level = 'error'`)).toEqual([{ row_number: 3, field: 'ticket_id' }]);
    expect(() => validateMapping({ columns: { a: 'status' }, constants: { status: 'open' } }, 'tickets')).toThrow(
      '"constants": "status" is given twice',
    );
    expect(() => validateMapping({ combine: { ticket_id: 'machine' } }, 'tickets')).toThrow(
      '"combine.ticket_id" must be a list of headers',
    );
    expect(() => validateMapping({ constants: { colour: 'red' } }, 'tickets')).toThrow('"constants": "colour" is not a tickets column');
    await expect(
      ingestFile(db, 'tickets', file, {
        mapping: validateMapping({ ...mapping, combine: { ticket_id: ['machine', 'serial'] } }, 'tickets'),
      }),
    ).rejects.toThrow(
      'events.csv: the mapping combines "serial" into ticket_id, but the file has no such header; headers found: when, machine, part',
    );
  });

  it('an empty file is refused with a clear error', async () => {
    await expect(ingestFile(db, 'tickets', write('empty.csv', ''))).rejects.toThrow('empty.csv: the file is empty');
  });

  it('a file that does not exist is refused with a clear error', async () => {
    await expect(ingestFile(db, 'tickets', path.join(tmp, 'missing.csv'))).rejects.toThrow('missing.csv: file not found');
  });

  it('cells holding SQL or formulas are stored as text, never run', async () => {
    await ingestFile(
      db,
      'tickets',
      write(
        'evil.csv',
        `ticket_id,opened_at,status,fault_description\n"x'); drop table raw.tickets; --",2025-07-01 09:00,open,"=HYPERLINK(""http://e.x"")"\n`,
      ),
    );
    expect(await db.all('select ticket_id, fault_description from raw.tickets')).toEqual([
      { ticket_id: "x'); drop table raw.tickets; --", fault_description: '=HYPERLINK("http://e.x")' },
    ]);
  });
});
