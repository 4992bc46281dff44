// The frozen quarter figures' rows (warehouse/queries/quarter-figures.ts): one copy per quarter and region, kept
// as written and replaced when frozen anew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { findFrozenFigures, saveFrozenFigures } from '../../../warehouse/queries/quarter-figures.ts';

describe('the frozen quarter figures', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:', { timeZone: 'Asia/Shanghai' });
  });
  afterAll(() => db.close());

  it('keeps one copy per quarter and region, replaced when frozen anew', async () => {
    expect(await findFrozenFigures(db, '2025-Q3', '')).toBeUndefined();
    await saveFrozenFigures(db, {
      quarter: '2025-Q3',
      region: '',
      figures: '{"resolved":4,"counted":6}',
      frozenAt: new Date('2025-10-08T02:00:00Z'),
    });
    await saveFrozenFigures(db, {
      quarter: '2025-Q3',
      region: '华北',
      figures: '{"resolved":2,"counted":3}',
      frozenAt: new Date('2025-10-08T02:00:00Z'),
    });
    const all = await findFrozenFigures(db, '2025-Q3', '');
    expect(JSON.parse(all!.figures)).toEqual({ resolved: 4, counted: 6 });
    expect(all!.frozen_at.toISOString()).toBe('2025-10-08T02:00:00.000Z');

    await saveFrozenFigures(db, {
      quarter: '2025-Q3',
      region: '',
      figures: '{"resolved":4,"counted":7}',
      frozenAt: new Date('2025-11-02T00:00:00Z'),
    });
    const again = await findFrozenFigures(db, '2025-Q3', '');
    expect(JSON.parse(again!.figures)).toEqual({ resolved: 4, counted: 7 });
    expect(again!.frozen_at.toISOString()).toBe('2025-11-02T00:00:00.000Z');
    expect(JSON.parse((await findFrozenFigures(db, '2025-Q3', '华北'))!.figures)).toEqual({ resolved: 2, counted: 3 });
    expect(await findFrozenFigures(db, '2025-Q2', '')).toBeUndefined();
    expect((await db.all<{ n: number }>('select count(*) as n from quarter_figures'))[0].n).toBe(2);
  });
});
