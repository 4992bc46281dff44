// SLA compliance by severity, satisfaction, complaints and cost: the dashboard's charts (same option builders)
// with their figures as tables.
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../../warehouse/queries/metric-series.ts';
import {
  complaintsOption,
  costOption,
  satisfactionOption,
  slaBySeverityOption,
} from '../../../presentation/charts/overview-charts.option.ts';
import { formatValue } from '../../../presentation/format/format-value.ts';
import { dimensionLabel } from '../../../presentation/i18n/dimension-labels.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import { chartContent, pdfChartContext } from '../../render/chart-content.ts';
import { dataTable } from '../../render/data-table.ts';
import type { ReportData } from '../read-report-data.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';

const severityOrder = ['1', '2', '3', '4', ''];
const targetOrder = ['response', 'arrival', 'resolution'];

export function slaSection(ctx: ReportContext, sla: MetricSeries): Content {
  const w = reportWords(ctx.lang);
  const rows = [...sla.rows]
    .sort(
      (a, b) =>
        severityOrder.indexOf(String(a.severity ?? '')) - severityOrder.indexOf(String(b.severity ?? '')) ||
        targetOrder.indexOf(String(a.sla_target)) - targetOrder.indexOf(String(b.sla_target)),
    )
    .map((r) => [
      dimensionLabel('severity', r.severity ?? '', ctx.lang),
      dimensionLabel('sla_target', r.sla_target, ctx.lang),
      r.numerator ?? 0,
      r.denominator ?? 0,
      formatValue(r.value, 'percent', ctx.lang),
    ]);
  return [
    { text: w.sla, style: 'h1', tocItem: true, pageBreak: 'before' },
    {
      text: `${metricCatalog.sla_compliance.formula[ctx.lang]}${sla.as_of ? ` · ${t(ctx.lang, 'asOf')} ${sla.as_of}` : ''}`,
      style: 'note',
    },
    chartContent(slaBySeverityOption(sla, pdfChartContext(ctx.lang))),
    dataTable([w.severity, w.target, w.met, w.due, w.rate], rows, { align: ['left', 'left', 'right', 'right', 'right'] }),
  ];
}

export function satisfactionAndComplaintsSection(
  ctx: ReportContext,
  d: Pick<ReportData, 'satisfaction' | 'complaints' | 'cost' | 'kpis'>,
): Content {
  const w = reportWords(ctx.lang);
  const csat = d.kpis.find((k) => k.metric === 'csat')?.value ?? null;
  const complaintRows = d.complaints.rows.map((r) => [
    dimensionLabel('category', r.category ?? '', ctx.lang),
    dimensionLabel('verified', r.verified, ctx.lang),
    r.numerator ?? 0,
  ]);
  const costRows = d.cost.rows.map((r) => [
    dimensionLabel('cost_type', r.cost_type, ctx.lang),
    dimensionLabel('warranty', r.warranty, ctx.lang),
    formatValue(r.numerator ?? 0, 'currency', ctx.lang),
  ]);
  return [
    { text: w.satisfaction, style: 'h1', tocItem: true, pageBreak: 'before' },
    {
      text: `${metricCatalog.csat.label[ctx.lang]}: ${formatValue(csat, 'percent', ctx.lang)} · ${metricCatalog.csat.formula[ctx.lang]}`,
      style: 'note',
    },
    chartContent(satisfactionOption(d.satisfaction, pdfChartContext(ctx.lang)), 220),
    { text: w.complaints, style: 'h1', tocItem: true },
    { text: metricCatalog.complaints.formula[ctx.lang], style: 'note' },
    chartContent(complaintsOption(d.complaints, pdfChartContext(ctx.lang)), 220),
    dataTable([w.category, w.verified, w.count], complaintRows, { align: ['left', 'left', 'right'] }),
    { text: w.cost, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: metricCatalog.cost.formula[ctx.lang], style: 'note' },
    chartContent(costOption(d.cost, pdfChartContext(ctx.lang)), 220),
    dataTable([w.costType, w.payer, w.amount], costRows, { align: ['left', 'left', 'right'] }),
  ];
}
