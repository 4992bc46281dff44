// A metric is defined once: the tickets (or complaints) a drill-down lists behind a part of a figure are read
// from the metric's own view, so for every metric and every part it offers, filtered by one region and one
// quarter, the list's total equals Σ of that part in the figure read through the metric-series path (the
// generated warehouse); and a few parts on the hand-built service quarter, ticket by ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { metricCatalog, type MetricKey } from '../../../contract/metrics/catalog.ts';
import { readMetricSeries, type MetricRow } from '../../../warehouse/queries/metric-series.ts';
import { readFailuresByAge } from '../../../warehouse/queries/failures-by-age.ts';
import { listTickets, ticketDrillParts, type TicketListQuery } from '../../../warehouse/queries/ticket-list.ts';
import { complaintDrillParts, listComplaints, type ComplaintMetric } from '../../../warehouse/queries/complaint-list.ts';
import type { DrillPart } from '../../../warehouse/queries/part-rows.ts';
import type { Dimension } from '../../../warehouse/queries/metric-dimensions.ts';
import { generatedWarehouse } from '../../helpers/generated-warehouse.ts';
import { serviceQuarterWarehouse } from '../../helpers/fixture-warehouse.ts';

const region = '华东';
const from = '2024-04-01';
const to = '2024-06-30';
const slaTargets = ['response', 'arrival', 'resolution'] as const;

/** Σ of a part over a figure's rows: a duration's n, a count's (or a Pareto's bars') numerator, missed = denominator − numerator. */
function partSum(metric: MetricKey, part: DrillPart, rows: readonly MetricRow[]): number {
  const kind = metricCatalog[metric].kind;
  const of = (r: MetricRow) => {
    if (kind === 'duration') return r.n ?? 0;
    if (kind === 'count' || kind === 'pareto') return r.numerator ?? 0;
    if (part === 'missed') return (r.denominator ?? 0) - (r.numerator ?? 0);
    return (part === 'numerator' ? r.numerator : r.denominator) ?? 0;
  };
  return rows.reduce((s, r) => s + of(r), 0);
}

