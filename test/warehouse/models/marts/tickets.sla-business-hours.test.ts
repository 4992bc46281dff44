// Business-hours durations and SLA flags on the per-ticket mart, worked out by hand. Service hours 08:30–22:00
// (13.5 h a day). China's 2025 calendar: 28 Sep (Sunday) is a make-up working day, 1–8 Oct are holidays,
// 11 Oct (Saturday) is a make-up working day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { defaultConfig } from '../../../../warehouse/config/config.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

const tickets = [
  'ticket_id,opened_at,status,severity,first_response_at,dispatched_at,arrived_at,resolved_at,paused_minutes',
  // Friday 21:00 -> Monday 09:00.
  'W1,2025-09-19 21:00,resolved,3,2025-09-22 09:00,,,2025-09-22 10:00,0',
  // Saturday 10:00 -> Monday 09:00 across the make-up Sunday 28 Sep.
  'W2,2025-09-27 10:00,resolved,2,2025-09-29 09:00,,,2025-09-29 12:00,60',
  // Tuesday 30 Sep 21:00 -> Thursday 9 Oct 09:00 across the National Day holidays.
  'W3,2025-09-30 21:00,resolved,4,2025-10-09 09:00,,,2025-10-09 09:00,0',
  // Before service hours: 07:00 -> 08:45 the same day.
  'W4,2025-09-23 07:00,resolved,1,2025-09-23 08:45,2025-09-23 08:50,2025-09-23 13:00,2025-09-23 20:00,0',
  // Open, never answered, long past every target: breaches, not missing data.
  'W5,2025-09-23 10:00,open,1,,2025-09-23 11:00,,,0',
  // Open, answered, arrival never happened and never dispatched: arrival does not apply.
  'W6,2025-09-23 10:00,in_progress,,2025-09-23 10:30,,,,0',
];

async function warehouse(days: 'every_day' | 'working_days'): Promise<Warehouse> {
  return warehouseWithRows({ tickets }, { settings: { serviceHours: { ...defaultConfig.serviceHours, days } } });
}

const facts = (db: Warehouse) =>
  db.all<Record<string, unknown>>(
    `select ticket_id, response_business_hours as rb, resolution_business_hours as sb,
            response_sla_applies as ra, response_sla_met as rm, arrival_sla_applies as aa, arrival_sla_met as am,
            resolution_sla_applies as sa, resolution_sla_met as sm
     from marts.tickets order by ticket_id`,
  );

describe('business hours and SLA', () => {
  let working: Warehouse;
  let everyDay: Warehouse;
  beforeAll(async () => {
    working = await warehouse('working_days');
    everyDay = await warehouse('every_day');
  });
  afterAll(async () => {
    await working.close();
    await everyDay.close();
  });

  it('service hours on working days: weekends, the make-up Sunday and the holidays', async () => {
    const f = await facts(working);
    const byId = Object.fromEntries(f.map((r) => [r.ticket_id, r]));
    // W1: Fri 21:00–22:00 = 1 h, Mon 08:30–09:00 = 0.5 h -> 1.5 h (level 3 target 2 h: met). Resolution 1.5 + 1 = 2.5 h.
    expect(byId.W1).toMatchObject({ rb: 1.5, sb: 2.5, ra: true, rm: true, sa: true, sm: true });
    // W2: Sat not working; Sun 28 Sep make-up day 13.5 h; Mon 08:30–09:00 0.5 h -> 14 h (level 2 target 1 h: missed).
    // Resolution: 13.5 + 3.5 (08:30–12:00) − 1 h paused = 16 h (target 36 h: met).
    expect(byId.W2).toMatchObject({ rb: 14, sb: 16, ra: true, rm: false, sa: true, sm: true });
    // W3: Tue 21:00–22:00 = 1 h; 1–8 Oct holidays; Thu 9 Oct 08:30–09:00 = 0.5 h -> 1.5 h (level 4 target 24 h: met).
    expect(byId.W3).toMatchObject({ rb: 1.5, sb: 1.5, rm: true, sm: true });
    // W4: opened before hours, answered 08:45 -> 0.25 h (level 1 target 0.5 h: met); arrival 13:00 = 4.5 h
    // (target 4 h: missed); resolved 20:00 = 11.5 h (target 24 h: met).
    expect(byId.W4).toMatchObject({ rb: 0.25, sb: 11.5, ra: true, rm: true, aa: true, am: false, sa: true, sm: true });
    // W5: open and unanswered since 2025: every target applies and is breached (dispatched, so arrival applies too).
    expect(byId.W5).toMatchObject({ rb: null, ra: true, rm: false, aa: true, am: false, sa: true, sm: false });
    // W6: unclassified = level 3; answered after 0.5 h (met); never dispatched: arrival does not apply.
    expect(byId.W6).toMatchObject({ rb: 0.5, ra: true, rm: true, aa: false, sa: true, sm: false });
  });

  it('service hours every day (the default): weekends and holidays count', async () => {
    const byId = Object.fromEntries((await facts(everyDay)).map((r) => [r.ticket_id, r]));
    // W1: Fri 1 h + Sat 13.5 + Sun 13.5 + Mon 0.5 = 28.5 h.
    expect(byId.W1).toMatchObject({ rb: 28.5, rm: false });
    // W3: 1 h + 8 days × 13.5 h + 0.5 h = 109.5 h (level 4 target 24 h: missed).
    expect(byId.W3).toMatchObject({ rb: 109.5, rm: false });
  });
});
