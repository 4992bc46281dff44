// The example mappings load the public datasets of ../shared/data (read in place, never copied), and our
// figures match their REFERENCE_FIGURES.txt (or counts computed independently with Python's csv module).
// Without the datasets (a fresh clone) each test skips naming the file it lacks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { readMappingFile, validateMapping } from '../../ingest/mapping.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { readMetricSeries } from '../../warehouse/queries/metric-series.ts';
import { listTickets } from '../../warehouse/queries/ticket-list.ts';
import { publicDataset } from '../helpers/public-datasets.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mapping = (name: string, kind = 'tickets') =>
  validateMapping(readMappingFile(path.join(root, 'ingest/examples', `${name}.${kind}.json`)), kind, name);

const nyc311 = publicDataset('nyc311_sample_2022_05_01/311_Service_Requests_from_2010_to_Present.csv');
const kaggle = publicDataset('kaggle_customer_support_tickets_synthetic/customer_support_tickets.csv');
const uci = publicDataset('uci_incident_event_log/incident_event_log.csv');
const pdm = publicDataset('azure_pdm_maintenance/PdM_failures.csv', 'azure_pdm_maintenance/PdM_maint.csv');

describe('example mappings on real exports', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
  });
  afterAll(() => db.close());

  it.skipIf(nyc311.missing)(
    'NYC 311: US 12-hour dates in New York time; resolution rate and duration match REFERENCE_FIGURES',
    nyc311.options,
    async () => {
      const r = await ingestFile(db, 'tickets', nyc311.paths[0], {
        mapping: mapping('nyc311-service-requests'),
      });
      expect(r).toMatchObject({ rowsRead: 924, rowsLoaded: 924, rowsRejected: 0 });
      expect(r.extraColumns).toContain('Incident Address');
      await runRefresh(db, 'test');
      // REFERENCE: rows with non-empty Closed Date: 480 of 924.
      const rate = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'all' });
      expect(rate.rows).toEqual([{ period: 'all', numerator: 480, denominator: 924, value: 480 / 924 }]);
      // REFERENCE: duration n=480 median=32.4167 min mean=37.8740 min.
      const [d] = await db.all<{ n: number; median: number; mean: number }>(
        `select count(resolution_hours) as n, median(resolution_hours) * 60 as median, avg(resolution_hours) * 60 as mean from marts.tickets where ticket_id like '5%'`,
      );
      expect(d.n).toBe(480);
      expect(d.median).toBeCloseTo(32.4167, 3);
      expect(d.mean).toBeCloseTo(37.874, 3);
      // 12:00:09 AM New York time on 1 May 2022 is 04:00:09 UTC.
      const [t] = await db.all<{ opened_at: Date }>(`select opened_at from raw.tickets where ticket_id = '54046813'`);
      expect(t.opened_at.toISOString()).toBe('2022-05-01T04:00:09.000Z');
    },
  );

  it.skipIf(kaggle.missing)(
    'Kaggle support tickets: the 1,365 rows resolved before their first response are rejected with that reason, the rest load',
    kaggle.options,
    async () => {
      const r = await ingestFile(db, 'tickets', kaggle.paths[0], {
        mapping: mapping('kaggle-customer-support-tickets'),
      });
      // REFERENCE: rows 8469; (Time to Resolution - First Response Time) negative=1365.
      expect(r).toMatchObject({ rowsRead: 8469, rowsRejected: 1365, rowsLoaded: 8469 - 1365 });
      expect(
        await db.all(`select field, reason_en, count(*) as n from rejects where load_id = $1 and level = 'error' group by all`, [r.loadId]),
      ).toEqual([{ field: 'resolved_at', reason_en: 'resolved before the first response', n: 1365 }]);
      // REFERENCE: Ticket Status Pending 2881, Open 2819, Closed 2769 (less the 1,365 rejected closed ones).
      expect(await db.all(`select status, count(*) as n from raw.tickets where _load_id = $1 group by 1 order by 1`, [r.loadId])).toEqual([
        { status: 'closed', n: 2769 - 1365 },
        { status: 'open', n: 2819 },
        { status: 'paused', n: 2881 },
      ]);
    },
  );

  it.skipIf(uci.missing)(
    'UCI incident event log: a change log (last row per incident wins), day-first dates, "?" as empty',
    uci.options,
    async () => {
      const r = await ingestFile(db, 'tickets', uci.paths[0], { mapping: mapping('uci-incident-event-log') });
      // Counted independently (Python csv): 141,712 rows, 24,918 incidents, 5 rows in the system state "-100"
      // (none of them an incident's last row), every incident's last row Closed, 23,362 of them with resolved_at.
      expect(r).toMatchObject({ rowsRead: 141712, rowsLoaded: 24918, rowsRejected: 5, rowsSuperseded: 141712 - 24918 - 5 });
      const [s] = await db.all<{ n: number; closed: number; resolved: number }>(
        `select count(*) as n, count(*) filter (where status = 'closed') as closed, count(resolved_at) as resolved from raw.tickets where _load_id = $1`,
        [r.loadId],
      );
      expect(s).toEqual({ n: 24918, closed: 24918, resolved: 23362 });
      // INC0000045 opened 29/2/2016 01:16 (day-first), in the configured zone (Asia/Shanghai).
      const [t] = await db.all<{ opened_at: Date; severity: number; channel: string }>(
        `select opened_at, severity, channel from raw.tickets where ticket_id = 'INC0000045'`,
      );
      expect(t).toEqual({ opened_at: new Date('2016-02-28T17:16:00Z'), severity: 3, channel: 'phone' });
    },
  );

  it.skipIf(pdm.missing)(
    'Azure PdM: failures as tickets keyed machine-component-time, replacements as parts; repeats and links match REFERENCE_FIGURES',
    pdm.options,
    async () => {
      const [pdmFailures, pdmMaint] = pdm.paths;
      // Two warehouses: the default 30-day repeat window, and one long enough to count every earlier failure.
      const load = async (repeatWindowDays?: number) => {
        const w = await openWarehouse(':memory:', repeatWindowDays ? { settings: { repeatWindowDays } } : {});
        const failures = await ingestFile(w, 'tickets', pdmFailures, { mapping: mapping('azure-pdm-failures') });
        const maint = await ingestFile(w, 'parts', pdmMaint, { mapping: mapping('azure-pdm-maintenance', 'parts') });
        const refresh = await runRefresh(w, 'test');
        expect(refresh.status).toBe('ok');
        return { w, failures, maint };
      };
      const { w, failures, maint } = await load();
      try {
        // REFERENCE: rows failures=761 maint=3286, no duplicates.
        expect(failures).toMatchObject({ rowsRead: 761, rowsLoaded: 761, rowsRejected: 0, extraColumns: [] });
        expect(maint).toMatchObject({ rowsRead: 3286, rowsLoaded: 3286, rowsRejected: 0 });
        // REFERENCE: failures by component comp1 192, comp2 259, comp3 131, comp4 179.
        const pareto = await readMetricSeries(w, { metric: 'fault_pareto', grain: 'all', by: ['fault_code'] });
        expect(Object.fromEntries(pareto.rows.map((r) => [r.fault_code, r.numerator]))).toEqual({
          comp1: 192,
          comp2: 259,
          comp3: 131,
          comp4: 179,
        });
        // REFERENCE: repeat failures within 30 days: 34 (same machine and component: our strict repeat).
        const repeats = await readMetricSeries(w, { metric: 'repeat_rate', grain: 'all', filters: { repeat_mode: ['strict'] } });
        expect(repeats.rows[0]).toMatchObject({ numerator: 34, denominator: 761 });
        // REFERENCE: failures with an identical (datetime, machineID, comp) row in maint: 743 of 761.
        const linked = await listTickets(w, { partNo: ['comp1', 'comp2', 'comp3', 'comp4'], limit: 1, offset: 0 });
        expect(linked.total).toBe(743);
        const [k] = await w.all<{ ticket_id: string; serial_no: string; status: string }>(
          `select ticket_id, serial_no, status from raw.tickets order by opened_at, ticket_id limit 1`,
        );
        // REFERENCE: failures start 2015-01-02 03:00:00 (machine 16: comp1 and comp3 at once, two tickets).
        expect(k).toEqual({ ticket_id: '16-comp1-2015-01-02 03:00:00', serial_no: '16', status: 'closed' });
      } finally {
        await w.close();
      }
      const long = await load(3650);
      try {
        // REFERENCE: repeat failures (a machine+component that had failed before): 501.
        const all = await readMetricSeries(long.w, { metric: 'repeat_rate', grain: 'all', filters: { repeat_mode: ['strict'] } });
        expect(all.rows[0]).toMatchObject({ numerator: 501 });
      } finally {
        await long.w.close();
      }
    },
  );
});
