// The report archive and schedule on the hand-built service quarter: the quarter just ended in the configured
// zone, every edition of it produced once (a second round finds nothing missing), a failure recorded with its
// error and produced on the next round; a server down for quarters makes up every one it missed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { listReports } from '../../../reports/archive/report-archive.ts';
import {
  maxMissedQuarters,
  produceMissingReports,
  quarterJustEnded,
  quartersOwed,
  type ReportScheduleOptions,
} from '../../../reports/archive/report-schedule.ts';
import { serviceQuarterWarehouse } from '../../helpers/fixture-warehouse.ts';

describe('quarterly reports on schedule', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-archive-'));
  let db: Warehouse;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the quarter just ended is read in the configured zone', () => {
    // 00:30 on 1 October in Shanghai is still 30 September in UTC.
    expect(quarterJustEnded(new Date('2025-09-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-Q3');
    expect(quarterJustEnded(new Date('2025-09-30T16:30:00Z'), 'UTC')).toBe('2025-Q2');
    expect(quarterJustEnded(new Date('2026-01-01T06:00:00+08:00'), 'Asia/Shanghai')).toBe('2025-Q4');
  });

  it('produces every edition once, records a failure, and makes it up on the next round', async () => {
    const blocked = path.join(tmp, 'blocked');
    fs.writeFileSync(blocked, 'a file where the folder should be');
    const o: ReportScheduleOptions = {
      dir: blocked,
      companyName: '华信',
      cron: '0 6 1 1,4,7,10 *',
      timeZone: 'Asia/Shanghai',
      langs: ['zh'],
    };
    const now = new Date('2025-10-01T06:00:00+08:00');
    // The folder cannot be made: each edition is recorded as failed, with the reason.
    const failed = await produceMissingReports(db, o, 'schedule', now);
    expect(failed.map((r) => [r.variant, r.status])).toEqual([
      ['management', 'failed'],
      ['quality', 'failed'],
      ['hr', 'failed'],
    ]);
    expect(failed[0].error).toMatch(/EEXIST|ENOTDIR/);
    // The server starts again with a usable folder: the missing editions are produced, in both languages.
    const good = { ...o, dir: path.join(tmp, 'reports'), langs: ['zh', 'en'] as ('zh' | 'en')[] };
    const made = await produceMissingReports(db, good, 'startup', now);
    expect(made.map((r) => `${r.quarter} ${r.variant} ${r.lang} ${r.status} ${r.trigger}`)).toEqual([
      '2025-Q3 management zh ok startup',
      '2025-Q3 management en ok startup',
      '2025-Q3 quality zh ok startup',
      '2025-Q3 quality en ok startup',
      '2025-Q3 hr zh ok startup',
      '2025-Q3 hr en ok startup',
    ]);
    for (const r of made) {
      expect(fs.readFileSync(path.join(good.dir, r.file!)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(r.pages).toBeGreaterThan(10);
    }
    // Nothing is missing any more.
    expect(await produceMissingReports(db, good, 'schedule', now)).toEqual([]);
    expect((await listReports(db)).length).toBe(9);
  }, 120_000);
});

describe('reports missed while the server was down', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-missed-'));
  let db: Warehouse;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('owes the quarters from the last one produced to the quarter just ended, at most maxMissedQuarters', () => {
    expect(quartersOwed('2025-Q1', '2025-Q3')).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(quartersOwed('2024-Q4', '2025-Q1')).toEqual(['2024-Q4', '2025-Q1']);
    expect(quartersOwed('2025-Q3', '2025-Q3')).toEqual(['2025-Q3']);
    // A new archive: the quarter just ended only.
    expect(quartersOwed(undefined, '2025-Q3')).toEqual(['2025-Q3']);
    // Down for five years: the last two years.
    expect(maxMissedQuarters).toBe(8);
    expect(quartersOwed('2020-Q3', '2025-Q3')).toEqual([
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
    ]);
  });

  it('an archive whose last report is 2025-Q1, started in December: Q2 and Q3 are produced', async () => {
    const dir = path.join(tmp, 'reports');
    fs.mkdirSync(dir);
    // The archive as the schedule left it in April: every edition of Q1 (and a manual report of a later quarter,
    // which says nothing of the schedule).
    for (const variant of ['management', 'quality', 'hr']) {
      const file = `${variant}-2025-Q1.pdf`;
      fs.writeFileSync(path.join(dir, file), '%PDF-1.7 archived in April');
      await db.run(
        `insert into reports (quarter, variant, lang, trigger, status, file, created_at) values ('2025-Q1', $1, 'en', 'schedule', 'ok', $2, '2025-04-01 06:00')`,
        [variant, file],
      );
    }
    await db.run(
      `insert into reports (quarter, variant, lang, region, trigger, status, created_at) values ('2025-Q2', 'hr', 'en', '华东', 'manual', 'ok', '2025-07-10 10:00')`,
    );
    const o: ReportScheduleOptions = { dir, companyName: '华信', cron: '0 6 1 1,4,7,10 *', timeZone: 'Asia/Shanghai', langs: ['en'] };
    const made = await produceMissingReports(db, o, 'startup', new Date('2025-12-02T09:00:00+08:00'));
    expect(made.map((r) => `${r.quarter} ${r.variant} ${r.lang} ${r.trigger}`)).toEqual([
      '2025-Q2 management en startup',
      '2025-Q2 quality en startup',
      '2025-Q2 hr en startup',
      '2025-Q3 management en startup',
      '2025-Q3 quality en startup',
      '2025-Q3 hr en startup',
    ]);
    for (const r of made) {
      expect(r.status, `${r.quarter} ${r.variant}: ${r.error}`).toBe('ok');
      expect(fs.readFileSync(path.join(dir, r.file!)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // The next start owes nothing; January's schedule owes Q4 only.
    expect(await produceMissingReports(db, o, 'startup', new Date('2025-12-20T09:00:00+08:00'))).toEqual([]);
    expect(quartersOwed('2025-Q3', quarterJustEnded(new Date('2026-01-01T06:00:00+08:00'), 'Asia/Shanghai'))).toEqual([
      '2025-Q3',
      '2025-Q4',
    ]);
  }, 180_000);
});
