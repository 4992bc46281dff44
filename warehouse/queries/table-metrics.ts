// The table metrics by name, with one query shape, for the API and the CLI alike.
import type { Warehouse } from '../db/open-warehouse.ts';
import { metricCatalog, type MetricDefinition, type MetricKey } from '../../contract/metrics/catalog.ts';
import { readJudgedAt } from './judged-at.ts';
import type { PeriodFilter } from './filter-conditions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { readQualityFlags } from './quality-flags.ts';
import { readChronicUnits } from './chronic-units.ts';
import { readFaultSolutions } from './fault-solutions.ts';
import { readFailuresByAge } from './failures-by-age.ts';
import { readReliabilityFits } from './reliability-fits.ts';
import { readWarrantyForecast } from './warranty-forecast.ts';
import { readPartsUsage } from './parts-usage.ts';
import { readClaimsPerThousand } from './claims-per-thousand.ts';
import { parsePeriod, readTechnicianScores } from './technician-scores.ts';
import { pageOf, type TablePage } from './table-page.ts';
import { listAlerts } from './early-warnings.ts';
import { listActions } from './corrective-actions.ts';

export interface TableMetricQuery extends PeriodFilter {
  /** quality_flags: the quarter, e.g. 2025Q3; technician_score: the quarter or a month (2025-07). */
  quarter?: string;
  period?: string;
  team?: string[];
  /** parts_usage: the dimensions to sum by; claims_per_thousand: production_month or production_batch. */
  by?: string[];
  /** claims_per_thousand: months in service read (1 … months). */
  months?: number;
  /** At most this many rows (chronic_units: 500 unless told); the answer says how many there are in all. */
  limit?: number;
}

/** A table metric's own fields beside its rows, the rows whole or already cut (then with total and truncated). */
type Answer = { rows: readonly unknown[] } & Partial<TablePage<unknown>> & object;
type Reader = (db: Warehouse, q: TableMetricQuery) => Promise<Answer>;

const readers: Partial<Record<MetricKey, Reader>> = {
  quality_flags: async (db, q) => {
    if (!q.quarter) throw new FilterError('quality_flags needs a quarter, e.g. 2025Q3');
    const other = Object.keys(q.filters ?? {}).filter((d) => d !== 'region');
    if (other.length) throw new FilterError(`quality_flags can be filtered by region only, not ${other.join(', ')}`);
    return { quarter: q.quarter, rows: await readQualityFlags(db, q.quarter, { region: q.filters?.region }) };
  },
  chronic_units: (db, q) => readChronicUnits(db, q),
  fault_solutions: async (db, q) => ({ rows: await readFaultSolutions(db, q) }),
  failures_by_age: (db, q) => readFailuresByAge(db, q),
  // The fits and the forecast cover each unit's whole life so far: the page sends no period.
  reliability_fits: async (db, q) => {
    const r = await readReliabilityFits(db, q);
    return { ...r, total: r.rows.length, truncated: false };
  },
  warranty_forecast: async (db, q) => {
    const r = await readWarrantyForecast(db, q);
    return { ...r, rows: r.models, total: r.models.length, truncated: false };
  },
  early_warnings: (db, q) => listAlerts(db, { product_model: q.filters?.product_model, fault_code: q.filters?.fault_code }),
  corrective_actions: async (db, q) => ({
    rows: await listActions(db, { product_model: q.filters?.product_model, fault_code: q.filters?.fault_code }),
  }),
  parts_usage: (db, q) => readPartsUsage(db, q),
  claims_per_thousand: (db, q) => {
    if ((q.by?.length ?? 0) > 1) throw new FilterError('claims_per_thousand is by one of production_month, production_batch');
    return readClaimsPerThousand(db, { from: q.from, to: q.to, filters: q.filters, by: q.by?.[0], months: q.months });
  },
  technician_score: async (db, q) => {
    const period = q.period ?? q.quarter;
    if (!period) throw new FilterError('technician_score needs a period: a quarter (2025Q3) or a month (2025-07)');
    const other = Object.keys(q.filters ?? {}).filter((d) => d !== 'region' && d !== 'technician_id');
    if (other.length)
      throw new FilterError(`technician_score can be filtered by region, team and technician_id only, not ${other.join(', ')}`);
    return {
      period: parsePeriod(period).key,
      rows: await readTechnicianScores(db, { period, region: q.filters?.region, technician_id: q.filters?.technician_id, team: q.team }),
    };
  },
};

export const isTableMetric = (name: string): boolean => Object.hasOwn(readers, name);

/**
 * `{ metric, …the metric's own fields, rows, total, truncated }`: every table says how many rows it has in all
 * and whether `limit` cut it. A bad filter or quarter throws FilterError naming it.
 */
export async function readTableMetric(
  db: Warehouse,
  name: MetricKey,
  q: TableMetricQuery,
): Promise<{ metric: MetricKey } & Answer & TablePage<unknown>> {
  const read = readers[name];
  if (!read) throw new FilterError(`${name} is not a table metric`);
  const answer = await read(db, q);
  const page =
    answer.total === undefined
      ? pageOf(answer.rows, q.limit)
      : { rows: answer.rows, total: answer.total, truncated: answer.truncated ?? false };
  const asOf = (metricCatalog[name] as MetricDefinition).judgedAtRefresh ? { as_of: await readJudgedAt(db) } : {};
  return { metric: name, ...answer, ...asOf, ...page };
}
