// The warning when working days are counted past the end of the holiday calendar (the default one ends with
// 2026), worked out by hand on a real warehouse.
import { describe, expect, it } from 'vitest';
import { analysisSettingsOf, defaultConfig, type AnalysisSettings } from '../../../warehouse/config/config.ts';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { calendarCoverageWarning, holidayCalendarEnd } from '../../../warehouse/refresh/calendar-coverage.ts';
import { type RowsByKind, warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

// Tickets of December 2026, and one resolved on Tuesday 5 January 2027.
const tickets = [
  'ticket_id,opened_at,status,severity,resolved_at',
  'T1,2026-12-18 10:00,resolved,3,2026-12-18 15:00',
  'T2,2026-12-31 10:00,resolved,3,2027-01-05 09:00',
];
const ticketsOf2026 = ['ticket_id,opened_at,status,severity,resolved_at', 'T1,2026-12-18 10:00,resolved,3,2026-12-18 15:00'];
// Issued on Sunday 20 December 2026 under warranty: due 15 working days later. Past 2026 the default calendar
// knows no holiday, so 1 January 2027 (Friday) counts: Dec 21–25 (5), Dec 28–31 (9), Jan 1 (10), Jan 4–8 (15).
const parts = ['part_line_id,ticket_id,part_no,quantity,issued_at,charge_type', 'P1,T1,AC-P001,1,2026-12-20 10:00,warranty'];

const warehouse = (settings: Partial<AnalysisSettings>, rows: RowsByKind): Promise<Warehouse> => warehouseWithRows(rows, { settings });

const serviceHours = (days: 'every_day' | 'working_days') => ({ serviceHours: { ...defaultConfig.serviceHours, days } });

describe('holiday calendar coverage', () => {
  it('the calendar ends on 31 December of the last year it names', () => {
    expect(holidayCalendarEnd(analysisSettingsOf(defaultConfig))).toBe('2026-12-31');
    expect(holidayCalendarEnd({ holidays: ['2026-10-01', '2027-01-01'], makeUpWorkdays: [] })).toBe('2027-12-31');
    expect(holidayCalendarEnd({ holidays: [], makeUpWorkdays: ['2028-02-05'] })).toBe('2028-12-31');
    expect(holidayCalendarEnd({ holidays: [], makeUpWorkdays: [] })).toBeUndefined();
  });

  it('service hours on working days with tickets past the end: the warning names both days and what it changes', async () => {
    const db = await warehouse(serviceHours('working_days'), { tickets });
    try {
      const w = await calendarCoverageWarning(db);
      expect(w?.en).toBe(
        'warning: the holiday calendar ends on 2026-12-31 but the data reach 2027-01-05; after its end every Monday to Friday ' +
          'counts as a working day and no day as a holiday, which changes business hours (serviceHours.days "working_days"). ' +
          'Add the following years to "holidays" and "makeUpWorkdays" in aftersight.config.json (README, Configuration).',
      );
      expect(w?.zh).toContain('节假日日历止于 2026-12-31，数据已到 2027-01-05');
    } finally {
      await db.close();
    }
  });

  it('service hours every day: tickets past the end change nothing, no warning', async () => {
    const db = await warehouse(serviceHours('every_day'), { tickets });
    try {
      expect(await calendarCoverageWarning(db)).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('a defective part due past the end warns whatever the service hours; a calendar extended to 2027 does not', async () => {
    const db = await warehouse(serviceHours('every_day'), { tickets: ticketsOf2026, parts });
    try {
      expect(await db.all(`select due_day::varchar as due from marts.part_returns`)).toEqual([{ due: '2027-01-08' }]);
      const w = await calendarCoverageWarning(db);
      expect(w?.en).toMatch(
        /^warning: the holiday calendar ends on 2026-12-31 but the data reach 2027-01-08; .* which changes the due days of defective parts \(partsReturnWorkingDays\)\. /,
      );
      expect(w?.zh).toContain('故障件返还期限（partsReturnWorkingDays）');
    } finally {
      await db.close();
    }
    // With 1 January 2027 a holiday the part is due a working day later, and the calendar reaches past it.
    const extended = await warehouse(
      { ...serviceHours('working_days'), holidays: [...defaultConfig.holidays, '2027-01-01'] },
      { tickets, parts },
    );
    try {
      expect(await extended.all(`select due_day::varchar as due from marts.part_returns`)).toEqual([{ due: '2027-01-11' }]);
      expect(await calendarCoverageWarning(extended)).toBeUndefined();
    } finally {
      await extended.close();
    }
  });

  it('data within the calendar: no warning', async () => {
    const db = await warehouse(serviceHours('working_days'), { tickets: ticketsOf2026 });
    try {
      expect(await calendarCoverageWarning(db)).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
