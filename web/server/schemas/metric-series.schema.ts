import { Type, type Static } from 'typebox';
import { allDimensions, grains } from '../../../warehouse/queries/metric-dimensions.ts';
import { seriesMetricKeys } from '../../../warehouse/metrics/catalog.ts';
import { isoDate } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';


export const MetricParams = Type.Object({ name: Type.Union(seriesMetricKeys.map((k) => Type.Literal(k))) });

export const MetricQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    grain: Type.Optional(Type.Union(grains.map((g) => Type.Literal(g)), { default: 'month' })),
    by: Type.Optional(Type.String({ pattern: `^(${allDimensions.join('|')})(,(${allDimensions.join('|')}))*$`, description: 'comma-separated dimensions' })),
    clock: Type.Optional(Type.Union([Type.Literal('elapsed'), Type.Literal('business')], { description: 'durations: elapsed hours or service hours' })),
    ...filterParams(allDimensions),
  },
  { additionalProperties: false },
);
export type MetricQuerystring = Static<typeof MetricQuerystring>;

const MetricRow = Type.Object(
  {
    period: Type.String(),
    numerator: Type.Optional(Type.Number()),
    denominator: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    n: Type.Optional(Type.Number()),
    floored: Type.Optional(Type.Number({ description: 'resolution_time: tickets whose duration was floored at 0 (paused longer than the time measured)' })),
    mean: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    median: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    p90: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    cumulative_share: Type.Optional(Type.Number()),
    vital: Type.Optional(Type.Boolean()),
    value: Type.Union([Type.Number(), Type.Null()]),
  },
  { additionalProperties: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]) },
);

export const MetricSeriesReply = Type.Object({
  metric: Type.String(),
  grain: Type.String(),
  by: Type.Array(Type.String()),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  as_of: Type.Optional(Type.Union([Type.String({ description: 'metrics judged at refresh: when "still open past target" was judged, YYYY-MM-DD HH:MM local' }), Type.Null()])),
  rows: Type.Array(MetricRow),
});
