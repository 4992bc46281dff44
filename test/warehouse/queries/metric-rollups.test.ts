// The daily rollups (metric-rollups.ts) give the same series as the per-ticket metric views: every rolled-up
// metric, every grain, periods that cut months in two, each filter and split the rollups keep (region, severity and
// the metric's own read the smaller rollup, product line and model the larger), on the hand-built service quarter
// and on a generated data set; a series that needs another dimension reads the per-ticket view. The durations'
// monthly value rollups likewise: n, floored, mean, median and p90 of every grain but the day, on both clocks; and
// their figures stored for each calendar month, quarter and year (by region and severity).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import {
  type MetricQuery,
  type MetricRow,
  readMetricSeries,
  readMetricSeriesFromTickets,
} from '../../../warehouse/queries/metric-series.ts';
import {
  canReadRollup,
  periodQuantiles,
  periodQuantilesTable,
  regionRollup,
  rolledUpMetrics,
  rollupDimensions,
  rollupSchema,
  rollupTable,
  valueRolledUpMetrics,
  valueRollup,
  valueRollupTable,
} from '../../../warehouse/queries/metric-rollups.ts';
import { type Dimension, grains } from '../../../warehouse/queries/metric-dimensions.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { periodOf } from '../../../contract/period/period.ts';
import { serviceQuarterWarehouse } from '../../helpers/fixture-warehouse.ts';
import { generatedWarehouse } from '../../helpers/generated-warehouse.ts';

/** Two values of each dimension that occur in the metric (the most frequent), to filter by. */
async function valuesOf(db: Warehouse, metric: string, dim: string): Promise<string[]> {
  const rows = await db.all<{ v: string }>(
    `select ${dim}::varchar as v from metrics.${metric} where ${dim} is not null group by 1 order by count(*) desc, 1 limit 2`,
  );
  return rows.map((r) => r.v);
}

/**
 * The queries compared for one metric: every grain over each period (none, whole months, one that cuts months),
 * and at a month and at 'all' each dimension the rollup keeps, split by and filtered by one and two values, and
 * several filters at once.
 */
async function queriesOf(
  db: Warehouse,
  metric: (typeof rolledUpMetrics)[number],
  periods: { from?: string; to?: string }[],
): Promise<MetricQuery[]> {
  const dims = rollupDimensions(metric);
  const values = Object.fromEntries(await Promise.all(dims.map(async (d) => [d, await valuesOf(db, metric, d)] as const)));
  const out: MetricQuery[] = [];
  for (const grain of grains) for (const period of periods) out.push({ metric, grain, ...period });
  for (const grain of ['month', 'all'] as const)
    for (const period of [periods[0], periods.at(-1)!]) {
      for (const d of dims) {
        out.push({ metric, grain, ...period, by: [d] });
        if (values[d].length) out.push({ metric, grain, ...period, filters: { [d]: values[d].slice(0, 1) } });
        if (values[d].length > 1) out.push({ metric, grain, ...period, filters: { [d]: values[d] } });
      }
      // Several at once: a product line and a severity, split by region and the metric's first own dimension.
      out.push({
        metric,
        grain,
        ...period,
        by: ['region', ...(dims.slice(4, 5) as Dimension[])],
        filters: { product_line: values.product_line.slice(0, 1), severity: values.severity.slice(0, 1) },
      });
    }
  return out;
}

/** Rows of a series as plain values; sums of amounts (doubles) compared to 1e-9 of their size. */
const plain = (rows: readonly MetricRow[]) => rows.map((r) => ({ ...r }));

