// reliability_fits: per product model, and per model and production batch, a Weibull fit by maximum likelihood
// with suspensions (weibull.ts fitWeibullCensored) on the installed base: each unit's days in service to its first
// counted failure, or to the last data day when it has not failed (a suspension). The inputs are the rows of
// metrics.reliability_fits (one per unit; `day` is the installation day, so a period picks units by installation).
// Shape, scale, B10 life and their Fisher-matrix 95 % bounds, the log-likelihood, failures and suspensions, and
// per model the probability-plot points (weibull.ts probabilityPlotPoints: the product-limit estimator with
// Johnson's step, F = 1 − Π r ÷ (r + 1) over the failures, r the units at risk — the mean ranks), cut to a few
// hundred points per model spread over ln t (weibull.ts thinPlotPoints) when it has more.
// Left truncation: a unit installed before the data's first day is counted at risk only from its age then
// (entry_days; its earlier failures were never recorded), each unit's likelihood conditional on surviving to it,
// and in the plot's risk sets only from then (units with entry < t ≤ time).
// Without units loaded the fit of failures_by_age stays (failed units only, no suspensions), labelled so.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { minUnitsForFit, readFailuresByAge } from './failures-by-age.ts';
import { storedOrComputed } from './computed-figures.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import {
  type CensoredWeibullFit,
  fitWeibullCensored,
  type LifeObservation,
  probabilityPlotPoints,
  thinPlotPoints,
  unitsOf,
  weibullB10,
} from './weibull.ts';

/** One unit: its days to the first failure or to the last data day. */
export interface UnitLifetime {
  product_model: string | null;
  production_batch: string | null;
  failed: boolean;
  time_days: number;
  /** Age in days at which the unit's observation began (left truncation); 0 (the default) when installed within the data. */
  entry_days?: number;
  /** Units with these same figures, of this model and batch (grouped data); default 1. */
  count?: number;
}

export interface ReliabilityFit {
  shape: number;
  scale: number;
  b10: number;
  /** Null for the failures-only fit (no likelihood with suspensions to report). */
  log_likelihood: number | null;
  bounds: CensoredWeibullFit['bounds'];
}

export interface ReliabilityFitRow {
  /** model: the model over all its batches; batch: one production batch of it (a model none of whose units
   *  names a batch has no batch rows). */
  scope: 'model' | 'batch';
  product_model: string | null;
  /** Null on the model's row, and on the batch row of units that name no batch. */
  production_batch: string | null;
  units: number;
  failures: number;
  suspensions: number;
  /** Null below minFailuresForFit failures, or when the likelihood has no maximum. */
  fit: ReliabilityFit | null;
}

export interface ProbabilityPlot {
  product_model: string | null;
  points: { time: number; probability: number }[];
}

export interface ReliabilityFits {
  /** units: failed and suspended units of the installed base; failures_only: no units loaded, failed units only. */
  basis: 'units' | 'failures_only';
  method: 'maximum likelihood with suspensions' | 'maximum likelihood (complete data)';
  bounds_method: 'Fisher matrix, 95 %, two-sided' | null;
  /** Fewer failures than this are counted, not fitted (10 for the failures-only fit, as failures_by_age). */
  min_failures: number;
  /** The last data day the suspensions run to (units); null for failures only. */
  as_of: string | null;
  rows: ReliabilityFitRow[];
  plots: ProbabilityPlot[];
}

export const reliabilityFitsDimensions = ['region', 'product_line', 'product_model'] as const;
/** Fewer first failures than this: counted, not fitted. */
export const minFailuresForFit = 5;

const key = (v: string | null) => v ?? '\u0000';
const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

function fitRow(
  scope: ReliabilityFitRow['scope'],
  product_model: string | null,
  production_batch: string | null,
  units: readonly UnitLifetime[],
): ReliabilityFitRow {
  const observations = lifeObservations(units);
  const unitCount = units.reduce((n, u) => n + unitsOf(u), 0);
  const failures = units.reduce((n, u) => n + (u.failed ? unitsOf(u) : 0), 0);
  const f = failures >= minFailuresForFit ? fitWeibullCensored(observations) : null;
  return {
    scope,
    product_model,
    production_batch,
    units: unitCount,
    failures,
    suspensions: unitCount - failures,
    fit: f ? { shape: f.shape, scale: f.scale, b10: f.b10, log_likelihood: f.logLikelihood, bounds: f.bounds } : null,
  };
}

/** The units as the fit reads them: days to failure or suspension (half a day at least), entry age, how many. */
export const lifeObservations = (
  units: readonly Pick<UnitLifetime, 'time_days' | 'failed' | 'entry_days' | 'count'>[],
): LifeObservation[] =>
  units.map((u) => ({ time: Math.max(u.time_days, 0.5), failed: u.failed, entry: u.entry_days ?? 0, count: unitsOf(u) }));

