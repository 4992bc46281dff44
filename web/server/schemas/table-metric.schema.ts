// Query strings of the table metrics (quality_flags, chronic_units, …): the period, dimension filters and,
// where a metric has them, its own options. Every table metric takes the same filter names as the series.
import { Type, type Static, type TSchema } from 'typebox';
import { dimensions } from '../../../warehouse/queries/metric-dimensions.ts';
import { isoDate, periodParam, quarterParam } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';
import { AnyObject, LangParam, NullableNumber, NullableString, Words, nullable, oneOf, sameShape } from './json-types.schema.ts';
import type { QualityFlag as QualityFlagRow } from '../../../warehouse/queries/quality-flags.ts';
import type { ChronicUnit as ChronicUnitRow } from '../../../warehouse/queries/chronic-units.ts';
import type { FaultSolution as FaultSolutionRow } from '../../../warehouse/queries/fault-solutions.ts';
import type { FailuresByAge } from '../../../warehouse/queries/failures-by-age.ts';
import type { ReliabilityFits } from '../../../warehouse/queries/reliability-fits.ts';
import type { WarrantyForecast } from '../../../warehouse/queries/warranty-forecast.ts';
import type { PartsUsage } from '../../../warehouse/queries/parts-usage.ts';
import type { ClaimsPerThousand } from '../../../warehouse/queries/claims-per-thousand.ts';
import type { TechnicianScore as TechnicianScoreRow } from '../../../warehouse/queries/technician-scores.ts';
import type { OverduePart as OverduePartRow } from '../../../warehouse/queries/overdue-parts.ts';
import type { UnitTimeline } from '../../../warehouse/queries/unit-timeline.ts';
import { csvText, fileReply } from './file-reply.schema.ts';

const list = (description: string) => Type.Optional(Type.String({ maxLength: 2000, description }));

export const tableFilterNames = [...dimensions, 'fault_code', 'part_no', 'warranty'] as const;

export const TableMetricQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    quarter: Type.Optional(quarterParam('quality_flags: the quarter, e.g. 2025Q3')),
    period: Type.Optional(periodParam('technician_score: a quarter (2025Q3) or a month (2025-07)')),
    team: list('technician_score: only technicians of these teams'),
    by: list(
      'parts_usage: comma-separated dimensions (default part_no); claims_per_thousand: production_month (default) or production_batch',
    ),
    months: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 120, description: 'claims_per_thousand: months in service read (default 24)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: 'rows at most; 0: how many there are, no rows' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
    ...filterParams(tableFilterNames),
  },
  { additionalProperties: false },
);
export type TableMetricQuerystring = Static<typeof TableMetricQuerystring>;

// The answers of the table metrics, property for property as their query modules (warehouse/queries) type them.
const metricName = (name: string) => Type.Literal(name);

/** Every table says how many rows it has in all and whether the answer was cut (readTableMetric). */
const page = {
  total: Type.Number({ description: 'rows in all' }),
  truncated: Type.Boolean({ description: 'whether rows holds fewer than total' }),
};
const asOf = { as_of: Type.Optional(NullableString) };

const QualityFlag = Type.Object({
  quarter: Type.String(),
  product_line: NullableString,
  product_model: NullableString,
  fault_code: NullableString,
  count: Type.Number(),
  exposure_basis: Type.Union([Type.Literal('units'), Type.Literal('tickets')], {
    description:
      "what the baseline's earlier quarters were scaled by: the model's units in service (installed base loaded for it), else the product line's ticket volume",
  }),
  baseline: NullableNumber,
  limit: NullableNumber,
  history_quarters: Type.Number(),
  short_history: Type.Boolean(),
  severity1: Type.Number(),
  overall_severity1_share: NullableNumber,
  severity1_limit: NullableNumber,
  verified_complaints: Type.Number(),
  repeats: Type.Number(),
  repeat_rate: NullableNumber,
  overall_repeat_rate: NullableNumber,
  repeats_limit: NullableNumber,
  too_often: Type.Boolean(),
  strength: Type.Number({
    description: 'the largest of its reasons’ observed ÷ the line it crossed (metrics.md); rows come strongest first',
  }),
  major_impact: Type.Boolean(),
  recurring: Type.Boolean({ description: 'the same (model, fault) was flagged in the quarter before too; otherwise new' }),
  severity1_high: Type.Boolean({ description: 'major impact: more severity-1 tickets than their Poisson limit' }),
  complaints_high: Type.Boolean({ description: 'major impact: at least flagMinVerifiedComplaints verified complaints' }),
  repeat_high: Type.Boolean({ description: 'major impact: repeats above their Poisson limit at the quarter’s rate' }),
  with_serial: Type.Number({ description: 'the pair’s tickets with a serial number (the repeat rate’s denominator)' }),
  confidence: Type.Number({ description: 'the Poisson limits’ confidence (flagConfidence)' }),
  reasons: Type.Array(Words, { description: 'each reason in words and numbers, in both languages' }),
});

