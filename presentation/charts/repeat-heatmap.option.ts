// repeat_rate rows split by product_model and fault_code -> a heatmap (models down, faults across), the
// colour the repeat rate, each cell carrying its counts and keys for the drill-down. Cells with fewer than
// `minTickets` tickets are left out: one repeat of two tickets is not a pattern.
import type { EChartsOption } from 'echarts';
import { format } from 'echarts/core';
import type { MetricRow } from '../../warehouse/queries/metric-series.ts';
import { formatValue } from '../format/format-value.ts';
import { baseOption, type ChartContext } from './chart-theme.ts';

export function repeatHeatmapOption(rows: readonly MetricRow[], ctx: ChartContext, opts: { title: string; minTickets?: number }): EChartsOption {
  const min = opts.minTickets ?? 5;
  const cells = rows.filter((r) => (r.denominator ?? 0) >= min && r.product_model && r.fault_code);
  const models = [...new Set(cells.map((r) => String(r.product_model)))].sort();
  const faults = [...new Set(cells.map((r) => String(r.fault_code)))].sort();
  const max = Math.max(0.05, ...cells.map((r) => r.value ?? 0));
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
    xAxis: { type: 'category', data: faults, splitArea: { show: true }, axisLabel: { interval: 0, rotate: faults.length > 12 ? 45 : 0 } },
    yAxis: { type: 'category', data: models, splitArea: { show: true }, axisLabel: { interval: 0 } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f7fb', '#f29d38', '#d64545'] },
      // The scale's ends in numbers (high, low), so a colour reads as a repeat rate.
      text: [formatValue(max, 'percent', ctx.lang), formatValue(0, 'percent', ctx.lang)],
      formatter: (v: number) => formatValue(v, 'percent', ctx.lang) },
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
