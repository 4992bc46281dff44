// The table reads made fast in issue 22 give the rows they gave before, on a generated data set: each view that
// now reads a stored mart (failures_by_age, chronic_units and its list, fault_solutions, claims_per_thousand) or was rewritten (sla_compliance,
// parts_usage's repair quantity) against its per-ticket definition written out here from marts.tickets, with the
// periods and filters the pages use; and the technician scores of quarters and months against an independent
// solver over the score's facts (the case-mix expectation summed fact by fact).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readChronicUnits } from '../../warehouse/queries/chronic-units.ts';
import { readPartsUsage } from '../../warehouse/queries/parts-usage.ts';
import { readTechnicianScores, rateComponents } from '../../warehouse/queries/technician-scores.ts';
import { generatedWarehouse } from '../helpers/generated-warehouse.ts';

/** The per-ticket definitions the views had, each from marts.tickets and the marts that do not change. */
const perTicket = {
  failures_by_age: `
    select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id, fault_code,
           case when is_in_warranty then 'warranty' else 'paid' end as warranty, ticket_id, 1 as denominator, serial_no,
           date_diff('day', installed_at, opened_date) as age_days,
           floor(date_diff('day', installed_at, opened_date) / 30.4375)::integer as months_in_service,
           serial_no is not null and row_number() over (partition by serial_no order by opened_at, ticket_id) = 1 as is_first_failure
    from marts.tickets
    where is_counted and coalesce(service_type, 'repair') = 'repair' and installed_at is not null and installed_at <= opened_date`,
  chronic_units: `
    with t as (select * from marts.tickets where is_counted and serial_no is not null)
    select t.opened_date as day, t.region, t.product_line, t.product_model, t.severity, t.channel, t.service_type, t.technician_id,
           t.fault_code, t.serial_no, t.ticket_id, t.opened_at, count(*) as tickets_in_window,
           count(*) >= (select chronic_tickets from main.settings) as is_chronic
    from t join t e on e.serial_no = t.serial_no and e.opened_at <= t.opened_at
         and e.opened_at >= t.opened_at - to_days((select chronic_window_days from main.settings))
    group by all`,
  fault_solutions: `
    select t.opened_date as day, t.region, t.product_line, t.product_model, t.severity, t.channel, t.service_type, t.technician_id,
           coalesce(t.fault_code, t.fault_category) as fault_code, coalesce(t.resolution_code, t.resolution) as solution,
           t.resolution as solution_text, t.ticket_id, f.came_back_as is not null as came_back,
           f.came_back_as is null and t.resolved_at + to_days((select repeat_window_days from main.settings)) < now() as held,
           f.came_back_as is not null or t.resolved_at + to_days((select repeat_window_days from main.settings)) < now() as is_known
    from marts.tickets t join marts.fixes f using (ticket_id)
    where t.is_counted and t.is_resolved and coalesce(t.fault_code, t.fault_category) is not null
      and coalesce(t.resolution_code, t.resolution) is not null`,
  sla_compliance: `
    with t as (select * from marts.tickets where is_counted),
    targets as (
      select *, 'response' as sla_target, response_sla_applies as applies, response_sla_met as met from t
      union all select *, 'arrival', arrival_sla_applies, arrival_sla_met from t
      union all select *, 'resolution', resolution_sla_applies, resolution_sla_met from t
    )
    select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id, sla_target,
           (applies and met)::integer as numerator, 1 as denominator, (not met)::integer as missed, ticket_id
    from targets where applies`,
  // Every unit expanded into its months at risk, the claims joined to them (marts.claim_cells sums the units instead).
  claims_per_thousand: `
    with spans as (
      select *, floor((date_diff('day', installed_at, censored_on) + 1) / 30.4375)::integer as months_completed,
             case when entry_days = 0 then 1 else floor((entry_days - 1) / 30.4375)::integer + 2 end as first_month
      from marts.unit_lifetimes
    ),
    unit_months as (
      select serial_no, region, product_line, product_model, production_batch, production_month,
             unnest(generate_series(first_month, months_completed)) as months_in_service
      from spans where months_completed >= 1
    ),
    claims as (
      select t.ticket_id, t.serial_no, floor(date_diff('day', u.installed_at, t.opened_date) / 30.4375)::integer + 1 as months_in_service
      from marts.tickets t join marts.unit_lifetimes u on u.serial_no = t.serial_no
      where t.is_counted and coalesce(t.service_type, 'repair') = 'repair' and t.opened_date >= u.installed_at
    )
    select m.production_month as day, m.region, m.product_line, m.product_model, m.production_batch, m.production_month,
           m.months_in_service, c.ticket_id, 1 as numerator, 0 as denominator
    from claims c join unit_months m on m.serial_no = c.serial_no and m.months_in_service = c.months_in_service
    union all
    select production_month, region, product_line, product_model, production_batch, production_month, months_in_service,
           null, 0, count(*)::integer
    from unit_months group by all`,
} as const;

