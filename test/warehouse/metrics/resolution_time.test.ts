// A pause longer than the time it is taken from floors the duration at 0, and the answer says how many tickets
// were floored. Service hours every day 08:30–22:00 (the default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const tickets = [
  'ticket_id,opened_at,status,resolved_at,paused_minutes',
  // Elapsed 13.5 h − 10 h paused = 3.5 h; in service hours 20:00–22:00 + 08:30–09:30 = 3 h − 10 h: floored at 0.
  'P1,2025-09-01 20:00,resolved,2025-09-02 09:30,600',
  // No pause: 4 h either way.
  'P2,2025-09-01 09:00,resolved,2025-09-01 13:00,',
];

describe('resolution time floored at 0', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets });
  });
  afterAll(async () => {
    await db.close();
  });

  it('says how many tickets were floored, on each clock', async () => {
    const elapsed = (await readMetricSeries(db, { metric: 'resolution_time', grain: 'all' })).rows[0];
    expect(elapsed).toMatchObject({ n: 2, floored: 0, mean: 3.75 });
    const business = (await readMetricSeries(db, { metric: 'resolution_time', grain: 'all', clock: 'business' })).rows[0];
    expect(business).toMatchObject({ n: 2, floored: 1, mean: 2 });
    expect((await readMetricSeries(db, { metric: 'response_time', grain: 'all' })).rows.every((r) => r.floored === undefined)).toBe(true);
  });
});
