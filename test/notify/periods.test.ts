// Digest periods and quiet hours in the configured zone, checked against the calendar by hand.
import { describe, expect, it } from 'vitest';
import { lastMonth, lastQuarter, lastWeek, quietUntil, zonedMoment } from '../../notify/periods.ts';

describe('periods of deliveries', () => {
  it('the last whole week is Monday to Sunday before the local day', () => {
    // Wednesday 1 October 2025, 08:30 in Shanghai (00:30 UTC): the week of 22–28 September.
    expect(lastWeek(new Date('2025-10-01T00:30:00Z'), 'Asia/Shanghai')).toMatchObject({
      key: '2025-09-22',
      from: '2025-09-22',
      to: '2025-09-28',
      previous: { from: '2025-09-15', to: '2025-09-21' },
    });
    // Monday 29 September 00:30 in Shanghai is still Sunday in UTC: the week before that differs by zone.
    expect(lastWeek(new Date('2025-09-28T16:30:00Z'), 'Asia/Shanghai').key).toBe('2025-09-22');
    expect(lastWeek(new Date('2025-09-28T16:30:00Z'), 'UTC').key).toBe('2025-09-15');
  });

  it('the last whole month, across a year and a short February', () => {
    expect(lastMonth(new Date('2025-01-15T00:00:00Z'), 'UTC')).toMatchObject({
      key: '2024-12',
      from: '2024-12-01',
      to: '2024-12-31',
      previous: { from: '2024-11-01', to: '2024-11-30' },
    });
    expect(lastMonth(new Date('2024-03-01T00:00:00Z'), 'UTC')).toMatchObject({
      key: '2024-02',
      to: '2024-02-29',
      previous: { from: '2024-01-01', to: '2024-01-31' },
    });
    // Ended at local midnight: 1 October 00:00 in Shanghai is 30 September 16:00 UTC.
    expect(lastMonth(new Date('2025-10-01T00:30:00Z'), 'Asia/Shanghai').endedAt.toISOString()).toBe('2025-09-30T16:00:00.000Z');
    expect(lastQuarter(new Date('2025-10-01T00:30:00Z'), 'Asia/Shanghai')).toEqual({
      key: '2025-Q3',
      endedAt: new Date('2025-09-30T16:00:00Z'),
    });
  });

  it('a local time in a zone with summer time', () => {
    expect(zonedMoment('2025-07-01', '08:00', 'Europe/Berlin').toISOString()).toBe('2025-07-01T06:00:00.000Z');
    expect(zonedMoment('2025-01-01', '08:00', 'Europe/Berlin').toISOString()).toBe('2025-01-01T07:00:00.000Z');
  });

  it('quiet hours spanning midnight end at their end, the same night or the next morning', () => {
    const quiet = { start: '22:00', end: '08:00' };
    // 23:00 and 03:00 in Shanghai: both wait until 08:00 Shanghai (00:00 UTC) of the next/same morning.
    expect(quietUntil(new Date('2025-10-01T15:00:00Z'), quiet, 'Asia/Shanghai')?.toISOString()).toBe('2025-10-02T00:00:00.000Z');
    expect(quietUntil(new Date('2025-10-01T19:00:00Z'), quiet, 'Asia/Shanghai')?.toISOString()).toBe('2025-10-02T00:00:00.000Z');
    // 08:00 and 21:59 are outside.
    expect(quietUntil(new Date('2025-10-02T00:00:00Z'), quiet, 'Asia/Shanghai')).toBeUndefined();
    expect(quietUntil(new Date('2025-10-02T13:59:00Z'), quiet, 'Asia/Shanghai')).toBeUndefined();
    // A window inside one day, and none.
    expect(quietUntil(new Date('2025-10-02T04:30:00Z'), { start: '12:00', end: '14:00' }, 'Asia/Shanghai')?.toISOString()).toBe(
      '2025-10-02T06:00:00.000Z',
    );
    expect(quietUntil(new Date('2025-10-02T04:30:00Z'), null, 'Asia/Shanghai')).toBeUndefined();
  });
});