/** The fits and plots of a set of units: per model (batch null) and per model and batch, models then batches in order. */
export function fitsFromLifetimes(units: readonly UnitLifetime[]): Pick<ReliabilityFits, 'rows' | 'plots'> {
  const models = new Map<string, UnitLifetime[]>();
  for (const u of units) {
    const k = key(u.product_model);
    if (!models.has(k)) models.set(k, []);
    models.get(k)!.push(u);
  }
  const rows: ReliabilityFitRow[] = [];
  const plots: ProbabilityPlot[] = [];
  const ordered = [...models.values()].sort((a, b) => byText(a[0].product_model, b[0].product_model));
  for (const modelUnits of ordered) {
    const model = modelUnits[0].product_model;
    rows.push(fitRow('model', model, null, modelUnits));
    const batches = new Map<string, UnitLifetime[]>();
    for (const u of modelUnits) {
      const k = key(u.production_batch);
      if (!batches.has(k)) batches.set(k, []);
      batches.get(k)!.push(u);
    }
    const groups = [...batches.values()].sort((x, y) => byText(x[0].production_batch, y[0].production_batch));
    if (groups.some((b) => b[0].production_batch !== null))
      for (const b of groups) rows.push(fitRow('batch', model, b[0].production_batch, b));
    const points = probabilityPlotPoints(lifeObservations(modelUnits));
    plots.push({ product_model: model, points: thinPlotPoints(points).map((p) => ({ time: p.time, probability: p.probability })) });
  }
  return { rows, plots };
}

/** The fits of the units a query picks; over every unit, as the last refresh stored them when it has. */
export function readReliabilityFits(db: Warehouse, q: PeriodFilter): Promise<ReliabilityFits> {
  return storedOrComputed(db, 'reliability_fits', q, computeReliabilityFits);
}

/** The fits worked out from the units' rows (what a refresh stores for the unfiltered query). */
export async function computeReliabilityFits(db: Warehouse, q: PeriodFilter): Promise<ReliabilityFits> {
  const where = filterConditions(q, reliabilityFitsDimensions, 'reliability_fits');
  const [groups, loaded] = await Promise.all([
    // One row per model and batch, its units' figures in lists: a row per unit carried the model's and batch's
    // names millions of times, and turning those into JavaScript strings took 5× the query (1 M units: 9 s, 1.2 s).
    // Units of the same figures are one entry with their count (units installed the same day share their days in
    // service): at 10 M units one object per unit held gigabytes in JavaScript and took 25 s of the refresh.
    engineRows(
      db,
      sql<{
        product_model: string | null;
        production_batch: string | null;
        failed: boolean[];
        time_days: number[];
        entry_days: (number | null)[];
        count: number[];
      }>`
      with same as (
        select product_model, production_batch, failed, time_days::double as time_days, entry_days::double as entry_days,
               count(*)::integer as n
        from metrics.reliability_fits where ${where}
        group by all
      )
      select product_model, production_batch,
             list(failed order by all_keys) as failed, list(time_days order by all_keys) as time_days,
             list(entry_days order by all_keys) as entry_days, list(n order by all_keys) as count
      from (select *, (failed, time_days, entry_days) as all_keys from same)
      group by product_model, production_batch
      order by product_model nulls last, production_batch nulls last`,
      ['metrics.reliability_fits'],
    ),
    // The installed base is loaded when any unit has a lifetime, whether or not the filters leave any; as_of is
    // the data's last day, the same on every row.
    engineRows(
      db,
      sql<{ n: number; as_of: string | null }>`
      select count(*)::integer as n, strftime(max(as_of), '%Y-%m-%d') as as_of from metrics.reliability_fits`,
      ['metrics.reliability_fits'],
    ),
  ]);
  if (loaded[0].n > 0) {
    return Object.freeze({
      basis: 'units' as const,
      method: 'maximum likelihood with suspensions' as const,
      bounds_method: 'Fisher matrix, 95 %, two-sided' as const,
      min_failures: minFailuresForFit,
      as_of: loaded[0].as_of,
      ...fitsFromLifetimes(
        groups.flatMap((g) =>
          g.failed.map((failed, i) => ({
            product_model: g.product_model,
            production_batch: g.production_batch,
            failed,
            time_days: g.time_days[i],
            entry_days: g.entry_days[i] ?? 0,
            count: g.count[i],
          })),
        ),
      ),
    });
  }
  // No units: the failed units' own fit (failures_by_age), kept as it was and labelled failures only.
  const failures = await readFailuresByAge(db, q);
  return Object.freeze({
    basis: 'failures_only' as const,
    method: 'maximum likelihood (complete data)' as const,
    bounds_method: null,
    min_failures: minUnitsForFit,
    as_of: null,
    rows: failures.models.map((m) => ({
      scope: 'model' as const,
      product_model: m.product_model,
      production_batch: null,
      units: m.units,
      failures: m.units,
      suspensions: 0,
      fit: m.fit
        ? {
            shape: m.fit.shape,
            scale: m.fit.scale,
            b10: weibullB10(m.fit.shape, m.fit.scale),
            log_likelihood: null,
            bounds: null,
          }
        : null,
    })),
    plots: [],
  });
}