describe('every part of every figure lists the tickets it counts (generated warehouse, 华东, 2024-Q2)', () => {
  let db: Warehouse;
  beforeAll(async () => {
    ({ db } = await generatedWarehouse({ tickets: 10_000, seed: 3 }));
  });
  afterAll(async () => {
    await db?.close();
  });
  const total = async (q: Omit<TicketListQuery, 'limit' | 'offset'>) =>
    (await listTickets(db, { from, to, ...q, filters: { region: [region], ...q.filters }, limit: 1, offset: 0 })).total;
  const series = async (metric: MetricKey, filters: Partial<Record<Dimension, string[]>> = {}, by: Dimension[] = []) =>
    (await readMetricSeries(db, { metric, grain: 'all', from, to, by, filters: { region: [region], ...filters } })).rows;

  // Every metric with a ticket drill-down and every part it offers, SLA compliance once per target; cost lines
  // and failures by age below, since theirs are not series of one row per ticket.
  const cases = Object.entries(ticketDrillParts)
    .filter(([m]) => m !== 'cost' && m !== 'failures_by_age')
    .flatMap(([m, parts]) =>
      Object.keys(parts).flatMap((p) => (m === 'sla_compliance' ? slaTargets.map((t) => [m, p, t]) : [[m, p, undefined]])),
    )
    .map(([m, p, t]) => ({ metric: m as MetricKey, part: p as DrillPart, slaTarget: t as (typeof slaTargets)[number] | undefined }));

  it('covers every metric and part offered', () => {
    expect(cases.length).toBe(29);
  });

  it.each(cases)('$metric $part $slaTarget', async ({ metric, part, slaTarget }) => {
    const expected = partSum(metric, part, await series(metric, slaTarget ? { sla_target: [slaTarget] } : {}));
    // The denominators of a quarter of a region are never empty here, so a list that lost every row would fail.
    if (part === 'denominator') expect(expected).toBeGreaterThan(0);
    expect(await total({ metric, part, slaTarget })).toBe(expected);
  });

  it('repeat_rate by technician: the repeats charged to the earlier fix, as the figure counts them', async () => {
    const rows = await series('repeat_rate', {}, ['technician_id']);
    const withRepeats = rows.filter((r) => (r.numerator ?? 0) > 0);
    expect(withRepeats.length).toBeGreaterThan(0);
    for (const r of withRepeats) {
      const technician = String(r.technician_id);
      expect([technician, await total({ metric: 'repeat_rate', part: 'numerator', filters: { technician_id: [technician] } })]).toEqual([
        technician,
        r.numerator,
      ]);
      expect([technician, await total({ metric: 'repeat_rate', part: 'denominator', filters: { technician_id: [technician] } })]).toEqual([
        technician,
        r.denominator,
      ]);
    }
  });

  it('fault_pareto: the tickets behind each fault bar', async () => {
    const bars = (await series('fault_pareto', {}, ['fault_code'])).filter((r) => r.fault_code !== null).slice(0, 5);
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars)
      expect(await total({ metric: 'fault_pareto', filters: { fault_code: [String(b.fault_code)] } })).toBe(b.numerator);
  });

  it('cost: each bar lists the distinct tickets of its lines, and their lines are the bar’s Σdenominator', async () => {
    const bars = await series('cost', {}, ['cost_type', 'warranty']);
    expect(bars.length).toBeGreaterThan(2);
    for (const b of bars) {
      const bar = { costType: [String(b.cost_type)], warranty: b.warranty as 'warranty' | 'paid' };
      const listed = (
        await listTickets(db, { metric: 'cost', from, to, filters: { region: [region] }, ...bar, limit: 100_000, offset: 0 })
      ).rows.map((r) => String(r.ticket_id));
      // The lines of the listed tickets in this bar, counted in the cost mart (not the metric view).
      const {
        rows: [lines],
      } = await sql<{ tickets: number; lines: number }>`
        select count(distinct ticket_id)::integer as tickets, count(*)::integer as lines from marts.costs
        where region = ${region} and day between ${from}::date and ${to}::date and cost_type = ${b.cost_type} and warranty = ${b.warranty}
          and ticket_id in (${sql.join(listed.length ? listed : [''])})`.execute(db.kysely);
      expect([b.cost_type, b.warranty, lines.tickets, lines.lines]).toEqual([b.cost_type, b.warranty, listed.length, b.denominator]);
    }
  });

  it('failures_by_age: every bar (months in service × warranty × model) lists its tickets', async () => {
    const { rows } = await readFailuresByAge(db, { from, to, filters: { region: [region] } });
    expect(rows.length).toBeGreaterThan(0);
    expect(await total({ metric: 'failures_by_age' })).toBe(rows.reduce((s, r) => s + r.tickets, 0));
    for (const r of rows.filter((b) => b.product_model !== null).slice(0, 8)) {
      expect(
        await total({
          metric: 'failures_by_age',
          monthsInService: r.months_in_service,
          warranty: r.warranty,
          filters: { product_model: [String(r.product_model)] },
        }),
      ).toBe(r.tickets);
    }
  });

  const complaintCases = Object.entries(complaintDrillParts).flatMap(([m, parts]) =>
    Object.keys(parts).map((p) => ({ metric: m as ComplaintMetric, part: p as DrillPart })),
  );

  it.each(complaintCases)('complaints: $metric $part', async ({ metric, part }) => {
    const expected = partSum(metric, part, await series(metric));
    if (part === 'denominator') expect(expected).toBeGreaterThan(0);
    expect((await listComplaints(db, { metric, part, from, to, filters: { region: [region] }, limit: 1, offset: 0 })).total).toBe(expected);
  });
});

describe('parts ticket by ticket (service quarter, 2025-Q3)', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
  });
  afterAll(async () => {
    await db?.close();
  });
  const q3 = { from: '2025-07-01', to: '2025-09-30' };
  const ids = async (q: Omit<TicketListQuery, 'limit' | 'offset'>) =>
    (await listTickets(db, { ...q3, ...q, limit: 100, offset: 0 })).rows.map((r) => String(r.ticket_id)).sort();
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `M${String(a + i).padStart(2, '0')}`);

  it('CSAT of 华东: rated 4–5 are M01–M15 and M20 (its latest callback, 5); all twenty are rated', async () => {
    expect(await ids({ metric: 'csat', part: 'numerator', filters: { region: ['华东'] } })).toEqual([...range(1, 15), 'M20']);
    expect(await ids({ metric: 'csat', part: 'denominator', filters: { region: ['华东'] } })).toEqual(range(1, 20));
  });

  it('arrival SLA of 华北 (level 1, 4 h): on site after 3 h M21–M25, after 5 h M26–M30', async () => {
    expect(await ids({ metric: 'sla_compliance', slaTarget: 'arrival', part: 'numerator', filters: { region: ['华北'] } })).toEqual(
      range(21, 25),
    );
    expect(await ids({ metric: 'sla_compliance', slaTarget: 'arrival', part: 'missed', filters: { region: ['华北'] } })).toEqual(
      range(26, 30),
    );
  });

  it('first-time fix of 华北: resolved repairs M21–M29 (M30 still open); M21 took two visits', async () => {
    expect(await ids({ metric: 'first_time_fix_rate', part: 'denominator', filters: { region: ['华北'] } })).toEqual(range(21, 29));
    expect(await ids({ metric: 'first_time_fix_rate', part: 'missed', filters: { region: ['华北'] } })).toEqual(['M21']);
    expect(await ids({ metric: 'first_time_fix_rate', part: 'numerator', filters: { region: ['华北'] } })).toEqual(range(22, 29));
  });
});
