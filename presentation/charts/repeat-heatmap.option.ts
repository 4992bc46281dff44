// repeat_rate rows split by product_model and fault_code -> a heatmap (models down, faults across), the
// colour the repeat rate, each cell carrying its counts and keys for the drill-down. Cells with fewer than
// `minTickets` tickets are left out: one repeat of two tickets is not a pattern.
import type { EChartsOption } from 'echarts';
import { format } from 'echarts/core';
import type { MetricRow } from '../../warehouse/queries/metric-series.ts';
import { formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, categoryAxisLabel, noDataOption, type ChartContext } from './chart-theme.ts';

export function repeatHeatmapOption(
  rows: readonly MetricRow[],
  ctx: ChartContext,
  opts: { title: string; minTickets?: number; scaleTitle?: string },
): EChartsOption {
  const min = opts.minTickets ?? 5;
  const cells = rows.filter((r) => (r.denominator ?? 0) >= min && r.product_model && r.fault_code);
  const models = [...new Set(cells.map((r) => String(r.product_model)))].sort();
  const faults = [...new Set(cells.map((r) => String(r.fault_code)))].sort();
  const max = Math.max(0.05, ...cells.map((r) => r.value ?? 0));
  if (cells.length === 0) return noDataOption(opts.title, ctx) as EChartsOption;
  const pct = (v: number) => formatValue(v, 'percent', ctx.lang);
  return {
    ...baseOption(ctx),
    title: { text: opts.title, left: 'left', textStyle: { fontSize: 14 } },
    tooltip: ctx.static
      ? undefined
      : {
          trigger: 'item',
          formatter: (p: unknown) => {
            const d = (p as { data: { keys: Record<string, string>; n: number; d: number; value: [number, number, number] } }).data;
            // HTML, with the model and fault from a loaded file: escaped.
            return `${format.encodeHTML(d.keys.product_model)} · ${format.encodeHTML(d.keys.fault_code)}<br>${formatValue(d.value[2], 'percent', ctx.lang)} (${formatValue(d.n, 'count', ctx.lang)}/${formatValue(d.d, 'count', ctx.lang)})`;
          },
        },
    grid: { left: 120, right: 24, top: 48, bottom: 80, containLabel: true },
    xAxis: {
      type: 'category',
      data: faults,
      name: t(ctx.lang, 'faultCode'),
      nameLocation: 'middle',
      nameGap: faults.length > 6 ? 64 : 28,
      splitArea: { show: true },
      axisLabel: categoryAxisLabel(faults, { slantOver: 6, width: 96 }),
    },
    // Every model labelled, however many: no interval, cut long names (the tooltip says them in full).
    yAxis: { type: 'category', data: models, splitArea: { show: true }, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    // The colour scale titled and numbered at both ends ("repeat rate 0.0%" … "25.0%"), its handles formatted too,
    // so a colour reads as a repeat rate.
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f4f7fb', '#f29d38', '#d64545'] },
      text: [pct(max), `${opts.scaleTitle ?? opts.title} ${pct(0)}`],
      formatter: (v: number) => pct(v),
    },
    series: [
      {
        type: 'heatmap',
        name: opts.title,
        data: cells.map((r) => ({
          value: [faults.indexOf(String(r.fault_code)), models.indexOf(String(r.product_model)), r.value ?? 0],
          n: r.numerator,
          d: r.denominator,
          keys: { product_model: r.product_model, fault_code: r.fault_code },
        })),
      },
    ],
  } as EChartsOption;
}
