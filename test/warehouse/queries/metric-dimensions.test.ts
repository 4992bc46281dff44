// The dimensions are declared once (warehouse/queries/metric-dimensions.ts) and every metric view is checked
// against that list: each series metric's view has the period day, every common dimension, the extra ones its
// catalog entry names, and its measures (a numerator and a denominator; durations: hours). A view that forgets a column
// would otherwise answer a filter on it with an SQL error, or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { dimensionsOf } from '../../../warehouse/queries/metric-dimensions.ts';
import { metricCatalog, seriesMetricKeys } from '../../../contract/metrics/catalog.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

describe('every metric view carries the declared dimensions', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await fixtureWarehouse();
  });
  afterAll(() => db.close());

  it.each(seriesMetricKeys)('%s', async (metric) => {
    const rows = await db.all<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'metrics' and table_name = $1`,
      [metric],
    );
    const have = new Set(rows.map((r) => r.column_name));
    const kind = metricCatalog[metric].kind;
    // Durations carry hours; the backlog its flows; a Pareto counts its rows by fault.
    const measures =
      kind === 'duration'
        ? ['hours']
        : kind === 'backlog'
          ? ['opened', 'resolved']
          : kind === 'pareto'
            ? ['fault_code']
            : ['numerator', 'denominator'];
    const missing = ['day', ...dimensionsOf(metric), ...measures].filter((c) => !have.has(c));
    expect(missing).toEqual([]);
  });
});
