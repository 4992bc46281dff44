// A closed quarter's report figures are frozen the first time a report of it is produced: a ticket loaded into
// that quarter afterwards changes the dashboard, not the report, until the copy is frozen anew. The fixture
// tickets-small: 2025-Q3 has 4 of 6 counted tickets resolved (test/fixtures/README.md).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { parseQuarterKey } from '../../../contract/period/quarters.ts';
import { quarterClosed, readReportFigures } from '../../../reports/quarterly/quarter-figures.ts';
import { writeQuarterlyReport } from '../../../reports/quarterly/write-quarterly-report.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';
import { loadRows } from '../../helpers/warehouse-with-rows.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-frozen-'));

describe('frozen figures of a closed quarter', () => {
  let db: Warehouse;
  const ctx = (over: Partial<ReportContext> = {}): ReportContext => ({
    lang: 'en',
    quarter: parseQuarterKey('2025Q3'),
    variant: 'management',
    companyName: 'Acme',
    asOf: new Date('2025-10-08T02:00:00Z'),
    timeZone: 'Asia/Shanghai',
    catalog: metricCatalog,
    ...over,
  });
  const resolution = async (mode: 'frozen' | 'live' | 'refreeze', c = ctx()) => {
    const f = await readReportFigures(db, c, mode);
    const r = f.data.resolution.total.rows[0];
    return [r.numerator, r.denominator, f.frozenAt?.toISOString() ?? null];
  };
  beforeAll(async () => {
    db = await fixtureWarehouse();
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a quarter is closed once its last day has passed in the time zone', () => {
    const q = { quarter: parseQuarterKey('2025Q3'), timeZone: 'Asia/Shanghai' };
    // 30 Sep 23:00 in Beijing is 15:00 UTC: still open; 1 Oct 00:30 in Beijing is 30 Sep 16:30 UTC: closed.
    expect(quarterClosed(q, new Date('2025-09-30T15:00:00Z'))).toBe(false);
    expect(quarterClosed(q, new Date('2025-09-30T16:30:00Z'))).toBe(true);
  });

  it('keeps the first report’s figures after a late ticket; live and refreeze read the new ones', async () => {
    expect(await resolution('frozen')).toEqual([4, 6, '2025-10-08T02:00:00.000Z']);
    // A late, unresolved Q3 ticket arrives: 4 of 7 now.
    await loadRows(db, { tickets: 'ticket_id,opened_at,status,region\nT11,2025-09-20 10:00,open,华东\n' });
    // Another edition, produced later, reads the frozen copy.
    expect(await resolution('frozen', ctx({ variant: 'quality', asOf: new Date('2025-11-01T00:00:00Z') }))).toEqual([
      4,
      6,
      '2025-10-08T02:00:00.000Z',
    ]);
    expect(await resolution('live')).toEqual([4, 7, null]);
    expect(await resolution('frozen')).toEqual([4, 6, '2025-10-08T02:00:00.000Z']);
    expect(await resolution('refreeze', ctx({ asOf: new Date('2025-11-02T00:00:00Z') }))).toEqual([4, 7, '2025-11-02T00:00:00.000Z']);
    expect(await resolution('frozen')).toEqual([4, 7, '2025-11-02T00:00:00.000Z']);
    // A region's report has its own copy.
    expect(await resolution('frozen', ctx({ region: '华北' }))).toEqual([2, 3, '2025-10-08T02:00:00.000Z']);
  });

  it('the PDF says its figures are a frozen copy, as of when they were frozen', async () => {
    const r = await writeQuarterlyReport(db, {
      quarter: '2025Q3',
      out: path.join(tmp, 'q3.pdf'),
      lang: 'en',
      asOf: new Date('2025-12-01T00:00:00Z'),
    });
    const text = execFileSync('pdftotext', ['-layout', r.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('2 November 2025');
    expect(text).toContain('A closed quarter: these figures are the copy frozen when its report was first produced');
    // The SLA figures judge open tickets at a refresh: the summary and the SLA section say which.
    const [{ at }] = await db.all<{ at: string }>(`select strftime(judged_at, '%Y-%m-%d %H:%M') as at from marts.judged_at`);
    expect(text.split(`as of ${at}`).length - 1).toBeGreaterThanOrEqual(2);
  });
});
