// Rows of a metric series -> an ECharts line chart, one line per value of the first `by` dimension (or one
// line). The dashboard and the PDF both call this, so they draw the same figure.
import type { EChartsOption } from 'echarts';
import type { MetricDefinition } from '../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../warehouse/queries/metric-series.ts';
import { formatAxisValue, formatPeriod } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, categoryAxisLabel, hasValues, noDataOption, valueTooltip, type ChartContext } from './chart-theme.ts';

export function seriesByGroup(series: Pick<MetricSeries, 'rows' | 'by'>, lang: 'zh' | 'en') {
  const dim = series.by[0];
  const periods = [...new Set(series.rows.map((r) => r.period))].sort();
  const groups = new Map<string, Map<string, number | null>>();
  for (const r of series.rows) {
    const g = dim ? String(r[dim] ?? t(lang, 'unspecified')) : '';
    if (!groups.has(g)) groups.set(g, new Map());
    groups.get(g)!.set(r.period, r.value);
  }
  return { periods, groups };
}

export function metricTrendOption(series: Pick<MetricSeries, 'rows' | 'by'>, def: MetricDefinition, ctx: ChartContext): EChartsOption {
  const { periods, groups } = seriesByGroup(series, ctx.lang);
  const percent = def.format === 'percent';
  if (!hasValues(series.rows.map((r) => r.value))) return noDataOption(def.label[ctx.lang], ctx) as EChartsOption;
  const labels = periods.map((p) => formatPeriod(p, ctx.lang));
  return {
    ...baseOption(ctx),
    title: { text: def.label[ctx.lang], left: 'left', textStyle: { fontSize: 14 } },
    legend: groups.size > 1 ? { top: 0, right: 0 } : undefined,
    xAxis: { type: 'category', data: labels, axisLabel: categoryAxisLabel(labels, { slantOver: 6 }) },
    yAxis: {
      type: 'value',
      min: percent ? 0 : undefined,
      max: percent ? 1 : undefined,
      minInterval: def.format === 'count' ? 1 : undefined,
      axisLabel: { formatter: (v: number) => formatAxisValue(v, def.format, ctx.lang) },
    },
    series: [...groups].map(([name, byPeriod]) => ({
      name: name || def.label[ctx.lang],
      type: 'line',
      tooltip: valueTooltip(def.format, ctx),
      // Each point carries its period, so a click (or Enter on its key, see metric-chart) opens the tickets behind it.
      data: periods.map((p) => ({ value: byPeriod.get(p) ?? null, keys: { period: p } })),
      connectNulls: false,
      symbolSize: 6,
    })),
  };
}
