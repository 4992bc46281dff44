// The management overview's bar charts, built once for the dashboard and the quarterly report, so a chart in
// the PDF is the dashboard's chart: SLA by severity, satisfaction distribution, complaints by category, cost.
import type { EChartsOption } from 'echarts';
import { metricCatalog } from '../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../warehouse/queries/metric-series.ts';
import { barByDimensionOption } from './bar-by-dimension.option.ts';
import type { ChartContext } from './chart-theme.ts';

const bars = (s: MetricSeries) => s.rows.map((r) => ({ ...r, value: r.value ?? null }));

/** sla_compliance by severity and sla_target. */
export const slaBySeverityOption = (s: MetricSeries, ctx: ChartContext): EChartsOption =>
  barByDimensionOption(
    bars(s),
    {
      title: metricCatalog.sla_compliance.label[ctx.lang],
      category: 'severity',
      series: 'sla_target',
      format: 'percent',
      order: ['1', '2', '3', '4', ''],
    },
    ctx,
  );

/** satisfaction_distribution by score. */
export const satisfactionOption = (s: MetricSeries, ctx: ChartContext): EChartsOption =>
  barByDimensionOption(
    bars(s),
    {
      title: metricCatalog.satisfaction_distribution.label[ctx.lang],
      category: 'score',
      format: 'count',
      order: ['1', '2', '3', '4', '5'],
    },
    ctx,
  );

/** complaints by category and verified. */
export const complaintsOption = (s: MetricSeries, ctx: ChartContext): EChartsOption =>
  barByDimensionOption(
    bars(s),
    { title: metricCatalog.complaints.label[ctx.lang], category: 'category', series: 'verified', format: 'count', stack: true },
    ctx,
  );

/** cost by cost_type and warranty. */
export const costOption = (s: MetricSeries, ctx: ChartContext): EChartsOption =>
  barByDimensionOption(
    bars(s),
    {
      title: metricCatalog.cost.label[ctx.lang],
      category: 'cost_type',
      series: 'warranty',
      format: 'currency',
      stack: true,
      order: ['parts', 'labour', 'travel'],
    },
    ctx,
  );
