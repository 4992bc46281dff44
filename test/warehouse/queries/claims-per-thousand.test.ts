// The MIS ("Nevada") table worked out by hand on the installed-base fixture (test/helpers/units-warehouse.ts).
// Months in service of 30.4375 days: MIS 1 = ages 0–30 days, 2 = 31–60, 3 = 61–91, 7 = 183–213, 8 = 214–243,
// 18 = 518–547, 19 = 548–578. The data run from 2024-01-01 to 2024-12-31. Months completed by the censoring day
// = floor((days to it + 1) ÷ 30.4375):
//   U1, U2 (A): 334 days → 11 months; U3 (A): scrapped at 61 days → 2; U9 (B): scrapped at 31 days → 1;
//   U4, U5 (B): 213 days → 7; U6 (C): 549 days → 18, but installed 184 days before the data begin: MIS 7 began
//   on day 183 (2023-12-31), before the data, so U6 is at risk in MIS 8 … 18 only.
// Claims: T1 (U1, age 10: MIS 1), T3 (U3, age 4: MIS 1), T2 (U1, age 74: MIS 3), T5 (U5, age 39: MIS 2),
// T6 (U6, age 234: MIS 8). Not claims: M5 (maintenance), T9 (U9 after its scrapping, MIS 3 where it is not at
// risk), T6b (U6, age 549: MIS 19, not completed by the data end), T7 (U7 is left out: repaired before installed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readClaimsPerThousand } from '../../../warehouse/queries/claims-per-thousand.ts';
import { unitsWarehouse } from '../../helpers/units-warehouse.ts';

const cell = (cohort: string, months_in_service: number, units_at_risk: number, claims: number) => ({
  cohort,
  months_in_service,
  units_at_risk,
  claims,
  claims_per_thousand: expect.closeTo((1000 * claims) / units_at_risk, 9),
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Batch A: MIS 1: U1, U2, U3 at risk, T1 and T3 → 2 ÷ 3 = 666.67 per 1,000; MIS 2: the same 3, no claim; MIS 3: U1
// and U2 (U3 scrapped), T2 → 500; MIS 4–11: U1 and U2, none.
const batchA = (c: string) => [cell(c, 1, 3, 2), cell(c, 2, 3, 0), cell(c, 3, 2, 1), ...range(4, 11).map((m) => cell(c, m, 2, 0))];
// Batch B: MIS 1: U4, U5, U9, none; MIS 2: U4 and U5, T5 → 500; MIS 3–7: U4 and U5, none.
const batchB = (c: string) => [cell(c, 1, 3, 0), cell(c, 2, 2, 1), ...range(3, 7).map((m) => cell(c, m, 2, 0))];
// Batch C: MIS 8: U6, T6 → 1,000; MIS 9–18: U6, none.
const batchC = (c: string) => [cell(c, 8, 1, 1), ...range(9, 18).map((m) => cell(c, m, 1, 0))];

describe('claims per 1,000 units by months in service', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await unitsWarehouse();
  });
  afterAll(() => db.close());

  it('per batch, by hand', async () => {
    const t = await readClaimsPerThousand(db, { by: 'production_batch' });
    expect(t).toMatchObject({ by: 'production_batch', months: 24, units_loaded: 9, units_installed: 7 });
    expect(t.rows).toEqual([...batchA('A'), ...batchB('B'), ...batchC('C')]);
  });

  it('per production month (the default), for a model, a line, a period of production, up to a month in service', async () => {
    expect((await readClaimsPerThousand(db, {})).rows).toEqual([...batchC('2023-06'), ...batchA('2024-01'), ...batchB('2024-02')]);
    expect((await readClaimsPerThousand(db, { filters: { product_model: ['KF-2'] } })).rows).toEqual(batchC('2023-06'));
    expect((await readClaimsPerThousand(db, { filters: { product_line: ['空调'] } })).rows).toEqual([
      ...batchA('2024-01'),
      ...batchB('2024-02'),
    ]);
    expect((await readClaimsPerThousand(db, { from: '2024-01-01', to: '2024-01-31' })).rows).toEqual(batchA('2024-01'));
    expect((await readClaimsPerThousand(db, { months: 2 })).rows).toEqual([
      ...batchA('2024-01').slice(0, 2),
      ...batchB('2024-02').slice(0, 2),
    ]);
  });

  it('the tickets behind the cells are the claims', async () => {
    expect(
      await db.all(
        `select ticket_id, production_batch, months_in_service from metrics.claims_per_thousand where numerator > 0 order by ticket_id`,
      ),
    ).toEqual([
      { ticket_id: 'T1', production_batch: 'A', months_in_service: 1 },
      { ticket_id: 'T2', production_batch: 'A', months_in_service: 3 },
      { ticket_id: 'T3', production_batch: 'A', months_in_service: 1 },
      { ticket_id: 'T5', production_batch: 'B', months_in_service: 2 },
      { ticket_id: 'T6', production_batch: 'C', months_in_service: 8 },
    ]);
  });

  it('refuses an unknown cohort or a month count out of range', async () => {
    await expect(readClaimsPerThousand(db, { by: 'region' })).rejects.toThrow(/production_month or production_batch/);
    await expect(readClaimsPerThousand(db, { months: 0 })).rejects.toThrow(/1 to 120/);
  });
});
