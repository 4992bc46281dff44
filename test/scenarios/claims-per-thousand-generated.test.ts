// The generator's installed base through the warehouse (issue 21): the MIS table read as the quality page reads
// it finds the planted bad batch — its claims per 1,000 units over the first year in service (all its cells of
// MIS 1–12 pooled: Σ claims ÷ Σ units at risk) at least 3× every other batch's pooled together, and the highest
// of its model's batches with a comparable exposure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readClaimsPerThousand } from '../../warehouse/queries/claims-per-thousand.ts';
import { generatedWarehouse } from '../helpers/generated-warehouse.ts';

describe('claims per 1,000 units on generated data', () => {
  let db: Warehouse;
  let planted: Planted;
  beforeAll(async () => {
    ({ db, planted } = await generatedWarehouse({ tickets: 30_000, seed: 7 }));
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('every generated unit is in the installed base with a lifetime; units that never had a ticket are among them', async () => {
    const [u] = await db.all<{ units: number; lifetimes: number; without: number }>(
      `select (select count(*) from staging.stg_units)::integer as units, (select count(*) from marts.unit_lifetimes)::integer as lifetimes,
              (select count(*) from staging.stg_units where serial_no not in (select serial_no from marts.tickets where serial_no is not null))::integer as without`,
    );
    expect(u.units).toBe(30_000);
    expect(u.lifetimes).toBe(30_000);
    expect(u.without).toBeGreaterThan(5_000);
  });

  it('the planted bad batch stands out in its first year in service', async () => {
    const bad = planted.badBatch!;
    const t = await readClaimsPerThousand(db, { by: 'production_batch', months: 12 });
    const pooled = (pick: (cohort: string | null) => boolean) => {
      const cells = t.rows.filter((r) => pick(r.cohort));
      const units = cells.reduce((s, r) => s + r.units_at_risk, 0);
      return { units, perThousand: (1000 * cells.reduce((s, r) => s + r.claims, 0)) / units };
    };
    const badOne = pooled((c) => c === bad.production_batch);
    const others = pooled((c) => c !== bad.production_batch);
    expect(badOne.units).toBeGreaterThan(200);
    expect(badOne.perThousand).toBeGreaterThan(3 * others.perThousand);
    // Among the model's batches with at least half its exposure, the bad one is the highest.
    const code = bad.production_batch.replace(/-\d{4}$/, '');
    const sameModel = [...new Set(t.rows.map((r) => r.cohort))].filter((c) => c?.startsWith(`${code}-`));
    const rates = sameModel.map((c) => ({ c, ...pooled((x) => x === c) })).filter((r) => r.units >= badOne.units / 2);
    expect(rates.sort((a, b) => b.perThousand - a.perThousand)[0].c).toBe(bad.production_batch);
  });
});
