// The arrival target on tickets that need service on site (metrics.md, SLA compliance): an on-site ticket still
// open long past its arrival target is a breach even when nobody was ever dispatched, in sla_compliance and in the
// technician's timeliness, which reads the same view. Service hours every day 08:30–22:00 (the default); the
// tickets are from 2025 and still open now, so every open target is long past.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { readTechnicianScores } from '../../../warehouse/queries/technician-scores.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const tickets = [
  'ticket_id,opened_at,status,service_type,severity,technician_id,first_response_at,dispatched_at,arrived_at,resolved_at',
  // A repair, open, never answered, never dispatched: response, arrival and resolution all breached.
  'A1,2025-09-01 09:00,open,repair,2,E1,,,,',
  // A repair on time everywhere: answered 0.5 h, on site after 3 h (target 8 h), resolved after 6 h (36 h).
  'A2,2025-09-01 09:00,resolved,repair,2,E1,2025-09-01 09:30,2025-09-01 10:00,2025-09-01 12:00,2025-09-01 15:00',
  // A consultation, open and never answered: no visit is owed, so arrival does not apply; the other two breach.
  'A3,2025-09-01 09:00,open,consultation,3,E1,,,,',
  // A repair fixed over the phone (resolved, nobody sent): arrival does not apply; answered and resolved on time.
  'A4,2025-09-01 09:00,resolved,repair,3,E1,2025-09-01 09:30,,,2025-09-01 11:00',
];

const minuteInShanghai = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);

describe('arrival SLA on an open on-site ticket never dispatched', () => {
  let db: Warehouse;
  let refreshed: [string, string];
  beforeAll(async () => {
    const before = new Date();
    db = await warehouseWithRows({ tickets });
    refreshed = [minuteInShanghai(before), minuteInShanghai(new Date())];
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts it as an arrival breach in sla_compliance', async () => {
    const s = await readMetricSeries(db, { metric: 'sla_compliance', grain: 'quarter', by: ['sla_target'] });
    // Arrival applies to A1 (breach) and A2 (met): 1 / 2. Response: A1 and A3 breach, A2 and A4 met: 2 / 4.
    // Resolution: the same: 2 / 4.
    expect(s.rows.map((r) => [r.period, r.sla_target, r.numerator, r.denominator])).toEqual([
      ['2025-Q3', 'arrival', 1, 2],
      ['2025-Q3', 'resolution', 2, 4],
      ['2025-Q3', 'response', 2, 4],
    ]);
  });

  it('says as of the refresh that judged the open tickets; a metric not judged so does not', async () => {
    const s = await readMetricSeries(db, { metric: 'sla_compliance', grain: 'all' });
    expect(s.as_of! >= refreshed[0] && s.as_of! <= refreshed[1], `${s.as_of} within ${refreshed}`).toBe(true);
    expect((await readMetricSeries(db, { metric: 'resolution_rate', grain: 'all' })).as_of).toBeUndefined();
  });

  it('onSiteServiceTypes decides which open tickets owe a visit', async () => {
    const other = await warehouseWithRows({ tickets }, { settings: { onSiteServiceTypes: ['consultation'] } });
    try {
      // Now the open consultation A3 owes a visit and the never-dispatched repair A1 does not: A2 met, A3 missed.
      const s = await readMetricSeries(other, { metric: 'sla_compliance', grain: 'all', filters: { sla_target: ['arrival'] } });
      expect([s.rows[0].numerator, s.rows[0].denominator]).toEqual([1, 2]);
      const [a] = await other.all<{ ids: string[] }>(
        `select list(ticket_id order by ticket_id) as ids from marts.tickets where arrival_sla_applies`,
      );
      expect(a.ids).toEqual(['A2', 'A3']);
    } finally {
      await other.close();
    }
  });

  it('counts it in the technician’s timeliness, read from the same view', async () => {
    // E1's applicable targets: A1 3 (0 met), A2 3 (3 met), A3 2 (0 met), A4 2 (2 met): 5 of 10.
    const [e1] = await readTechnicianScores(db, { period: '2025Q3' });
    expect(e1.technician_id).toBe('E1');
    expect(e1.timeliness).toMatchObject({ k: 5, n: 10, rate: 0.5 });
  });
});
