import { describe, expect, it } from 'vitest';
import { FilterError } from '../../../contract/period/filter-error.ts';
import {
  addDays,
  daysBetween,
  localDay,
  nextPeriod,
  parsePeriod,
  parseQuarterKey,
  periodAt,
  periodEndsAt,
  periodJustEnded,
  periodOf,
  previousPeriod,
  quarterKeysBefore,
  quarterKeysFromTo,
  rangePeriod,
  samePeriodLastYear,
  tryParsePeriod,
  wholeMonthsWithin,
  alignedTo,
  exactPeriodKind,
} from '../../../contract/period/period.ts';

const days = (text: string) => {
  const p = parsePeriod(text);
  return [p.from, p.to];
};

describe('parsePeriod', () => {
  it('reads every kind of period text into its first and last day', () => {
    expect(parsePeriod('2025-07')).toEqual({ kind: 'month', key: '2025-07', from: '2025-07-01', to: '2025-07-31' });
    expect(parsePeriod('2025Q3')).toEqual({ kind: 'quarter', key: '2025-Q3', from: '2025-07-01', to: '2025-09-30' });
    expect(parsePeriod('2025-q3').key).toBe('2025-Q3');
    expect(parsePeriod('2025')).toEqual({ kind: 'year', key: '2025', from: '2025-01-01', to: '2025-12-31' });
    expect(parsePeriod('2025-07-04')).toEqual({ kind: 'day', key: '2025-07-04', from: '2025-07-04', to: '2025-07-04' });
    expect(parsePeriod('2025-07-04..2025-08-03')).toEqual({
      kind: 'range',
      key: '2025-07-04..2025-08-03',
      from: '2025-07-04',
      to: '2025-08-03',
    });
    expect(parsePeriod('2025-07-04/2025-08-03').key).toBe('2025-07-04..2025-08-03');
    // ISO week 27 of 2025: Monday 30 June to Sunday 6 July.
    expect(parsePeriod('2025-W27')).toEqual({ kind: 'week', key: '2025-W27', from: '2025-06-30', to: '2025-07-06' });
  });

  it('gives months of 28, 29, 30 and 31 days', () => {
    expect(days('2025-02')).toEqual(['2025-02-01', '2025-02-28']);
    expect(days('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(days('2025-04')).toEqual(['2025-04-01', '2025-04-30']);
    expect(days('2025-12')).toEqual(['2025-12-01', '2025-12-31']);
    expect(days('2100-02')).toEqual(['2100-02-01', '2100-02-28']); // not a leap year (divisible by 100)
    expect(days('2000-02')).toEqual(['2000-02-01', '2000-02-29']); // a leap year (divisible by 400)
  });

  it('reads ISO weeks across a year end', () => {
    // 2026-W01 starts on Monday 29 December 2025 (the week holding Thursday 1 January 2026).
    expect(days('2026-W01')).toEqual(['2025-12-29', '2026-01-04']);
    // 2020 has 53 weeks: W53 is 28 December 2020 to 3 January 2021.
    expect(days('2020-W53')).toEqual(['2020-12-28', '2021-01-03']);
    expect(tryParsePeriod('2025-W53')).toBeUndefined(); // 2025 has 52
  });

  it('refuses what is no period, naming the text', () => {
    for (const bad of ['2025-13', '2025Q5', '2025-02-30', '2025-07-05..2025-07-01', 'last year', ''])
      expect(tryParsePeriod(bad)).toBeUndefined();
    expect(() => parsePeriod('2025Q5')).toThrow(FilterError);
    expect(() => parsePeriod('2025Q5')).toThrow(/"2025Q5" is not a period/);
    expect(() => parsePeriod('2025-13', ['quarter', 'month'])).toThrow(/"2025-13" is not a month/);
    expect(() => parsePeriod('2025', ['quarter', 'month'])).toThrow(/neither a quarter \(2025Q3\) nor a month/);
    expect(() => parsePeriod('2025-07', ['quarter'])).toThrow(/"2025-07" is not a quarter/);
    expect(() => rangePeriod('2025-07-05', '2025-07-01')).toThrow(FilterError);
  });

  it('keeps the quarter key shape for its callers', () => {
    expect(parseQuarterKey('2024-q1')).toEqual({ year: 2024, quarter: 1, key: '2024-Q1', from: '2024-01-01', to: '2024-03-31' });
    expect(() => parseQuarterKey('2025-07')).toThrow(/"2025-07" is not a quarter; write it like 2025Q3/);
  });
});

describe('previous and next periods', () => {
  it('steps back by the period’s own kind, across year ends', () => {
    expect(previousPeriod(parsePeriod('2025Q1')).key).toBe('2024-Q4');
    expect(previousPeriod(parsePeriod('2025-01')).key).toBe('2024-12');
    expect(previousPeriod(parsePeriod('2025-03'))).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(previousPeriod(parsePeriod('2025')).key).toBe('2024');
    expect(previousPeriod(parsePeriod('2026-W01'))).toEqual({ kind: 'week', key: '2025-W52', from: '2025-12-22', to: '2025-12-28' });
    expect(nextPeriod(parsePeriod('2020-W53')).key).toBe('2021-W01');
    expect(nextPeriod(parsePeriod('2025Q4')).key).toBe('2026-Q1');
    expect(nextPeriod(parsePeriod('2025-12')).key).toBe('2026-01');
  });

  it('takes the same number of days before a range', () => {
    // 2025-01-01..2025-01-31 is 31 days: the 31 days before are 2024-12-01..2024-12-31.
    expect(previousPeriod(parsePeriod('2025-01-01..2025-01-31'))).toMatchObject({ from: '2024-12-01', to: '2024-12-31' });
    // 2024-03-01..2024-03-10 is 10 days: 2024-02-20..2024-02-29 (a leap year).
    expect(previousPeriod(parsePeriod('2024-03-01..2024-03-10'))).toMatchObject({ from: '2024-02-20', to: '2024-02-29' });
    expect(previousPeriod(parsePeriod('2025-01-01')).key).toBe('2024-12-31');
  });
});

describe('samePeriodLastYear', () => {
  it('takes the same month, quarter, year and week number a year before', () => {
    expect(samePeriodLastYear(parsePeriod('2025Q1')).key).toBe('2024-Q1');
    expect(samePeriodLastYear(parsePeriod('2024-02'))).toMatchObject({ key: '2023-02', from: '2023-02-01', to: '2023-02-28' });
    expect(samePeriodLastYear(parsePeriod('2025')).key).toBe('2024');
    expect(samePeriodLastYear(parsePeriod('2026-W01'))).toMatchObject({ key: '2025-W01', from: '2024-12-30', to: '2025-01-05' });
    expect(samePeriodLastYear(parsePeriod('2021-W10')).key).toBe('2020-W10');
  });

  it('moves 29 February to 28 February', () => {
    expect(samePeriodLastYear(parsePeriod('2024-02-29'))).toEqual({ kind: 'day', key: '2023-02-28', from: '2023-02-28', to: '2023-02-28' });
    expect(samePeriodLastYear(parsePeriod('2024-02-01..2024-02-29'))).toMatchObject({ from: '2023-02-01', to: '2023-02-28' });
    expect(samePeriodLastYear(parsePeriod('2025-12-15..2026-01-14'))).toMatchObject({ from: '2024-12-15', to: '2025-01-14' });
  });
});

describe('periods in a time zone', () => {
  it('finds the period holding a day', () => {
    expect(periodOf('week', '2026-01-01').key).toBe('2026-W01'); // a Thursday
    expect(periodOf('week', '2027-01-01').key).toBe('2026-W53'); // a Friday, in the last week of 2026
    expect(periodOf('quarter', '2025-09-30').key).toBe('2025-Q3');
    expect(periodOf('month', '2024-02-29').key).toBe('2024-02');
  });

  it('reads a moment’s day in the zone: 2025-12-31T17:00Z is 1 January 2026 in Shanghai', () => {
    const at = new Date('2025-12-31T17:00:00Z');
    expect(localDay(at, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDay(at, 'UTC')).toBe('2025-12-31');
    expect(periodAt('quarter', at, 'Asia/Shanghai').key).toBe('2026-Q1');
    expect(periodJustEnded('quarter', at, 'Asia/Shanghai').key).toBe('2025-Q4');
    expect(periodJustEnded('quarter', at, 'UTC').key).toBe('2025-Q3');
    expect(periodJustEnded('month', at, 'Asia/Shanghai').key).toBe('2025-12');
    expect(periodJustEnded('year', at, 'Asia/Shanghai').key).toBe('2025');
    // Thursday 1 January 2026 is in 2026-W01 (29 Dec–4 Jan): the week just ended is 22–28 December.
    expect(periodJustEnded('week', at, 'Asia/Shanghai')).toMatchObject({ from: '2025-12-22', to: '2025-12-28' });
  });

  it('says when a period ends in a zone', () => {
    // Midnight starting 1 January 2026 in Shanghai (UTC+8) is 16:00 UTC on 31 December.
    expect(periodEndsAt(parsePeriod('2025Q4'), 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    // New York in March 2025: 1 April is in daylight time (UTC−4).
    expect(periodEndsAt(parsePeriod('2025-03'), 'America/New_York').toISOString()).toBe('2025-04-01T04:00:00.000Z');
  });
});

describe('day arithmetic and quarter lists', () => {
  it('counts and moves days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('lists quarters', () => {
    expect(quarterKeysBefore('2025Q2', 5)).toEqual(['2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1']);
    expect(quarterKeysFromTo('2024Q3', '2025-Q2')).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    expect(quarterKeysFromTo('2025Q3', '2025Q2')).toEqual([]);
  });
});

describe('wholeMonthsWithin', () => {
  it('the whole months inside a range: cut months left out, open ends whole, none inside undefined', () => {
    expect(wholeMonthsWithin('2025-01-01', '2025-03-31')).toEqual({ first: '2025-01-01', last: '2025-03-31' });
    expect(wholeMonthsWithin('2024-01-15', '2024-03-10')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(wholeMonthsWithin('2025-12-02', '2026-01-31')).toEqual({ first: '2026-01-01', last: '2026-01-31' });
    expect(wholeMonthsWithin('2025-07-10', '2025-08-20')).toBeUndefined();
    expect(wholeMonthsWithin('2025-07-01', '2025-07-30')).toBeUndefined();
    expect(wholeMonthsWithin(undefined, '2025-08-20')).toEqual({ first: undefined, last: '2025-07-31' });
    expect(wholeMonthsWithin('2025-07-10', undefined)).toEqual({ first: '2025-08-01', last: undefined });
    expect(wholeMonthsWithin(undefined, undefined)).toEqual({ first: undefined, last: undefined });
  });
});

describe('alignedTo and exactPeriodKind', () => {
  it('a range on the boundaries of months, quarters or years; open ends count as aligned', () => {
    expect(alignedTo('month', '2024-02-01', '2024-02-29')).toBe(true);
    expect(alignedTo('month', '2024-02-01', '2024-02-28')).toBe(false);
    expect(alignedTo('quarter', '2025-04-01', '2025-09-30')).toBe(true);
    expect(alignedTo('quarter', '2025-05-01', '2025-09-30')).toBe(false);
    expect(alignedTo('year', undefined, '2025-12-31')).toBe(true);
    expect(alignedTo('year', '2025-01-02', undefined)).toBe(false);
    expect(alignedTo('year', undefined, undefined)).toBe(true);
  });
  it('the shortest of the kinds whose one period the range is exactly', () => {
    const kinds = ['month', 'quarter', 'year'] as const;
    expect(exactPeriodKind('2024-02-01', '2024-02-29', kinds)).toBe('month');
    expect(exactPeriodKind('2025-10-01', '2025-12-31', kinds)).toBe('quarter');
    expect(exactPeriodKind('2025-01-01', '2025-12-31', kinds)).toBe('year');
    // Two months, or a year less a day: no one period.
    expect(exactPeriodKind('2025-01-01', '2025-02-28', kinds)).toBeUndefined();
    expect(exactPeriodKind('2024-01-02', '2024-12-31', kinds)).toBeUndefined();
    expect(exactPeriodKind('2025-10-01', '2025-12-31', ['month', 'year'] as const)).toBeUndefined();
  });
});
