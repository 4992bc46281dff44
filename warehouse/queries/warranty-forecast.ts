// warranty_forecast: per product model, the expected warranty claims and their cost in each of the 12 calendar
// months after the last data day (as_of), with a 95 % interval, and the same forecast made a year earlier set
// against what arrived. The inputs are the rows of metrics.warranty_forecast (one per unit of the installed base:
// installation day, first counted failure or not, days to it or to as_of, the model's warranty length) and the
// mean cost per warranty claim (metrics.cost: warranty cost ÷ warranty tickets with cost lines, per model).
//
// A claim here is a unit's first counted failure while in warranty: the Weibull fit with suspensions of the
// model's units (weibull.ts) gives each unit still working and in warranty its probability of failing in each
// month given that it has lasted to its age (warranty-forecast-math.ts: Poisson-binomial variance plus the fit's
// uncertainty by the delta method, normal 95 % interval rounded outward). A unit's repeat repairs are not forecast.
// Comparison with what arrived: the fit and the units at risk as they stood at the end of the day before the
// last 12 whole months of data (the cutoff), forecast over those 12 months, next to the first failures in
// warranty that came in each month.
// Left truncation: a unit installed before the data's first day is in the fits only from its age then (entry_days,
// its earlier failures never recorded); at the cutoff the entry is the same (the data began on the same day) and a
// unit whose age at the cutoff is not after its entry had not been observed yet, so it is not in that fit.
import { sql } from 'kysely';
import { addDays, daysBetween, nextPeriod, periodOf, previousPeriod } from '../../contract/period/period.ts';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { storedOrComputed } from './computed-figures.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { lifeObservations, minFailuresForFit } from './reliability-fits.ts';
import { type ClaimsForecast, forecastClaims } from './warranty-forecast-math.ts';
import { fitWeibullCensored, unitsOf, z95 } from './weibull.ts';

/** One unit of the installed base as the forecast reads it. */
export interface ForecastUnit {
  product_model: string | null;
  /** 'YYYY-MM-DD'. */
  installed_at: string;
  failed: boolean;
  /** Days from the start of the installation day to the first counted failure (its day: the whole days of it),
   *  or the whole days to as_of. */
  time_days: number;
  /** Age in days at which the unit's observation began (left truncation); 0 (the default) when installed within
   *  the data. */
  entry_days?: number;
  /** The unit's warranty length in days (its warranty end − installation day); null when unknown (every month
   *  counts). */
  warranty_days: number | null;
  /** Units with these same figures, of this model (grouped data); default 1. */
  count?: number;
}

/** The units of some rows. */
const unitsIn = (units: readonly ForecastUnit[]) => units.reduce((n, u) => n + unitsOf(u), 0);

/** The median of the units' warranty lengths (the mean of the middle two of an even number); null without any. */
function medianLength(units: readonly ForecastUnit[]): number | null {
  const known = units.filter((u) => u.warranty_days !== null).sort((a, b) => a.warranty_days! - b.warranty_days!);
  const n = unitsIn(known);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const u of known) {
      seen += unitsOf(u);
      if (seen > rank) return u.warranty_days!;
    }
    return known[known.length - 1].warranty_days!;
  };
  return (at((n - 1) >> 1) + at(n >> 1)) / 2;
}

export interface ForecastFigure {
  expected: number;
  /** Poisson-binomial + parameter variance of the claims. */
  variance: number;
  /** The 95 % interval, whole claims. */
  low: number;
  high: number;
}
export interface ForecastMonth extends ForecastFigure {
  /** 'YYYY-MM'. */
  month: string;
  /** expected, low and high × the mean cost per claim; null when the model has no warranty cost. */
  cost: number | null;
  cost_low: number | null;
  cost_high: number | null;
}
export interface ComparedMonth extends ForecastFigure {
  month: string;
  /** First failures in warranty that came in the month, of the units at risk at the cutoff. */
  actual: number;
}

export interface ModelForecast {
  /** Null on the row of all models together. */
  product_model: string | null;
  units: number;
  failures: number;
  /** Units working and in warranty at as_of. */
  units_at_risk: number;
  /** The median of the units' warranty lengths. */
  warranty_days: number | null;
  mean_cost_per_claim: number | null;
  /** Null when the fit is missing (fewer than min_failures failures). */
  shape: number | null;
  scale: number | null;
  months: ForecastMonth[];
  total: ForecastMonth | null;
  comparison: { cutoff: string; months: ComparedMonth[]; total: ComparedMonth } | null;
}

