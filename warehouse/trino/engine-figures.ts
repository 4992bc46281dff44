// A metric's figures by quarter and region in SQL that DuckDB and Trino both run as written: counts and the parts
// of a ratio (sum of numerator and denominator), and for durations n, median and p90. Trino has no exact
// percentile (approx_percentile only), so the percentiles are computed from ranks, exactly as DuckDB's
// quantile_cont does: with the n values in order x1..xn, h = (n - 1) p, the value is x[floor h + 1] plus
// (h - floor h) times the step to the next value. Used by the conformance test (the same figures from both
// engines) and by whatever reads figures from Trino.

/** Ratio and count metrics compared by quarter, region and the metric's own split (a target, a mode). */
export const ratioMetrics = {
  opened: null,
  resolution_rate: null,
  csat: null,
  sla_compliance: 'sla_target',
  repeat_rate: 'repeat_mode',
  first_time_fix_rate: null,
  dissatisfied_rate: null,
  rating_response_rate: null,
  complaint_rate: null,
  complaint_answer_on_time: null,
  complaint_escalated_rate: null,
  parts_return_on_time: null,
} as const;

/** Duration metrics compared by quarter and region (n, median, p90 of their hours). */
export const durationMetrics = ['resolution_time', 'response_time', 'arrival_time', 'complaint_resolution_time'] as const;
export type DurationMetric = (typeof durationMetrics)[number];

export type RatioMetric = keyof typeof ratioMetrics;

/** The quarter of a date column as '2025-Q3' (year() and quarter() mean the same in both engines). */
const quarterOf = (col: string) => `cast(year(${col}) as varchar) || '-Q' || cast(quarter(${col}) as varchar)`;

/** quarter, region, [split], numerator, denominator of a ratio metric's view, `metrics.<metric>` in `schema`. */
export function ratioFiguresSql(metric: RatioMetric, schema = 'metrics'): string {
  const split = ratioMetrics[metric];
  const keys = ['quarter', 'region', ...(split ? [split] : [])];
  return `select ${quarterOf('day')} as quarter, region${split ? `, ${split}` : ''},
    cast(sum(numerator) as bigint) as numerator, cast(sum(denominator) as bigint) as denominator
  from ${schema}.${metric}
  group by ${keys.map((_, i) => i + 1).join(', ')}
  order by ${keys.map((_, i) => i + 1).join(', ')}`;
}

/** The exact quantile p of `col` over each group, from ranks (rn = 1..n within the group). */
const quantile = (col: string, p: number) => {
  const h = `(n - 1) * ${p}`;
  const lo = `sum(case when rn = floor(${h}) + 1 then ${col} end)`;
  const hi = `coalesce(sum(case when rn = floor(${h}) + 2 then ${col} end), ${lo})`;
  return `${lo} + max(${h} - floor(${h})) * (${hi} - ${lo})`;
};

/** quarter, region, n, median, p90 of a duration metric's view (resolution_time: hours, elapsed clock). */
export function durationFiguresSql(metric: DurationMetric, schema = 'metrics', column = 'hours'): string {
  return `with ranked as (
    select ${quarterOf('day')} as quarter, region, ${column} as v,
      row_number() over (partition by ${quarterOf('day')}, region order by ${column}) as rn,
      count(*) over (partition by ${quarterOf('day')}, region) as n
    from ${schema}.${metric}
    where ${column} is not null
  )
  select quarter, region, cast(max(n) as bigint) as n, ${quantile('v', 0.5)} as median, ${quantile('v', 0.9)} as p90
  from ranked
  group by 1, 2
  order by 1, 2`;
}

/**
 * How every other metric view is compared, by quarter of its date column and region (where it has one) and the
 * columns in `by`: its rows (n) and its measures summed exactly in both engines. counts: integers and booleans;
 * amounts (money, points, quantities: not whole numbers): each row as a decimal of 6 places, so the sum does not
 * depend on the order of the rows as a sum of doubles does; days (durations in days): each row to the second.
 */
export interface ViewFigures {
  /** The date column whose quarter is compared (default `day`). */
  date?: string;
  /** Compared by region (default true). */
  region?: boolean;
  by?: string[];
  counts?: string[];
  amounts?: string[];
  days?: string[];
}

const compliance: ViewFigures = { by: ['due_status'], counts: ['numerator', 'denominator', 'missed', 'days_late'] };
const ratioParts = ['numerator', 'denominator'];

export const viewFigures: Record<string, ViewFigures> = {
  backlog: { counts: ['opened', 'resolved'] },
  cadence_compliance: { ...compliance, by: ['cadence_kind', 'due_status'] },
  callback_compliance: compliance,
  inspection_compliance: compliance,
  chronic_units: { by: ['fault_code'], counts: ['tickets_in_window', 'is_chronic'] },
  claims_per_thousand: { by: ['months_in_service'], counts: ratioParts },
  complaints: { by: ['category', 'verified'], counts: ratioParts },
  cost: { by: ['cost_type', 'warranty'], counts: ['denominator'], amounts: ['numerator'] },
  early_warnings: {
    date: 'period_start',
    region: false,
    by: ['grain', 'product_model', 'fault_code', 'exposure_basis'],
    counts: ['tickets', 'model_tickets'],
    // Units in service × the line's tickets per unit-day: not a whole number.
    amounts: ['exposure'],
  },
  failures_by_age: { by: ['warranty'], counts: ['denominator', 'age_days', 'months_in_service', 'is_first_failure'] },
  fault_pareto: { by: ['fault_category'], counts: ['denominator'] },
  fault_solutions: { by: ['solution'], counts: ['came_back', 'held', 'is_known'] },
  installation_score: {
    by: ['team'],
    counts: ['denominator'],
    amounts: ['numerator', 'hardware_points', 'software_points', 'documents_points', 'satisfaction_points'],
  },
  parts_usage: { by: ['warranty'], amounts: ['quantity', 'cost'] },
  reliability_fits: { counts: ['failed'], days: ['time_days', 'entry_days'] },
  satisfaction_distribution: { by: ['score'], counts: ratioParts },
  satisfaction_score: { counts: ratioParts },
  technician_score_facts: { by: ['component', 'sla_target'], counts: ['numerator'] },
  warranty_forecast: { counts: ['failed'], days: ['time_days', 'entry_days', 'warranty_days'] },
};

/** quarter, [region], the `by` columns, n and the measures of `metrics.<view>` in `schema` (see ViewFigures). */
export function viewFiguresSql(view: string, schema = 'metrics'): string {
  const f = viewFigures[view];
  if (!f) throw new Error(`no figures for ${view}`);
  const keys = [`${quarterOf(f.date ?? 'day')} as quarter`, ...(f.region === false ? [] : ['region']), ...(f.by ?? [])];
  const measures = [
    'cast(count(*) as bigint) as n',
    ...(f.counts ?? []).map((c) => `cast(sum(cast(${c} as bigint)) as bigint) as ${c}`),
    ...(f.amounts ?? []).map((c) => `cast(sum(cast(${c} as decimal(38, 6))) as varchar) as ${c}`),
    ...(f.days ?? []).map((c) => `cast(sum(round(${c} * 86400)) as bigint) as ${c}_seconds`),
  ];
  const positions = keys.map((_, i) => i + 1).join(', ');
  return `select ${[...keys, ...measures].join(', ')}\n  from ${schema}.${view}\n  group by ${positions}\n  order by ${positions}`;
}
