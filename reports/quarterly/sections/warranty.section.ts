// Quality edition: the installed base's claims per 1,000 units by months in service (the MIS / "Nevada" table of
// the quality page's warranty tab) for the models with the most units, per production month: the latest
// production months, the first months in service, each row with its units (the most at risk in any month).
import type { Content, CustomTableLayout } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import { cohortLabel } from '../../../presentation/charts/mis-lines.option.ts';
import { formatPerThousandCell, formatValue } from '../../../presentation/format/format-value.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { dataTable } from '../../render/data-table.ts';
import { reportLimits, type ReportData } from '../read-report-data.ts';

type Warranty = NonNullable<ReportData['warranty']>;

/** Light horizontal lines (the look of every report table) with 2 pt of padding either side of a cell. */
const narrowLines: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : i === node.table.headerRows ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i) => (i === 1 ? 'black' : '#aaaaaa'),
  paddingLeft: (i) => (i === 0 ? 0 : 2),
  paddingRight: (i, node) => (i === (node.table.widths?.length ?? 0) - 1 ? 0 : 2),
};

export function warrantySection(ctx: ReportContext, warranty: Warranty): Content {
  const lang = ctx.lang;
  const def = metricCatalog.claims_per_thousand;
  return [
    { text: t(lang, 'misTitle'), style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${def.label[lang]}${lang === 'zh' ? '：' : ': '}${def.formula[lang]}`, style: 'note' },
    { text: t(lang, 'misReportNote').replace('{n}', formatValue(reportLimits.misCohorts, 'count', lang)), style: 'note' },
    ...warranty.flatMap(({ product_model, table }) => {
      const cohorts = [...new Set(table.rows.map((r) => r.cohort))].slice(-reportLimits.misCohorts);
      const months = Array.from({ length: table.months }, (_, i) => i + 1);
      const cell = new Map(table.rows.map((r) => [`${r.cohort}|${r.months_in_service}`, r]));
      const rows = cohorts.map((c) => {
        const ofCohort = table.rows.filter((r) => r.cohort === c);
        return [
          cohortLabel(c, table.by, lang),
          formatValue(Math.max(...ofCohort.map((r) => r.units_at_risk)), 'count', lang),
          ...months.map((m) => {
            const x = cell.get(`${c}|${m}`);
            return x ? formatPerThousandCell(x.claims_per_thousand, lang) : '';
          }),
        ];
      });
      return [
        { text: product_model, bold: true, margin: [0, 6, 0, 0] },
        rows.length
          ? {
              ...(dataTable([t(lang, 'misByMonth'), t(lang, 'misUnitsAtRisk'), ...months.map(String)], rows, {
                // Fourteen columns on an A4 page: fixed widths and narrow padding ('1,000.0' in 7 pt is about 24 pt).
                widths: [40, 26, ...months.map(() => 28)],
              }) as object),
              layout: narrowLines,
              fontSize: 7,
            }
          : { text: t(lang, 'noData'), style: 'note' },
      ] as Content[];
    }),
  ];
}