export interface WarrantyForecast {
  /** units: the installed base is loaded; no_units: nothing to forecast from. */
  basis: 'units' | 'no_units';
  as_of: string | null;
  min_failures: number;
  interval_method: 'Poisson-binomial + delta method, normal, 95 %';
  /** The forecast months, 'YYYY-MM'. */
  months: string[];
  models: ModelForecast[];
}

const monthsAhead = 12;
export const warrantyForecastDimensions = ['region', 'product_line', 'product_model'] as const;
const intervalMethod = 'Poisson-binomial + delta method, normal, 95 %' as const;

/** The 12 months after a day's month, and the 12 whole months ending at the last whole month up to the day. */
export function forecastMonths(asOf: string) {
  const current = periodOf('month', asOf);
  const ahead = [nextPeriod(current)];
  while (ahead.length < monthsAhead) ahead.push(nextPeriod(ahead.at(-1)!));
  const lastWhole = current.to === asOf ? current : previousPeriod(current);
  const back = [lastWhole];
  while (back.length < monthsAhead) back.unshift(previousPeriod(back[0]));
  return { ahead, back, cutoff: addDays(back[0].from, -1) };
}

const days = (from: string, to: string) => daysBetween(from, to) - 1;
const warrantyEnd = (u: ForecastUnit) => u.warranty_days ?? Number.POSITIVE_INFINITY;
/** The day of a unit's first failure, counted from its installation day (0: the same day). */
const failureDay = (u: ForecastUnit) => Math.floor(u.time_days);
const figure = (f: ClaimsForecast): ForecastFigure => ({
  expected: f.expected,
  variance: f.variance,
  low: f.interval[0],
  high: f.interval[1],
});
const withCost = (month: string, f: ClaimsForecast, cost: number | null): ForecastMonth => ({
  month,
  ...figure(f),
  cost: cost === null ? null : f.expected * cost,
  cost_low: cost === null ? null : f.interval[0] * cost,
  cost_high: cost === null ? null : f.interval[1] * cost,
});

/** The forecast of one model's units from as_of, and the one from the cutoff a year before against the arrivals. */
export function forecastModel(
  product_model: string | null,
  units: readonly ForecastUnit[],
  asOf: string,
  meanCostPerClaim: number | null,
): ModelForecast {
  const { ahead, back, cutoff } = forecastMonths(asOf);
  const warranty_days = medianLength(units);
  const failures = unitsIn(units.filter((u) => u.failed));
  const asOfAtRisk = units.filter((u) => !u.failed && u.time_days < warrantyEnd(u));
  const base = {
    product_model,
    units: unitsIn(units),
    failures,
    units_at_risk: unitsIn(asOfAtRisk),
    warranty_days,
    mean_cost_per_claim: meanCostPerClaim,
  };
  const fit = failures >= minFailuresForFit ? fitWeibullCensored(lifeObservations(units)) : null;
  if (!fit) return { ...base, shape: null, scale: null, months: [], total: null, comparison: null };
  // Ahead: the window of a month is (its first day − 1 − as_of, its last day − as_of] days after as_of.
  const boundaries = [days(asOf, ahead[0].from) - 1, ...ahead.map((m) => days(asOf, m.to))];
  const f = forecastClaims(
    fit,
    asOfAtRisk.map((u) => ({ age: u.time_days, warrantyEndAge: warrantyEnd(u), count: unitsOf(u) })),
    boundaries,
  );
  return {
    ...base,
    shape: fit.shape,
    scale: fit.scale,
    months: f.months.map((m, i) => withCost(ahead[i].key, m, meanCostPerClaim)),
    total: withCost(`${ahead[0].key}..${ahead.at(-1)!.key}`, f.total, meanCostPerClaim),
    comparison: compareWithArrivals(units, cutoff, back),
  };
}