const ChronicUnit = Type.Object({
  serial_no: Type.String(),
  product_line: NullableString,
  product_model: NullableString,
  region: NullableString,
  most_in_window: Type.Number(),
  tickets: Type.Number(),
  repeats: Type.Number(),
  first_opened_at: Type.String(),
  last_opened_at: Type.String(),
  fault_codes: Type.Array(Type.String()),
  technician_ids: Type.Array(Type.String()),
});

const FaultSolution = Type.Object({
  fault_code: Type.String(),
  solution: Type.String(),
  solution_text: NullableString,
  uses: Type.Number(),
  share: Type.Number(),
  known: Type.Number(),
  held: Type.Number(),
  came_back: Type.Number(),
  held_rate: NullableNumber,
  best: Type.Boolean(),
});

const WeibullFit = Type.Object({
  shape: Type.Number(),
  scale: Type.Number(),
  n: Type.Number(),
  method: oneOf(['maximum likelihood (complete data)']),
});

const RateScore = Type.Object({
  n: Type.Number(),
  k: Type.Number(),
  rate: NullableNumber,
  wilson: Type.Unsafe<[number, number] | null>({
    type: ['array', 'null'],
    items: Type.Number(),
    minItems: 2,
    maxItems: 2,
    description: 'the 95 % Wilson interval of the rate',
  }),
  expected_rate: NullableNumber,
  observed_expected: NullableNumber,
  points: Type.Number(),
  fallback: Type.Boolean(),
});

export const TechnicianScore = Type.Object({
  period: Type.String(),
  technician_id: Type.String(),
  name: NullableString,
  region: NullableString,
  team: NullableString,
  tickets: Type.Number(),
  satisfaction: RateScore,
  timeliness: RateScore,
  first_time_fix: RateScore,
  discipline: Type.Object({ verified_complaints: Type.Number(), points: Type.Number() }),
  installation: Type.Union([
    Type.Object({ projects: Type.Number(), mean_score: Type.Number(), weight: Type.Number(), points: Type.Number() }),
    Type.Null(),
  ]),
  total: Type.Number(),
  status: oneOf(['scored', 'insufficient_data']),
  grade: NullableString,
  rank: NullableNumber,
  rank_in_region: NullableNumber,
  rank_in_team: NullableNumber,
  previous_total: NullableNumber,
  previous_rank: NullableNumber,
});

const FailuresByAgeReply = Type.Object({
  metric: metricName('failures_by_age'),
  ...page,
  rows: Type.Array(
    Type.Object({
      product_model: NullableString,
      months_in_service: Type.Number(),
      warranty: oneOf(['warranty', 'paid']),
      tickets: Type.Number(),
    }),
  ),
  models: Type.Array(
    Type.Object({
      product_model: NullableString,
      units: Type.Number(),
      median_days: NullableNumber,
      fit: Type.Union([WeibullFit, Type.Null()]),
    }),
  ),
});

const pair = (description: string) =>
  Type.Unsafe<[number, number]>({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description });

