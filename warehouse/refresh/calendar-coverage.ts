// The holiday calendar (the configuration's holidays and make-up working days) is a list that ends: the default
// one with 2026. Past its end every Monday to Friday counts as a working day and no day as a holiday, which is
// wrong wherever working days are counted: business hours when serviceHours.days is "working_days", and the due
// day of every defective part (partsReturnWorkingDays). After a refresh this says so when the data reach past it.
import type { AnalysisSettings } from '../config/config.ts';
import type { Warehouse } from '../db/open-warehouse.ts';

/** The last day the calendar speaks for: 31 December of the last year it names; undefined when it is empty. */
export function holidayCalendarEnd(s: Pick<AnalysisSettings, 'holidays' | 'makeUpWorkdays'>): string | undefined {
  const years = [...s.holidays, ...s.makeUpWorkdays].map((d) => Number(d.slice(0, 4)));
  return years.length ? `${Math.max(...years)}-12-31` : undefined;
}

export interface CalendarWarning {
  en: string;
  zh: string;
}

/**
 * The warning for a refreshed warehouse whose working-day counts pass the end of its holiday calendar, or
 * undefined. Read after the refresh: the last ticket day (opened, resolved or closed) counts when service hours
 * follow working days; the last due day of a defective part always counts.
 */
export async function calendarCoverageWarning(db: Warehouse): Promise<CalendarWarning | undefined> {
  const end = holidayCalendarEnd(db.settings);
  if (!end) return undefined;
  const [last] = await db.all<{ ticket_day: string | null; due_day: string | null }>(
    `select
       (select max(greatest(opened_at, coalesce(resolved_at, opened_at), coalesce(closed_at, opened_at)))::date::varchar from staging.stg_tickets) as ticket_day,
       (select max(due_day)::varchar from marts.part_returns) as due_day`,
  );
  const past: { day: string; en: string; zh: string }[] = [];
  if (db.settings.serviceHours.days === 'working_days' && last.ticket_day && last.ticket_day > end) {
    past.push({
      day: last.ticket_day,
      en: 'business hours (serviceHours.days "working_days")',
      zh: '服务时段内的时长（serviceHours.days 为 "working_days"）',
    });
  }
  if (last.due_day && last.due_day > end) {
    past.push({
      day: last.due_day,
      en: 'the due days of defective parts (partsReturnWorkingDays)',
      zh: '故障件返还期限（partsReturnWorkingDays）',
    });
  }
  if (past.length === 0) return undefined;
  const reach = past
    .map((p) => p.day)
    .sort()
    .at(-1);
  return {
    en:
      `warning: the holiday calendar ends on ${end} but the data reach ${reach}; after its end every Monday to Friday ` +
      `counts as a working day and no day as a holiday, which changes ${past.map((p) => p.en).join(' and ')}. ` +
      `Add the following years to "holidays" and "makeUpWorkdays" in aftersight.config.json (README, Configuration).`,
    zh:
      `警告：节假日日历止于 ${end}，数据已到 ${reach}；此后周一至周五都按工作日计，不计任何节假日，` +
      `影响${past.map((p) => p.zh).join('和')}。请在 aftersight.config.json 的 "holidays" 和 "makeUpWorkdays" 中补上之后的年份（见 README 的 Configuration）。`,
  };
}
