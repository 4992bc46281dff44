// The dues behind each part of each compliance figure (warehouse/queries/cadence.ts) are the ones the figure counts,
// on the hand-worked fixture (test/helpers/cadence-warehouse.ts; the dues are worked out in
// test/warehouse/models/marts/cadence_due.test.ts and test/warehouse/metrics/cadence_compliance.test.ts):
// callbacks 东一组 2 on time of 10 (8 missed), 东二组 0 of 13; inspections 东一组 3 of 19 (16 missed), 东二组 0 of 22.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { cadenceDrillParts, listCadenceDues, type CadenceMetric } from '../../../warehouse/queries/cadence.ts';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import type { DrillPart } from '../../../warehouse/queries/part-rows.ts';
import { cadenceWarehouse } from '../../helpers/cadence-warehouse.ts';

const handWorked: Record<CadenceMetric, Record<string, Record<DrillPart, number>>> = {
  callback_compliance: { 东一组: { numerator: 2, denominator: 10, missed: 8 }, 东二组: { numerator: 0, denominator: 13, missed: 13 } },
  inspection_compliance: { 东一组: { numerator: 3, denominator: 19, missed: 16 }, 东二组: { numerator: 0, denominator: 22, missed: 22 } },
};

describe('the dues behind a compliance figure', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await cadenceWarehouse();
  });
  afterAll(async () => {
    await db?.close();
  });

  const cases = Object.entries(cadenceDrillParts).flatMap(([metric, parts]) =>
    Object.keys(parts).flatMap((part) =>
      ['东一组', '东二组'].map((team) => ({ metric: metric as CadenceMetric, part: part as DrillPart, team })),
    ),
  );

  it.each(cases)('$metric $part of $team: as many dues as the figure counts, and as worked by hand', async ({ metric, part, team }) => {
    const page = await listCadenceDues(db, { metric, part, filters: { team: [team] }, limit: 100, offset: 0 });
    expect(page.total).toBe(handWorked[metric][team][part]);
    const [row] = (await readMetricSeries(db, { metric, grain: 'all', by: ['team'], filters: { team: [team] } })).rows;
    const figure = part === 'missed' ? row.denominator! - row.numerator! : part === 'numerator' ? row.numerator! : row.denominator!;
    expect(page.total).toBe(figure);
    // Each listed due is of the metric's kind and says how it was met, as its part requires.
    const kind = metric === 'callback_compliance' ? 'callback' : 'inspection';
    expect(page.rows.every((r) => r.cadence_kind === kind && r.team === team)).toBe(true);
    const statuses = new Set(page.rows.map((r) => r.due_status));
    if (part === 'numerator') expect([...statuses]).toEqual(page.total ? ['on_time'] : []);
    if (part === 'missed') expect(statuses.has('on_time')).toBe(false);
  });
});
