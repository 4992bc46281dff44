import { Type, type Static } from 'typebox';
import type { MetricDefinition } from '../../../contract/metrics/catalog.ts';
import { allDimensions, grains } from '../../../warehouse/queries/metric-dimensions.ts';
import { metricFormats, metricKinds, seriesMetricKeys } from '../../../contract/metrics/catalog.ts';
import { isoDate } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';
import { Cell, NullableNumber, NullableString, Words, mapOf, oneOf, sameShape } from './json-types.schema.ts';
import { jsonOrArrow } from './file-reply.schema.ts';

export const MetricParams = Type.Object({ name: Type.Union(seriesMetricKeys.map((k) => Type.Literal(k))) });

export const MetricQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    grain: Type.Optional(
      Type.Union(
        grains.map((g) => Type.Literal(g)),
        { default: 'month' },
      ),
    ),
    by: Type.Optional(
      Type.String({ pattern: `^(${allDimensions.join('|')})(,(${allDimensions.join('|')}))*$`, description: 'comma-separated dimensions' }),
    ),
    clock: Type.Optional(
      Type.Union([Type.Literal('elapsed'), Type.Literal('business')], { description: 'durations: elapsed hours or service hours' }),
    ),
    ...filterParams(allDimensions),
  },
  { additionalProperties: false },
);
export type MetricQuerystring = Static<typeof MetricQuerystring>;

const MetricRow = Type.Object(
  {
    period: Type.String(),
    numerator: Type.Optional(Type.Number()),
    denominator: Type.Optional(NullableNumber),
    n: Type.Optional(Type.Number()),
    floored: Type.Optional(
      Type.Number({ description: 'resolution_time: tickets whose duration was floored at 0 (paused longer than the time measured)' }),
    ),
    mean: Type.Optional(NullableNumber),
    median: Type.Optional(NullableNumber),
    p90: Type.Optional(NullableNumber),
    cumulative_share: Type.Optional(Type.Number()),
    vital: Type.Optional(Type.Boolean()),
    value: NullableNumber,
  },
  { additionalProperties: Cell, description: 'also one property per dimension asked for (by)' },
);

export const MetricSeries = Type.Object({
  metric: Type.String(),
  grain: Type.String(),
  by: Type.Array(Type.String()),
  from: NullableString,
  to: NullableString,
  as_of: Type.Optional(
    Type.Union([
      Type.String({ description: 'metrics judged at refresh: when "still open past target" was judged, YYYY-MM-DD HH:MM local' }),
      Type.Null(),
    ]),
  ),
  rows: Type.Array(MetricRow),
  sla_targets: Type.Optional(
    mapOf(Type.Object({ response: Type.Number(), arrival: Type.Number(), resolution: Type.Number() }), {
      description:
        'sla_compliance, response_time, arrival_time, resolution_time: the configured SLA targets in hours, by severity level "1"–"4" (unclassified tickets use level 3), for goal lines',
    }),
  ),
});

export const MetricSeriesReply = jsonOrArrow('The rows of the metric (JSON), or the rows alone as Arrow', MetricSeries);

/** GET /api/metrics: the catalog, as contract/metrics/catalog.ts defines each metric. */
const MetricEntry = Type.Object({
  key: Type.String(),
  label: Words,
  formula: Words,
  format: oneOf(metricFormats),
  kind: oneOf(metricKinds),
  extraDimensions: Type.Optional(Type.Array(Type.String())),
  defaultFilters: Type.Optional(mapOf(Type.Array(Type.String()))),
});

export const MetricCatalogReply = Type.Object({ metrics: Type.Array(MetricEntry) });

sameShape<Static<typeof MetricEntry>, MetricDefinition>(
  (row) => row,
  (json) => json,
);
