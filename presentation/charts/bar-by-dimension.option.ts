// Rows split by one dimension (the categories on the x axis) and optionally a second (one bar series each) ->
// an ECharts bar chart. Shared by the dashboard and the PDF. Each bar carries its raw values in `data.keys`
// so a click can open the tickets behind it.
import type { EChartsOption } from 'echarts';
import type { MetricFormat } from '../../contract/metrics/catalog.ts';
import { formatAxisValue } from '../format/format-value.ts';
import { dimensionLabel } from '../i18n/dimension-labels.ts';
import { baseOption, categoryAxisLabel, hasValues, noDataOption, valueTooltip, type ChartContext } from './chart-theme.ts';

export interface BarRow {
  value: number | null;
  [dimension: string]: unknown;
}

export interface BarSpec {
  title: string;
  category: string;
  series?: string;
  format: MetricFormat;
  /** The category axis' title (e.g. months in service), under its labels. */
  categoryTitle?: string;
  /** The value axis' title, when its numbers need words (what is counted). */
  valueTitle?: string;
  /** Category values in display order (default: as they come). */
  order?: string[];
  stack?: boolean;
}

export function barByDimensionOption(rows: BarRow[], spec: BarSpec, ctx: ChartContext): EChartsOption {
  const categories = spec.order ?? [...new Set(rows.map((r) => String(r[spec.category] ?? '')))];
  const seriesKeys = spec.series ? [...new Set(rows.map((r) => String(r[spec.series!] ?? '')))].sort() : [''];
  const value = (cat: string, s: string) =>
    rows.find((r) => String(r[spec.category] ?? '') === cat && (!spec.series || String(r[spec.series] ?? '') === s))?.value ?? null;
  if (!hasValues(rows.map((r) => r.value))) return noDataOption(spec.title, ctx) as EChartsOption;
  const labels = categories.map((c) => dimensionLabel(spec.category, c, ctx.lang));
  const axisLabel = categoryAxisLabel(labels);
  return {
    ...baseOption(ctx),
    title: { text: spec.title, left: 'left', textStyle: { fontSize: 14 } },
    legend: spec.series ? { top: 0, right: 0 } : undefined,
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel,
      ...(spec.categoryTitle ? { name: spec.categoryTitle, nameLocation: 'middle' as const, nameGap: axisLabel.rotate ? 72 : 28 } : {}),
    },
    yAxis: {
      type: 'value',
      max: spec.format === 'percent' ? 1 : undefined,
      // Counts are whole: no 0.2 steps labelled 0, 0, 0, 1, 1, 1 when the bars are small.
      minInterval: spec.format === 'count' ? 1 : undefined,
      ...(spec.valueTitle ? { name: spec.valueTitle, nameLocation: 'middle' as const, nameGap: 48 } : {}),
      axisLabel: { formatter: (v: number) => formatAxisValue(v, spec.format, ctx.lang) },
    },
    series: seriesKeys.map((s) => ({
      name: spec.series ? dimensionLabel(spec.series, s, ctx.lang) : spec.title,
      type: 'bar',
      stack: spec.stack ? 'total' : undefined,
      tooltip: valueTooltip(spec.format, ctx),
      data: categories.map((c) => ({ value: value(c, s), keys: { [spec.category]: c, ...(spec.series ? { [spec.series]: s } : {}) } })),
      label: { show: false, textBorderColor: 'transparent' },
    })),
  } as EChartsOption;
}