async function expectSameAsPerTicket(db: Warehouse, q: MetricQuery) {
  db.cache.clear();
  const fromRollup = await readMetricSeries(db, q);
  const fromTickets = await readMetricSeriesFromTickets(db, q);
  const a = plain(fromRollup.rows);
  const b = plain(fromTickets.rows);
  expect(a.length, JSON.stringify(q)).toBe(b.length);
  a.forEach((row, i) => {
    const other = b[i];
    expect(Object.keys(row).sort(), JSON.stringify(q)).toEqual(Object.keys(other).sort());
    for (const [k, v] of Object.entries(row)) {
      const w = other[k];
      if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(w))
        expect(Math.abs(v - w), `${JSON.stringify(q)} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      else expect(v, `${JSON.stringify(q)} ${k}`).toEqual(w);
    }
  });
}

describe.each([
  {
    name: 'the service quarter',
    open: serviceQuarterWarehouse,
    periods: [{}, { from: '2025-07-01', to: '2025-09-30' }, { from: '2025-07-10', to: '2025-08-20' }],
  },
  {
    name: 'a generated data set',
    open: async () => (await generatedWarehouse({ tickets: 3000, seed: 22 })).db,
    periods: [{}, { from: '2024-03-17', to: '2024-11-05' }],
  },
])('rollups on $name', ({ open, periods }) => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('are built by the refresh for every additive metric, and read instead of the views', async () => {
    const built = await db.all<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = $1 order by 1`,
      [rollupSchema],
    );
    expect(built.map((r) => r.name)).toEqual(
      [
        ...rolledUpMetrics.flatMap((m) => [m, regionRollup(m)]),
        ...valueRolledUpMetrics.flatMap((m) => [valueRollup(m), periodQuantiles(m)]),
        'technician_scores',
        'quality_flags',
        'quality_flag_sets',
      ].sort(),
    );
    expect(valueRolledUpMetrics).toEqual(['response_time', 'arrival_time', 'resolution_time', 'complaint_resolution_time']);
    for (const m of valueRolledUpMetrics) {
      expect(await valueRollupTable(db, m, ['region', 'severity'])).toBe(`${rollupSchema}.${valueRollup(m)}`);
      expect(await periodQuantilesTable(db, m, ['region', 'severity'], { region: ['华东'] })).toBe(`${rollupSchema}.${periodQuantiles(m)}`);
      // Two regions at once are not stored (their quantiles are not made of each one's).
      expect(await periodQuantilesTable(db, m, ['region'], { region: ['华东', '华南'] })).toBeUndefined();
      // A product line or model, a channel: the tickets.
      expect(await periodQuantilesTable(db, m, ['product_line'], {})).toBeUndefined();
      expect(await valueRollupTable(db, m, ['product_model'])).toBeUndefined();
      expect(await valueRollupTable(db, m, ['channel'])).toBeUndefined();
    }
    for (const m of rolledUpMetrics) {
      expect(await rollupTable(db, m, ['region', 'severity'])).toBe(`${rollupSchema}.${regionRollup(m)}`);
      expect(await rollupTable(db, m, ['region', 'product_model'])).toBe(`${rollupSchema}.${m}`);
    }
    // Channel, service type and technician are not kept: those series read the per-ticket view.
    expect(await canReadRollup(db, 'resolution_rate', ['channel'])).toBe(false);
    expect(await canReadRollup(db, 'response_time', [])).toBe(false);
  });

  it.each(rolledUpMetrics)(
    '%s: the same series as the per-ticket view, for every grain, filter and split',
    async (metric) => {
      for (const q of await queriesOf(db, metric, periods)) await expectSameAsPerTicket(db, q);
    },
    120_000,
  );

  it.each(valueRolledUpMetrics)(
    '%s: n, mean, median and p90 from the value rollup equal the per-ticket quantiles, both clocks, every grain, filter and split',
    async (metric) => {
      // Also open at one end: every month is whole on that side.
      const cut = periods.at(-1)!;
      for (const q of await queriesOf(db, metric, [...periods, { from: cut.from }, { to: cut.to }]))
        for (const clock of ['elapsed', 'business'] as const) await expectSameAsPerTicket(db, { ...q, clock });
    },
    120_000,
  );

  it.each(valueRolledUpMetrics)(
    '%s: a calendar month, quarter and year (grain all, and their own grain) read the stored quantiles, equal to the per-ticket ones, every split and filter kept, both clocks',
    async (metric) => {
      const [{ first }] = await db.all<{ first: string | null }>(
        `select strftime(min(day), '%Y-%m-%d') as first from metrics.${metric} where hours is not null`,
      );
      expect(first).not.toBeNull();
      const filters = [
        {},
        { region: (await valuesOf(db, metric, 'region')).slice(0, 1) },
        { severity: (await valuesOf(db, metric, 'severity')).slice(0, 1) },
      ];
      for (const kind of ['month', 'quarter', 'year'] as const) {
        const { from, to } = periodOf(kind, first!);
        for (const grain of ['all', kind] as const)
          for (const by of [[], ['region'], ['severity'], ['region', 'severity']] as Dimension[][])
            for (const f of filters)
              for (const clock of ['elapsed', 'business'] as const)
                await expectSameAsPerTicket(db, { metric, grain, from, to, by, filters: f, clock });
      }
    },
    120_000,
  );

  it('a series that needs a dimension the rollup does not keep is still right', async () => {
    const channel = await valuesOf(db, 'resolution_rate', 'channel');
    await expectSameAsPerTicket(db, { metric: 'resolution_rate', grain: 'month', filters: { channel: channel.slice(0, 1) } });
    await expectSameAsPerTicket(db, { metric: 'opened', grain: 'quarter', by: ['technician_id'] });
  });
});

