// Rows of a count metric (tickets opened) -> stacked bars per period by the first `by` dimension.
import type { EChartsOption } from 'echarts';
import type { MetricDefinition } from '../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../warehouse/queries/metric-series.ts';
import { formatAxisValue, formatPeriod } from '../format/format-value.ts';
import { baseOption, categoryAxisLabel, hasValues, noDataOption, valueTooltip, type ChartContext } from './chart-theme.ts';
import { seriesByGroup } from './metric-trend.option.ts';

export function volumeOption(series: Pick<MetricSeries, 'rows' | 'by'>, def: MetricDefinition, ctx: ChartContext): EChartsOption {
  const { periods, groups } = seriesByGroup(series, ctx.lang);
  if (!hasValues(series.rows.map((r) => r.value))) return noDataOption(def.label[ctx.lang], ctx) as EChartsOption;
  const labels = periods.map((p) => formatPeriod(p, ctx.lang));
  return {
    ...baseOption(ctx),
    title: { text: def.label[ctx.lang], left: 'left', textStyle: { fontSize: 14 } },
    legend: groups.size > 1 ? { top: 0, right: 0 } : undefined,
    xAxis: { type: 'category', data: labels, axisLabel: categoryAxisLabel(labels, { slantOver: 6 }) },
    yAxis: {
      type: 'value',
      minInterval: def.format === 'count' ? 1 : undefined,
      axisLabel: { formatter: (v: number) => formatAxisValue(v, def.format, ctx.lang) },
    },
    series: [...groups].map(([name, byPeriod]) => ({
      name: name || def.label[ctx.lang],
      type: 'bar',
      stack: 'total',
      tooltip: valueTooltip(def.format, ctx),
      data: periods.map((p) => byPeriod.get(p) ?? 0),
      label: { show: false, textBorderColor: 'transparent' },
    })),
  };
}
