// Every figure of a quarterly report, read through the same queries as the dashboard and the API, for the
// quarter (and region) of the report; the executive summary also reads the previous quarter and the same
// quarter a year before.
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { overviewKpis } from '../../contract/metrics/overview-kpis.ts';
import type { MetricKey } from '../../contract/metrics/catalog.ts';
import { readChronicUnits, type ChronicUnit } from '../../warehouse/queries/chronic-units.ts';
import { readMetricSeries, type MetricQuery, type MetricSeries } from '../../warehouse/queries/metric-series.ts';
import { readOverdueParts, type OverduePart } from '../../warehouse/queries/overdue-parts.ts';
import { readPartsUsage, type PartsUsage } from '../../warehouse/queries/parts-usage.ts';
import { readQualityFlags, type QualityFlag } from '../../warehouse/queries/quality-flags.ts';
import { previousPeriod, samePeriodLastYear, type Period } from '../../contract/period/period.ts';
import { readTechnicianScores, type TechnicianScore } from '../../warehouse/queries/technician-scores.ts';
import type { TablePage } from '../../warehouse/queries/table-page.ts';
import type { ReportContext } from '../../presentation/reports/report-context.ts';
import type { CorrectiveAction } from '../../warehouse/queries/corrective-actions.ts';
import { readOverdueCadence, type OverdueDue } from '../../warehouse/queries/cadence.ts';
import type { ClaimsPerThousand } from '../../warehouse/queries/claims-per-thousand.ts';
import type { ReliabilityFits } from '../../warehouse/queries/reliability-fits.ts';
import type { WarrantyForecast } from '../../warehouse/queries/warranty-forecast.ts';

export interface KpiFigures {
  metric: MetricKey;
  higherIsBetter: boolean | null;
  value: number | null;
  previous: number | null;
  lastYear: number | null;
  /** A figure judged at refresh (still open past target): that refresh's time. */
  asOf?: string | null;
}

export interface ReportData {
  kpis: KpiFigures[];
  resolution: { byMonth: MetricSeries; byRegion: MetricSeries; total: MetricSeries };
  sla: MetricSeries;
  satisfaction: MetricSeries;
  complaints: MetricSeries;
  cost: MetricSeries;
  pareto: MetricSeries;
  flags: QualityFlag[];
  repeatByModel: MetricSeries;
  chronic: TablePage<ChronicUnit>;
  parts: PartsUsage;
  returns: MetricSeries;
  overdue: TablePage<OverduePart>;
  /** hr variant only. */
  scores?: readonly TechnicianScore[];
  /** quality variant only: every corrective action with its proof of fix, as it stands now (never frozen: the
   *  regulation asks whether the problem came back since; quarter-figures.ts adds it). */
  actions?: readonly CorrectiveAction[];
  /** quality variant only: the Weibull fits with suspensions and the warranty forecast as they stand at the last
   *  data day (a unit's whole life, not the quarter; never frozen, quarter-figures.ts adds it). */
  reliability?: ReliabilityFigures;
  /** The service cadence and installation quality by team, and the dues not done by the quarter's end (issue 19;
   *  absent from copies frozen before it). */
  /** quality variant only: the MIS table (claims per 1,000 units by months in service, per production month) of the
   *  models with the most units, as the installed base stands now (issue 21); absent when no unit is loaded. */
  warranty?: readonly { product_model: string; table: ClaimsPerThousand }[];
  cadence?: {
    byTeam: Record<'inspection_compliance' | 'callback_compliance' | 'installation_score', MetricSeries>;
    overdue: TablePage<OverdueDue>;
  };
}

/** How many rows the long tables show (the rest is on the dashboard, and in its CSV downloads). */
/** The quality edition's reliability: the fits and the forecast over the installed base. */
export interface ReliabilityFigures {
  fits: ReliabilityFits;
  forecast: WarrantyForecast;
}

export const reportLimits = {
  chronicUnits: 20,
  overdueParts: 30,
  parts: 15,
  paretoRows: 15,
  overdueDues: 30,
  /** The MIS tables: this many models, the latest production months, months in service. */
  misModels: 3,
  misCohorts: 12,
  misMonths: 12,
  /** Reliability fit rows printed whole up to this many; past it, the models and their clearly shorter-lived batches. */
  reliabilityRows: 40,
} as const;

export async function readReportData(db: Warehouse, ctx: ReportContext): Promise<ReportData> {
  const q = ctx.quarter;
  const filters = ctx.region ? { region: [ctx.region] } : {};
  const range = { from: q.from, to: q.to, filters };
  const series = (metric: MetricKey, extra: Partial<MetricQuery> = {}) =>
    readMetricSeries(db, { metric, grain: 'all', ...range, ...extra });
  const kpiOf = async (p: Pick<Period, 'from' | 'to'>) =>
    Promise.all(overviewKpis.map((k) => readMetricSeries(db, { metric: k.metric, grain: 'all', from: p.from, to: p.to, filters })));
  const [now, previous, lastYear] = await Promise.all([kpiOf(q), kpiOf(previousPeriod(q.key)), kpiOf(samePeriodLastYear(q.key))]);
  const kpis = overviewKpis.map((k, i) => ({
    ...k,
    value: now[i].rows[0]?.value ?? null,
    previous: previous[i].rows[0]?.value ?? null,
    lastYear: lastYear[i].rows[0]?.value ?? null,
    asOf: now[i].as_of,
  }));
  const [
    byMonth,
    byRegion,
    total,
    sla,
    satisfaction,
    complaints,
    cost,
    pareto,
    flags,
    repeatByModel,
    chronic,
    parts,
    returns,
    overdue,
    scores,
  ] = await Promise.all([
    series('resolution_rate', { grain: 'month' }),
    series('resolution_rate', { by: ['region'] }),
    series('resolution_rate'),
    series('sla_compliance', { by: ['severity', 'sla_target'] }),
    series('satisfaction_distribution', { by: ['score'] }),
    series('complaints', { by: ['category', 'verified'] }),
    series('cost', { by: ['cost_type', 'warranty'] }),
    series('fault_pareto', { by: ['fault_code'] }),
    readQualityFlags(db, q.key, ctx.region ? { region: [ctx.region] } : {}),
    series('repeat_rate', { by: ['product_model'] }),
    readChronicUnits(db, { ...range, limit: reportLimits.chronicUnits }),
    readPartsUsage(db, { ...range, by: ['part_no'] }),
    series('parts_return_on_time'),
    // Overdue as the report is written: lines issued by the quarter's end that are still not back.
    readOverdueParts(db, { to: q.to, filters, limit: reportLimits.overdueParts }),
    ctx.variant === 'hr'
      ? readTechnicianScores(db, { period: q.key, region: ctx.region ? [ctx.region] : undefined })
      : Promise.resolve(undefined),
  ]);
  const [inspection_compliance, callback_compliance, installation_score, overdueDues] = await Promise.all([
    series('inspection_compliance', { by: ['team'] }),
    series('callback_compliance', { by: ['team'] }),
    series('installation_score', { by: ['team'] }),
    // Due by the quarter's end and still not done as the report is written.
    readOverdueCadence(db, { to: q.to, filters, limit: reportLimits.overdueDues }),
  ]);
  const cadence = { byTeam: { inspection_compliance, callback_compliance, installation_score }, overdue: overdueDues };
  return {
    kpis,
    resolution: { byMonth, byRegion, total },
    sla,
    satisfaction,
    complaints,
    cost,
    pareto,
    flags,
    repeatByModel,
    chronic,
    parts,
    returns,
    overdue,
    scores,
    cadence,
  };
}
