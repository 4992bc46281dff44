// Resolution rate: the quarter's trend by month (the dashboard's chart, as vector SVG) and a table by region
// with a total row.
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { metricTrendOption } from '../../../presentation/charts/metric-trend.option.ts';
import { formatValue } from '../../../presentation/format/format-value.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import { chartContent, pdfChartContext } from '../../render/chart-content.ts';
import { dataTable } from '../../render/data-table.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';

export interface ResolutionRateData {
  byMonth: MetricSeries;
  byRegion: MetricSeries;
  total: MetricSeries;
}

export function resolutionRateSection(ctx: ReportContext, data: ResolutionRateData): Content {
  const def = metricCatalog.resolution_rate;
  const row = (label: string, r: MetricSeries['rows'][number] | undefined) => [
    label,
    r?.numerator ?? 0,
    r?.denominator ?? 0,
    formatValue(r?.value ?? null, def.format, ctx.lang),
  ];
  return [
    { text: def.label[ctx.lang], style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: def.formula[ctx.lang], style: 'note' },
    chartContent(metricTrendOption(data.byMonth, def, pdfChartContext(ctx.lang))),
    dataTable(
      [t(ctx.lang, 'region'), t(ctx.lang, 'resolved'), t(ctx.lang, 'counted'), def.label[ctx.lang]],
      [
        ...data.byRegion.rows.map((r) => row(String(r.region ?? t(ctx.lang, 'unspecified')), r)),
        row(t(ctx.lang, 'total'), data.total.rows[0]),
      ],
      { totalRow: true },
    ),
  ];
}
