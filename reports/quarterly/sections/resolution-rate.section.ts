// Resolution rate: the quarter's trend by month (the dashboard's chart, as vector SVG) and a table by region
// with a total row.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../warehouse/metrics/catalog.ts';
import type { MetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { metricTrendOption } from '../../../web/charts/metric-trend.option.ts';
import { formatValue } from '../../../web/format/format-value.ts';
import { t } from '../../../web/i18n/messages.ts';
import { renderChartSvg } from '../../render/echarts-svg.ts';
import { pdfFontFamily } from '../../render/fonts.ts';
import type { ReportContext } from '../report-context.ts';

export interface ResolutionRateData {
  byMonth: MetricSeries;
  byRegion: MetricSeries;
  total: MetricSeries;
}

export function resolutionRateSection(ctx: ReportContext, data: ResolutionRateData): Content {
  const def = metricCatalog.resolution_rate;
  const head = (key: Parameters<typeof t>[1]): TableCell => ({ text: t(ctx.lang, key), bold: true, fillColor: '#eef2f8' });
  const row = (label: string, r: MetricSeries['rows'][number] | undefined, bold = false): TableCell[] => [
    { text: label, bold },
    { text: String(r?.numerator ?? 0), alignment: 'right', bold },
    { text: String(r?.denominator ?? 0), alignment: 'right', bold },
    { text: formatValue(r?.value ?? null, def.format, ctx.lang), alignment: 'right', bold },
  ];
  const svg = renderChartSvg(metricTrendOption(data.byMonth, def, { lang: ctx.lang, fontFamily: pdfFontFamily, static: true }), { width: 640, height: 260 });
  return [
    { text: def.label[ctx.lang], style: 'h1', tocItem: true },
    { text: def.formula[ctx.lang], style: 'note' },
    { svg, width: 480, margin: [0, 8, 0, 8] },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', 'auto'],
        body: [
          [head('region'), head('resolved'), head('counted'), { text: def.label[ctx.lang], bold: true, fillColor: '#eef2f8' }],
          ...data.byRegion.rows.map((r) => row(String(r.region ?? t(ctx.lang, 'unspecified')), r)),
          row(t(ctx.lang, 'total'), data.total.rows[0], true),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}