const ReliabilityFitsReply = Type.Object({
  metric: metricName('reliability_fits'),
  basis: oneOf(['units', 'failures_only'], {
    description: 'units: failed and suspended units of the installed base; failures_only: no units loaded, failed units only',
  }),
  method: oneOf(['maximum likelihood with suspensions', 'maximum likelihood (complete data)']),
  bounds_method: nullable(oneOf(['Fisher matrix, 95 %, two-sided'])),
  min_failures: Type.Number({ description: 'fewer failures than this are counted, not fitted' }),
  as_of: NullableString,
  rows: Type.Array(
    Type.Object({
      scope: oneOf(['model', 'batch']),
      product_model: NullableString,
      production_batch: NullableString,
      units: Type.Number(),
      failures: Type.Number(),
      suspensions: Type.Number(),
      fit: Type.Union([
        Type.Object({
          shape: Type.Number(),
          scale: Type.Number({ description: 'days' }),
          b10: Type.Number({ description: 'days by which 10 % have failed' }),
          log_likelihood: NullableNumber,
          bounds: Type.Union([
            Type.Object({
              shape: pair('95 % Fisher-matrix bounds'),
              scale: pair('95 % Fisher-matrix bounds'),
              b10: pair('95 % Fisher-matrix bounds'),
            }),
            Type.Null(),
          ]),
        }),
        Type.Null(),
      ]),
    }),
  ),
  plots: Type.Array(
    Type.Object({
      product_model: NullableString,
      points: Type.Array(Type.Object({ time: Type.Number(), probability: Type.Number() }), {
        description: 'each failure at its mean rank; over 300 failures, the first and last of each of 150 equal widths of ln t',
      }),
    }),
  ),
  ...page,
});

const figure = {
  expected: Type.Number(),
  variance: Type.Number(),
  low: Type.Number({ description: 'the 95 % interval, whole claims' }),
  high: Type.Number(),
};
const ForecastMonth = Type.Object({
  month: Type.String(),
  ...figure,
  cost: NullableNumber,
  cost_low: NullableNumber,
  cost_high: NullableNumber,
});
const ComparedMonth = Type.Object({ month: Type.String(), ...figure, actual: Type.Number() });

const WarrantyForecastReply = Type.Object({
  metric: metricName('warranty_forecast'),
  basis: oneOf(['units', 'no_units']),
  as_of: NullableString,
  min_failures: Type.Number(),
  interval_method: oneOf(['Poisson-binomial + delta method, normal, 95 %']),
  months: Type.Array(Type.String()),
  models: Type.Array(
    Type.Object({
      product_model: NullableString,
      units: Type.Number(),
      failures: Type.Number(),
      units_at_risk: Type.Number(),
      warranty_days: NullableNumber,
      mean_cost_per_claim: NullableNumber,
      shape: NullableNumber,
      scale: NullableNumber,
      months: Type.Array(ForecastMonth),
      total: Type.Union([ForecastMonth, Type.Null()]),
      comparison: Type.Union([
        Type.Object({ cutoff: Type.String(), months: Type.Array(ComparedMonth), total: ComparedMonth }),
        Type.Null(),
      ]),
    }),
  ),
  ...page,
});

const PartsUsageReply = Type.Object({
  metric: metricName('parts_usage'),
  by: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Unsafe<Record<string, string | number | null>>({
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'null'] },
      description: 'the dimensions asked for (by), part_name with part_no, quantity, cost, lines, tickets, warranty_share',
    }),
  ),
  overall: Type.Object({
    quantity: Type.Number(),
    cost: Type.Number(),
    warranty_share: NullableNumber,
    repair_tickets: Type.Number(),
    parts_per_repair_ticket: NullableNumber,
  }),
  ...page,
});

const ClaimsPerThousandReply = Type.Object({
  metric: metricName('claims_per_thousand'),
  by: oneOf(['production_month', 'production_batch']),
  months: Type.Number({ description: 'months in service read (1 … months)' }),
  units_loaded: Type.Number({ description: 'units in the installed base; 0: none loaded' }),
  units_installed: Type.Number({ description: 'units with a lifetime (an installation day, a consistent record)' }),
  rows: Type.Array(
    Type.Object({
      cohort: NullableString,
      months_in_service: Type.Number(),
      units_at_risk: Type.Number(),
      claims: Type.Number(),
      claims_per_thousand: Type.Number(),
    }),
  ),
  ...page,
});