describe('rollups after a refresh', () => {
  it('are made again by each refresh; while one is missing, its series are read from the view', async () => {
    const db = await serviceQuarterWarehouse();
    try {
      const before = (await readMetricSeries(db, { metric: 'opened', grain: 'all' })).rows[0].value;
      await db.run(`drop table ${rollupSchema}.${regionRollup('opened')}`);
      db.cache.clear();
      // Without the smaller rollup the larger one answers; without either, the view.
      expect(await rollupTable(db, 'opened', [])).toBe(`${rollupSchema}.opened`);
      expect((await readMetricSeries(db, { metric: 'opened', grain: 'all' })).rows[0].value).toBe(before);
      await db.run(`drop table ${rollupSchema}.opened`);
      db.cache.clear();
      expect(await canReadRollup(db, 'opened', [])).toBe(false);
      expect((await readMetricSeries(db, { metric: 'opened', grain: 'all' })).rows[0].value).toBe(before);
      const r = await runRefresh(db, 'test');
      expect(r.status).toBe('ok');
      expect(await canReadRollup(db, 'opened', [])).toBe(true);
      expect(r.models.filter((m) => m.layer === rollupSchema).map((m) => m.model)).toEqual([
        ...rolledUpMetrics.flatMap((m) => [m, regionRollup(m)]),
        ...valueRolledUpMetrics.map(valueRollup),
        ...valueRolledUpMetrics.map(periodQuantiles),
        'technician_scores',
        'quality_flags',
      ]);
      // A calendar quarter's durations are read from their stored figures (a marked median shows), and without them
      // from the value rollup, the same.
      const quarter = { metric: 'resolution_time', grain: 'all', from: '2025-07-01', to: '2025-09-30' } as const;
      const stored = (await readMetricSeries(db, quarter)).rows[0].median;
      expect(stored).toBeGreaterThan(0);
      await db.run(`update ${rollupSchema}.${periodQuantiles('resolution_time')} set median = -1 where grain = 'quarter'`);
      db.cache.clear();
      expect((await readMetricSeries(db, quarter)).rows[0].median).toBe(-1);
      await db.run(`drop table ${rollupSchema}.${periodQuantiles('resolution_time')}`);
      db.cache.clear();
      expect((await readMetricSeries(db, quarter)).rows[0].median).toBe(stored);
      // A duration's value rollups likewise: without them, the view.
      const month = { metric: 'resolution_time', grain: 'month' } as const;
      const withRollup = await readMetricSeries(db, month);
      await db.run(`drop table ${rollupSchema}.${valueRollup('resolution_time')}`);
      db.cache.clear();
      expect(await valueRollupTable(db, 'resolution_time', [])).toBeUndefined();
      expect((await readMetricSeries(db, month)).rows.map((row) => row.median)).toEqual(withRollup.rows.map((row) => row.median));
    } finally {
      await db.close();
    }
  });
});
