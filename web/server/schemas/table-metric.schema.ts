// Query strings of the table metrics (quality_flags, chronic_units, …): the period, dimension filters and,
// where a metric has them, its own options. Every table metric takes the same filter names as the series.
import { Type, type Static } from 'typebox';
import { dimensions } from '../../../warehouse/queries/metric-dimensions.ts';
import { isoDate, periodParam, quarterParam } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';

const list = (description: string) => Type.Optional(Type.String({ maxLength: 2000, description }));

export const tableFilterNames = [...dimensions, 'fault_code', 'part_no', 'warranty'] as const;

export const TableMetricQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    quarter: Type.Optional(quarterParam('quality_flags: the quarter, e.g. 2025Q3')),
    period: Type.Optional(periodParam('technician_score: a quarter (2025Q3) or a month (2025-07)')),
    team: list('technician_score: only technicians of these teams'),
    by: list('parts_usage: comma-separated dimensions (default part_no)'),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    ...filterParams(tableFilterNames),
  },
  { additionalProperties: false },
);
export type TableMetricQuerystring = Static<typeof TableMetricQuerystring>;
