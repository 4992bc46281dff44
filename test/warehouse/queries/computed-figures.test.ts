// The unfiltered reliability fits and warranty forecast a refresh stores (computed_figures): the same answer as
// worked out from the units' rows (the NIST example's figures), what readers without filters are given, replaced by
// the next refresh, and kept with the models they came from when a refresh fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { findComputedFigures, saveComputedFigures } from '../../../warehouse/queries/computed-figures.ts';
import { computeReliabilityFits, readReliabilityFits, type ReliabilityFits } from '../../../warehouse/queries/reliability-fits.ts';
import { computeWarrantyForecast, readWarrantyForecast, type WarrantyForecast } from '../../../warehouse/queries/warranty-forecast.ts';
import { listModelFiles } from '../../../warehouse/refresh/model-files.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { nistTickets, nistUnits } from '../../helpers/nist-units.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

describe('computed_figures', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets: nistTickets, units: nistUnits });
  });
  afterAll(() => db?.close());

  it('holds the fits and the forecast after a refresh, as worked out from the rows', async () => {
    const fits = (await findComputedFigures<ReliabilityFits>(db, 'reliability_fits'))!;
    expect(fits).toEqual(await computeReliabilityFits(db, {}));
    // NIST/SEMATECH §8.4.1.3: β = 1.7208, η = 606.528.
    expect(fits.rows[0].fit!.shape.toFixed(4)).toBe('1.7208');
    expect(Math.abs(fits.rows[0].fit!.scale / 606.528 - 1)).toBeLessThan(1e-6);
    const forecast = (await findComputedFigures<WarrantyForecast>(db, 'warranty_forecast'))!;
    expect(forecast).toEqual(await computeWarrantyForecast(db, {}));
    expect([forecast.as_of, forecast.models[0].units_at_risk]).toEqual(['2025-05-15', 10]);
  });

  it('is what a reader without filters is given; a filtered reader works its answer out', async () => {
    const fits = (await findComputedFigures<ReliabilityFits>(db, 'reliability_fits'))!;
    const forecast = (await findComputedFigures<WarrantyForecast>(db, 'warranty_forecast'))!;
    await saveComputedFigures(db, 'reliability_fits', { ...fits, as_of: '1999-12-31' });
    await saveComputedFigures(db, 'warranty_forecast', { ...forecast, as_of: '1999-12-31' });
    db.cache.clear();
    expect((await readReliabilityFits(db, {})).as_of).toBe('1999-12-31');
    expect((await readReliabilityFits(db, { filters: { region: [] } })).as_of).toBe('1999-12-31');
    expect((await readWarrantyForecast(db, { filters: {} })).as_of).toBe('1999-12-31');
    expect((await readReliabilityFits(db, { filters: { product_model: ['P-100'] } })).as_of).toBe('2025-05-15');
    expect((await readWarrantyForecast(db, { filters: { region: ['华东'] } })).as_of).toBe('2025-05-15');
  });

  it('stays with its models through a failed refresh, and the next refresh replaces it', async () => {
    const broken = [
      ...listModelFiles(),
      { layer: 'metrics' as const, name: 'zz_broken', file: 'zz_broken.sql', sql: 'select no_such_column from marts.tickets' },
    ];
    expect((await runRefresh(db, 'test', broken)).status).toBe('failed');
    expect((await findComputedFigures<ReliabilityFits>(db, 'reliability_fits'))!.as_of).toBe('1999-12-31');
    const r = await runRefresh(db, 'test');
    expect(r.status).toBe('ok');
    expect(r.models.filter((m) => m.layer === 'computed').map((m) => m.model)).toEqual(['reliability_fits', 'warranty_forecast']);
    expect((await findComputedFigures<ReliabilityFits>(db, 'reliability_fits'))!.as_of).toBe('2025-05-15');
    expect((await readWarrantyForecast(db, {})).as_of).toBe('2025-05-15');
  });
});
