// fault_pareto rows of one period -> bars (tickets per fault, the vital few in the accent colour) and the
// cumulative share as a line on a second axis, with the 80 % mark. Shared by the Quality page and the PDF.
import type { EChartsOption } from 'echarts';
import type { MetricRow } from '../../warehouse/queries/metric-series.ts';
import { formatAxisValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, categoryAxisLabel, noDataOption, palette, valueTooltip, type ChartContext } from './chart-theme.ts';

export function faultParetoOption(
  rows: readonly MetricRow[],
  ctx: ChartContext,
  opts: { title: string; key?: 'fault_code' | 'fault_category'; top?: number },
): EChartsOption {
  const key = opts.key ?? 'fault_code';
  const shown = rows.slice(0, opts.top ?? 20);
  const label = (r: MetricRow) => String(r[key] ?? t(ctx.lang, 'unspecified'));
  if (shown.length === 0) return noDataOption(opts.title, ctx) as EChartsOption;
  const labels = shown.map(label);
  return {
    ...baseOption(ctx),
    title: { text: opts.title, left: 'left', textStyle: { fontSize: 14 } },
    xAxis: { type: 'category', data: labels, axisLabel: categoryAxisLabel(labels) },
    yAxis: [
      {
        type: 'value',
        name: t(ctx.lang, 'tickets'),
        minInterval: 1,
        axisLabel: { formatter: (v: number) => formatAxisValue(v, 'count', ctx.lang) },
      },
      {
        type: 'value',
        name: t(ctx.lang, 'cumulativeShare'),
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => formatAxisValue(v, 'percent', ctx.lang) },
      },
    ],
    series: [
      {
        name: t(ctx.lang, 'tickets'),
        type: 'bar',
        tooltip: valueTooltip('count', ctx),
        data: shown.map((r) => ({
          value: r.numerator ?? 0,
          itemStyle: { color: r.vital ? palette[3] : palette[0] },
          keys: { [key]: r[key] ?? '' },
        })),
      },
      {
        name: t(ctx.lang, 'cumulativeShare'),
        type: 'line',
        tooltip: valueTooltip('percent', ctx),
        yAxisIndex: 1,
        data: shown.map((r) => r.cumulative_share ?? null),
        // The mark's label at the right end, over the smallest bars: at the left it covered the first (tallest) bar.
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 0.8 }],
          label: { formatter: formatAxisValue(0.8, 'percent', ctx.lang), position: 'insideEndTop' },
          lineStyle: { type: 'dashed', color: palette[7] },
        },
      },
    ],
  } as EChartsOption;
}
