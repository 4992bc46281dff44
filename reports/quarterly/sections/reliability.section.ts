// The quality edition's reliability with the installed base: the Weibull fits with suspensions per model and
// batch (shape, scale, B10 life with their 95 % bounds), the probability plot (the dashboard's chart), the
// warranty claims forecast for the next 12 months per model with interval and cost, and, for all models
// together, the forecast made a year earlier beside the claims that arrived. Read as it stands at the last data
// day (reliability is over each unit's whole life, not the quarter). Without units: the failures-only fit, said so.
import type { Content } from 'pdfmake/interfaces.js';
import { weibullPlotOption } from '../../../presentation/charts/weibull-plot.option.ts';
import { formatDecimal, formatPeriod, formatValue } from '../../../presentation/format/format-value.ts';
import { t, tFill } from '../../../presentation/i18n/messages.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import type { ReliabilityFitRow } from '../../../warehouse/queries/reliability-fits.ts';
import { chartContent, pdfChartContext } from '../../render/chart-content.ts';
import { dataTable } from '../../render/data-table.ts';
import { type ReliabilityFigures, reportLimits } from '../read-report-data.ts';

/**
 * The fit rows the report prints: every row up to `limit`; past it each model's row and those of its batches whose B10
 * life is shorter than the model's beyond the bounds (the batch's 95 % upper bound below the model's B10), so a
 * thousand batches do not fill the report. The dashboard's page and its CSV keep every batch.
 */
export function reportedFitRows(rows: readonly ReliabilityFitRow[], limit: number): { rows: ReliabilityFitRow[]; leftOut: number } {
  if (rows.length <= limit) return { rows: [...rows], leftOut: 0 };
  const modelB10 = new Map(rows.filter((x) => x.scope === 'model').map((x) => [x.product_model, x.fit?.b10]));
  const kept = rows.filter((x) => {
    if (x.scope === 'model') return true;
    const b10 = modelB10.get(x.product_model);
    const upper = x.fit?.bounds?.b10[1];
    return b10 !== undefined && upper !== undefined && upper < b10;
  });
  return { rows: kept, leftOut: rows.length - kept.length };
}