function compareWithArrivals(
  units: readonly ForecastUnit[],
  cutoff: string,
  back: ReturnType<typeof forecastMonths>['back'],
): ModelForecast['comparison'] {
  // The units as they stood at the cutoff: installed by then; failed by then, or suspended at their age then.
  // Units share installation days: each day's age at the cutoff worked out once.
  const ages = new Map<string, number>();
  const ageAtCutoff = (day: string) => ages.get(day) ?? (ages.set(day, days(day, cutoff)).get(day) as number);
  const then = units
    .filter((u) => u.installed_at <= cutoff)
    .map((u) => {
      const age = ageAtCutoff(u.installed_at);
      const failedBy = u.failed && failureDay(u) <= age;
      // The fields read below, named (spreading each unit cost more than the rest of this function).
      const { product_model, installed_at, failed, time_days, entry_days, warranty_days, count } = u;
      return { product_model, installed_at, failed, time_days, entry_days, warranty_days, count, age, failedBy };
    });
  const failuresThen = unitsIn(then.filter((u) => u.failedBy));
  if (failuresThen < minFailuresForFit) return null;
  const fit = fitWeibullCensored(
    then.map((u) => ({
      time: Math.max(u.failedBy ? u.time_days : u.age, 0.5),
      failed: u.failedBy,
      entry: u.entry_days ?? 0,
      count: unitsOf(u),
    })),
  );
  if (!fit) return null;
  const atRisk = then.filter((u) => !u.failedBy && u.age < warrantyEnd(u));
  const boundaries = [0, ...back.map((m) => days(cutoff, m.to))];
  const f = forecastClaims(
    fit,
    atRisk.map((u) => ({ age: u.age, warrantyEndAge: warrantyEnd(u), count: unitsOf(u) })),
    boundaries,
  );
  // A first failure arrived in month m when its day, installed_at + time_days, falls in it, still in warranty.
  const arrived = atRisk.flatMap((u) =>
    u.failed && failureDay(u) <= warrantyEnd(u) ? [{ day: addDays(u.installed_at, failureDay(u)), units: unitsOf(u) }] : [],
  );
  const arrivals = back.map((m) => arrived.reduce((n, a) => n + (a.day >= m.from && a.day <= m.to ? a.units : 0), 0));
  const months = f.months.map((m, i) => ({ month: back[i].key, ...figure(m), actual: arrivals[i] }));
  return {
    cutoff,
    months,
    total: {
      month: `${back[0].key}..${back.at(-1)!.key}`,
      ...figure(f.total),
      actual: arrivals.reduce((a, b) => a + b, 0),
    },
  };
}

/** Figures of independent models added: expected and variance sum, the interval from the summed variance. */
function added<T extends ForecastFigure>(figures: readonly T[]): ForecastFigure {
  const expected = figures.reduce((a, f) => a + f.expected, 0);
  const variance = figures.reduce((a, f) => a + f.variance, 0);
  const half = z95 * Math.sqrt(variance);
  return { expected, variance, low: Math.max(0, Math.floor(expected - half)), high: Math.ceil(expected + half) };
}

/** The row of all models together: the models' fits are separate, so their claims add as independent counts. */
export function allModels(models: readonly ModelForecast[]): ModelForecast {
  const fitted = models.filter((m) => m.total);
  const costOf = (pick: (m: ModelForecast) => ForecastMonth | undefined) => {
    const parts = fitted.map((m) => ({ f: pick(m), c: m.mean_cost_per_claim }));
    if (!parts.length || parts.some((p) => p.c === null || !p.f)) return { cost: null, cost_low: null, cost_high: null };
    const cost = parts.reduce((a, p) => a + p.f!.expected * p.c!, 0);
    const half = z95 * Math.sqrt(parts.reduce((a, p) => a + p.f!.variance * p.c! ** 2, 0));
    return { cost, cost_low: Math.max(0, cost - half), cost_high: cost + half };
  };
  const monthKeys = fitted[0]?.months.map((m) => m.month) ?? [];
  const compared = fitted.filter((m) => m.comparison);
  const comparedMonths = compared[0]?.comparison?.months.map((m) => m.month) ?? [];
  const sum = (f: (m: ModelForecast) => number) => models.reduce((a, m) => a + f(m), 0);
  return {
    product_model: null,
    units: sum((m) => m.units),
    failures: sum((m) => m.failures),
    units_at_risk: sum((m) => m.units_at_risk),
    warranty_days: null,
    mean_cost_per_claim: null,
    shape: null,
    scale: null,
    months: monthKeys.map((month, i) => ({
      month,
      ...added(fitted.map((m) => m.months[i])),
      ...costOf((m) => m.months[i]),
    })),
    total: fitted.length
      ? { month: fitted[0].total!.month, ...added(fitted.map((m) => m.total!)), ...costOf((m) => m.total ?? undefined) }
      : null,
    comparison: compared.length
      ? {
          cutoff: compared[0].comparison!.cutoff,
          months: comparedMonths.map((month, i) => ({
            month,
            ...added(compared.map((m) => m.comparison!.months[i])),
            actual: compared.reduce((a, m) => a + m.comparison!.months[i].actual, 0),
          })),
          total: {
            month: compared[0].comparison!.total.month,
            ...added(compared.map((m) => m.comparison!.total)),
            actual: compared.reduce((a, m) => a + m.comparison!.total.actual, 0),
          },
        }
      : null,
  };
}

