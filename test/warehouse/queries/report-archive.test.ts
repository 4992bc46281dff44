// The report archive's rows (warehouse/queries/report-archive.ts) on an empty warehouse: a report is recorded as
// failed until it is finished, the newest produced edition is found per region, and the schedule reads how far
// it got and what it holds. Every expected value below is written by hand from the rows the test inserts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import {
  failReport,
  findReport,
  finishReport,
  insertReport,
  lastScheduledQuarter,
  listReportRows,
  newestProducedReport,
  producedCompanyWideEditions,
} from '../../../warehouse/queries/report-archive.ts';

describe('the report archive rows', () => {
  let db: Warehouse;
  const managementZh = (quarter: string) => ({ quarter, variant: 'management', lang: 'zh' });
  const minute = (d: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
  beforeAll(async () => {
    db = await openWarehouse(':memory:', { timeZone: 'Asia/Shanghai' });
  });
  afterAll(() => db.close());

  it('records a report as failed, then finished or failed with its error', async () => {
    const before = new Date();
    const id1 = await insertReport(db, { quarter: '2025-Q2', variant: 'management', lang: 'zh', region: null, trigger: 'schedule' });
    const after = new Date();
    const id2 = await insertReport(db, { quarter: '2025-Q3', variant: 'quality', lang: 'en', region: null, trigger: 'manual' });
    expect([id1, id2]).toEqual([1, 2]);
    const asked = await findReport(db, id1);
    expect(asked).toMatchObject({
      report_id: 1,
      status: 'failed',
      error: null,
      file: null,
      bytes: null,
      pages: null,
      duration_ms: null,
      region: null,
    });
    // Minutes in the warehouse's zone, as 2025-10-08 10:00.
    expect(asked?.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(asked!.created_at >= minute(before) && asked!.created_at <= minute(after)).toBe(true);

    await finishReport(db, id1, { file: '1-2025-Q2-management-zh.pdf', bytes: 12345, pages: 7, duration_ms: 850 });
    await failReport(db, id2, { error: 'disk full', duration_ms: 40 });
    expect(await findReport(db, id1, 'ok')).toMatchObject({
      status: 'ok',
      file: '1-2025-Q2-management-zh.pdf',
      bytes: 12345,
      pages: 7,
      duration_ms: 850,
    });
    expect(await findReport(db, id2)).toMatchObject({ status: 'failed', error: 'disk full', duration_ms: 40, file: null });
    expect(await findReport(db, id2, 'ok')).toBeUndefined();
    expect(await findReport(db, 99)).toBeUndefined();
  });

  it('finds the newest produced edition of a region or of the whole company', async () => {
    // 3: 华东's Q2 management report; 4: a second company-wide one; 5: asked for and failed.
    await finishReport(
      db,
      await insertReport(db, { quarter: '2025-Q2', variant: 'management', lang: 'zh', region: '华东', trigger: 'manual' }),
      { file: '3.pdf', bytes: 1, pages: 1, duration_ms: 1 },
    );
    await finishReport(
      db,
      await insertReport(db, { quarter: '2025-Q2', variant: 'management', lang: 'zh', region: null, trigger: 'manual' }),
      { file: '4.pdf', bytes: 1, pages: 1, duration_ms: 1 },
    );
    await insertReport(db, { quarter: '2025-Q2', variant: 'management', lang: 'zh', region: null, trigger: 'manual' });
    const edition = { quarter: '2025-Q2', variant: 'management', lang: 'zh' };
    expect((await newestProducedReport(db, { ...edition, region: null }))?.report_id).toBe(4);
    expect((await newestProducedReport(db, { ...edition, region: '华东' }))?.report_id).toBe(3);
    expect(await newestProducedReport(db, { ...edition, region: '华北' })).toBeUndefined();
    expect(await newestProducedReport(db, { ...edition, lang: 'en', region: null })).toBeUndefined();
  });

  it('lists the newest first, up to the limit', async () => {
    expect((await listReportRows(db, 3)).map((r) => r.report_id)).toEqual([5, 4, 3]);
    expect((await listReportRows(db, 200)).map((r) => r.report_id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('tells the schedule the last quarter it reported on and the company-wide editions produced', async () => {
    // Only 1 (2025-Q2, schedule) counts: 2 is manual, 3 is a region's.
    expect(await lastScheduledQuarter(db, '2025-Q3')).toBe('2025-Q2');
    expect(await lastScheduledQuarter(db, '2025-Q1')).toBeUndefined();
    await insertReport(db, { quarter: '2025-Q3', variant: 'hr', lang: 'en', region: null, trigger: 'startup' });
    expect(await lastScheduledQuarter(db, '2025-Q3')).toBe('2025-Q3');
    // Produced company-wide: 1 and 4 (the same edition); 2 failed, 3 is a region's.
    expect(await producedCompanyWideEditions(db, '2025-Q2')).toEqual([managementZh('2025-Q2'), managementZh('2025-Q2')]);
    expect(await producedCompanyWideEditions(db, '2025-Q3')).toEqual([]);
  });
});