export function reliabilitySection(ctx: ReportContext, r: ReliabilityFigures): Content {
  const lang = ctx.lang;
  const n = (v: number | null | undefined) => formatValue(v, 'count', lang);
  const money = (v: number | null | undefined) => formatValue(v, 'currency', lang);
  const withBounds = (v: number, b: [number, number] | undefined, f: (x: number) => string) =>
    b ? `${f(v)} [${f(b[0])}, ${f(b[1])}]` : f(v);
  const modelRows = r.fits.rows.filter((x) => x.scope === 'model');
  const basis =
    r.fits.basis === 'units'
      ? tFill(lang, 'rel_withUnits', {
          failures: n(modelRows.reduce((a, x) => a + x.failures, 0)),
          suspensions: n(modelRows.reduce((a, x) => a + x.suspensions, 0)),
          asOf: r.fits.as_of ?? '—',
        })
      : t(lang, 'rel_failuresOnly');
  const notFitted = tFill(lang, 'rel_notFitted', { n: n(r.fits.min_failures) });
  const reported = reportedFitRows(r.fits.rows, reportLimits.reliabilityRows);
  const fitRows = reported.rows.map((x) => [
    x.product_model ?? t(lang, 'unspecified'),
    x.scope === 'model' ? t(lang, 'rel_allBatches') : (x.production_batch ?? t(lang, 'rel_noBatch')),
    x.units,
    x.failures,
    x.suspensions,
    x.fit ? withBounds(x.fit.shape, x.fit.bounds?.shape, (v) => formatDecimal(v, lang)) : notFitted,
    x.fit ? withBounds(x.fit.scale, x.fit.bounds?.scale, n) : '—',
    x.fit ? withBounds(x.fit.b10, x.fit.bounds?.b10, n) : '—',
  ]);
  const content: Content[] = [
    { text: t(lang, 'rel_title'), style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: ctx.catalog.reliability_fits.formula[lang], style: 'note' },
    { text: basis, bold: true, margin: [0, 2, 0, 4] },
    dataTable(
      [
        t(lang, 'rel_model'),
        t(lang, 'rel_batch'),
        t(lang, 'rel_units'),
        t(lang, 'rel_failures'),
        t(lang, 'rel_suspensions'),
        t(lang, 'rel_shape'),
        t(lang, 'rel_scale'),
        t(lang, 'rel_b10'),
      ],
      fitRows,
      {
        widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      },
    ),
    { text: t(lang, 'rel_explainB10'), style: 'note' },
    ...(reported.leftOut ? [{ text: tFill(lang, 'rel_batchesLeftOut', { n: n(reported.leftOut) }), style: 'note' }] : []),
  ];
  if (r.fits.basis === 'units')
    content.push(chartContent(weibullPlotOption(r.fits, pdfChartContext(lang), { title: t(lang, 'rel_plot') }), 300), {
      text: t(lang, 'rel_explainPlot'),
      style: 'note',
    });
  content.push({ text: t(lang, 'rel_forecast'), bold: true, margin: [0, 8, 0, 0] });
  if (r.forecast.basis === 'no_units') {
    content.push({ text: t(lang, 'rel_noForecast') });
    return content;
  }
  content.push({ text: ctx.catalog.warranty_forecast.formula[lang], style: 'note' });
  const interval = (x: { low: number; high: number }) => `${n(x.low)}–${n(x.high)}`;
  content.push(
    dataTable(
      [
        t(lang, 'rel_model'),
        t(lang, 'rel_atRisk'),
        t(lang, 'rel_expected'),
        t(lang, 'rel_interval'),
        t(lang, 'rel_meanCost'),
        t(lang, 'rel_cost'),
      ],
      r.forecast.models.map((m) => [
        m.product_model ?? t(lang, 'rel_allModels'),
        m.units_at_risk,
        m.total ? formatDecimal(m.total.expected, lang, 1) : tFill(lang, 'rel_notFitted', { n: n(r.forecast.min_failures) }),
        m.total ? interval(m.total) : '—',
        money(m.mean_cost_per_claim),
        m.total?.cost == null ? '—' : `${money(m.total.cost)} [${money(m.total.cost_low)}, ${money(m.total.cost_high)}]`,
      ]),
      { totalRow: r.forecast.models.length > 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto'] },
    ),
  );
  // By month: all models together (the last row when there are several), next 12 months and the year compared.
  const whole = r.forecast.models.at(-1);
  if (whole?.total) {
    const name = whole.product_model ?? t(lang, 'rel_allModels');
    content.push(
      { text: `${t(lang, 'rel_forecast')} · ${name}`, bold: true, margin: [0, 6, 0, 0] },
      dataTable(
        [t(lang, 'rel_month'), t(lang, 'rel_expected'), t(lang, 'rel_interval'), t(lang, 'rel_cost')],
        whole.months.map((m) => [formatPeriod(m.month, lang), formatDecimal(m.expected, lang, 1), interval(m), money(m.cost)]),
      ),
    );
    const c = whole.comparison;
    if (c)
      content.push(
        { text: `${tFill(lang, 'rel_comparison', { cutoff: c.cutoff })} · ${name}`, bold: true, margin: [0, 6, 0, 0] },
        dataTable(
          [t(lang, 'rel_month'), t(lang, 'rel_expected'), t(lang, 'rel_interval'), t(lang, 'rel_actual')],
          [
            ...c.months.map((m) => [
              formatPeriod(m.month, lang),
              formatDecimal(m.expected, lang, 1),
              interval(m),
              formatValue(m.actual, 'count', lang),
            ]),
            [t(lang, 'rel_total'), formatDecimal(c.total.expected, lang, 1), interval(c.total), formatValue(c.total.actual, 'count', lang)],
          ],
          { totalRow: true },
        ),
      );
  }
  return content;
}