/** The periods and filters the quality and scorecard pages send (`where` on the view's columns). */
const conditions = [
  'true',
  `day <= '2025-09-30'`,
  `day between '2025-07-01' and '2025-09-30'`,
  `day between '2024-04-01' and '2024-09-30' and region = (select min(region) from marts.tickets)`,
  `day <= '2024-12-31' and product_line = (select min(product_line) from marts.tickets)`,
];

/** The reads a reader is compared on: everything, the period given, and 2024-04..12 in one region. */
async function readerQueries(
  db: Warehouse,
  period: { from: string; to: string },
): Promise<{ from?: string; to?: string; filters?: { region: string[] } }[]> {
  const region = (await db.all<{ r: string }>(`select min(region) as r from marts.tickets`))[0].r;
  return [{}, period, { from: '2024-04-01', to: '2024-12-31', filters: { region: [region] } }];
}

async function rowsOf(db: Warehouse, from: string, where: string, key: string): Promise<string[]> {
  const rows = await db.all<Record<string, unknown>>(`select * from (${from}) where ${where} order by ${key}`);
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))));
}

describe('the table reads from stored marts, against their per-ticket definitions', () => {
  let db: Warehouse;
  beforeAll(async () => {
    ({ db } = await generatedWarehouse({ tickets: 4000, seed: 22 }));
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    ['failures_by_age', 'ticket_id'],
    ['chronic_units', 'ticket_id'],
    ['fault_solutions', 'ticket_id'],
    ['sla_compliance', 'ticket_id, sla_target'],
    ['claims_per_thousand', 'all'],
  ] as const)('%s: the same rows for each period and filter', async (metric, key) => {
    const all = await rowsOf(db, `select * from metrics.${metric}`, 'true', key);
    expect(all.length).toBeGreaterThan(100);
    for (const where of conditions)
      expect(await rowsOf(db, `select * from metrics.${metric}`, where, key), where).toEqual(
        await rowsOf(db, perTicket[metric], where, key),
      );
  });

  it('failures_by_age: every unit with a failure has exactly one first failure, its earliest', async () => {
    const [r] = await db.all<{ units: number; firsts: number }>(
      `select count(distinct serial_no)::integer as units, (count(*) filter (where is_first_failure))::integer as firsts
       from metrics.failures_by_age where serial_no is not null`,
    );
    expect(r.firsts).toBe(r.units);
    expect(r.units).toBeGreaterThan(50);
  });

  it('chronic units: each unit a ticket in the period reached, with its whole history summed from the per-ticket definition; the count alone the same', async () => {
    for (const q of await readerQueries(db, { from: '2025-07-01', to: '2025-09-30' })) {
      db.cache.clear();
      const got = await readChronicUnits(db, { ...q, limit: 100_000 });
      const want = await db.all<Record<string, unknown>>(
        `with c as (${perTicket.chronic_units}),
         reached as (
           select distinct serial_no from c
           where is_chronic and ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
             and ($3::varchar is null or region = $3::varchar)
         )
         select serial_no,
                arg_max(product_line, opened_at) as product_line, arg_max(product_model, opened_at) as product_model,
                arg_max(region, opened_at) as region, max(tickets_in_window)::integer as most_in_window,
                count(*)::integer as tickets,
                (select count(*) from marts.repeat_pairs r where r.serial_no = c.serial_no and r.repeat_mode = 'strict')::integer as repeats,
                strftime(min(opened_at), '%Y-%m-%d %H:%M') as first_opened_at, strftime(max(opened_at), '%Y-%m-%d %H:%M') as last_opened_at,
                list_sort(list_distinct(list(fault_code))) as fault_codes, list_sort(list_distinct(list(technician_id))) as technician_ids
         from c where serial_no in (select serial_no from reached)
         group by serial_no
         order by most_in_window desc, tickets desc, last_opened_at desc, serial_no`,
        [q.from ?? null, q.to ?? null, q.filters?.region[0] ?? null],
      );
      expect(want.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(got.total).toBe(want.length);
      expect(got.rows.map((r) => ({ ...r }))).toEqual(want);
      // Asked for the count alone (limit 0, a tab's name): the same count, no rows.
      expect(await readChronicUnits(db, { ...q, limit: 0 })).toEqual({ rows: [], total: want.length, truncated: true });
    }
  });

  it('parts_usage: the repair quantity is the quantity on counted repair tickets, whatever the filter', async () => {
    for (const q of await readerQueries(db, { from: '2025-01-01', to: '2025-06-30' })) {
      db.cache.clear();
      const got = await readPartsUsage(db, q);
      const [want] = await db.all<{ q: number | null }>(
        `select sum(p.quantity)::double as q from staging.stg_parts p join marts.tickets t using (ticket_id)
         where t.is_counted and coalesce(t.service_type, 'repair') = 'repair'
           and ($1::date is null or t.opened_date >= $1::date) and ($2::date is null or t.opened_date <= $2::date)
           and ($3::varchar is null or t.region = $3::varchar)`,
        [q.from ?? null, q.to ?? null, q.filters?.region[0] ?? null],
      );
      const perTicket = got.overall.parts_per_repair_ticket === null ? 0 : got.overall.parts_per_repair_ticket * got.overall.repair_tickets;
      expect(perTicket, JSON.stringify(q)).toBeCloseTo(want.q ?? 0, 6);
    }
  });

  it('technician scores of quarters and months: counts, rates and case-mix expectations as an independent solver finds them', async () => {
    type Fact = {
      component: string;
      technician_id: string;
      severity: number | null;
      product_line: string | null;
      service_type: string | null;
      numerator: number;
    };
    for (const [period, from, to] of [
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2025-Q2', '2025-04-01', '2025-06-30'],
      ['2024-11', '2024-11-01', '2024-11-30'],
    ]) {
      db.cache.clear();
      const scores = await readTechnicianScores(db, { period });
      const facts = await db.all<Fact>(
        `select component, technician_id, severity, product_line, service_type, numerator from metrics.technician_score_facts
         where day between $1::date and $2::date`,
        [from, to],
      );
      expect(scores.length).toBeGreaterThan(5);
      const cell = (f: Fact) => JSON.stringify([f.component, f.severity, f.product_line, f.service_type]);
      const cells = new Map<string, { n: number; k: number }>();
      for (const f of facts) {
        const c = cells.get(cell(f)) ?? { n: 0, k: 0 };
        c.n += 1;
        c.k += f.numerator;
        cells.set(cell(f), c);
      }
      for (const s of scores) {
        const own = facts.filter((f) => f.technician_id === s.technician_id);
        expect(s.period, period).toBe(period);
        expect(s.tickets).toBe(own.filter((f) => f.component === 'ticket').length);
        expect(s.discipline.verified_complaints).toBe(own.filter((f) => f.component === 'complaint').reduce((a, f) => a + f.numerator, 0));
        for (const component of rateComponents) {
          const mine = own.filter((f) => f.component === component);
          const expected = mine.reduce((a, f) => a + cells.get(cell(f))!.k / cells.get(cell(f))!.n, 0);
          const got = s[component];
          expect(got.n, `${period} ${s.technician_id} ${component}`).toBe(mine.length);
          expect(got.k).toBe(mine.reduce((a, f) => a + f.numerator, 0));
          if (mine.length === 0) {
            expect(got.fallback).toBe(true);
            continue;
          }
          expect(got.rate).toBeCloseTo(got.k / got.n, 12);
          expect(got.expected_rate, `${period} ${s.technician_id} ${component}`).toBeCloseTo(expected / mine.length, 12);
        }
      }
    }
  });

  it('a score names the period before it: its total and rank', async () => {
    const [now, before] = [await readTechnicianScores(db, { period: '2025-Q2' }), await readTechnicianScores(db, { period: '2025-Q1' })];
    const earlier = new Map(before.map((s) => [s.technician_id, s]));
    let compared = 0;
    for (const s of now) {
      const b = earlier.get(s.technician_id);
      expect(s.previous_total).toBe(b ? b.total : null);
      expect(s.previous_rank).toBe(b ? b.rank : null);
      if (b) compared++;
    }
    expect(compared).toBeGreaterThan(5);
    const [m, mb] = [await readTechnicianScores(db, { period: '2025-03' }), await readTechnicianScores(db, { period: '2025-02' })];
    const febs = new Map(mb.map((s) => [s.technician_id, s.total]));
    for (const s of m) expect(s.previous_total).toBe(febs.get(s.technician_id) ?? null);
  });
});
