// Appendix: every metric's definition, from the catalog the dashboard's tooltips use.
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog, type MetricKey } from '../../../contract/metrics/catalog.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';

export function definitionsSection(ctx: ReportContext, metrics: MetricKey[]): Content {
  return [
    { text: t(ctx.lang, 'definitions'), style: 'h1', tocItem: true, pageBreak: 'before' },
    {
      table: {
        headerRows: 1,
        // The metric column as wide as its longest word (at the least): a name or key never breaks mid-word.
        widths: ['auto', '*'],
        body: [
          [
            { text: t(ctx.lang, 'metric'), bold: true, fillColor: '#eef2f8' },
            { text: t(ctx.lang, 'definition'), bold: true, fillColor: '#eef2f8' },
          ],
          ...metrics.map((k) => [
            { text: ctx.catalog[k].label[ctx.lang], fontSize: 9 },
            { text: ctx.catalog[k].formula[ctx.lang], fontSize: 9 },
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}