/** The answer of GET /api/metrics/<name> for each table metric. */
export const tableMetricReplies: Record<string, TSchema> = {
  quality_flags: Type.Object({
    metric: metricName('quality_flags'),
    quarter: Type.String(),
    rows: Type.Array(QualityFlag),
    ...page,
    ...asOf,
  }),
  chronic_units: Type.Object({ metric: metricName('chronic_units'), rows: Type.Array(ChronicUnit), ...page, ...asOf }),
  fault_solutions: Type.Object({ metric: metricName('fault_solutions'), rows: Type.Array(FaultSolution), ...page, ...asOf }),
  failures_by_age: FailuresByAgeReply,
  reliability_fits: ReliabilityFitsReply,
  warranty_forecast: WarrantyForecastReply,
  parts_usage: PartsUsageReply,
  claims_per_thousand: fileReply('The MIS table (JSON), or as CSV (format=csv) headed in the language (lang)', {
    'application/json': ClaimsPerThousandReply,
    'text/csv': csvText,
  }),
  early_warnings: AnyObject("the monitored series' alerts with their state and counts (warehouse/queries/early-warnings.ts)"),
  corrective_actions: AnyObject('the corrective actions with their outcome (warehouse/queries/corrective-actions.ts)'),
  technician_score: Type.Object({
    metric: metricName('technician_score'),
    period: Type.String(),
    rows: Type.Array(TechnicianScore),
    ...page,
    ...asOf,
  }),
};

const OverduePart = Type.Object({
  part_line_id: Type.String(),
  ticket_id: NullableString,
  serial_no: NullableString,
  part_no: Type.String(),
  part_name: NullableString,
  supplier: NullableString,
  technician_id: NullableString,
  region: NullableString,
  issued_at: Type.String(),
  due_day: Type.String(),
  days_overdue: Type.Number(),
});

export const OverduePartsReply = fileReply('The overdue defective parts (JSON), or as CSV (format=csv)', {
  'application/json': Type.Object({ rows: Type.Array(OverduePart), ...page }),
  'text/csv': csvText,
});

const UnitTicket = Type.Object({
  ticket_id: Type.String(),
  opened_at: Type.String(),
  resolved_at: NullableString,
  status: NullableString,
  fault_code: NullableString,
  fault_category: NullableString,
  resolution: NullableString,
  technician_id: NullableString,
  region: NullableString,
  rating: NullableNumber,
  repeats_ticket_id: NullableString,
  repeat_mode: nullable(oneOf(['strict', 'loose'])),
  days_since_previous_fix: NullableNumber,
  visits: Type.Array(
    Type.Object({ repair_id: Type.String(), started_at: NullableString, outcome: NullableString, technician_id: NullableString }),
  ),
  parts: Type.Array(
    Type.Object({
      part_line_id: Type.String(),
      part_no: Type.String(),
      part_name: NullableString,
      quantity: Type.Number(),
      issued_at: NullableString,
    }),
  ),
  complaints: Type.Array(
    Type.Object({
      complaint_id: Type.String(),
      received_at: NullableString,
      category: NullableString,
      is_verified: nullable(Type.Boolean()),
    }),
  ),
});

export const UnitTimelineReply = Type.Object({
  serial_no: Type.String(),
  product_model: NullableString,
  installed_at: NullableString,
  warranty_until: NullableString,
  tickets: Type.Array(UnitTicket),
});

sameShape<Static<typeof QualityFlag>, QualityFlagRow & { reasons: { zh: string; en: string }[] }>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof ChronicUnit>, ChronicUnitRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof FaultSolution>, FaultSolutionRow>(
  (row) => row,
  (json) => json,
);
sameShape<Omit<Static<typeof FailuresByAgeReply>, 'metric' | 'total' | 'truncated'>, FailuresByAge>(
  (row) => row,
  (json) => json,
);
sameShape<Omit<Static<typeof ReliabilityFitsReply>, 'metric' | 'total' | 'truncated'>, ReliabilityFits>(
  (row) => row,
  (json) => json,
);
sameShape<Omit<Static<typeof WarrantyForecastReply>, 'metric' | 'total' | 'truncated'>, WarrantyForecast>(
  (row) => row,
  (json) => json,
);
sameShape<Omit<Static<typeof PartsUsageReply>, 'metric' | 'total' | 'truncated'>, Omit<PartsUsage, 'by'> & { by: string[] }>(
  (row) => row,
  (json) => json,
);
sameShape<Omit<Static<typeof ClaimsPerThousandReply>, 'metric' | 'total' | 'truncated'>, ClaimsPerThousand>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof TechnicianScore>, TechnicianScoreRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof OverduePart>, OverduePartRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof UnitTimelineReply>, UnitTimeline>(
  (row) => row,
  (json) => json,
);