/** Per model, then all models together (when more than one), from the units' rows. */
export function forecastFromUnits(
  units: readonly ForecastUnit[],
  asOf: string,
  meanCostPerClaim: ReadonlyMap<string | null, number>,
): Pick<WarrantyForecast, 'months' | 'models'> {
  const byModel = new Map<string | null, ForecastUnit[]>();
  for (const u of units) {
    if (!byModel.has(u.product_model)) byModel.set(u.product_model, []);
    byModel.get(u.product_model)!.push(u);
  }
  const models = [...byModel.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([model, us]) => forecastModel(model, us, asOf, meanCostPerClaim.get(model) ?? null));
  return {
    months: forecastMonths(asOf).ahead.map((m) => m.key),
    models: models.length > 1 ? [...models, allModels(models)] : models,
  };
}

/** The forecast of the units a query picks; over every unit, as the last refresh stored it when it has. */
export function readWarrantyForecast(db: Warehouse, q: PeriodFilter): Promise<WarrantyForecast> {
  return storedOrComputed(db, 'warranty_forecast', q, computeWarrantyForecast);
}

/** The forecast worked out from the units' rows (what a refresh stores for the unfiltered query). */
export async function computeWarrantyForecast(db: Warehouse, q: PeriodFilter): Promise<WarrantyForecast> {
  const where = filterConditions(q, warrantyForecastDimensions, 'warranty_forecast');
  const costWhere = filterConditions({ filters: q.filters }, warrantyForecastDimensions, 'warranty_forecast');
  const [models, costs] = await Promise.all([
    // One row per model, its units' figures in lists and installation days as day numbers: strings on every
    // unit's row took most of the read (as in reliability-fits.ts). Units of the same figures (installed the same
    // day, of the same status and days) are one entry with their count.
    engineRows(
      db,
      sql<{
        product_model: string | null;
        installed_day: number[];
        failed: boolean[];
        time_days: number[];
        entry_days: (number | null)[];
        warranty_days: (number | null)[];
        count: number[];
      }>`
      with same as (
        select product_model, date_diff('day', date '1970-01-01', installed_at)::integer as installed_day, failed,
               time_days::double as time_days, entry_days::double as entry_days, warranty_days::double as warranty_days,
               count(*)::integer as n
        from metrics.warranty_forecast where ${where}
        group by all
      )
      select product_model,
             list(installed_day order by all_keys) as installed_day, list(failed order by all_keys) as failed,
             list(time_days order by all_keys) as time_days, list(entry_days order by all_keys) as entry_days,
             list(warranty_days order by all_keys) as warranty_days, list(n order by all_keys) as count
      from (select *, (installed_day, failed, time_days, entry_days, warranty_days) as all_keys from same)
      group by product_model
      order by product_model nulls last`,
      ['metrics.warranty_forecast'],
    ),
    // The mean cost of a warranty claim: warranty cost ÷ the warranty tickets with cost lines, per model.
    engineRows(
      db,
      sql<{ product_model: string | null; mean_cost: number | null }>`
      select product_model, sum(numerator)::double / nullif(count(distinct ticket_id), 0) as mean_cost
      from metrics.cost where warranty = 'warranty' and ${costWhere}
      group by product_model`,
      ['metrics.cost'],
    ),
  ]);
  // as_of is the data's, the same on every unit's row: read unfiltered, so a filter leaving no unit still says it.
  const [{ as_of: asOf }] = await engineRows(
    db,
    sql<{ as_of: string | null }>`select strftime(max(as_of), '%Y-%m-%d') as as_of from metrics.warranty_forecast`,
    ['metrics.warranty_forecast'],
  );
  const base = { min_failures: minFailuresForFit, interval_method: intervalMethod };
  if (!asOf) return Object.freeze({ basis: 'no_units' as const, as_of: null, ...base, months: [], models: [] });
  const meanCost = new Map(costs.filter((c) => c.mean_cost !== null).map((c) => [c.product_model, c.mean_cost!]));
  const days = new Map<number, string>();
  const dayOf = (n: number) => days.get(n) ?? (days.set(n, addDays('1970-01-01', n)).get(n) as string);
  const units: ForecastUnit[] = models.flatMap((m) =>
    m.failed.map((failed, i) => ({
      product_model: m.product_model,
      installed_at: dayOf(m.installed_day[i]),
      failed,
      time_days: m.time_days[i],
      entry_days: m.entry_days[i] ?? 0,
      warranty_days: m.warranty_days[i],
      count: m.count[i],
    })),
  );
  return Object.freeze({ basis: 'units' as const, as_of: asOf, ...base, ...forecastFromUnits(units, asOf, meanCost) });
}
